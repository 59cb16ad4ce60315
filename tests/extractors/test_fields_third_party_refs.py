"""Tenants' references in mail third parties write (courts, lawyers, the CAF, the Banque de
France, insurers, social services): the landlord's contract or account number under the many
forms and labels offices print it with, never the office's own file number."""

from __future__ import annotations

import pytest

from tests.extractors.test_fields_third_party import ORG, tenant


@pytest.mark.parametrize("line, ref", [
    ("Mon contrat : CTR 2017 55891", "CTR201755891"),
    ("Mon numéro client c'est le 4 4 07 7 45 2 (il est sur mon avis).", "44077452"),
    ("Je loue le studio 214 (n° de locataire sur l'avis d'échéance : 5520 4418 B).", "55204418B"),
    ("N° locataice 0921447", "0921447"),  # a handwritten r read as c
    # handwritten capitals: NUMÉRO's É lost, a colon read as a semicolon
    ("MON NOMRO LOCATAIRE CHEZ VOUS ; 312 887", "312887"),
])
def test_references_told_in_the_tenants_own_words(line, ref):
    text = f"Paul Durand\n12 rue des Lilas\n31200 Toulouse\n{line}\nMerci.\nPaul Durand\n"
    assert tenant(text, "certificate_or_receipt_request")["tenant_reference"] == ref


def test_the_landlords_reference_in_an_insurers_or_a_courts_table():
    card = ORG + "Attestation d'assurance habitation\nAssurée : Mme Ana SILVA\nLogement loué pour Patrimoine - réf 31-0562-07\n"
    assert tenant(card, "insurance_certificate")["tenant_reference"] == "31-0562-07"
    bdf = ORG + "Débiteur : M. Paul DURAND\nCréancier Nature Montant\nPATRIMOINE Arriérés de loyers contrat n° 715523 2 915,40 €\n"
    assert tenant(bdf, "legal_notice")["tenant_reference"] == "715523"
    # a judgment naming the lease's contract before the lease itself, in the same sentence
    judgment = (ORG + "Suivant contrat sous seing privé du 1er juillet 2017 (contrat n° 31-0077215), la société\n"
                "PATRIMOINE a donné à bail à Monsieur Kévin ESTRADE un logement de type T3.\n")
    assert tenant(judgment, "legal_notice")["tenant_reference"] == "31-0077215"
    # an insurer's contract is not the lease's
    policy = ORG + "Suivant contrat n° HAB-2231-77 souscrit le 1er juillet 2017, votre locataire est assuré.\n"
    assert "tenant_reference" not in tenant(policy, "insurance_certificate")


def test_a_reference_ending_in_five_digits_is_no_postal_code():
    """« N° locataire : 2019-B-04471 » then « page 2 »: the digits after « B- » are the reference's."""
    text = (ORG + "Objet : situation de Madame Samira ZERROUKI\nN° locataire : 2019-B-04471 page 2\n"
            "Madame Zerrouki demeure 12 rue Gilet, 31100 Toulouse.\nCordialement,\nLe service\n")
    assert tenant(text, "social_distress")["postal_code"] == "31100"


def test_the_landlords_file_number_named_by_a_lawyer_or_a_tenant():
    """« Vos réf. : dossier locataire 5512-087 » in a lawyer's letter is the landlord's own number;
    « N° contrat location » a tenant's."""
    lawyer = ("Maître Claire VIGNAU\nAvocat au barreau de Toulouse\nVos réf. : dossier locataire 5512-087\n"
              "N/Réf. : 21/0187 - LACOMBE c/ PATRIMOINE\nObjet : MISE EN DEMEURE\nMadame, Monsieur,\n")
    assert tenant(lawyer, "legal_notice")["tenant_reference"] == "5512-087"
    mail = "Bonjour,\nN° contrat location :002743185\nMerci,\nSamir Ait Ouarab\n"
    assert tenant(mail, "other")["tenant_reference"] == "002743185"


@pytest.mark.parametrize("line, ref", [
    ("Objet : congé — contrat 0418 - 326", "0418-326"),
    ("Contrat : 0255 871 / 03", "0255871/03"),
])
def test_a_reference_in_groups_around_a_dash_or_a_slash_is_one_number(line, ref):
    text = f"Paul Durand\n12 rue des Lilas\n31200 Toulouse\n{line}\nMadame, Monsieur,\nMerci.\nPaul Durand\n"
    assert tenant(text, "lease_termination")["tenant_reference"] == ref


def test_a_reference_then_a_date_after_a_dash_stays_the_reference():
    text = "Paul Durand\n12 rue des Lilas\n31200 Toulouse\nContrat n° 0418 - 12/03/2021\nMerci.\nPaul Durand\n"
    assert tenant(text, "lease_termination").get("tenant_reference") == "0418"


def test_the_landlords_client_reference_at_the_banque_de_france():
    bdf = ("BANQUE DE FRANCE\nSecrétariat de la commission de surendettement\n\nPATRIMOINE\nBP 71234\n"
           "Votre référence client 0051-2298\nToulouse, le 18 février 2021\n"
           "Objet : recevabilité du dossier de Mme Marie-Claire FABRE\n")
    assert tenant(bdf, "legal_notice")["tenant_reference"] == "0051-2298"
    creditor = bdf.replace("Votre référence client 0051-2298", "Référence chez le créancier : 0088-214-06")
    assert tenant(creditor, "legal_notice")["tenant_reference"] == "0088-214-06"


def test_a_tenant_writing_to_the_benefits_service_gives_their_own_contract():
    """A letter about housing benefit is most often the CAF's (its « Contrat n° » is not the
    lease's); written by the tenant, their block heading it, the contract is theirs."""
    letter = ("Yasmina CHERIF\n10 rue des Peupliers, appt 5\n31600 SEYSSES\nContrat n° 0611-203\n"
              "N° allocataire CAF : 2314567\n\nPATRIMOINE\nService Recouvrement\n\n"
              "Objet : baisse de mon APL\nMadame, Monsieur,\nMon APL a baissé.\nYasmina Cherif\n")
    assert tenant(letter, "housing_benefit")["tenant_reference"] == "0611-203"
    caf = ("CAF DE LA HAUTE-GARONNE\n24 rue Riquet\n31000 TOULOUSE\nContrat n° 0611-203\n\nPATRIMOINE\n\n"
           "Objet : APL de Mme Yasmina CHERIF\nMadame, Monsieur,\nNous vous informons.\n")
    assert "tenant_reference" not in tenant(caf, "housing_benefit")


@pytest.mark.parametrize("line, ref", [
    ("Contrat n° 4521 - 31200 Toulouse", "4521"),
    ("Contrat n° 0611-203 - 2021", "0611-203"),
])
def test_a_postal_code_or_a_year_after_a_dash_is_not_part_of_the_reference(line, ref):
    text = f"Paul Durand\n12 rue des Lilas\n31200 Toulouse\n{line}\nMadame, Monsieur,\nMerci.\nPaul Durand\n"
    assert tenant(text, "lease_termination")["tenant_reference"] == ref


def test_references_a_scan_or_a_table_prints_oddly():
    # a table's amount beside the label, the reference wrapped in the cell under it
    bdf = ("BANQUE DE FRANCE\nCommission de surendettement\n\nMadame Maryse BAYLAC\n31270 CUGNAUX\n"
           "Créancier Nature de la créance Référence Montant\n"
           "PATRIMOINE Arriéré de loyers et charges compte locataire 2 845,30 €\n0012 3987\n")
    assert tenant(bdf, "legal_notice")["tenant_reference"] == "00123987"
    # « Réf. » the OCR garbled before « Locataire »; the abbreviation of a landlord's note
    assert tenant("Merci de pas mettre de pénalité.\nM. Rouquette\nREP Locataire 0207715\n",
                  "payment_difficulty")["tenant_reference"] == "0207715"
    court = ("TRIBUNAL JUDICIAIRE DE TOULOUSE\nDÉFENDEUR : Monsieur Paul MARTY\n"
             "Contrat de location (selon requête) : 31150-FEN-0628\nDEMANDERESSE : PATRIMOINE\n")
    assert tenant(court, "legal_notice")["tenant_reference"] == "31150-FEN-0628"
    act = ("ACTE DE SAISIE-ATTRIBUTION\nDÉBITEUR SAISI : Monsieur Paul MARTY\n"
           "(annotation manuscrite :) loc. 2018-CUG-00912 - DG 412 €\n")
    assert tenant(act, "legal_notice")["tenant_reference"] == "2018-CUG-00912"


@pytest.mark.parametrize("letter, doc_type, ref", [
    # a label in prose wrapped to the next line before its value
    ("CHU DE TOULOUSE\nService social\n\nMadame, Monsieur,\nMme FABRE est votre locataire depuis 1979 au 4e étage "
     "sans ascenseur du 12, rue de\nl'Aude, Résidence Le Bocage, appt 41, 31500 TOULOUSE (n° locataire figurant "
     "sur son\navis d'échéance : 415-77820). Elle vit seule.\n", "social_distress", "415-77820"),
    # the landlord's own file in a bailiff's mail (« V/dossier »)
    ("Objet : Dossier LOPEZ FERRER Sandrine - signification infructueuse - V/dossier 65-0093-TBS\n"
     "Maître,\nL'acte n'a pu être délivré.\n", "legal_notice", "65-0093-TBS"),
    ("ETUDE ESCANDE\nCommissaire de justice\nlocataire - référence locataire PATRIMOINE : 100 245 871\n",
     "legal_notice", "100245871"),
    # an office's code in capitals between groups of digits
    ("PRÉFET DE LA HAUTE-GARONNE\nVos réf. : CTX/2020/1187\nCompte locataire : 31 COL 11052\n", "legal_notice",
     "31COL11052"),
    ("CAF DE TARN-ET-GARONNE\nN° allocataire : 0653318\n"
     "N° de locataire chez le bailleur (indiqué par vous) : L 820 331\n", "housing_benefit", "L820331"),
])
def test_references_offices_print_in_their_own_ways(letter, doc_type, ref):
    assert tenant(letter, doc_type)["tenant_reference"] == ref


def test_a_street_number_after_a_dash_is_not_part_of_the_reference():
    text = ("Paul Durand\nLocataire n° 32 118 406 - 3 allée des Cèdres, appt 2, 32000 Auch\nMadame,\n"
            "Je vous écris.\nPaul Durand\n")
    assert tenant(text, "payment_difficulty")["tenant_reference"] == "32118406"


def test_the_tenants_own_reference_said_in_a_sentence_then_wrapped():
    mail = ("Manon Bories\nDe: Manon Bories <manon.bories@outlook.fr>\nObjet: Rassemblements dans le hall\nBonsoir,\n"
            "Nous sommes locataires (Lucas et Manon Bories) au 3e étage. Notre référence locataire est\n"
            "RAM/2019/0877.\nMerci d'avance,\nManon Bories\nInfirmière libérale - Cabinet des Floralies\n")
    fields = tenant(mail, "neighbour_dispute")
    # the writers say they are the tenants: her trade under her signature is no office's role
    assert fields["tenant_reference"] == "RAM/2019/0877" and fields["tenant_name"] == "Manon Bories"


def test_a_running_footers_page_number_is_not_part_of_the_reference():
    text = ("CAF DE LA HAUTE-GARONNE EDITION DU 09/11/2021\n"
            "ALLOCATAIRE 2877410 - MME NGUYEN THI LAN - REF. BAILLEUR T/207/55841 PAGE 2/2\n")
    assert tenant(text, "housing_benefit")["tenant_reference"] == "T/207/55841"


def test_the_number_the_tenant_gave_when_paying():
    text = ORG + "N° de compte locataire indiqué lors des versements : 0 117 5521\n"
    assert tenant(text, "housing_benefit")["tenant_reference"] == "01175521"


def test_the_caf_names_the_landlords_own_number_and_the_tenants_reference_at_the_landlord():
    """« Numéro de bailleur » is the landlord's number at the CAF; « Réf. locataire bailleur » and
    « Votre référence » are the tenant's, even after the office's own « Dossier n° »."""
    caf = (ORG + "Numéro de bailleur : 031 00 7744B\nLocataire : Mme BENHADDOU Samira\nN° allocataire : 2846173\n"
           "Réf. locataire bailleur : 457823/01\nLoyer principal retenu : 418,36 €\n")
    assert tenant(caf, "housing_benefit")["tenant_reference"] == "457823/01"
    upper = (ORG + "NUMERO BAILLEUR : 031007744B\nALLOCATATRE : M SERRANO JOSE\nNUMERO ALLOCATAIRE: 5093217\n"
             "VOTRE REFERENCE : 0367208\n")
    fields = tenant(upper, "housing_benefit")
    assert fields["tenant_reference"] == "0367208"
    assert fields["tenant_name"] == "Jose Serrano"  # « ALLOCATATRE »: an I the OCR read as T
    fsl = (ORG + "Dossier n° : FSL-M-2020-05127\nBénéficiaire : M. Ibrahim KONATE\n"
           "Réf. locataire bailleur : 0289017\n")
    assert tenant(fsl, "payment_difficulty")["tenant_reference"] == "0289017"


def test_the_tenants_account_beside_the_landlords_own_file_or_in_a_table_of_debts():
    bailiff = (ORG + "V/Réf. : CTX-2020-0387 - Cpte loc. 0098341\nN/Réf. : 20/01873 - MP\n"
               "Affaire : PATRIMOINE c/ M. TEIXEIRA Paulo\n")
    assert tenant(bailiff, "legal_notice")["tenant_reference"] == "0098341"
    bdf = (ORG + "Dossier n° 031 21 0587\nDébitrice : Mme Sylvie PEYRE\n"
           "Créancier Nature de la dette Référence Montant déclaré\n"
           "PATRIMOINE Arriérés de loyers 0425563 2 734,18 €\n")
    assert tenant(bdf, "legal_notice")["tenant_reference"] == "0425563"
    # the creditor's full company name before the debt's nature
    company = bdf.replace("PATRIMOINE Arriérés de loyers 0425563", "PATRIMOINE SA LANGUEDOCIENNE Arriérés de loyers et charges 0425563")
    assert tenant(company, "legal_notice")["tenant_reference"] == "0425563"
    # the debt's nature as « Loyers et charges », the reference under its own column
    charges = bdf.replace("PATRIMOINE Arriérés de loyers 0425563", "PATRIMOINE Loyers et charges 0425563")
    assert tenant(charges, "legal_notice")["tenant_reference"] == "0425563"


def test_a_contract_beside_a_housing_benefit_or_the_dwelling_is_the_lease():
    """In a tenant's letter or the landlord's form about housing benefit (not under the CAF's
    letterhead), « N° de contrat » is the lease's; a guardian's
    « Contrat : … — 4, place du Foirail, appt 2 » names the dwelling it is for."""
    form = ("patrimoine-toulouse.fr/contact Imprimé le 18/02/2021\nPATRIMOINE - Nous contacter\n"
            "NOM ........ SOULIE\nN° de contrat ....... 81-3306-12\nSujet ....... Aide au logement (APL) / CAF\n")
    assert tenant(form, "housing_benefit")["tenant_reference"] == "81-3306-12"
    guardian = (ORG + "Objet : congé pour M. Jean-Pierre LAGARRIGUE\n"
                "Contrat : RIE-0017-02 — 4, place du Foirail, appt 2, 31370 RIEUMES\n")
    assert tenant(guardian, "legal_notice")["tenant_reference"] == "RIE-0017-02"
    # an insurer's own contract stays the insurer's
    insurer = ORG + "Assuré : M. Paul DURAND\nContrat : MRH-7731-0496\n"
    assert "tenant_reference" not in tenant(insurer, "insurance_certificate")


def test_a_forms_label_on_two_lines_its_value_after_the_leaders():
    insurer = (ORG + "Contrat Multirisque Habitation n° MRH 7731 0496\nRéférence bailleur indiquée\n"
               "par l'assuré à la souscription ...... 0836-2014\n")
    assert tenant(insurer, "insurance_certificate")["tenant_reference"] == "0836-2014"


def test_the_contract_of_the_dwelling_in_a_bailiffs_garnishment():
    """A creditor's bailiff garnishes the deposit « afférent au logement … (contrat n° …) »: the
    lease's contract, though the creditor is a credit company."""
    text = ("SELARL FABRE - LOUBET\nHuissiers de Justice associés\n5 place du Salin - 31000 TOULOUSE\n"
            "PROCES-VERBAL DE SAISIE-ATTRIBUTION\nA LA DEMANDE DE :\nLa SA CREDIT PERSONNEL DU MIDI, société anonyme,\n"
            "AVONS SAISI ENTRE LES MAINS DE :\nLa SA d'HLM PATRIMOINE, en sa qualité de tiers saisi,\n"
            "Toutes les sommes dont elle est débitrice envers :\nMadame Laetitia FOURCADE, née le 3 juin 1987 à Albi (81),\n"
            "demeurant 8 chemin de la Crabe, 31150 FENOUILLET,\net notamment le dépôt de garantie afférent au logement "
            "qu'elle a occupé jusqu'au\n31 décembre 2020 (contrat n° 0288105),\nPOUR AVOIR SÛRETÉ ET PAIEMENT DES SOMMES :\n"
            "TOTAL 3 341,50 EUR\n")
    assert tenant(text, "legal_notice")["tenant_reference"] == "0288105"
    insurer = text.replace("le dépôt de garantie afférent au logement qu'elle a occupé", "les sommes dues au titre du prêt")
    assert "tenant_reference" not in tenant(insurer, "legal_notice")


def test_the_account_under_a_column_heading_beside_the_landlords_file_and_not_an_insurers_product():
    # the Banque de France's table: the creditor's reference in the first column, under its heading
    bdf = (ORG + "Dossier n° : 031-0081472-X\nDébiteur : M. ZERROUKI Mehdi\n"
           "Vous figurez sur l'état du passif pour la créance suivante :\n"
           "Réf. créancier Nature de la créance Montant retenu Arrêtée au\n"
           "0977-4120 Loyers et charges 2 310,75 EUR 15/12/2020\n")
    assert tenant(bdf, "legal_notice")["tenant_reference"] == "0977-4120"
    # a prefecture answering the landlord: its file, then the tenant's account
    prefecture = ORG + "Réf. : EXP/2021/0874\nVos réf. : CTX-2019-0512 - compte 0660384\nObjet : concours de la force publique\n"
    assert tenant(prefecture, "legal_notice")["tenant_reference"] == "0660384"
    # « Multirisque Habitation Locataire » is the insurer's product; the dwelling's reference is given
    insurer = (ORG + "Votre locataire, Madame Fatoumata DIARRA, nous a demandé de vous transmettre son attestation.\n"
               "Référence du logement indiquée par notre assurée : 2207-5619\n"
               "Mme DIARRA est assurée au titre du contrat Multirisque Habitation Locataire n° HAB-0093317.\n")
    assert tenant(insurer, "insurance_certificate")["tenant_reference"] == "2207-5619"


def test_the_landlords_your_reference_quoted_by_an_office_before_its_own_file():
    """A mediation association quotes its own file in the subject and the landlord's « V/Réf. »
    (read « VIRéf. » by the OCR) under it: the landlord's reference is the tenant's account."""
    letter = ("TRAIT D'UNION MÉDIATION 31\nAssociation de médiation sociale et de voisinage\n"
              "10 rue du Férétra - 31400 TOULOUSE\nToulouse, le 9 décembre 2020\n"
              "Objet: Compte rendu de médiation - dossier TUM-2020-117\n"
              "Demandeuse : Mme Nour EL-KHOURY, 5 rue Pierre-Cazeneuve, appt B22, 31200 TOULOUSE\n"
              "VIRéf. : 0863019\nMadame, Monsieur,\nVous nous avez transmis la demande de médiation.\n")
    assert tenant(letter, "neighbour_dispute")["tenant_reference"] == "0863019"
    # a bailiff quoting the landlord's file, then the lease's contract
    bailiff = ("SCP PEYRUSSE & CARBONNE-MAURY\nHuissiers de justice associés\nToulouse, le 23 septembre 2020\n"
               "V/Réf. : CT-20-0873 - contrat 0387145\nN/Réf. : 2009471 / LC\nAffaire : PATRIMOINE c/ POPESCU Dorin\n")
    assert tenant(bailiff, "legal_notice")["tenant_reference"] == "0387145"
    # a tenant answering a reminder quotes its reference: the landlord's letter, not the account
    answer = ("Rachid HAMDANI\n12 rue Bourbaki\n31200 Toulouse\nVIRéf : RELANCE 2 / 2021-03-118\nCompte : 0331-2208\n"
              "Objet : réponse à votre relance\nMadame, Monsieur,\nNous avons bien reçu votre relance.\n")
    assert tenant(answer, "payment_difficulty")["tenant_reference"] == "0331-2208"


def test_a_bare_reference_in_a_tenants_gmail_print_out_with_an_insurance_certificate():
    """Gmail prints the sender without « De : » (« Name <x@gmail.com> 3 février 2021 ») : a
    tenant's own message, whose bare « Réf. : » is theirs, not an insurer's."""
    mail = ("03/02/2021 09:12 Gmail - Attestation assurance 2021 - LARROQUE\n"
            "Gmail Baptiste Larroque <b.larroque31@gmail.com>\nAttestation assurance 2021 - LARROQUE\n1 message\n"
            "Baptiste Larroque <b.larroque31@gmail.com> 3 février 2021 à 09:10\n"
            "À : assurances.locataires@patrimoine-toulouse.fr\nBonjour,\n"
            "Veuillez trouver en pièce jointe mon attestation d'assurance habitation pour 2021.\n"
            "Locataire : Baptiste LARROQUE\nRéf. : 5316024\nBonne journée,\nBaptiste Larroque\n")
    assert tenant(mail, "insurance_certificate")["tenant_reference"] == "5316024"


def test_a_mediators_own_file_is_no_tenants_reference_and_its_demandeuse_is_the_tenant():
    """A mediation association's « Dossier n° MV-20-117 » under its letterhead is its own file,
    whatever the letter's type; « Demandeuse : Mme MOROZOVA Svetlana » is the tenant."""
    letter = ("Association de médiation sociale et de voisinage\nMaison des associations - 31400 TOULOUSE\n"
              "Toulouse, le 29 mai 2020\nCOMPTE RENDU DE MÉDIATION DE VOISINAGE\nDossier n° MV-20-117\n"
              "Demandeuse : Mme MOROZOVA Svetlana - 52 avenue de Rangueil, appt 12 - 31500 TOULOUSE\n"
              "Autre partie : famille occupant l'appartement 22 (étage supérieur)\n")
    f = tenant(letter, "neighbour_dispute")
    assert (f["tenant_name"], f.get("tenant_reference")) == ("Svetlana Morozova", None)
    # the landlord's file quoted after « V/Réf. » is the tenant's
    quoted = letter.replace("Dossier n° MV-20-117", "N/Réf. : MV-20-117\nV/Réf. : saisine du 2 novembre 2020 - dossier 2604418")
    assert tenant(quoted, "neighbour_dispute")["tenant_reference"] == "2604418"
