"""Rules read from mail written by other hands (the forty-third development set)."""

from __future__ import annotations

from tests.extractors.test_dev38_rules import supplier
from tests.extractors.test_fields_third_party import tenant


def test_a_reference_given_as_maman_s_or_as_communicated():
    son = ("De : Hélène Dupuy <helene.dupuy75@orange.fr>\nObjet : ma mère ne répond plus\nBonjour,\n"
           "Je vous écris au sujet de ma mère, Mme Marcelle Dupuy, 87 ans, qui vit seule dans un de vos\n"
           "logements : 17 rue des Violettes, 31400 Toulouse (numéro de\nlocataire de maman : 0097342).\n"
           "Depuis lundi elle ne répond plus au téléphone.\nHélène Dupuy\n")
    assert tenant(son, "social_distress")["tenant_reference"] == "0097342"
    aid = ("ACTION LOGEMENT SERVICES\nRéférence dossier : AEC-2020-31-048812\nune aide a été accordée à votre locataire :\n"
           "Bénéficiaire : Mme Svetlana ORLOVA\nLogement : 12 rue des Jonquilles, appartement 3, 31400 TOULOUSE\n"
           "Référence locataire communiquée :0541260\nMontant de l'aide : 150,00 € par mois\n")
    assert tenant(aid, "housing_benefit")["tenant_reference"] == "0541260"


def test_a_credit_notes_date_not_the_invoice_it_credits():
    credit = ("ALGORYS INFORMATIQUE AVOIR\nParc technologique du Canal - 5 rue Hermès\n"
              "31520 Ramonville-Saint-Agne N° AV200031\nTél. 05 62 19 74 30 du 20/04/2020\n"
              "PATRIMOINE SA HLM\nComptabilité Fournisseurs\n"
              "Avoir sur facture FC200412 du 24/03/2020 - Votre commande : PAT-DSI-2020-0093\n"
              "Base HT Taux Montant TVA\n-342,70 20,00 -68,54\nNET AVOIR -411,24 EUR\n")
    assert supplier("supplier_credit_note", credit)["invoice_date"] == "2020-04-20"


def test_a_logo_in_small_letters():
    power = ("énergies de l'Autan\nFournisseur d'électricité - Offre Pro Collectivités & Bailleurs\n"
             "FACTURE D'ÉLECTRICITÉ N° de facture : 10072593418\nDate : 7 mai 2020\nPATRIMOINE SA HLM\n"
             "MONTANT À PAYER: 367,12 € avant le 22/05/2020\n")
    assert supplier("supplier_invoice", power)["supplier_name"].casefold() == "énergies de l'autan"
    # noise in small letters heading a scan is no name
    assert "supplier_name" not in supplier("supplier_invoice", power.replace("énergies de l'Autan", "oe sie sss sere"))


WHOLESALER = ("COMPTOIR SANITAIRE GARONNAIS AGENCE TOULOUSE -LALANDE\nCHAUFFAGE - SANITAIRE - PLOMBERIE\n"
              "3\" AVOIR © ® N° A0021457 DU 09/02/21 PAGE 1/1\nCOMPTE CLIENT : 411PATO2 LIVRE A :\n"
              "RETOUR MARCHANDISE BON R-210204-07 / SUR FACTURE FA0187562 DU 29/01/21\n"
              "VAL-SIPH40 SIPHON EVIER 40 PVC BLANC 12 6,75 35 4,39 52,68\n"
              "BASE HT TVA 20,00 TOTAL HT TOTAL TVA NET A VOTRE CREDIT\n434,18 86,84 434,18 86, 84 521,02 EUR\n"
              "SIRET 31708846600634 - NII FR87317088466 - RCS TOULOUSE\n")


def test_a_credit_notes_number_behind_stray_marks_and_cents_set_apart_before_the_next_amount():
    got = supplier("supplier_credit_note", WHOLESALER)
    assert got["invoice_number"] == "A0021457"
    assert (got["total_excl_tax"], got["total_tax"], got["total_incl_tax"]) == ("-434.18", "-86.84", "-521.02")
