"""Tenants' mail written by other hands: references under many labels and in many forms, the
writer's name wherever it is printed, the writer's (not the landlord's) postal code and phone."""

from __future__ import annotations

import pytest

from extractors.fields import extract_fields
from extractors.fields_labels import Doc
from extractors.fields_tenant_ref import reference_candidates


LANDLORD = """
                                                  PATRIMOINE
                                                  Service Gestion Locative
                                                  10 avenue de la Gloire
                                                  31500 Toulouse
                                                  Tél. 05 34 00 00 00
"""


def tenant(text: str, registries, doc_type: str = "repair_request"):
    return extract_fields(doc_type, "tenant", text, registries)


@pytest.mark.parametrize("line, ref", [
    ("N° de contrat : LOC-2019-04521", "LOC-2019-04521"),
    ("Réf. locataire : 0045 7789", "00457789"),
    ("Référence locataire : A-552 310", "A-552310"),
    ("N° locataire 20 458 963", "20458963"),
    ("mon numéro de dossier est le 2021/AB/778.", "2021/AB/778"),
    ("Compte client : 3344-5566-77", "3344-5566-77"),
    ("N° de compte : CL 889 001", "CL889001"),
    ("Réf : 12.345.678", "12.345.678"),
    ("Contrat n° 77 845 129", "77845129"),
    ("Votre référence client : X98-221", "X98-221"),
    ("Numéro de contrat de location : 55 1234 88", "55123488"),
    ("Identifiant : T-000912", "T-000912"),
    ("Ma référence de locataire est : 0099-14-552.", "0099-14-552"),
    ("Objet : RE: Relance attestation d'assurance - locataire n° 31-MU-2207", "31-MU-2207"),
    ("La référence de mon contrat : 2019-553-21", "2019-553-21"),
    ("le numéro de mon contrat est le 2019 553 21.", "201955321"),
    ("Contrat de bail n° 2016-00452", "2016-00452"),
    ("Vos références : LOC-2020-0042", "LOC-2020-0042"),
    ("Mes références : L0274419", "L0274419"),
    ("ID locataire : T-44512", "T-44512"),
    ("je suis locataire sous le n° 0087652 depuis 2015", "0087652"),
    ("N° de locataire / contrat : 830-1177", "830-1177"),
    ("Objet : Mme KONE — Logement n° B12 / contrat 2016-00452", "2016-00452"),
    ("Je fais suite à votre relance concernant mon compte 41-22019.", "41-22019"),
    ("Objet : odeur de gaz — Réf. client 7731-0452", "7731-0452"),
    ("au titre de son contrat qui porte le numéro 2018 447 09.", "201844709"),
    # a letter prefix the OCR could read as a digit stays a letter; a digit read as a letter is undone
    ("N° de bail : B-31-2018-0662", "B-31-2018-0662"),
    ("réf. client 88-l2O7-B", "88-1207-B"),
    # a filler between the label and its value, a label cut by the end of a line of prose
    ("N° de compte locataire chez vous : 0118 2276", "01182276"),
    ("Je soussigné Paul Durand, demeurant 15 rue de la Faourette, 31100 Toulouse, titulaire du compte 41-30877, "
     "vous informe", "41-30877"),
    ("Je suis locataire depuis avril 2016 au 7 place Abbal appartement 62. Mon numéro de\n"
     "dossier est le 2016-0419-62 comme sur le bail.", "2016-0419-62"),
    ("un logement situé au 11 rue Gaston Doumergue, 31240 L'Union (référence locataire\n"
     "portée sur ses avis d'échéance : 0429 7730).", "04297730"),
    ("Référence locataire déclarée . : 0045872-01", "0045872-01"),
    ("Vos références : contrat n° 31 0078 553", "310078553"),
    ("N° de contrat (voir avis d'échéance) : ....0301776-01..........", "0301776-01"),
    ("N° locataire de mon père : 115 447", "115447"),
    ("N° de contrat de ma sœur : 0274 613-01", "0274613-01"),
    ("Contrat n° 0389 6610-01", "03896610-01"),  # 4-4-2 digits: not a phone number
    ("Locataire 0166-3902", "0166-3902"),
    ("Résidence Les Aviateurs, appt 23 (réf. de son contrat : 0095 337-01).", "0095337-01"),
    ("Vos références : locataire 0708 334", "0708334"),
    ("V/Réf. : Cpte locataire 0031-7742 / dossier IMP-22-0458", "0031-7742"),
    ("Dossier locataire : 0821 406", "0821406"),
    ("N° locataire communiqué par la famille : 0062 3390", "00623390"),
    ("Contrat de location indiqué par l'allocataire : 2018-0771", "2018-0771"),
    ("N° client : 45 78 963 B", "4578963B"),  # a letter set apart at the end of the line is the number's
    ("Objet : Montant APL sur avis d'échéance - Contrat : 0098 5512", "00985512"),
    ("Objet : M. ESCUDIER Thierry - cpte 0038-2214 - demande de report", "0038-2214"),
    ("N° locataire PATRIMOINE : 0061 2473 - D. Sow", "00612473"),
    ("(COMPTE LOCATAIRE N. 0044 1290 7), QU'UN DEPOT DE GARANTIE", "004412907"),  # « N. » for numéro
    ("N° de locataire (voir votre avis d'échéance): 0|0]4]7]1/]2|3]|6", "00471236"),  # a comb of boxes
    ("Référence du locataire chez le bailleur (si connue) : 2|2|0]4|5|8|1", "2204581"),
    ("Réf. loc. : 290-00-3317", "290-00-3317"),
    ("Mon num de compte chez vous cest le 4471209 , jhabite 6 impasse des Lilas", "4471209"),  # typed on a phone
    ("Contrat n° 31-BLA-004127 — 8, rue des Grives, appt 11, Blagnac", "31-BLA-004127"),  # the street's number after it
    ("Toulouse, avec mon mari et nos trois enfants. Notre contrat c'est le n° 61 553 028.", "61553028"),
    ("Compte : 0331 - 2208", "0331-2208"),  # four digits after a dash go with the number; a year does not
    ("Contrat n° 0418 - 2021", "0418"),
    ("Référence portée sur ses avis d'échéance : 1502-7736", "1502-7736"),
    ("Contrat. 0655-7102", "0655-7102"),
    ("Votre réf. (d'après l'avis d'échéance joint par la locataire) : 0552 7103", "05527103"),
    ("Vos références : n° locataire bailleur 031-204-778", "031-204-778"),
    # the writer's own reference (« N/Réf. ») names the contract; the landlord's letter (« V/Réf. ») does not
    ("V/Réf. : TEC/2021/1187 - votre courrier du 2 juin 2021\nN/Réf. : contrat CT-3 1320-00412", "CT-31320-00412"),
    ("N. LOCATAIRE (COMMUNIQUE PAR VOS SOINS) : 0412 778 03", "041277803"),
    ("Réf. : contrat PATRIMOINE n° 0521-88-306", "0521-88-306"),
    ("Objet : suspension de mon APL - réf. PATRIMOINE 0101-7745", "0101-7745"),
    ("je suis locataire à la résidence Le Pastel (appt 27, locataire n° 0447 8812 Z)", "04478812Z"),
    ("locataire n° 0447 8812, à Tournefeuille", "04478812"),
])
def test_reference_labels_and_forms(line, ref, registries):
    text = f"Paul Durand\n12 rue des Lilas\n31200 Toulouse\n{line}\nIl y a une fuite.\nCordialement\nPaul Durand\n"
    assert tenant(text, registries).fields["tenant_reference"] == ref


@pytest.mark.parametrize("line", [
    "N° allocataire : 1234567", "Mon numéro d'allocataire CAF est le 1234567",
    "Contrat d'assurance habitation n° 456 789 123", "Police n° HAB1234567",
    "RG n° 21/01234", "Facture n° FA-2021-0099", "SIRET : 732 829 320 00074",
    "N° de compte bancaire : FR76 3000 6000 0112 3456 7890 189",
    "Réf : votre courrier du 12/03/2021",
    "Nos réf. : TP/FB/2020-317", "Réf. : CCAS/SEN/2020-0412", "Référence : BP 40217",
    "depuis mon contrat 2019 tout va bien", "Contrat de gaz n° 44556677",
    "N° bailleur : 31B004512",  # the landlord's own number at the CAF
    "Mon locataire 2019 est parti",
])
def test_numbers_that_are_not_the_tenants_reference(line):
    assert reference_candidates(Doc(f"Paul Durand\n{line}\n")) == []


def test_landlords_own_format_with_digits_lost_is_rejected_not_guessed(registries):
    # the registry's references are all 8 digits: 7 digits of 52014477 is that one misread
    ex = tenant("Paul Durand\nContrat n° 5201 447\nFuite.\n", registries)
    assert "tenant_reference" not in ex.fields and "8 chiffres" in ex.rejected["tenant_reference"]
    for printed in ("778 451 2", "7784"):  # another reference, another format: kept as printed
        ex = tenant(f"Paul Durand\nContrat n° {printed}\nFuite.\n", registries)
        assert ex.fields["tenant_reference"] == printed.replace(" ", "")


def test_registry_reference_wins_and_is_matched_through_its_print(registries):
    text = "Paul Durand\nN° de dossier : 2021/77\nRéf. locataire : 9998-2789\nFuite.\n"
    ex = tenant(text, registries)
    assert ex.fields["tenant_reference"] == "99982789" and ex.tenant_reference_known


def test_third_party_letters_keep_only_the_landlords_reference(registries):
    caf = """Caisse d'Allocations Familiales de la Haute-Garonne
24 rue Riquet 31046 TOULOUSE CEDEX 9
N° allocataire : 7654321
Votre référence : LOC 8851-2
Dossier suivi par : Mme Claire Dubois
Nous vous informons que l'aide au logement de Monsieur Karim HADDAD, demeurant 4 rue des Pinsons,
31400 Toulouse, est maintenue.
Le Directeur
"""
    ex = tenant(caf, registries, "housing_benefit")
    assert ex.fields["tenant_reference"] == "LOC8851-2"
    assert ex.fields["tenant_name"] == "Karim Haddad"
    assert ex.fields["postal_code"] == "31400"
    insurer = """GAN Assurances
Nous soussignés, GAN Assurances, attestons que Mme LEROUX Chantal, domiciliée 9 rue Pargaminières
31000 Toulouse, est titulaire d'un contrat d'assurance habitation n° 456 789 123.
Service clients : 09 69 32 10 10
"""
    ex = tenant(insurer, registries, "insurance_certificate")
    assert "tenant_reference" not in ex.fields and "phone" not in ex.fields
    policy = insurer.replace("n° 456 789 123.", "\"Habitat Essentiel\",\nréférence HAB-2019-00884513, souscrit.")
    assert "tenant_reference" not in tenant(policy, registries, "insurance_certificate").fields
    assert ex.fields["tenant_name"] == "Chantal Leroux"
    court = "TRIBUNAL JUDICIAIRE\nAffaire : PATRIMOINE c/ Marc LAMBERT. RG n° 21/01234.\nConvocation.\n"
    ex = tenant(court, registries, "legal_notice")
    assert ex.fields["tenant_name"] == "Marc Lambert" and "tenant_reference" not in ex.fields


def test_layout_letter_with_both_blocks_side_by_side(registries):
    text = """Paul Durand                                              PATRIMOINE
12 rue des Lilas                                         Service clients
31200 Toulouse                                           2 rue du Languedoc
Tél : 06 12 34 56 78                                     31000 Toulouse
                                                         Tél. 05 61 00 00 00
Objet : fuite
Il y a une fuite.
Cordialement,
Paul Durand
"""
    f = tenant(text, registries).fields
    assert (f["tenant_name"], f["postal_code"], f["phone"]) == ("Paul Durand", "31200", "0612345678")


def test_webmail_header_and_je_soussigne(registries):
    mail = ("De : Fatima El Amrani <fatima.elamrani@hotmail.fr>\nEnvoyé : mardi 9 mars 2021 10:12\n"
            "À : contact@patrimoine-habitat.fr\nObjet : plan d'apurement\n\nBonjour,\nje suis au 8 impasse des Roses, "
            "31200 Toulouse. Ma dette est de 1 240,00 euros.\nTél. 07.81.22.33.44\n")
    f = tenant(mail, registries, "payment_difficulty").fields
    assert (f["tenant_name"], f["postal_code"], f["phone"]) == ("Fatima El Amrani", "31200", "0781223344")
    assert f["email"] == "fatima.elamrani@hotmail.fr" and f["amount"] == "1240.00"
    letter = ("PATRIMOINE\n2 rue du Languedoc\n31000 Toulouse\n\nJe soussignée Madame Aïcha BENSALEM, demeurant "
              "22 chemin de la Flambère, 31300 Toulouse, sollicite une attestation de loyer.\nA. Bensalem\n")
    f = tenant(letter, registries, "certificate_or_receipt_request").fields
    assert (f["tenant_name"], f["postal_code"]) == ("Aïcha Bensalem", "31300")


@pytest.mark.parametrize("raw", ["06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "0612345678",
                                 "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78", "+33612345678", "0033 6 12 34 56 78"])
@pytest.mark.parametrize("label", ["Tél. : ", "Portable ", "Mob. ", "", "Téléphone : "])
def test_phone_forms_and_labels(raw, label, registries):
    text = f"Paul Durand\n12 rue des Lilas\n31200 Toulouse\n{label}{raw}\n" + LANDLORD + "\nFuite.\n"
    assert tenant(text, registries).fields["phone"] == "0612345678"


def test_the_writers_own_file_number_in_a_letter_sent_with_a_certificate(registries):
    """« mon numéro de dossier », « Dossier n° » in the tenant's own letter are the tenant's, even
    in a letter typed insurance_certificate, where an insurer's « dossier » or « contrat » is not."""
    text = ("Paul Durand\n12 rue des Lilas\n31200 Toulouse\nmon numéro de dossier : 31 0045 778\n"
            "Voici ma nouvelle attestation d'assurance.\nCordialement\nPaul Durand\n")
    assert tenant(text, registries, "insurance_certificate").fields["tenant_reference"] == "310045778"
    own = text.replace("mon numéro de dossier", "Dossier n°")
    assert tenant(own, registries, "insurance_certificate").fields["tenant_reference"] == "310045778"
    insurer = ("MUTUELLE D'ASSURANCE DU SUD-OUEST\n40 allées Jean Jaurès - 31000 TOULOUSE\nDossier n° : 31 0045 778\n"
               "Nous certifions que M. Paul Durand est assuré pour les risques locatifs.\n")
    assert "tenant_reference" not in tenant(insurer, registries, "insurance_certificate").fields


@pytest.mark.parametrize("line, doc_type", [
    ("Réf. bailleur (nouveau bail) : 30588102", "housing_benefit"),
    ("Ref. bailleur (n. de bail) 30588102", "insurance_certificate"),
    ("Ref. requerant : bail 30588102 - Ref. etude : 24-0977/NF", "legal_notice"),
    ("Votre ref. créancier : 30588102", "legal_notice"),
])
def test_an_organisations_letter_quoting_the_landlords_own_reference(line, doc_type, registries):
    text = f"CAISSE D'ALLOCATIONS FAMILIALES\nService Logement\n\nN° allocataire : 1234567\n{line}\nMadame, Monsieur,\n"
    assert tenant(text, registries, doc_type).fields.get("tenant_reference") == "30588102"


def test_the_creditors_reference_beats_the_offices_file_number(registries):
    """A Banque de France letter: its own « Dossier n° », then the landlord's reference for the
    debtor, « Référence créancier »."""
    text = ("BANQUE DE FRANCE\nSecrétariat de la commission de surendettement\nDOSSIER N° : 031 21 0847\n"
            "REFERENCE CREANCIER : 00612458\nMadame, Monsieur,\n")
    assert tenant(text, registries, "payment_difficulty").fields["tenant_reference"] == "00612458"


@pytest.mark.parametrize("line, ref", [
    ("N° locataire : 31OUS877", "31045877"),  # a handwritten 0, 4 and 5 read as O, U and S
    ("Référence locataire : 0027uul0", "00274410"),
    ("Contrat n° LOC-2019-04521", "LOC-2019-04521"),  # letters of its own: kept as printed
    ("Mon numero de locataire c'est\nle 31 0025 774 je crois.", "310025774"),  # the article is no part of it
    ("Son numéro de locataire, si ça peut vous aider : 0063 5521.", "00635521"),  # an aside before the colon
])
def test_references_as_the_ocr_and_the_writer_give_them(line, ref, registries):
    text = "Mme Awa DIOP\n3 rue des Lilas\n31100 Toulouse\n" + line + "\nMadame, Monsieur,\nLe chauffage est en panne.\n"
    assert tenant(text, registries).fields["tenant_reference"] == ref


def test_the_debts_table_reference_over_the_commissions_own_file_number(registries):
    """The Banque de France's notice to creditors: its « Dossier n° » is the commission's file;
    the rent debt's row in the table of debts carries the landlord's reference."""
    text = ("BANQUE DE FRANCE\nEUROSYSTEME\nCommission de surendettement des particuliers de la Haute-Garonne\n"
            "Secrétariat : Banque de France - 4 rue Deville - 31000 TOULOUSE\n"
            "Adresse postale : TSA 11150 - 75035 PARIS CEDEX 01\nPATRIMOINE\nBP 40217\n31035 TOULOUSE CEDEX 1\n"
            "Dossier n° : 031 20 3318 Z\nDébiteur(s) : Madame LOPEZ Isabelle\n6 rue Louis Vitet, 31400 TOULOUSE\n"
            "Date : 26/11/2020\nNOTIFICATION DE LA DECISION DE RECEVABILITE\nMadame, Monsieur,\n"
            "La commission a déclaré RECEVABLE la demande.\nETAT DU PASSIF DECLARE\n"
            "Nature de la dette Référence Montant déclaré\nDette locative 0311 5028 1 906,35 EUR\n")
    for kind in ("legal_notice", "payment_difficulty"):  # writers file these notices under either
        assert tenant(text, registries, kind).fields["tenant_reference"] == "03115028"
    charges = text.replace("Dette locative 0311 5028", "Arriéré de loyers/charges 0031-62210")
    assert tenant(charges, registries, "payment_difficulty").fields["tenant_reference"] == "0031-62210"
    # the amount right after the number is not of it; a table's rule read as « 1 » before it
    for row, ref in (("PATRIMOINE Arriéré de loyers et charges 0051-2298 2145,30€", "0051-2298"),
                     ("PATRIMOINE Arriéré de loyers et charges 1LOC-553217 2876,421", "LOC-553217")):
        table = text.replace("Dette locative 0311 5028 1 906,35 EUR", row)
        assert tenant(table, registries, "payment_difficulty").fields["tenant_reference"] == ref


def test_a_forms_name_boxes_filled_on_dotted_lines(registries):
    form = ("FICHE DE RÉCLAMATION TECHNIQUE\nLOCATAIRE\n"
            "Nom : PEYRE uu... seseeeesseeeeees Prénom : Gilbert .........ceceeeseeeeees\n"
            "Code postal : 31520 ...... Commune : Ramonville\nDESCRIPTION DU PROBLÈME\nL'ascenseur est en panne.\n")
    assert tenant(form, registries).fields["tenant_name"] == "Gilbert Peyre"
    # the box's dots read as a stray number after the first name
    form = ("DEMANDE D'ACCOMPAGNEMENT - DIFFICULTÉS DE PAIEMENT\n1. VOS COORDONNÉES\n"
            "NOM : ÉTIENNE ........cescessesseesees Prénom : Marc-Antoine 12.\n"
            "Code postal : 31600 Ville : MURET\nMontant de la dette à ce jour : 2 845,60 €\n")
    assert tenant(form, registries, "payment_difficulty").fields["tenant_name"] == "Marc-Antoine Étienne"


def test_the_landlord_as_addressee_is_no_organisations_letterhead(registries):
    text = ("Toulouse, le 12 mars 2021\nA l'attention du service des quittances\nPATRIMOINE\n"
            "Objet : demande de quittances de loyer\nBonjour,\nPouvez-vous m'envoyer mes quittances ?\n"
            "J'habite au 27 chemin de Bellefontaine, 31100 Toulouse. Vous pouvez aussi me téléphoner au "
            "07 53 88 12 40 si il y a un problème.\nMamadou Diallo\n")
    f = tenant(text, registries, "certificate_or_receipt_request").fields
    assert (f["phone"], f["postal_code"]) == ("0753881240", "31100")


def test_a_forms_reference_after_dot_leaders_the_ocr_read_as_letters(registries):
    text = "CABINET LAFFORGUE\nATTESTATION D'ASSURANCE HABITATION\nRéf, Locataire (bail) Sir Siew ne 2020/3318\n"
    assert tenant(text, registries, "insurance_certificate").fields["tenant_reference"] == "2020/3318"
    # a value right after its label beats one found at a line's end
    text = "N° de dossier FSL : MAI-2021-03318\nMénage Monsieur SAUVAGE Thierry\nN° locataire 31 004 778\n"
    assert tenant(text, registries, "payment_difficulty").fields["tenant_reference"] == "31004778"
    # words at the end are no value
    assert "tenant_reference" not in tenant("Réf. locataire : voir votre avis, page 2\n", registries).fields


def test_the_debt_table_of_a_banque_de_france_letter(registries):
    text = ("BANQUE DE FRANCE\nDossier n° : 031 20 3318 Z\nNature de la dette Référence Montant déclaré\n"
            "Dette locative 0311 5028 1 906,35 EUR\n")
    for kind in ("legal_notice", "payment_difficulty"):  # writers file these notices under either
        assert tenant(text, registries, kind).fields["tenant_reference"] == "03115028"
    # the debt itself is no reference
    text = "Madame,\nVotre dette locative de 1 906,35 € reste due.\nDette locative 1 906,35 €\n"
    assert "tenant_reference" not in tenant(text, registries, "payment_difficulty").fields


def test_a_courts_act_naming_the_lease_contract(registries):
    act = ("Madame HAMIDI est locataire de la société PATRIMOINE depuis le 1er octobre 2014 en vertu\n"
           "d'un bail portant sur l'appartement ci-dessus désigné (contrat n° 2014-TN-03321). Elle y vit.\n")
    assert tenant(act, registries, "legal_notice").fields["tenant_reference"] == "2014-TN-03321"
    # an insurance contract in the same sentence as the tenancy is the insurer's
    insured = "M. X, locataire de l'appartement, est assuré au titre du contrat n° 4455667.\n"
    assert "tenant_reference" not in tenant(insured, registries, "insurance_certificate").fields


def test_the_writer_giving_their_own_number_beats_another_labelled_one(registries):
    text = ("Élodie MARCHAND\n2 rue Branly\n31120 ROQUES\nMadame, Monsieur,\nL'agence qui gère le logement (Agence\n"
            "Occitanie Immo, tél. 05 63 47 21 90) me demande une attestation.\n"
            "Pour toute question, vous pouvez me joindre au 06 38 52 17 96.\nÉlodie Marchand\n")
    assert tenant(text, registries, "certificate_or_receipt_request").fields["phone"] == "0638521796"


def test_an_organisations_letter_gives_the_persons_number_said_to_be_theirs_not_its_writers(registries):
    head = ("CONSEIL DÉPARTEMENTAL DE LA HAUTE-GARONNE\nService social polyvalent\n15 rue de Kiev — 31100 TOULOUSE\n"
            "Tél. : 05 61 44 27 10\n\nObjet : Mme Fatoumata KONE\nMadame, Monsieur,\n")
    person = head + "Mme KONÉ est joignable directement\nau 06 58 31 02 47.\nClaire Soulé\nAssistante sociale\n"
    assert tenant(person, registries, "payment_difficulty").fields.get("phone") == "0658310247"
    silent = head + "M. Pujol ne répond pas au téléphone\n(05 61 95 40 12). Une voisine l'a vu.\nClaire Soulé\nAssistante sociale\n"
    assert tenant(silent, registries, "social_distress").fields.get("phone") == "0561954012"
    writer = head + "Vous pouvez me joindre au 05 61 44 27 11.\nClaire Soulé\nAssistante sociale\n"
    assert "phone" not in tenant(writer, registries, "payment_difficulty").fields


def test_the_end_of_an_account_number_is_not_a_postal_code(registries):
    text = ("De : Karim Benali\nObjet : relance impayé - compte 41-22019 suite\n\nMadame, Monsieur,\n"
            "Je fais suite à votre relance.\nKarim Benali\n8 rue Bonnat\n31400 Toulouse\n")
    assert tenant(text, registries, "payment_difficulty").fields["postal_code"] == "31400"
    assert tenant("Paul Durand\nF-31000 Toulouse\nFuite.\n", registries).fields["postal_code"] == "31000"
    # the last piece of a reference with letters, the town's name on the next line by chance
    text = ("Objet : Mme Samira EL AMRANI - n° locataire 2015-TLS-07734\nMadame,\nMme El Amrani vit "
            "21 rue de Kiev, 31100 Toulouse.\n")
    assert tenant(text, registries, "social_distress").fields["postal_code"] == "31100"


@pytest.mark.parametrize("address, code", [
    ("11 rue Raymond Lizop\n31200 “Toulouse", "31200"),  # OCR of handwriting puts a quote before the town
    ("8 rue du Comminges à Montréjeau (31210)", "31210"),
])
def test_postal_codes_as_people_and_the_ocr_write_them(address, code, registries):
    text = f"Colette RIVIERE\n{address}\n\nMadame, Monsieur,\nLe chauffage ne marche plus.\nColette Rivière\n"
    assert tenant(text, registries).fields["postal_code"] == code


def test_a_forms_labelled_postal_code(registries):
    form = ("DEMANDE D'ÉCHÉANCIER\nNom : DIOP Prénom : Awa\nAdresse du logement : ..Résidence Soleil d'Oc, 9 rue des Genêts..\n"
            "Code postal : ..31200.. Commune : ..TOULOUSE..\n")
    assert tenant(form, registries, "payment_difficulty").fields["postal_code"] == "31200"


def test_a_lawyers_letter_naming_the_landlords_tenant_and_contract(registries):
    text = ("Cabinet Fabre Avocats\nAffaire : MBARGA / PATRIMOINE\nN/Réf. : 21.0034 AF\n"
            "Votre locataire : M. Joseph MBARGA — contrat n° 0031-88017\nObjet : mise en demeure\n")
    assert tenant(text, registries, "legal_notice").fields["tenant_reference"] == "0031-88017"


@pytest.mark.parametrize("text, ref", [
    # « Votre référence de créance » at the Banque de France: the landlord's, for the debtor
    ("BANQUE DE FRANCE\nCommission de surendettement\nDossier n° : 031 21 0876\n"
     "Débiteur : Madame CASTAGNÉ Valérie\nVotre référence de créance : LOC 0045512\nMadame, Monsieur,\n", "LOC0045512"),
    # an FSL decision: its own « Dossier n° » first, then « N° de compte locataire chez vous »
    ("FSL 31\nDossier n° FSL-M-2020-11287\nObjet : décision FSL\nMadame, Monsieur,\n"
     "La commission a examiné la demande présentée au bénéfice de :\nMonsieur Frédéric ROUGÉ\n"
     "N° de compte locataire chez vous : 0118 2276\n", "01182276"),
])
def test_the_landlords_reference_beats_the_offices_file_number(text, ref, registries):
    assert tenant(text, registries, "payment_difficulty").fields["tenant_reference"] == ref


def test_a_comb_of_boxes_read_with_edges_as_digits_gives_no_reference(registries):
    """Boxes read with a few edges as digits: no reference rather than a wrong one."""
    assert "tenant_reference" not in tenant("Paul Durand\nN° de contrat :|[210|4171711]|3]\nFuite.\n", registries).fields


def test_a_tenants_email_about_housing_benefit_gives_the_contract_in_its_subject(registries):
    text = ("SFR Mail Imprimé le 12/02/2021\nDe: Benoit Carrère <benoit.carrere@sfr.fr>\nA: contact@patrimoine-habitat.fr\n"
            "Objet : Montant APL sur avis d'échéance - Contrat : 0098 5512\nBonjour,\nJ'ai reçu une notification de la CAF "
            "(n° allocataire 2845913).\nCordialement,\nBenoit Carrère\n")
    assert tenant(text, registries, "housing_benefit").fields["tenant_reference"] == "00985512"
    # an office's e-mail (the CAF's mailbox) about a tenant: its « Contrat : » is no tenant's own word
    office = text.replace("Benoit Carrère <benoit.carrere@sfr.fr>", "CAF de la Haute-Garonne <prestations@caf31.cnafmail.fr>")
    assert "tenant_reference" not in tenant(office, registries, "housing_benefit").fields


def test_the_reference_at_the_landlord_under_its_name(registries):
    text = ("Dragan PETROVIC\n12 rue des Lilas\n31200 Toulouse\nRéf. PATRIMOINE : 0512-077\nMadame, Monsieur,\n"
            "Veuillez trouver mon attestation d'assurance habitation.\nCordialement,\nDragan Petrovic\n")
    assert tenant(text, registries, "insurance_certificate").fields["tenant_reference"] == "0512-077"


def test_the_mobile_under_an_email_signature_before_the_offices_switchboard(registries):
    text = ("De : Sophie Lambert <sophie.lambert@airbus-services.com>\nObjet : Demande d'attestation de loyer\n"
            "Bonjour,\nPourriez-vous m'envoyer une attestation de loyer ?\nJe suis locataire au 22 rue Bayard, 31000 Toulouse.\n"
            "Cordialement,\n--\nSophie Lambert\nAssistante de direction | Airbus Services SAS\n"
            "Tél : +33 5 61 93 00 00 | Mobile : 06 45 12 89 77\n")
    assert tenant(text, registries, "certificate_or_receipt_request").fields["phone"] == "0645128977"


@pytest.mark.parametrize("line, ref", [
    ("compte n° 0045-66120 chez vous", "0045-66120"),
    ("Référence de votre avis d'échéance : 0045-77821", "0045-77821"),
    ("N° de logement : 0452-12 (contrat 0045-88123)", "0045-88123"),  # the contract before the dwelling
    ("N° de logement : 0452-12", "0452-12"),  # the dwelling's number when nothing else is given
])
def test_references_by_the_account_the_rent_notice_or_the_dwelling(line, ref, registries):
    text = (f"Fatou DIOP\n8 rue des Tilleuls\n31700 Blagnac\nObjet : fuite\n{line}\nMadame, Monsieur,\n"
            "Il y a une fuite sous mon évier depuis lundi.\nCordialement,\nFatou Diop\n")
    assert tenant(text, registries).fields["tenant_reference"] == ref


def test_a_postal_code_between_dashes(registries):
    text = ("Fatou DIOP\n8 rue des Tilleuls - 31700 - Blagnac\nObjet : fuite\nMadame, Monsieur,\n"
            "Il y a une fuite sous mon évier depuis lundi.\nCordialement,\nFatou Diop\n")
    assert tenant(text, registries).fields["postal_code"] == "31700"


def test_a_tenants_phone_grouped_in_threes(registries):
    text = ("Fatou DIOP\n8 rue des Tilleuls\n31700 Blagnac\nObjet : fuite\nMadame, Monsieur,\n"
            "Il y a une fuite sous mon évier depuis lundi.\nTél : 06 12 345 678\nCordialement,\nFatou Diop\n")
    assert tenant(text, registries).fields["phone"] == "0612345678"


def test_the_landlords_own_form_under_its_name_is_no_address_block(registries):
    """The landlord's technical-request form, its name heading the title: the tenant's boxes
    below are theirs, the code before the town's box even when the OCR misread its label."""
    form = ("PATRIMOINE FICHE DE DEMANDE D'INTERVENTION TECHNIQUE\n(à remettre au gardien ou à l'agence)\n"
            "LOCATAIRE\nAdresse : Résidence Les Hirondelles, 11 rue du Caillou Gris ......c. cece\n"
            "CR 31200. Ville: TOULOUSE se\nTél. : 06 31 07 88 24... Courriel : loic.raynaud@laposte.net\n"
            "NATURE DE LA DEMANDE\n[X] Menuiserie / volets / portes\nDESCRIPTION\nLe volet roulant est bloqué.\n")
    f = tenant(form, registries).fields
    assert (f["postal_code"], f["phone"]) == ("31200", "0631078824")
    # the landlord's address block itself still is its own
    letter = ("Mme Awa DIOP\n3 rue des Lilas\n\nPATRIMOINE\nService Gestion Locative\n10 avenue de la Gloire\n"
              "31500 Toulouse\n\nObjet : quittance\nMadame, Monsieur,\nMerci de m'envoyer ma quittance.\nAwa Diop\n")
    assert "postal_code" not in tenant(letter, registries, "certificate_or_receipt_request").fields
