"""Who writes decides what a letter can be: a lawyer asking for papers, a firm writing to all its clients."""

from __future__ import annotations

import pytest

from classifiers.decide import Hints, classify
from tests.classifiers.test_decide import _Model

LAWYER = ("CABINET MARQUÈS-BÉNAZET\nThéo MARQUÈS-BÉNAZET\nAvocat au Barreau de Toulouse — Droit de la famille\n"
          "41, rue de Metz — 31000 TOULOUSE\nPATRIMOINE\nGestion Locative\nToulouse, le 5 octobre 2020\n"
          "Objet : Mme Aurore DELPECH\nRéférence locataire : 0671284\nMadame, Monsieur,\n"
          "Je suis le conseil de Mme Aurore DELPECH, locataire de votre logement, dans le cadre de la procédure "
          "de divorce qui l'oppose à son époux devant le juge aux affaires familiales.\n"
          "Je vous remercie de bien vouloir me faire parvenir une attestation précisant les titulaires du bail "
          "et les quittances de loyer des mois de janvier à septembre 2020.\n")
LEANS_TO_RECEIPTS = _Model({"certificate_or_receipt_request": 0.5, "legal_notice": 0.055, "other": 0.001})


def test_a_lawyer_asking_for_receipts_is_no_legal_notice_on_the_letterhead_alone():
    c = classify(LAWYER, LEANS_TO_RECEIPTS)
    assert c.type == "certificate_or_receipt_request" and c.confidence <= 0.5
    # a lawyer's formal notice stays a legal notice
    notice = LAWYER.replace("Je vous remercie de bien vouloir", "Je vous mets en demeure de")
    c = classify(notice, LEANS_TO_RECEIPTS)
    assert c.type == "legal_notice" and c.confidence >= 0.95
    # and a bailiff's letterhead is an act's, whatever the model leans to
    bailiff = LAWYER.replace("Avocat au Barreau de Toulouse", "Commissaire de justice")
    assert classify(bailiff, LEANS_TO_RECEIPTS).type == "legal_notice"


LIFTS = ("ELEVA SUD ASCENSEURS\nAgence Toulouse Métropole — 21 chemin de la Loge — 31100 Toulouse\n"
         "À l'attention des gestionnaires de patrimoine et services techniques de nos clients bailleurs\n"
         "Objet : COVID-19 — Plan de continuité d'activité de la maintenance de vos ascenseurs\n"
         "Madame, Monsieur,\nLes dépannages d'appareils à l'arrêt sont traités en priorité ; les visites "
         "d'entretien préventif sont suspendues.\nFabrice Oyarzabal\nDirecteur d'agence\n")


def test_a_firms_letter_to_all_its_clients_is_no_tenants_repair_request():
    sure = _Model({"repair_request": 0.93, "other": 0.05})
    c = classify(LIFTS, sure)
    assert c.type == "repair_request" and c.confidence <= 0.5
    # a tenant's own letter about the lift stays confident
    tenant = LIFTS.replace("de nos clients bailleurs", "").replace("Plan de continuité d'activité", "panne")
    assert classify(tenant, sure).confidence >= 0.9


def test_a_spanish_corrective_invoice_naming_the_invoice_it_corrects_is_a_credit_note():
    text = ("MAMPARAS LEVANTE PROTECCION, S.L.\nFACTURA RECTIFICATIVA (ABONO)\nN2 factura rectificativa: R-2020/0058\n"
            "Factura rectificada: 2020/0412 de fecha 18/05/2020\nBase imponible -1.110,00 €\nTOTAL ABONO -1.110,00 €\n")
    unsure = _Model({"supplier_quote": 0.5, "supplier_invoice": 0.11, "supplier_credit_note": 0.02})
    c = classify(text, unsure, Hints(priced=True, credited=True))
    assert c.type == "supplier_credit_note" and c.confidence >= 0.95


def test_a_title_behind_a_stray_mark_still_names_the_piece():
    text = ("COMPTOIR SANITAIRE GARONNAIS AGENCE TOULOUSE\nCHAUFFAGE - SANITAIRE - PLOMBERIE\n"
            "3\" AVOIR © ® N° A0021457 DU 09/02/21 PAGE 1/1\nRETOUR MARCHANDISE / SUR FACTURE FA0187562 DU 29/01/21\n")
    unsure = _Model({"supplier_credit_note": 0.5, "supplier_invoice": 0.29, "supplier_quote": 0.01})
    c = classify(text, unsure, Hints(priced=True))
    assert c.type == "supplier_credit_note" and c.confidence >= 0.95


PAINTING = ("Ioana POPESCU\nRésidence Les Jardins de Cugnaux, appt 7\n31270 CUGNAUX\nRéf locataire: 0671190\n"
            "Objet: demande autorisation pour faire travaux dans appartement\nBonjour Madame, Monsieur,\n"
            "Je voudrais demander votre autorisation pour repeindre la chambre des enfants et le couloir.\n"
            "Je ne veux pas avoir problème à la fin quand nous partons, pour l'état des lieux. Est-ce que c'est possible ?\n"
            "Cordialement,\nIoana Popescu\n")
SURE_OF_LEAVING = _Model({"lease_termination": 0.95, "other": 0.04, "repair_request": 0.01})


def test_a_notice_to_leave_that_names_no_leaving_goes_to_a_person():
    """The check-out inspection named in a request to paint is no notice to leave."""
    c = classify(PAINTING, SURE_OF_LEAVING)
    assert c.type == "lease_termination" and c.confidence <= 0.5 and c.method == "conflict"


@pytest.mark.parametrize("leaving", [
    "Je vous donne mon congé pour le logement.",
    "je vous rends l'appart a la fin du mois, je part chez ma copine.",
    "Nous partons vivre au Portugal pour notre retraite. Le logement sera rendu le 30 juin.",
    "My father passed away on 6 April; I wish to end his tenancy.",
])
def test_a_notice_to_leave_in_its_own_words_stays_as_the_model_says(leaving):
    c = classify("Objet : mon logement\nMadame, Monsieur,\n" + leaving + "\nCordialement\n", SURE_OF_LEAVING)
    assert c.type == "lease_termination" and c.confidence > 0.8
