"""Rules read from mail written by other hands (the fortieth and forty-first development sets)."""

from __future__ import annotations

from extractors.boundaries import document_starts
from extractors.parsing import find_phones
from tests.extractors.test_dev38_rules import supplier
from tests.extractors.test_fields_third_party import tenant

SON = ("Serge PUJOL\n27 avenue des Platanes\n31240 L'UNION\nL'Union, le 2 février 2021\n"
       "Objet : congé du logement de ma mère, Mme Odette PUJOL\nMadame, Monsieur,\n"
       "Ma mère entre en EHPAD le 1er mars. Je vous adresse son congé, avec un préavis d'un mois.\n"
       "Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.\nSerge Pujol\n"
       "P.J. : procuration ; certificat médical ; attestation d'admission en EHPAD\n")


def test_a_certificate_of_another_kind_than_the_one_enclosed_starts_a_document():
    caf_form = ("CAF DE LA HAUTE-GARONNE ATTESTATION DE LOYER\nTSA 51207 - 31093 TOULOUSE CEDEX 9\n"
                "Cerfa - modèle CAF\nPATRIMOINE\nGESTION LOCATIVE\nBP 90411\n31004 TOULOUSE CEDEX 6\n"
                "Date d'édition : 17/11/2020 Matricule allocataire : 5529163 R\n1. LE LOCATAIRE\n"
                "Nom, prénom ...........: Mme NGUYEN THI HOA\n")
    assert document_starts([SON, caf_form]) == [0, 1]
    # the certificate the letter names is what it encloses
    admission = ("EHPAD LES TILLEULS\nATTESTATION D'ADMISSION\nNous attestons que Mme Odette PUJOL est admise "
                 "dans notre établissement à compter du 1er mars 2021.\n")
    assert document_starts([SON, admission]) == [0]


def test_a_handwritten_writers_head_of_four_words_after_a_letter_enclosing_a_judgment():
    letter = ("UDAF DE L'ARIÈGE\nService des mandataires judiciaires\nFoix, le 14 septembre 2020\n"
              "Objet : M. Jean-Pierre NALET - mesure de tutelle\nMadame, Monsieur,\n"
              "Par jugement dont extrait ci-joint, M. NALET a été placé sous tutelle.\n"
              "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.\nLa déléguée mandataire,\n"
              "Karima BOUZIANE\nP.J. : extrait du jugement du 03/09/2020\n")
    handwritten = ("Josione NALET ré ABADIE\n24 chemin de la Cavalede\n09100 PANIERS\n06 1 4) 05: °7\n"
                   "jet : déceS AC mon ap NM. Jean-Piecee\nMadame, Monsieuc,\nJai la tastesse de vous wmformer\n")
    assert document_starts([letter, handwritten], ["print", "hand"]) == [0, 1]


def test_the_customers_siret_on_its_line_is_not_the_suppliers():
    invoice = ("NET'OCCITANIE PROPRETÉ\nNettoyage - Hygiène - Multiservices\n"
               "Parc d'activités Andromède - 2 rue Gabriel-Voisin - 31700 BLAGNAC\n"
               "PATRIMOINE\nComptabilité fournisseurs\n17 allée Jacques-Chaban-Delmas - CS 81234\n"
               "FACTURE N° 20050093\nDate 31/05/2020\nClient C00417 - PATRIMOINE - SIRET 57381240100277\n"
               "Total HT 12 051,60\nTVA 2 410,32\nTotal TTC 14 461,92\n"
               "NET'OCCITANIE PROPRETÉ - SAS au capital de 120 000 € - RCS Toulouse 876869454\n"
               "SIRET 87686945400317 - TVA intracommunautaire FR93876869454 - NAF 81217\n")
    assert supplier("supplier_invoice", invoice)["supplier_siret"] == "87686945400317"


def test_a_scic_is_a_legal_form_and_an_owners_line_with_his_trade_no_firms_name():
    invoice = ("SCIC TERRES & JARDINS DU COMMINGES\nEntreprise d'insertion - Espaces verts - Petits travaux paysagers\n"
               "Chemin de la Serre - 31800 SAINT-GAUDENS - 05 61 94 27 16\ntjc.comminges@scic-tjc.fr\n"
               "Facture n° 2021-031\nDate : 31 mars 2021\nTotal HT 1 000,00\nTVA 200,00\nTotal TTC 1 200,00\n")
    assert supplier("supplier_invoice", invoice)["supplier_name"] == "Terres & Jardins du Comminges"
    quote = ("ELEC'TOLOSA\nJORDI PUIGVERT - ELECTRICITE GENERALE\n12 CHEMIN DU RAMELET-MOUNDI - 31100 TOULOUSE\n"
             "TEL 06 27 51 90 34\nDEVIS N. DV21-027    DATE : 03/05/2021\nTOTAL HT 850,00\nTVA 10 % 85,00\n"
             "TOTAL TTC 935,00\nSIRET 89130574000187 - TVA FR03891305740 - EI\n")
    assert supplier("supplier_quote", quote)["supplier_name"] == "Elec'Tolosa"


def test_an_associations_affiliation_is_no_name():
    letter = ("AMICALE DES LOCATAIRES DE LA RÉSIDENCE LES CÈDRES\nAffiliée CLCV Haute-Garonne\n"
              "Local collectif - bâtiment A - 2 allée des Cèdres - 31100 TOULOUSE\namicale.lescedres31@gmail.com\n"
              "PATRIMOINE\nToulouse, le 1er février 2021\nObjet : infiltrations d'eau - Mme CAMARA\n"
              "Madame, Monsieur,\nL'Amicale intervient pour une famille de la résidence, Mme Fatou CAMARA, qui vit seule.\n"
              "Mme CAMARA a appelé votre plateforme les 22 et 25 janvier.\n"
              "Mme CAMARA est joignable au 07 53 18 64 20, de préférence après 16 h 30.\n"
              "Pour le bureau de l'Amicale,\nJacqueline FERRIÉ, secrétaire\n")
    fields = tenant(letter, "repair_request")
    assert fields["tenant_name"] == "Fatou Camara" and fields["phone"] == "0753186420"


def test_a_forms_name_boxes_on_two_lines_their_leaders_read_as_letters():
    form = ("PATRIMOINE - Espace locataire\nFormulaire de réclamation technique Imprimé le 14/01/2021 à 18:02\n"
            "VOS COORDONNÉES\nCivilité sise. Madame\nNOM sister reive MARCHETTI-NDIAYE\n"
            "Prénom ........6.0000 Laëtitia\nN° de contrat ........ 31-0457-118\n"
            "Code postal .......... 31400\nVille woe TOULOUSE\nTéléphone ............ 0645871302\n"
            "Courriel ............. laetitia. mndiaye@hotmail.fr\nVOTRE DEMANDE\n")
    fields = tenant(form, "repair_request")
    assert fields["tenant_name"] == "Laëtitia Marchetti-Ndiaye" and fields["email"] == "laetitia.mndiaye@hotmail.fr"


def test_a_webmail_senders_short_surname_is_completed_by_the_signature():
    mail = ("De: Inès Bouhired (ines.bouhired@yahoo.fr)\nÀ: contact@patrimoine.fr\nObjet : report du loyer d'avril\n"
            "Bonjour,\nMon institut est fermé depuis le confinement, je vous demande un report du loyer.\n"
            "Cordialement,\nInès Bouhired-Lafforgue\n")
    assert tenant(mail, "payment_difficulty")["tenant_name"] == "Inès Bouhired-Lafforgue"


def test_phones_a_colon_for_a_space_and_said_to_be_the_tenants():
    assert [m.value for m in find_phones("Tél. 06 58 23 09:76")] == ["0658230976"]
    assert find_phones("le 06 04 10:30:45") == []
    letter = ("SYNDIC PYRÉNÉES GESTION\n4 place Wilson 31000 Toulouse\nPATRIMOINE\nObjet : infiltration lot 12\n"
              "Madame, Monsieur,\nLe plombier mandaté n'a pas pu accéder au logement : votre\n"
              "locataire, M. SOW, est absent et ne répond pas au 06 24 90 17 38.\nCordialement,\nLe gestionnaire\n")
    assert tenant(letter, "repair_request")["phone"] == "0624901738"
    notice = ("RÉSEAU GAZ MIDI - Distribution\nAVIS DE MISE EN SÉCURITÉ\nAdresse de l'installation :\n"
              "Mme FERHAT Nadia\n6 rue des Frères-Lumière, appt 12\n31130 BALMA\nContact sur place : 06 91 54 03 27\n")
    assert tenant(notice, "repair_request")["phone"] == "0691540327"


def test_references_in_capitals_and_a_creditors_table_without_the_landlords_name():
    caf = ("CAF DE LA HAUTE-GARONNE\n31046 TOULOUSE CEDEX 9\nPATRIMOINE\nREF BAILLEUR : 31-B-00452 DATE : 12/06/2020\n"
           "N° ALLOCATAIRE : 2290614\nALLOCATAIRE : MME NGUYEN THI HOA\n"
           "REF LOCATAIRE COMMUNIQUEE PAR LE BAILLEUR : 0557309\n")
    assert tenant(caf, "housing_benefit")["tenant_reference"] == "0557309"
    bdf = ("BANQUE DE FRANCE\nDossier n° 0312018552\nVous figurez dans l'état du passif pour la créance suivante :\n"
           "Nature de la créance   Référence créancier   Montant retenu\n"
           "Loyers et charges impayés   0570231   2 874,90 €\n")
    assert tenant(bdf, "legal_notice")["tenant_reference"] == "0570231"


def test_the_sum_claimed_is_the_one_at_stake_not_the_rent():
    letter = ("Jean-Baptiste ELISABETH\n12 rue Bayard\n31200 Toulouse\nObjet : régularisation des charges\n"
              "J'ai reçu la régularisation des charges 2020\n"
              "qui me reclame un complement de 318,62 euros a regler avec le loyer de juillet.\n"
              "Ma retraite est de 1 050 euros par mois, mon\nloyer de 389,40 euros.\n")
    assert tenant(letter, "payment_difficulty")["amount"] == "318.62"


def test_a_german_credit_notes_number_and_the_invoice_it_corrects():
    credit = ("Brenner & Voss Scantechnik GmbH\nSigmundstraße 188 - 90431 Nürnberg\nPATRIMOINE\n"
              "Rechnungskorrektur (Gutschrift)\nNr.: GS-20-00391\nDatum: 18.12.2020\n"
              "Bezug: unsere Rechnung Nr. RE-20-04127 vom 02.11.2020\nGutschriftsbetrag 1.275,00 EUR\n")
    assert supplier("supplier_credit_note", credit)["invoice_number"] == "GS-20-00391"


def test_a_public_buyers_commitment_is_the_order():
    head = ("ASCENSEURS DU MIDI\nFACTURE N° AM-2020-0612\nDate : 30/06/2020\n"
            "N° de commande / engagement : EJ2020-001873 Page 1/1\nTOTAL TTC 1 200,00\n")
    assert supplier("supplier_invoice", head)["order_reference"] == "EJ2020-001873"
    works = ("FAÇADES GARONNE\nFACTURE N° SIT-3\nDate : 30/04/2021\nMarché n° 2020-M-014 - Lot 02\n"
             "N° d'engagement (bon de commande) : 4500021877\nTOTAL TTC 1 200,00\n")
    assert supplier("supplier_invoice", works)["order_reference"] == "4500021877"
