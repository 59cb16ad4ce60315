"""Tenants' mail written by third parties (insurers, courts, social workers, town halls): the
tenant is the person the letter is about, never the professional who signs or handles it; the
tenant's address, not the organisation's letterhead. Names come out as "Firstname Lastname"."""

from __future__ import annotations

import pytest

from config.registries import Registries
from extractors.fields import extract_fields


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
    ("le logement n° 7 de cette résidence, donné a bail par vos soins\nà Monsieur Kévin ROUQUETTE :", "Kévin Rouquette"),
    ("Vu l'arrêté portant délégation de signature à M. Arnaud\nVIGOUROUX, sous-préfet de Muret ;\nVu le jugement "
     "ordonnant\nl'expulsion de M. Grégory SARRAILH ;\nLe sous-préfet de Muret,\nArnaud VIGOUROUX", "Grégory Sarrailh"),
    ("Instruit par MDS Toulouse Bagatelle - Mme Camille LASSERRE-NDIAYE, conseillère ESF\n"
     "Bailleur : PATRIMOINE Locataire : Mme BEKKOUCHE Yasmina Compte : 2209 5561", "Yasmina Bekkouche"),
    ("Allocataire ..............0 Madame DIALLO Aminata\nN° allocataire ......... 2187456", "Aminata Diallo"),
    ("Dossier : M. BENHAMOU Rachid\nN° allocataire : 2660918", "Rachid Benhamou"),
    ("Allocataire : M. PEREIRA DA SILVA Sergio N° allocataire : 3 541 208", "Sergio Pereira da Silva"),
    ("Affaire : ROUQUETTE Kévin c/ S.A. d'HLM PATRIMOINE\nRG n° 21/00412", "Kévin Rouquette"),
    ("le logement qui est occupé par votre locataire, M. Kamel HADJADJ. Nous ne parvenons pas", "Kamel Hadjadj"),
    ("Objet : demande d'attestation de loyer pour Mile Chloé VIGUIER\nMadame, Monsieur,", "Chloé Viguier"),
    ("J'interviens en qualité de conseil de Madame Laura PINTO, locataire", "Laura Pinto"),
    ("Objet : M. Lucien ABADIE - demande de relogement", "Lucien Abadie"),
    ("concernent l'appartement B12, dont le locataire en titre est Monsieur LAPORTE Kevin. Deux avis", "Kevin Laporte"),
    # a carrier's notice left with the caretaker: the parcel's addressee
    ("DESTINATAIRE : M. Yacine HAMIDI\nRésidence Les Cèdres, Bât. 2, appt 14", "Yacine Hamidi"),
    # a couple named together: the first of them
    ("Objet : M. et Mme HADDOU Samir et Naïma - demande de plan d'apurement", "Samir Haddou"),
    ("Affaire : PATRIMOINE c/ M. et Mme DA SILVA Ricardo et Maria\n12 rue Jean Rieux", "Ricardo Da Silva"),
    ("Occupants : M. et Mme MEZIANE Abdelkader et Yasmina, et trois enfants", "Abdelkader Meziane"),
    ("Objet : situation de M. et Mme Samir et Naïma HADDOU\nMadame,", "Samir Haddou"),
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


def test_a_name_the_registry_knows_takes_its_spelling(registries):
    text = "Bonjour,\nla fuite continue.\nCordialement\nJOSE DUPONT\n12 rue des Lilas\n31300 Toulouse\n"
    assert tenant(text, "repair_request", registries)["tenant_name"] == "José Dupont"
    homonyms = Registries((), registries.tenants + (registries.tenants[0],))
    assert tenant(text, "repair_request", homonyms)["tenant_name"] == "Jose Dupont"


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


def test_a_job_application_names_no_tenant():
    text = ("Mehdi OUALI\n12 rue des Lilas\n31300 Toulouse\n06 21 87 54 03\n\nObjet : candidature au poste de gardien\n"
            "Madame, Monsieur,\nJe me permets de vous adresser ma candidature.\nCordialement,\nMehdi Ouali\n")
    assert extract_fields("other", "other", text, NONE).fields == {}
    other = text.replace("candidature au poste de gardien", "merci").replace("ma candidature", "mes remerciements")
    assert extract_fields("other", "other", other, NONE).fields["tenant_name"] == "Mehdi Ouali"
    # an employer supporting « sa candidature pour un logement »: a home applied for, not a job
    housing = ("CLINIQUE LES PEUPLIERS DU TOUCH\nDirection des Ressources Humaines\n"
               "Objet : demande de logement à proximité du lieu de travail\nSalariée concernée : Mme Graziella MENDES\n"
               "Madame, Monsieur,\nNous vous serions reconnaissants d'examiner sa candidature pour un logement de type 3.\n"
               "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n"
               "Nadia Ouhibi-Lamarque\nResponsable des Ressources Humaines\n")
    assert extract_fields("other", "other", housing, NONE).fields["tenant_name"] == "Graziella Mendes"


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
    text = ("IONESCU Bogdan Castres, le 25 novembre 2021\nResidence Le Bouquet - bat. 2 - appt 8\n4 rue Emile-Zola\n"
            "81100 CASTRES\nMadame, Monsieur,\nUne odeur de gaz.\nB. IONESCU\n")
    assert tenant(text, "repair_request")["tenant_name"] == "Bogdan Ionescu"  # the place as short as leaves a name


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


def test_a_forms_label_whose_dot_leaders_the_ocr_read_as_letters():
    """« Demandeur ........ Mme Yasmina OUARET »: the leaders read as letters, the civility and
    the name end the line."""
    text = ("FSL 31 - FONDS DE SOLIDARITE POUR LE LOGEMENT DE LA HAUTE-GARONNE\nA : PATRIMOINE\n"
            "Service Recouvrement\nBP 40217\n31035 TOULOUSE CDX 1\n"
            "Objet : demande d'aide au maintien - accusé de réception\n"
            "Demandeur snisrsneneee 1e Mme Yasmina OUARET\n"
            "AGLESSE ears ware weds. oe we 30 chemin de Nicol, appt 210, 31200 TOULOUSE\n"
            "Madame, Monsieur,\nUne demande d'aide au titre du FSL a été déposée pour votre locataire.\n")
    assert tenant(text, "payment_difficulty")["tenant_name"] == "Yasmina Ouaret"
