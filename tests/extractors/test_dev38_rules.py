"""Rules read from mail written by other hands (the thirty-eighth development set): a title spaced
out, « CDE CLIENT : », « Diag'Expert » (no tagline's « expert »), « Jeune accompagnée : », an
office's « Antenne », the OCR's « Obijet : »."""

from __future__ import annotations

from config.registries import Registries
from extractors.fields import extract_fields
from tests.extractors.test_fields_third_party import tenant

NONE = Registries((), ())


def supplier(doc_type, text):
    return extract_fields(doc_type, "supplier", text, NONE).fields


def test_a_title_spaced_out_and_a_customers_order_abbreviated():
    credit = ("CLAIR NET MIDI\nSARL de nettoyage\n                  A V O I R N° AV-2020-0031\nDate : 30/06/2020\n"
              "TOTAL TTC -240,00\n")
    assert supplier("supplier_credit_note", credit)["invoice_number"] == "AV-2020-0031"
    invoice = ("VIGILIS SECURITE PRIVEE\n F A C T U R E N° FAC0020456\nDATE : 30/11/2020\n"
               "CDE CLIENT : BC20-01562 SITE : RESIDENCE LALANDE\nTOTAL TTC 1 200,00\n")
    f = supplier("supplier_invoice", invoice)
    assert f["invoice_number"] == "FAC0020456" and f["order_reference"] == "BC20-01562"


def test_expert_after_an_apostrophe_is_a_name_not_a_tagline():
    quote = ("DIAG'EXPERT PYRÉNÉES\nDiagnostics immobiliers — Repérages amiante avant travaux — Plomb — DPE\n"
             "18 avenue de Muret — 31300 Toulouse — 05 34 40 81 26 — bureau@diagexpert-pyrenees.fr\n"
             "DEVIS N° 2021-0228\nTOTAL TTC 1 440,00\n")
    assert supplier("supplier_quote", quote)["supplier_name"] == "Diag'Expert Pyrénées"


def test_a_young_person_an_office_accompanies_and_its_antenna():
    letter = ("Mission Locale Toulouse Ouest\nAntenne de Tournefeuille\n4 impasse Max Baylac — 31170 Tournefeuille\n"
              "PATRIMOINE\nGestion locative\nTournefeuille, le 27 janvier 2021\n"
              "Objet : demande d'attestation de loyer et de quittances\n"
              "Jeune accompagnée : Mile Maëlys RANDRIANASOLO\n"
              "Adresse : 31 chemin de la Ramée, résidence Le Lac, appt 8, 31170 Tournefeuille\nMadame, Monsieur,\n"
              "J'accompagne Maëlys Randrianasolo, 20 ans, locataire de votre organisme.\n")
    assert tenant(letter, "certificate_or_receipt_request")["tenant_name"] == "Maëlys Randrianasolo"


def test_the_ocrs_obijet_names_the_tenant():
    letter = ("ASSOCIATION TUTÉLAIRE GARONNE-COMMINGES\nService mandataire judiciaire à la protection des majeurs\n"
              "PATRIMOINE\nGestion locative - Agence Sud-Est\nToulouse, le 17 février 2021\n"
              "Dossier suivi par : Mme Armelle Vidal-Charbonnel, mandataire judiciaire\n"
              "Obijet : congé du logement - M. ESCUDIÉ Raymond (tutelle)\nRéf. locataire : 20061784\n"
              "Madame, Monsieur,\nDésignée en qualité de tutrice, je vous informe de son admission en EHPAD.\n")
    assert tenant(letter, "lease_termination")["tenant_name"] == "Raymond Escudié"
