"""Rules read from mail written by other hands (the fiftieth development set)."""

from __future__ import annotations

from extractors.matching import simplify_name
from tests.extractors.test_fields_third_party import tenant


def test_a_reference_shaped_like_a_date_of_the_year_0019():
    msa = ("MSA MIDI-PYRENEES NORD\nPATRIMOINE\nSERVICE ENCAISSEMENTS\nTOULOUSE, LE 28/01/2021\n"
           "N. DOSSIER MSA : 045 2217 63\nREF. BAILLEUR : 23-06-0019\nALLOCATAIRE : LABATUT FERNAND\n")
    assert tenant(msa)["tenant_reference"] == "23-06-0019"
    # a real date under the label is still no reference
    assert "tenant_reference" not in tenant(msa.replace("23-06-0019", "23-06-2019"))


def test_a_lawyers_client_renting_a_flat_whose_contract_follows_its_address():
    notice = ("Maître Pierre LAFFONT\nAvocat au Barreau de Toulouse\nPATRIMOINE\nToulouse, le 19 janvier 2021\n"
              "N/Réf. : 21.0014 - KOVALENKO c/ PATRIMOINE\nObjet : MISE EN DEMEURE - logement décent\n"
              "Monsieur le Directeur général,\nJe suis le conseil de Mme Oksana KOVALENKO, locataire de votre organisme depuis le\n"
              "1er mars 2017 d'un appartement de type T2 situé 40 rue Édouard-Branly, appt 117,\n"
              "31200 TOULOUSE (contrat n° 31204-0087).\nMa cliente m'indique que la chaudière est hors service.\n")
    assert tenant(notice, "legal_notice")["tenant_reference"] == "31204-0087"
    # an insurer's contract named beside the flat stays the insurer's
    insured = notice.replace("(contrat n° 31204-0087)", "(contrat d'assurance n° 31204-0087)")
    assert "tenant_reference" not in tenant(insured, "legal_notice")


def test_the_creditor_then_its_reference_then_the_debts_nature():
    bdf = ("BANQUE DE FRANCE\nCommission de surendettement des particuliers de la Haute-Garonne\n"
           "Dossier n° 0312021-0456 - Mme VERDIER-ALAUX Patricia\nVous figurez parmi les créanciers déclarés.\n"
           "Créancier Référence Nature Montant (€)\nSA HLM PATRIMOINE 0664213 Arriérés de loyers 3 412,07\n"
           "BANQUE POSTALE 88120045 Découvert 1 210,00\n")
    assert tenant(bdf, "legal_notice")["tenant_reference"] == "0664213"


def test_a_german_sharp_s_is_the_double_s_of_capitals():
    assert simplify_name("Wendeborn Schließsysteme GmbH") == simplify_name("WENDEBORN SCHLIESSSYSTEME")
