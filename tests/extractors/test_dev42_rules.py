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


def test_the_occupants_section_of_a_form_names_the_tenant_under_a_garbled_label():
    form = ("GAZ RÉSEAU SUD - URGENCE SÉCURITÉ GAZ Agence d'intervention Toulouse Nord\n"
            "N° d'appel urgence : 0 800 31 47 20 (service et appel gratuits)\n"
            "FICHE D'INFORMATION - MISE EN SÉCURITÉ D'UNE INSTALLATION INTÉRIEURE\n"
            '(exemplaire destiné au propriétaire ou au gestionnaire du logement)\n'
            "N° d'intervention ...... UR-31-20-0871455\n"
            'Date / heure ........... 21/12/2020 19 h 40\n'
            "Motif de l'appel ....... odeur de gaz signalée par l'occupant\n"
            'OCCUPANT\n'
            'NO Ge cae et orties Mme AYDIN Zeynep\n'
            'Adresse .............. 3 place Micoulaud, bât. D, 4e étage, porte 42\n'
            '31200 TOULOUSE\n'
            'Téléphone ............ 07 81 45 26 93\n'
            "PROPRIÉTAIRE / GESTIONNAIRE : PATRIMOINE (indiqué par l'occupant)\n"
            'CONSTAT\n'
            '[X] Danger grave et immédiat (DGI)\n'
            "[ ] Anomalie à corriger sans interruption de l'alimentation\n"
            'Description : fuite au raccord du robinet de commande de la chaudière murale\n'
            '(détection positive) ; tuyau souple de la cuisinière hors date de validité (2014).\n'
            'MESURES PRISES\n'
            "[X] Fermeture du robinet de compteur, pose d'un dispositif de condamnation et\n"
            'd\'une étiquette "INSTALLATION DANGEREUSE - NE PAS REALIMENTER"\n'
            '[X] Alimentation en gaz interrompue : chauffage et eau chaude indisponibles\n'
            '[ ] Remise en service effectuée\n'
            'REMISE EN SERVICE : uniquement après réparation par un professionnel qualifié et\n'
            "présentation d'un certificat de conformité de la réparation. Toute réalimentation non\n"
            'autorisée engage la responsabilité de son auteur.\n'
            'OBSERVATIONS : occupante seule avec deux enfants de 2 et 5 ans. Logement sans chauffage,\n'
            'température extérieure 2 °C. Le gestionnaire doit faire intervenir son prestataire\n'
            "d'entretien de chaudière dans les plus brefs délais.\n"
            "Technicien : L. ETCHEVERRY (matricule 40218) Signature de l'occupant : [signé]\n")
    got = tenant(form, "repair_request")
    assert (got["tenant_name"], got["phone"]) == ("Zeynep Aydin", "0781452693")
