"""Rules read from mail written by other hands (the fortieth and forty-first development sets)."""

from __future__ import annotations

from extractors.boundaries import document_starts

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


def supplier(doc_type, text):
    from config.registries import Registries
    from extractors.fields import extract_fields

    return extract_fields(doc_type, "supplier", text, Registries((), ())).fields


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
