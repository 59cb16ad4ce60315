"""Tenants' mail written by third parties (insurers, courts, social workers, town halls): the
tenant is the person the letter is about, never the professional who signs or handles it; the
tenant's address, not the organisation's letterhead. Names come out as "Firstname Lastname"."""

from __future__ import annotations

import pytest

from config.registries import Registries
from extractors.fields import extract_fields
from extractors.parsing import find_phones

NONE = Registries((), ())
ORG = """CAISSE MUTUELLE DU SUD
12 boulevard des Minimes - 31200 TOULOUSE
Tél. 05 61 00 11 22
                                            PATRIMOINE
                                            BP 40217
                                            31035 TOULOUSE CEDEX 1
"""


def tenant(text: str, doc_type: str = "housing_benefit", registries: Registries = NONE) -> dict:
    return extract_fields(doc_type, "tenant", text, registries).fields


@pytest.mark.parametrize("line, name", [
    ("Débiteur : M. LEGRAND Pascal\nAdresse : 3 rue Réclusane, 31300 Toulouse", "Pascal Legrand"),
    ("DEMANDEUR : Monsieur KEITA Ousmane\nDÉFENDERESSE : SA d'HLM PATRIMOINE", "Ousmane Keita"),
    ("Objet : nuisances répétées - logement occupé par MESSAOUDI Kenza\n3 rue Gilet - 31770 COLOMIERS", "Kenza Messaoudi"),
    ("DÉFENDERESSE :\nMadame Odile MARCHAND, demeurant 5 rue du Taur, 31000 Toulouse", "Odile Marchand"),
    ("Nom, prénom ..............: PERRIN Jean-Luc\nN° de sécurité sociale : masqué", "Jean-Luc Perrin"),
    ("Sociétaire ........ Madame Inès CARRAL\nContrat HABITATION", "Inès Carral"),
    # a bilingual form, and a first name whose accent the OCR turned (é for è)
    ("Assuré(e) / Policyholder ........ Thérése MBARGA\nAdresse du risque ...... 22 rue Bernard-Mulé", "Thérèse Mbarga"),
    ("Locataire concerné : M. Hugo BERNAT\nRésidence Les Ormes", "Hugo Bernat"),
    ("Nom : FERRAND   Prénom : Lucie\nAdresse : 2 place Dupuy", "Lucie Ferrand"),
    ("Prénom : Lucie Nom : FERRAND\nAdresse : 2 place Dupuy", "Lucie Ferrand"),
    # the boxes' dots glued to what is written in them
    ("Nom : BENSAÏD........ Prénom : ..... Farid...\nTéléphone : .....", "Farid Bensaïd"),
    ("a versé pour le compte de :\nMonsieur TRAN Minh Duc\nles prestations suivantes", "Minh Duc Tran"),
    ("Nous certifions que :\nM. Samir OUAZZANI\nNé le 02/03/1980", "Samir Ouazzani"),
    ("des bruits en provenance du logement occupé par Monsieur Kevin ROGER\n(bâtiment C)", "Kevin Roger"),
    ("le logement donné à bail à Madame Sylvie CAMBON. Où étant", "Sylvie Cambon"),
    ("qu'elle a donné à bail à Monsieur lonut MOLDOVAN un logement de type T2", "Ionut Moldovan"),
    ("Allocataire ..............0 Madame DIALLO Aminata\nN° allocataire ......... 2187456", "Aminata Diallo"),
    ("Dossier : M. BENHAMOU Rachid\nN° allocataire : 2660918", "Rachid Benhamou"),
    ("Allocataire : M. PEREIRA DA SILVA Sergio N° allocataire : 3 541 208", "Sergio Pereira da Silva"),
    ("Affaire : ROUQUETTE Kévin c/ S.A. d'HLM PATRIMOINE\nRG n° 21/00412", "Kévin Rouquette"),
    ("le logement qui est occupé par votre locataire, M. Kamel HADJADJ. Nous ne parvenons pas", "Kamel Hadjadj"),
    ("Objet : demande d'attestation de loyer pour Mile Chloé VIGUIER\nMadame, Monsieur,", "Chloé Viguier"),
    ("J'interviens en qualité de conseil de Madame Laura PINTO, locataire", "Laura Pinto"),
    ("Objet : M. Lucien ABADIE - demande de relogement", "Lucien Abadie"),
    # the person written about, named with what a third party says of them
    ("Madame Germaine LACAZE, 87 ans, locataire de votre organisme au 6 allée du Parc", "Germaine Lacaze"),
    ("Monsieur Rachid HAMMOUDI, né le 14 février 1979 à Oran (Algérie), demeurant", "Rachid Hammoudi"),
    ("Monsieur Olivier ROUCH (allocataire n° 3328190 V), locataire du logement sis", "Olivier Rouch"),
    ("Nous accompagnons depuis le mois d'octobre Madame Samira KHELIF, locataire", "Samira Khelif"),
    ("Débiteur(s) : Madame LOPEZ Isabelle\nAdresse : 4 rue Bayard, 31000 Toulouse", "Isabelle Lopez"),
    # « M, » : the civility's dot read as a comma
    ("Je suis l'assistante sociale de\nM, Antoine LACASSAGNE, 86 ans,\nvotre locataire au 4 rue des Mûriers", "Antoine Lacassagne"),
    # a colon after the name, the complaints listed after it
    ("Les plaintes mettent en cause l'occupant du logement n° 12, qui serait votre\nlocataire, Monsieur Cédric "
     "LAGARRIGUE : musique à fort volume jusqu'à 4 heures du matin", "Cédric Lagarrigue"),
])
def test_the_person_a_third_party_writes_about(line, name):
    text = ORG + "Toulouse, le 3 mars 2021\n" + line + "\nVeuillez agréer nos salutations.\nLe service\n"
    assert tenant(text)["tenant_name"] == name


def test_staff_handling_the_file_and_professional_signers_are_not_the_tenant():
    text = (ORG + "Affaire suivie par : Mme Claire SALVAT, conseillère\nObjet : situation de Mme Rose VIGNAL\n"
            "Madame, Monsieur,\nNous vous signalons des difficultés.\nCordialement,\nClaire SALVAT\n"
            "Conseillère en économie sociale et familiale\n")
    assert tenant(text, "social_distress")["tenant_name"] != "Claire Salvat"
    signed = (ORG + "Madame, Monsieur,\nLe logement occupé par Monsieur Kevin ROGER est inondé.\n"
              "Cordialement,\nMarc DELTEIL\nGestionnaire de copropriété\n")
    assert tenant(signed, "repair_request")["tenant_name"] == "Kevin Roger"
    sender = ("Maître Paul ESTRADE\nHuissier de justice\n4 place du Salin 31000 TOULOUSE\n\n"
              "Je, Paul ESTRADE, me suis rendu au logement donné à bail à Madame Sylvie CAMBON.\nPaul ESTRADE\n")
    assert tenant(sender, "legal_notice")["tenant_name"] == "Sylvie Cambon"


def test_postal_code_of_the_tenant_not_of_the_organisation_letterhead():
    text = (ORG + "J'interviens en qualité de conseil de Madame Laura PINTO, locataire d'un logement situé\n"
            "11 rue Gaston Doumergue, 31240 L'Union.\nMaître Alain ROUX\nAvocat\n")
    assert tenant(text, "legal_notice")["postal_code"] == "31240"
    syndic = ("ORIZON GESTION - Syndic de copropriété\n45 rue Bayard - 31000 Toulouse\n\n"
              "Copropriété : Résidence Les Cèdres - 7 avenue des Minimes,\n31200 Toulouse\n"
              "Occupant : M. Bruno LEBEL (votre locataire)\nFuite d'eau.\n")
    assert tenant(syndic, "repair_request")["postal_code"] == "31200"


def test_writer_address_is_by_the_name_wherever_it_is_printed():
    # the writer's block at the top, her name again under the letter, another address in between
    text = ("Fabienne ROUX\n14 avenue du Lauragais\n31320 Castanet-Tolosan\n\nObjet : décès de mon père\n"
            "Logement : 2 place du Marché, 31290 Villefranche-de-Lauragais\nMadame, Monsieur,\n"
            "Je vous informe du décès de mon père.\nCordialement,\nFabienne Roux\n")
    f = tenant(text, "lease_termination")
    assert (f["tenant_name"], f["postal_code"]) == ("Fabienne Roux", "31320")


def test_a_name_the_registry_knows_takes_its_spelling(registries):
    text = "Bonjour,\nla fuite continue.\nCordialement\nJOSE DUPONT\n12 rue des Lilas\n31300 Toulouse\n"
    assert tenant(text, "repair_request", registries)["tenant_name"] == "José Dupont"
    homonyms = Registries((), registries.tenants + (registries.tenants[0],))
    assert tenant(text, "repair_request", homonyms)["tenant_name"] == "Jose Dupont"


def test_a_date_and_time_is_not_a_phone_number():
    assert [p.value for p in find_phones("Envoyé : 07/04/2021 11:05\nTél. 06 12 34 56 78")] == ["0612345678"]


@pytest.mark.parametrize("line, ref", [
    ("Mon contrat : CTR 2017 55891", "CTR201755891"),
    ("Mon numéro client c'est le 4 4 07 7 45 2 (il est sur mon avis).", "44077452"),
])
def test_references_told_in_the_tenants_own_words(line, ref):
    text = f"Paul Durand\n12 rue des Lilas\n31200 Toulouse\n{line}\nMerci.\nPaul Durand\n"
    assert tenant(text, "certificate_or_receipt_request")["tenant_reference"] == ref


def test_an_organisations_own_numbers_are_not_the_tenants_phone():
    """A social worker's letter prints the office's number; the tenant's is the one the letter
    says is theirs (« joignable », « son nouveau numéro »), else none."""
    letter = ("CCAS DE TOULOUSE\nService des solidarités\nTél. 05 61 22 33 44\n\nPATRIMOINE\nBP 40217\n"
              "Dossier suivi par : Mme Nadège Fabre, travailleuse sociale\n"
              "31035 TOULOUSE CEDEX 1\n\nMadame, Monsieur,\nMadame Germaine LACAZE, 87 ans, locataire de votre "
              "organisme, vit seule.\nPour tout renseignement : 05 61 22 33 45.\nCordialement\nNadège Fabre\n")
    fields = tenant(letter, "social_distress")
    assert fields["tenant_name"] == "Germaine Lacaze" and "phone" not in fields
    said = letter.replace("Pour tout renseignement : 05 61 22 33 45.",
                          "Mme Lacaze reste joignable sur sa ligne fixe : 05 61 78 22 04.")
    assert tenant(said, "social_distress")["phone"] == "0561782204"


@pytest.mark.parametrize("line, name", [
    ("Nous vous informons que l'allocataire Monsieur Abdelkader MEZIANE. a changé d'adresse", "Abdelkader Meziane"),
    ("Souscripteur M. Ibrahim KONATE\nContrat MRH n° 44 120", "Ibrahim Konate"),
    ("ALLOCATAIRE .........e. : M Moussa DIALLO\nMONTANT DE L'INDU : 312,00", "Moussa Diallo"),
    ("Logement de Monsieur Patrick ORTIZ — 8 place des Glières, 31200 Toulouse", "Patrick Ortiz"),
])
def test_labels_a_scan_or_a_form_prints_without_their_colon(line, name):
    text = ORG + "Toulouse, le 3 mars 2021\n" + line + "\nVeuillez agréer nos salutations.\nLe service\n"
    assert tenant(text)["tenant_name"] == name


HOME_HELP = ("ADMR du Comminges - Service d'aide à domicile\n27 boulevard Jean Bepmale\n31800 SAINT-GAUDENS\n\n"
             "Madame, Monsieur,\n{body}\nJe vous remercie de votre réactivité.\nSylvie DASTUGUE\n{role}\n")


@pytest.mark.parametrize("body, role, doc_type", [
    # an organisation writes: its signer is never the tenant, whatever the type
    ("Le logement de Monsieur Albert PUJOL est infesté de blattes.", "Responsable de secteur", "repair_request"),
    ("J'interviens comme aide à domicile chez M. Albert Pujol, 88 ans, locataire de votre résidence.",
     "Aide à domicile", "social_distress"),
    ("Nous accompagnons Mme Albertine Pujol, co-titulaire avec son époux du bail.", "Intervenante sociale",
     "social_distress"),
])
def test_an_organisations_letter_names_the_person_it_is_about(body, role, doc_type):
    name = "Albertine Pujol" if "Albertine" in body else "Albert Pujol"
    assert tenant(HOME_HELP.format(body=body, role=role), doc_type)["tenant_name"] == name


NEIGHBOUR = ("Josiane CAZENEUVE\n3 rue des Sports\n31520 Ramonville-Saint-Agne\n\nMadame, Monsieur,\n"
             "Je me permets de vous écrire car je suis très inquiète pour {who}, qui habite au-dessus de "
             "chez moi. Elle ne sort plus.\nAvec mes salutations respectueuses,\nJosiane Cazeneuve\n")


def test_a_neighbour_worried_about_a_tenant_names_the_tenant_not_herself():
    f = tenant(NEIGHBOUR.format(who="ma voisine du dessus, Madame\nOdette FABRE"), "social_distress")
    assert (f["tenant_name"], f["postal_code"]) == ("Odette Fabre", "31520")
    # an initial is not a name: then the writer is all there is
    assert tenant(NEIGHBOUR.format(who="mon voisin, M. Fernand R."), "social_distress")["tenant_name"] == \
        "Josiane Cazeneuve"


@pytest.mark.parametrize("line", [
    "Je suis le fils de Mme Ginette Lacombe, locataire du logement cité en objet depuis 1987.",
    "Je vous écris au nom de ma mère, Mme Ginette Lacombe, 84 ans, locataire chez vous.",
])
def test_a_relative_writing_for_a_tenant_stays_the_writer(line):
    text = ("Patrick LACOMBE\n9 chemin de la Violette\n31240 L'UNION\n\nMadame, Monsieur,\n" + line +
            "\nJe vous adresse son congé.\nSalutations distinguées.\nPatrick Lacombe\n")
    assert tenant(text, "lease_termination")["tenant_name"] == "Patrick Lacombe"


def test_a_friend_writing_at_the_tenants_request_stays_the_writer():
    text = ("PATRIMOINE\nGestion Locative\nObjet : harcèlement subi par Mme Leila Hosseini\nMadame, Monsieur,\n"
            "Je vous écris en tant qu'amie de Mme Leila Hosseini, votre locataire au 2e étage du bâtiment D.\n"
            "Elle m'a demandé de rédiger ce courrier pour elle.\nDes enfants sonnent chez elle la nuit.\n"
            "Je vous prie d'agréer mes salutations distinguées.\nMarie-Claire Sabatier\n"
            "27 allée des Tilleuls, 31650 Saint-Orens-de-Gameville\n06 03 88 14 57\n")
    f = tenant(text, "social_distress")
    assert (f["tenant_name"], f["phone"]) == ("Marie-Claire Sabatier", "0603881457")


def test_a_daughter_who_is_her_fathers_curator_is_the_writer_not_a_professional():
    text = ("Nathalie ROUZAUD\nCuratrice de M. Pierre ROUZAUD\n9 rue Castelvielh\n31600 MURET\n\n"
            "Objet : congé du logement de M. Pierre Rouzaud\nMadame, Monsieur,\nJe suis la fille et la curatrice "
            "de M. Pierre Rouzaud.\nJe vous adresse son congé.\nJe vous prie d'agréer mes salutations distinguées.\n"
            "Pour M. Pierre Rouzaud,\nsa fille et curatrice,\nNathalie Rouzaud\n")
    f = tenant(text, "lease_termination")
    assert (f["tenant_name"], f["postal_code"]) == ("Nathalie Rouzaud", "31600")


@pytest.mark.parametrize("line, name", [
    ("je suis jessica PEREZ appartement 12 au 45 rue de Fenouillet 31200 toulouse", "Jessica Perez"),
    ("Je m'appelle Samira HADDOU, j'habite allée des Peupliers", "Samira Haddou"),
    ("bonjour c est madame fatima benali du 12 rue des Bleuets", "Fatima Benali"),
])
def test_the_writer_introducing_themselves(line, name):
    text = f"bonjour,\n{line}\nles voisins font la fête tous les week-ends\nmerci\n"
    assert tenant(text, "neighbour_dispute")["tenant_name"] == name


def test_a_neighbours_own_number_is_not_the_tenants_she_writes_about():
    letter = NEIGHBOUR.replace("31520 Ramonville-Saint-Agne\n", "31520 Ramonville-Saint-Agne\nTél. 06 71 23 45 98\n")
    letter = letter.replace("Elle ne sort plus.", "Elle ne sort plus. Vous pouvez me joindre au 06 71 23 45 98.")
    f = tenant(letter.format(who="ma voisine du dessus, Madame Odette FABRE"), "social_distress")
    assert f["tenant_name"] == "Odette Fabre" and "phone" not in f
    said = letter.replace("Elle ne sort plus.", "Elle ne sort plus ; elle reste joignable au 05 61 78 22 04.")
    assert tenant(said.format(who="ma voisine, Madame Odette FABRE"), "social_distress")["phone"] == "0561782204"


def test_customer_service_lines_and_office_mailboxes_are_not_the_tenants():
    cert = (ORG + "Attestation d'assurance habitation\nNous certifions que :\nM. Samir OUAZZANI\nNé le 02/03/1980\n"
            "Une question ? Un sinistre ? Appelez le 02 35 03 68 68 (du lundi au vendredi de 8 h à 20 h).\n"
            "Écrivez-nous : contact@mutuelle-du-sud.fr\n")
    f = tenant(cert, "insurance_certificate")
    assert f["tenant_name"] == "Samir Ouazzani" and "phone" not in f and "email" not in f
    lawyer = (ORG + "Maître Claire DOUMERC, avocate - cdoumerc.avocat@orange.fr\n"
              "J'interviens en qualité de conseil de Madame Laura PINTO, locataire.\n"
              "Mme Pinto vous écrit aussi : laura.pinto31@gmail.com\n")
    assert tenant(lawyer, "legal_notice")["email"] == "laura.pinto31@gmail.com"


def test_a_phone_number_with_a_dot_and_a_space_after_its_first_pair():
    assert [p.value for p in find_phones("joignable au 06. 12 33 87 41 le soir")] == ["0612338741"]


def test_a_job_application_names_no_tenant():
    text = ("Mehdi OUALI\n12 rue des Lilas\n31300 Toulouse\n06 21 87 54 03\n\nObjet : candidature au poste de gardien\n"
            "Madame, Monsieur,\nJe me permets de vous adresser ma candidature.\nCordialement,\nMehdi Ouali\n")
    assert extract_fields("other", "other", text, NONE).fields == {}
    other = text.replace("candidature au poste de gardien", "merci").replace("ma candidature", "mes remerciements")
    assert extract_fields("other", "other", other, NONE).fields["tenant_name"] == "Mehdi Ouali"


@pytest.mark.parametrize("block, name", [
    ("DEMANDEUR\nMadame Ana-Maria. POPESCU\ndemeurant Résidence Jolimont, 31500 TOULOUSE\nDEFENDEUR\nPATRIMOINE",
     "Ana-Maria Popescu"),
    ("Nom et prénom de l'assuré ........ KAYA Emre A\nAdresse du risque : 4 rue Bayard", "Emre Kaya"),
    ("Assuré(e) Élodie FERNANDES\nE-mail elodie.fernandes31@gmail.com", "Élodie Fernandes"),
    ("Assurée MOKRANI Inès\nContrat Étudiant", "Inès Mokrani"),
    ("Ménage : M. Mehdi BOUAZIZ\nMontant accordé : 1 200,00 €", "Mehdi Bouaziz"),
    ("Personne protégée : M. Bernard COSTES\nMesure : curatelle renforcée", "Bernard Costes"),
])
def test_forms_and_court_headings_name_the_tenant(block, name):
    text = ORG + "Toulouse, le 3 mars 2021\n" + block + "\nVeuillez agréer nos salutations.\nLe service\n"
    assert tenant(text, "housing_benefit")["tenant_name"] == name


@pytest.mark.parametrize("head, body, doc_type, name", [
    ("POLICE MUNICIPALE DE COLOMIERS\n1 place Alex Raymond\n31770 COLOMIERS\n",
     "Un chien appartenant à M. Dylan FOURCADE, occupant du logement 12, a mordu une résidente.",
     "neighbour_dispute", "Dylan Fourcade"),
    ("CABINET ORIZON - Syndic de copropriété\n45 rue Bayard\n31000 Toulouse\n",
     "Une fuite provient du logement occupé par votre locataire, M. Paulo DA SILVA.", "repair_request",
     "Paulo Da Silva"),
    ("Association Les Petits Frères\n12 rue du Taur\n31000 Toulouse\n",
     "Nous souhaitons vous alerter sur la situation de M. Antoine LAPORTE, âgé de 84 ans, votre locataire.",
     "social_distress", "Antoine Laporte"),
])
def test_an_organisation_writing_about_a_tenant_in_its_own_words(head, body, doc_type, name):
    text = head + "\nMadame, Monsieur,\n" + body + "\nCordialement,\nSophie MARTY\nResponsable\n"
    assert tenant(text, doc_type)["tenant_name"] == name


def test_a_tenants_form_names_who_fills_it_in_not_its_headings():
    form = ("FICHE DE RÉCLAMATION TECHNIQUE\nNom : ROUSSEL Prénom : Chantal\nAdresse : 4 rue des Lilas 31200 Toulouse\n"
            "Description du problème\nLe volet roulant est bloqué.\nDate : 15/11/2021 Signature : C. Roussel\n")
    assert tenant(form, "repair_request")["tenant_name"] == "Chantal Roussel"


def test_a_collective_letter_names_who_wrote_it():
    text = ("Les locataires de l'escalier B\nRésidence Les Pins, 31200 Toulouse\n\nMadame, Monsieur,\n"
            "Le hall est sale depuis des semaines.\nRédigée par : Hélène SARDA, appt B 32\n"
            "Signatures : M. Lopez, Mme Diallo, M. Petit\n")
    assert tenant(text, "neighbour_dispute")["tenant_name"] == "Hélène Sarda"


def test_a_sender_line_the_ocr_joined_to_the_place_and_date():
    text = ("M. et Mme Jean-Pierre LE GOFF Saint-Orens, le 12/09/2022\nRésidence Le Parc, Bât. 3 - appt 2\n"
            "16 allée du Parc\n31650 SAINT-ORENS-DE-GAMEVILLE\n\nMadame, Monsieur,\nNous vous donnons congé.\n"
            "Veuillez agréer nos salutations.\nJean-Pierre Le Goff Monique Le Goff\n")
    assert tenant(text, "lease_termination")["tenant_name"] == "Jean-Pierre Le Goff"


@pytest.mark.parametrize("line, phone", [
    ("Le locataire peut être joint : 06 98 41 17 02.", "0698411702"),
    ("Madame ZOUAOUI peut être jointe sur un numéro qu'elle seule utilise : 06 21 55 83 07.", "0621558307"),
    ("Téléphone de l'assuré ............ 06.45.12.78.90", "0645127890"),
])
def test_a_tenants_number_an_organisation_says_is_theirs(line, phone):
    text = ORG + "Nous certifions que :\nM. Samir OUAZZANI\nNé le 02/03/1980\n" + line + "\nLe service\n"
    assert tenant(text, "social_distress")["phone"] == phone


def test_the_landlords_own_form_filled_in_by_the_tenant():
    form = ("PATRIMOINE Formulaire R-07 / version 2020\nService Recouvrement\nBP 30021 31001 TOULOUSE CEDEX 6\n"
            "DEMANDE D'ÉCHÉANCIER\n"
            "Nom : DIOP Prénom : Awa\nTéléphone : ..07 51 26 84 93........ Courriel : ..awa.diop31@gmail.com......\n"
            "Montant de la dette à ce jour: ....862,00.... €\n")
    f = tenant(form, "payment_difficulty")
    assert (f["phone"], f["email"], f["amount"]) == ("0751268493", "awa.diop31@gmail.com", "862.00")
    # the landlord's switchboard under its address heads the form: never the tenant's phone
    form = ("PATRIMOINE Agence de Muret\nGestion locative - Recouvrement amiable 14 avenue de l'Europe\n31600 MURET\n"
            "Tél. 05 61 51 40 00\nPROPOSITION D'ÉCHÉANCIER - COUPON-RÉPONSE\nN° de contrat : 0412-77851-B\n"
            "Nom : BENSAÏD Prénom : Farid\nTéléphone où vous joindre : illisible\n")
    assert "phone" not in tenant(form, "payment_difficulty")


def test_e_mail_addresses_the_ocr_spaced_or_an_insurer_prints_for_its_client():
    mail = "De : Mehmet YILMAZ <m. yilmaz82@hotmail. fr>\nObjet : odeur de gaz\nBonjour,\nça sent le gaz.\n"
    assert tenant(mail, "repair_request")["email"] == "m.yilmaz82@hotmail.fr"
    caf = ("De : CAF de la Haute-Garonne <partenaires.logement@caf31.cnafmail.fr>\nObjet : demande de renseignements\n"
           "Allocataire : Mme Awa DIOP\nMerci de nous indiquer le montant du loyer.\n")
    assert "email" not in tenant(caf, "housing_benefit")
    cert = ORG + "Assurée MOKRANI Inès\nContact ines.mokrani@univ-tlse3.fr\nContrat Étudiant\n"
    assert tenant(cert, "insurance_certificate")["email"] == "ines.mokrani@univ-tlse3.fr"
    # the OCR split the digits ending the name; a phone before an address stays out of it
    split = "Yasmina HADDAD\nyasmina.haddad3 1 @gmail.com\nJe ne peux pas payer le loyer.\n"
    assert tenant(split, "payment_difficulty")["email"] == "yasmina.haddad31@gmail.com"
    phone = "Yasmina HADDAD\nTél 06 12 34 56 78 yasmina@gmail.com\nJe ne peux pas payer le loyer.\n"
    assert tenant(phone, "payment_difficulty")["email"] == "yasmina@gmail.com"


def test_the_writers_surname_in_their_address_as_spelled_in_their_name():
    mail = "De : Kevin Morel <kevin.more181@yahoo.fr>\nObjet : ordures\nBonjour,\nles voisins jettent leurs ordures.\n"
    assert tenant(mail, "neighbour_dispute")["email"] == "kevin.morel81@yahoo.fr"


@pytest.mark.parametrize("block, doc_type, name", [
    ("Objet : Suspension de l'aide au logement - dossier 2458961 - Joaquim PEREIRA (allocataire)", "housing_benefit",
     "Joaquim Pereira"),
    ("Titulaire : SILVA Ana Paula\nContrat Habitation n° 88 120", "insurance_certificate", "Ana Paula Silva"),
    ("Nom : NDIAYE Prénom(s) : Fatou\nAdresse électronique : fatou.ndiaye31@outlook.fr", "housing_benefit",
     "Fatou Ndiaye"),
    ("concernant le logement occupé par M. Rui DA COSTA : tapage nocturne.", "neighbour_dispute", "Rui Da Costa"),
])
def test_more_ways_an_office_names_the_tenant(block, doc_type, name):
    text = ORG + "Toulouse, le 3 mars 2021\n" + block + "\nVeuillez agréer nos salutations.\nLe service\n"
    assert tenant(text, doc_type)["tenant_name"] == name


@pytest.mark.parametrize("raw", ["Chauffeur VTC", "Chex Moi", "Mode D'Envoi"])
def test_a_job_a_phrase_or_a_forms_field_under_a_signature_is_not_a_name(raw):
    from extractors.person_names import clean_person
    assert clean_person(raw) is None


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


def test_a_number_that_rings_unanswered_is_the_persons():
    text = (ORG + "Madame, Monsieur,\nUne fuite provient du logement occupé par votre locataire, M. Paulo DA SILVA.\n"
            "Son téléphone (05.34.51.22.80) ne répond pas.\nCordialement,\nMarc DELTEIL\nGestionnaire\n")
    assert tenant(text, "repair_request")["phone"] == "0534512280"


def test_an_employers_name_over_its_address_is_a_company_not_the_tenant():
    text = ("AEROCOMP GARONNE\nComposites aéronautiques\n12 rue Maryse Hilsz - 31700 BLAGNAC\n\n"
            "ATTESTATION EMPLOYEUR\nJe soussignée, Directrice des Ressources Humaines de la société "
            "AEROCOMP GARONNE, atteste que :\nMadame Hind CHRAIBI\nnée le 17/03/1989\n"
            "demeurant 22 rue Jacques Prévert, 31700 BLAGNAC\nest employée dans notre société depuis 2016,\n"
            "en contrat à durée indéterminée à temps plein.\nElle n'est pas en période d'essai.\n"
            "Sa rémunération brute mensuelle s'élève à 2 240,00 €.\nElle travaillera sur notre site de Cornebarrieu.\n"
            "Attestation délivrée à l'intéressée pour servir et valoir ce que de droit.\n"
            "Fait à Blagnac, le 2 juin 2022\nCatherine VILLENEUVE\nDirectrice des Ressources Humaines\n"
            "[cachet de l'entreprise]\nAEROCOMP GARONNE - SAS au capital de 500 000 €\n")
    assert tenant(text, "other")["tenant_name"] == "Hind Chraibi"
    # a party against a company (« PATRIMOINE SA c/ M. X ») is still a person
    act = ("SCP Lafont, commissaires de justice\nAffaire : PATRIMOINE SA Languedocienne c/ M. Kévin ROUSSEL\n"
           "avons signifié à Monsieur Kévin ROUSSEL, demeurant 4 rue Bayard, 31000 Toulouse, un commandement.\n")
    assert tenant(act, "legal_notice")["tenant_name"] == "Kévin Roussel"


def test_a_lawyers_client_who_owns_the_house_next_door_is_not_the_tenant():
    text = ("SELARL GARRIGUES AVOCATS\n3 rue de Metz - 31000 Toulouse\n\nMadame, Monsieur,\n"
            "Je suis le conseil de Madame Odile SARRAIL, propriétaire et occupante de la maison située\n"
            "12 impasse des Tilleuls, voisine de la maison dont vous êtes propriétaire au n° 14, "
            "donné à bail à Monsieur Kévin DOS SANTOS.\nLes nuisances durent depuis des mois.\n")
    assert tenant(text, "legal_notice")["tenant_name"] == "Kévin Dos Santos"


def test_a_sender_block_on_one_line_joined_by_dashes():
    text = ("Agnieszka KOWALSKA - Résidence Les Cèdres, Bât. B - 5 rue Saint-Jean - 31130 Balma\n"
            "agnieszka.kowalska@sfr.fr\n\nPATRIMOINE\nMadame, Monsieur,\nLes voisins du dessus font du bruit "
            "toutes les nuits.\nMerci d'intervenir.\nA. Kowalska\n")
    f = tenant(text, "neighbour_dispute")
    assert (f["tenant_name"], f["postal_code"]) == ("Agnieszka Kowalska", "31130")


@pytest.mark.parametrize("line, name", [
    ("FSIS URE TE verve: Pete aay, noter weet ee aus Seem D M. RODRIGUEZ MANUEL", "Manuel Rodriguez"),
    ("WS Sas O (ee RS CR ne woe cbr HADDAD Yasmina", "Yasmina Haddad"),
])
def test_an_insurers_form_whose_dot_leaders_the_ocr_read_as_letters(line, name):
    text = ("AGENCE GENERALE PUJOL ASSURANCES\nATTESTATION D'ASSURANCE\n"
            "JE SOUSSIGNE, BERNARD PUJOL, AGENT GENERAL DE LA COMPAGNIE SOLEVIA, ATTESTE QUE\n" + line +
            "\nADRESSE DU RISQUE RES. LES CIGALES BAT 2 APPT 8, 31830 PLAISANCE DU TOUCH\n"
            "EST TITULAIRE D'UN CONTRAT EN COURS DE VALIDITE.\nL'AGENT GENERAL\nB. PUJOL\n")
    assert tenant(text, "insurance_certificate")["tenant_name"] == name


def test_a_reference_ending_in_five_digits_is_no_postal_code():
    """« N° locataire : 2019-B-04471 » then « page 2 »: the digits after « B- » are the reference's."""
    text = (ORG + "Objet : situation de Madame Samira ZERROUKI\nN° locataire : 2019-B-04471 page 2\n"
            "Madame Zerrouki demeure 12 rue Gilet, 31100 Toulouse.\nCordialement,\nLe service\n")
    assert tenant(text, "social_distress")["postal_code"] == "31100"


def test_a_relatives_number_is_not_the_tenants():
    text = (ORG + "Objet : situation de Madame Jeanne SOULIÉ, locataire\nMadame, Monsieur,\n"
            + "Nous avons rendu visite à Madame Soulié, qui vit seule depuis le décès de son mari.\n" * 9 +
            "Madame Soulié peut être jointe sur sa ligne fixe au 05 61 39 27 84 (elle répond peu).\n"
            "Sa fille, Madame Sandrine Roques, est joignable au\n06 81 44 02 67.\nCordialement,\nLe service\n")
    assert tenant(text, "social_distress")["phone"] == "0561392784"
    # the relative's alone: no phone of the tenant's
    alone = text.replace("Madame Soulié peut être jointe sur sa ligne fixe au 05 61 39 27 84 (elle répond peu).\n", "")
    assert "phone" not in tenant(alone, "social_distress")


def test_the_landlords_file_number_named_by_a_lawyer_or_a_tenant():
    """« Vos réf. : dossier locataire 5512-087 » in a lawyer's letter is the landlord's own number;
    « N° contrat location » a tenant's."""
    lawyer = ("Maître Claire VIGNAU\nAvocat au barreau de Toulouse\nVos réf. : dossier locataire 5512-087\n"
              "N/Réf. : 21/0187 - LACOMBE c/ PATRIMOINE\nObjet : MISE EN DEMEURE\nMadame, Monsieur,\n")
    assert tenant(lawyer, "legal_notice")["tenant_reference"] == "5512-087"
    mail = "Bonjour,\nN° contrat location :002743185\nMerci,\nSamir Ait Ouarab\n"
    assert tenant(mail, "other")["tenant_reference"] == "002743185"


@pytest.mark.parametrize("body, name", [
    ("La commission a examiné la demande présentée au bénéfice de :\nMonsieur Frédéric ROUGÉ\n"
     "14 avenue de la Gloire, appt 33, 31500 TOULOUSE\n", "Frédéric Rougé"),
    ("Le détail du calcul figure au verso.\nMadame SAÏDI Malika\nAppt 41 — 6 rue de Gascogne\n31100 TOULOUSE\n",
     "Malika Saïdi"),
    ("Objet : révision trimestrielle de l'aide au logement\nMme Sofia MARQUES - Résidence Les Acacias, appt 7\n",
     "Sofia Marques"),
])
def test_an_organisation_names_the_tenant_on_a_line_of_their_own_not_its_signer(body, name):
    letter = ORG + body + "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.\nMadame Claire VIDAL\nConseillère\n"
    assert tenant(letter)["tenant_name"] == name


@pytest.mark.parametrize("body, doc_type, name", [
    ("J'accompagne Monsieur et Madame HADDAD, locataires d'un T4.\nMonsieur Ahmed HADDAD est cuisinier.\n",
     "payment_difficulty", "Ahmed Haddad"),
    ("Les nuisances proviennent de l'appartement n° 14, occupé par Monsieur Yannick\nROUSSEL, votre locataire.\n",
     "neighbour_dispute", "Yannick Roussel"),
])
def test_an_organisation_names_the_tenant_in_a_sentence(body, doc_type, name):
    letter = ORG + body + "Veuillez agréer nos salutations distinguées.\nCorinne Mazières\nAdjointe au maire\n"
    assert tenant(letter, doc_type)["tenant_name"] == name


def test_the_number_a_bailiff_says_the_tenant_gave_is_the_tenants_phone():
    act = ("SELARL DARRIEUX & CASTAGNE\nCOMMISSAIRES DE JUSTICE ASSOCIES\n4 ALLEES NIEL - 31600 MURET\n"
           "TEL 05 61 51 08 20 - ETUDE@DARRIEUX-CASTAGNE.FR\nPATRIMOINE\nBP 71234\n31012 TOULOUSE CEDEX 6\n"
           "OBJET : COMPTE RENDU DE SIGNIFICATION\nDESTINATAIRE : MONSIEUR OLIVIER MARTY\n"
           "LE REQUIS S'EST ENGAGE A PRENDRE CONTACT AVEC VOS SERVICES. NUMERO DE TELEPHONE COMMUNIQUE PAR "
           "L'INTERESSE : 06.12.87.45.30\nCOUT DU PRESENT ACTE : 128,97 EUR\n")
    assert tenant(act, "legal_notice")["phone"] == "0612874530"
    assert "phone" not in tenant(act.replace(" COMMUNIQUE PAR L'INTERESSE", ""), "legal_notice")


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


@pytest.mark.parametrize("letter, name", [
    ("DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES\nSIP d'Albi\nMADAME, MONSIEUR,\nLOCAL CONCERNÉ\n"
     "ADRESSE : RÉSIDENCE LES CASCADES, 81000 ALBI\nOCCUPANT CONNU DE L'ADMINISTRATION : M. Hamid EL AMRANI\n"
     "1. LE LOCAL ÉTAIT-IL OCCUPÉ ?\n", "Hamid El Amrani"),
    ("Maître,\nla signification du jugement rendu par le tribunal judiciaire de Tarbes (RG n° 22/00118) à "
     "l'encontre de Mme Sandrine LOPEZ FERRER\nn'a pu être délivrée.\n", "Sandrine Lopez Ferrer"),
    ("MSA MIDI-PYRÉNÉES SUD\nSite de Foix - 18 bis, rue Lakanal - 09000 FOIX\n"
     "Locataire (renseigné par la MSA) : Monsieur Pascal DEDIEU\n2, rue des Jacobins - 09100 PAMIERS\n",
     "Pascal Dedieu"),
])
def test_the_person_an_office_names_under_its_own_words(letter, name):
    assert tenant(letter, "other" if "LOCAL" in letter else "legal_notice")["tenant_name"] == name


def test_a_running_footers_page_number_is_not_part_of_the_reference():
    text = ("CAF DE LA HAUTE-GARONNE EDITION DU 09/11/2021\n"
            "ALLOCATAIRE 2877410 - MME NGUYEN THI LAN - REF. BAILLEUR T/207/55841 PAGE 2/2\n")
    assert tenant(text, "housing_benefit")["tenant_reference"] == "T/207/55841"


def test_a_schools_social_worker_names_the_mother_and_a_police_form_the_persons_phone():
    school = ("Académie de Toulouse\nCollège Henri-Guillaumet\nService social en faveur des élèves\n"
              "12, avenue du Parc - 31700 BLAGNAC\n\nMadame, Monsieur,\nJe vous écris au sujet de la famille de deux "
              "de nos élèves, qui vivent avec leur mère,\nMme Dragana PETROVIC, et une petite sœur de 2 ans.\n"
              "Veuillez agréer mes salutations.\nClaire Vidal\n")
    assert tenant(school, "social_distress")["tenant_name"] == "Dragana Petrovic"
    police = ("VILLE DE TOURNEFEUILLE\nPOLICE MUNICIPALE\nStandard 05 62 13 21 00 - Astreinte de nuit 06 07 21 40 50\n"
              "FICHE DE SIGNALEMENT AU BAILLEUR SOCIAL\n\n1. PERSONNE MISE EN CAUSE\nNom : BENALI Prénom : Kader\n"
              "Adresse : Résidence Les Ramiers, Bât. A, appt 11\n31170 TOURNEFEUILLE\n"
              "Tél. (déclaré lors de l'intervention) : 06 19 82 55 07\n2. NATURE DES FAITS\n")
    assert tenant(police, "neighbour_dispute")["phone"] == "0619825507"


def test_the_phone_under_the_tenants_signature_in_a_message_an_office_forwards():
    text = ("CCAS de Saint-Orens-de-Gameville\nObjet : TR: loyer - Mme HADDAD Rachida - report du loyer d'avril\n"
            "Madame, Monsieur,\nJe vous transmets le message de Mme Haddad.\nCordialement,\nLaure Bories\n"
            "Conseillère en économie sociale et familiale\nCCAS de Saint-Orens-de-Gameville\n"
            "Tél. 05 61 39 00 52 (ligne directe)\n---- Message transféré ----\nSujet : loyer\n"
            "De : rachida haddad <rachida.haddad@laposte.net>\nbonjour madame bories\n"
            "comme je vous est dit hier au telephone\nje vais pas pouvoir payer le loyer d avril en entier.\n"
            "le restaurant est fermer encore.\nj ai appeler patrimoine 3 fois.\nje peux payer a partir de mai.\n"
            "je veux pas avoir de probleme avec le logement.\n"
            "pouvez vous leur dire svp.\nmon adresse c est 14 allee des Bleuets 31650 st orens\nmerci beaucoup\n"
            "Rachida Haddad\n06.24.71.90.35\nEnvoyé de mon iPhone\n")
    assert tenant(text, "payment_difficulty")["phone"] == "0624719035"


def test_a_capital_i_the_ocr_read_as_an_exclamation_mark_in_a_name():
    text = ("MUTUELLE OCCITANE D'ASSURANCES\nATTESTATION D'ASSURANCE HABITATION\nLa Mutuelle atteste que :\n"
            "Monsieur ZERROUK! Rachid\n7 rue de Soupetard\n31500 TOULOUSE\nest titulaire d'un contrat Multirisque Habitation\n")
    assert tenant(text, "insurance_certificate")["tenant_name"] == "Rachid Zerrouki"
    # a writer's exclamation stays one
    text = "Paul DURAND\n12 rue des Lilas\n31200 Toulouse\nC'EST URGENT! Il pleut dans la cuisine.\nPaul Durand\n"
    assert tenant(text, "repair_request")["tenant_name"] == "Paul Durand"


def test_a_case_named_by_the_surname_names_the_tenant_in_full_below():
    text = ("Cabinet Maître Iris Bonnefous\nAvocat au Barreau de Toulouse\n"
            "Affaire : PINTO FERNANDES c/ PATRIMOINE - Réf. cabinet : 21.0392/IB\n"
            "Votre locataire : Mme Graziella PINTO FERNANDES - Contrat de location n° 0455 8712 A\n"
            "Je suis le conseil de Madame Graziella PINTO FERNANDES.\n")
    assert tenant(text, "legal_notice")["tenant_name"] == "Graziella Pinto Fernandes"
