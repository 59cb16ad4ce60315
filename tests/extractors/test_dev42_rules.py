"""Rules read from mail written by other hands (the forty-second development set)."""

from __future__ import annotations

from tests.extractors.test_dev38_rules import supplier
from tests.extractors.test_fields_third_party import tenant

PREFECT = ("PRÉFET DE LA HAUTE-GARONNE\nLiberté - Égalité - Fraternité\n"
           "Bureau de la prévention des expulsions locatives\n"
           "Affaire suivie par : Laetitia FERRANDO - Tél. 05 34 45 36 61\nRéf. : BPEL/2020/1942\n"
           "Objet : demande de concours de la force publique\nPATRIMOINE c/ M. Stéphane IGLESIAS\n"
           "Lieux : 17 rue des Filatiers, 3e étage, appartement 104, 31000 TOULOUSE\nMadame, Monsieur,\n"
           "Par réquisition reçue le 30 juillet 2020, l'huissier de justice a sollicité le concours de la force "
           "publique.\nPATRIMOINE\nService Contentieux\nBP 80312\n31503 TOULOUSE CEDEX 5\n")


def test_a_cases_caption_naming_the_landlord_is_not_its_address_block():
    got = tenant(PREFECT, "legal_notice")
    assert got["postal_code"] == "31000"
    assert got["tenant_name"] == "Stéphane Iglesias"


LAWYER = ("Maître Jérémie BAYLAC\nAvocat au Barreau de Toulouse\n23 rue Ozenne - 31000 TOULOUSE\n"
          "Par lettre recommandée avec AR\nObjet : Mme Leïla HADDOUCHE - contrat n° 0508874\n"
          "4 rue Raymond Lizop, appartement 67, 31100 TOULOUSE\nMISE EN DEMEURE\nMadame, Monsieur,\n"
          "Je suis le conseil de Mme Leïla HADDOUCHE, votre locataire. Le chauffage ne fonctionne plus.\n"
          "Jérémie BAYLAC\n")


def test_a_contract_in_the_subject_over_the_dwellings_address_is_the_lease():
    assert tenant(LAWYER, "legal_notice")["tenant_reference"] == "0508874"
    # an insurer's contract in its subject line is the insurer's
    insurer = LAWYER.replace("Objet : Mme Leïla HADDOUCHE - contrat", "Objet : sinistre de Mme Leïla HADDOUCHE - contrat")
    assert "tenant_reference" not in tenant(insurer, "legal_notice")


GAS = ("MERIDIA GAZ & SERVICES FACTURE GAZ NATUREL\nN° FACTURE : 7000418833\nDATE : 09/02/2021\n"
       "ECHEANCE :. 11/03/2024\nLIBELLE QUANTITE PU MONTANT HT TVA\nABONNEMENT JANVIER 2021 1 MOIS 118,40 5,5%\n"
       "CTA 34,96 5,5%\nCONSOMMATION 48 210 KWH 0,02935 1 414,96 20%\nACHEMINEMENT 48 210 KWH 0,00712 343,26 20%\n"
       "TICGN 48 210 KWH 0,00843 406,41 20%\nTOTAL HT 2 317799\nBASE TVA 5,5% 153,36 TVA 8,43\n"
       "BASE TVA 20% 2 164,63 TVA 432,93\nTOTAL TVA 441,36\nTOTAL TTC A PAYER EUR 2 15%;35\n"
       "REGLEMENT PAR VIREMENT AVANT LE 11/03/2021\nIBAN FR76 0873 9218 0905 6429 3466 082\n"
       "MERIDIA GAZ & SERVICES SAS - RCS MARSEILLE 559 715 198\n")


def test_totals_garbled_past_reading_come_from_the_vat_breakdown():
    got = supplier("supplier_invoice", GAS)
    assert (got["total_excl_tax"], got["total_tax"], got["total_incl_tax"]) == ("2317.99", "441.36", "2759.35")
    # a breakdown whose taxes are not the total tax printed proves nothing
    other = supplier("supplier_invoice", GAS.replace("TOTAL TVA 441,36", "TOTAL TVA 451,36"))
    assert other.get("total_excl_tax") != "2317.99"
    # nor one whose total lines print other digits
    far = supplier("supplier_invoice", GAS.replace("TOTAL HT 2 317799", "TOTAL HT 9 888777").replace("EUR 2 15%;35", "EUR 6 40%;12"))
    assert far.get("total_excl_tax") != "2317.99"


def test_a_due_date_years_after_the_invoice_gives_way_to_the_payment_lines():
    assert supplier("supplier_invoice", GAS)["due_date"] == "2021-03-11"
    # one within the year stays
    assert supplier("supplier_invoice", GAS.replace("11/03/2024", "10/03/2021"))["due_date"] == "2021-03-10"
