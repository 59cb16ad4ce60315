"""The tenant's name in an organisation's or an elected official's letter: the person the letter
is about, never the organisation printed at its head nor the official who signs."""

from __future__ import annotations

from extractors.person_names import clean_person
from tests.extractors.test_fields_third_party import tenant


def test_a_surname_with_its_particle_printed_first_in_capitals():
    assert clean_person("LE FLOC'H Gwladys") == "Gwladys Le Floc'h"
    assert clean_person("DA SILVA Ricardo") == "Ricardo Da Silva"
    letter = ("Maison des Solidarités Toulouse Sud-Est\nService social polyvalent de secteur\n"
              "Affaire suivie par : Mme Séverine Lacaze, assistante de service social\n"
              "Objet : Demande de plan d'apurement\nConcerne : Mme LE FLOC'H Gwladys\n"
              "3 impasse des Bouvreuils, appt 17, 31400 TOULOUSE\nMadame, Monsieur,\n"
              "J'accompagne Mme LE FLOC'H depuis juillet 2020. Elle peut consacrer 60 € par mois à sa dette.\n"
              "Veuillez agréer, Madame, Monsieur, mes salutations distinguées.\n"
              "Séverine Lacaze\nAssistante de service social\n")
    assert tenant(letter, "payment_difficulty")["tenant_name"] == "Gwladys Le Floc'h"


def test_a_works_council_at_the_head_of_its_letter_is_no_person_and_its_mailbox_not_the_tenants():
    letter = ("CSE AÉROSTRUCTURES GARONNE\nComité social et économique - Commission Logement\n"
              "2 rue Clément-Ader - 31703 BLAGNAC CEDEX\ncommission.logement@cse-aerogaronne.fr\n\nBlagnac, le 11 janvier 2021\n"
              "Objet : Aide exceptionnelle au logement - attestation de loyer\nSalariée : Mme TRÉMOULET Océane\n"
              "Madame, Monsieur,\nLa Commission Logement doit vérifier le loyer acquitté par "
              "Mme Océane TRÉMOULET,\nqui nous indique être locataire de votre organisme à Blagnac.\n"
              "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.\n")
    f = tenant(letter, "certificate_or_receipt_request")
    assert (f["tenant_name"], f.get("email")) == ("Océane Trémoulet", None)  # nor is its mailbox the tenant's
    assert clean_person("CSE Aérostructures Garonne") is None


def test_an_mp_writing_for_a_tenant_is_not_the_tenant():
    letter = ("Hélène VIGOUROUX\nDéputée de la Haute-Garonne\nPermanence parlementaire\n"
              "3, place de la Mairie - 31490 LÉGUEVIN\nTél: 05 61 06 29 84\n"
              "Monsieur le Directeur général\nPATRIMOINE\nCS 71834\n31018 TOULOUSE CEDEX 6\n"
              "Léguevin, le 9 juillet 2021\nObjet : demande de mutation - M. et Mme ESCUDIE\n"
              "Monsieur le Directeur général,\nJ'ai été sollicitée par M. Christophe ESCUDIÉ et son épouse, "
              "locataires de votre\norganisme au 4e étage, sans ascenseur, 2 rue des Écoles, 31490 Léguevin.\n"
              "Je vous prie d'agréer, Monsieur le Directeur général, l'expression de mes salutations\n"
              "distinguées.\nHélène Vigouroux\n")
    assert tenant(letter, "other")["tenant_name"] == "Christophe Escudié"


EMPLOYER = ("GARONNE RÉCEPTIONS\nTraiteur - Organisation d'événements\nSARL au capital de 20 000 €\n"
            "ZA de Bel Air, 5 rue des Artisans - 31140 AUCAMVILLE\nTél. 05 61 70 29 18\n"
            "SA d'HLM PATRIMOINE\nService Recouvrement\nBP 71234\n31012 TOULOUSE CEDEX 6\n"
            "Aucamville, le 12 mai 2020\nObjet : situation de notre salarié, M. Iñaki ETCHEVERRY\n"
            "Madame, Monsieur,\nÀ la demande de notre salarié, M. Iñaki ETCHEVERRY, demeurant 14 rue des Paquerettes,\n"
            "31150 FENOUILLET, qui est locataire de votre organisme, nous attestons de ce qui suit.\n"
            "M. ETCHEVERRY nous a fait part de ses difficultés a régler ses loyers d'avril et de mai 2020,\n"
            "soit 912,40 €. Salarié sérieux et fidèle, il souhaite honorer cette dette.\n"
            "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n"
            "Christelle VERDIER-MOULIS\nGérante\n")


def test_an_employer_writing_for_its_employee_names_the_tenant_not_its_manager():
    """A caterer's letterhead (« SARL au capital de 20 000 € ») heads the letter, its manager
    signs (« Gérante »): the employee it writes about is the tenant, and the firm's capital is
    no sum at stake."""
    f = tenant(EMPLOYER, "payment_difficulty")
    assert (f["tenant_name"], f["amount"]) == ("Iñaki Etcheverry", "912.40")


def test_a_tenants_association_writing_for_a_member_names_her_not_its_president():
    """A CNL tenants' association (« Amicale des locataires ») heads the letter and its president
    signs: the member it writes for is the tenant, and the association's mailbox is not hers."""
    letter = ("CONFÉDÉRATION NATIONALE DU LOGEMENT\nAmicale des locataires CNL « Le Pastel »\n"
              "Local associatif, bat. A - Résidence Le Pastel\n31320 CASTANET-TOLOSAN\namicale.lepastel.cnl@gmail.com\n"
              "Castanet-Tolosan, le 18 février 2021\nObjet : troubles de voisinage subis par\n"
              "Mme BOUKHARI Zohra, bât. C, appt 31\nMadame, Monsieur,\n"
              "Notre amicale a été saisie par Mme Zohra BOUKHARI, adhérente,\nlocataire du bât. C, appt 31, depuis 2009.\n"
              "Mme BOUKHARI peut être jointe au 06 27 84 13 59.\n"
              "Dans l'attente de votre réponse, veuillez agréer, Madame, Monsieur,\nnos salutations distinguées.\n"
              "Pour le bureau de l'amicale,\nle président, Jean-Claude BAYLAC\n")
    f = tenant(letter, "neighbour_dispute")
    assert (f["tenant_name"], f.get("email"), f["phone"]) == ("Zohra Boukhari", None, "0627841359")


def test_the_taxpayer_a_tax_office_seizes_from_is_the_tenant():
    """A tax office's « saisie administrative à tiers détenteur » names the tenant as the
    « Redevable », by dot leaders the OCR garbled or after a colon."""
    notice = ("DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES\nSAISIE ADMINISTRATIVE À TIERS DÉTENTEUR\n"
              "TIERS DÉTENTEUR ....... SA D'HLM PATRIMOINE\nREDEVABLE 5 nu M. TRINH Hoàng Long\n"
              "Adresse connue ........ 8 rue des Cheminots, appt 3 - 31300 TOULOUSE\nLe comptable public\n")
    assert tenant(notice, "legal_notice")["tenant_name"] == "Hoàng Long Trinh"
    form = "DÉCLARATION DU TIERS DÉTENTEUR\nTiers détenteur : SA D'HLM PATRIMOINE\nRedevable : M. TRINH Hoàng Long\n"
    assert tenant(form, "legal_notice")["tenant_name"] == "Hoàng Long Trinh"


def test_an_employees_name_after_salariee_and_her_staff_number_no_postal_code():
    """A works council's « Salariée : Mme RAMALINGAM Shanthi - matricule 40872 »: the tenant, and
    her staff number is no postal code (her home's, further down, is)."""
    letter = ("AÉROMÉCA PRÉCISION\nComité Social et Économique\nCommission Logement\n"
              "Objet : demande d'attestation de loyer\nSalariée : Mme RAMALINGAM Shanthi - matricule 40872\n"
              "Locataire de votre logement : 30 rue de Négreneys, appartement 6, 31200 TOULOUSE\n"
              "Madame, Monsieur,\nNous vous remercions de bien vouloir lui délivrer une attestation de loyer.\n"
              "Avec nos remerciements, veuillez agréer, Madame, Monsieur, nos salutations distinguées.\n"
              "Damien COURRÈGES\nSecrétaire du CSE\n"
              "AÉROMÉCA PRÉCISION SAS - SIRET 817 345 622 00010 - Comité Social et Économique\n")
    f = tenant(letter, "certificate_or_receipt_request")
    assert (f["tenant_name"], f["postal_code"]) == ("Shanthi Ramalingam", "31200")


def test_the_contact_a_tenants_petition_names_is_its_writer():
    """« Les locataires du bâtiment C » write together and name « Contact pour ce courrier : Mme
    Odile Ratsimba »; their table of signatures follows."""
    letter = ("Les locataires du bâtiment C\nRésidence Les Cèdres\n18, rue des Pâquerettes\n31150 Fenouillet\n"
              "Objet : ascenseur du bâtiment C en panne depuis le 12 novembre\nMadame, Monsieur,\n"
              "Nous, locataires du bâtiment C, vous écrivons collectivement. Mme Vidal (7e, 88 ans) ne sort plus.\n"
              "Contact pour ce courrier : Mme Odile Ratsimba, appt 82 (8e étage), réf. locataire 00533409,\n"
              "tél. 06 52 30 17 84.\nVeuillez agréer, Madame, Monsieur, nos salutations distinguées.\n"
              "Nom Appt Signature\nOdile Ratsimba 82 O. Ratsimba\nJosette Vidal 71 J. Vidal (pour elle, sa nièce)\n")
    assert tenant(letter, "repair_request")["tenant_name"] == "Odile Ratsimba"


def test_an_employee_named_concerned_her_tenancy_and_address_on_their_lines():
    """A clinic's HR writes for « Salariée concernée : Mme Graziella MENDES », « Locataire actuelle
    PATRIMOINE - n° de locataire 0563302 » (the landlord named on her line, no address block of
    its own), then her address."""
    letter = ("CLINIQUE LES PEUPLIERS DU TOUCH\nDirection des Ressources Humaines\n112 route de Saint-Simon - 31100 TOULOUSE\n"
              "PATRIMOINE\nService Attributions\nCS 70034\n31505 TOULOUSE CEDEX 5\nToulouse, le 2 mars 2021\n"
              "Objet : demande de logement à proximité du lieu de travail\nSalariée concernée : Mme Graziella MENDES\n"
              "Locataire actuelle PATRIMOINE - n° de locataire 0563302\n"
              "Adresse actuelle : 8 chemin de la Garenne, 31790 SAINT-JORY\nMadame, Monsieur,\n"
              "Nous souhaitons appuyer la demande de Mme Graziella MENDES, aide-soignante.\n"
              "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n"
              "Nadia Ouhibi-Lamarque\nResponsable des Ressources Humaines\n")
    f = tenant(letter, "other")
    assert (f["tenant_name"], f["tenant_reference"], f["postal_code"]) == ("Graziella Mendes", "0563302", "31790")


def test_the_account_holder_on_a_direct_debit_form_and_an_allocataire_the_ocr_misspelt():
    mandate = ("PATRIMOINE MANDAT DE PRÉLÈVEMENT SEPA\nVOS COORDONNÉES\n"
               "Nom, prénom du titulaire du compte : LAGARRIGUE Christophe\nAdresse : 27 chemin des Écoles, appt 4\n"
               "Code postal / Ville : 31830 PLAISANCE-DU-TOUCH\nN° de locataire / contrat : 3348061\n")
    assert tenant(mandate, "other")["tenant_name"] == "Christophe Lagarrigue"
    msa = ("MSA MIDI-PYRENEES SUD NOTIFICATION AU BAILLEUR\nDATE D'EDITION : 08/06/2020 N° DOSSIER : 31 0 45 882 17\n"
           "ALLOCATATIRE : M OURLIAC JEAN-BAPTISTE\nADRESSE : 7 LOT LE CLOS DES VIGNES\n31340 VILLEMUR-SUR-TARN\n")
    assert tenant(msa, "housing_benefit")["tenant_name"] == "Jean-Baptiste Ourliac"


def test_a_taxpayer_under_a_two_column_heading_and_a_member_after_garbled_leaders():
    """A tax office's table: « TIERS DÉTENTEUR   REDEVABLE » over « PATRIMOINE   M. LARRIEU
    Kévin »; an insurer's « Sociétaire .........660 M. PETROVIC Dragan » (dot leaders the OCR
    ended with digits before the civility)."""
    satd = ("DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES\nSAISIE ADMINISTRATIVE À TIERS DÉTENTEUR (SATD)\n"
            "TIERS DÉTENTEUR REDEVABLE\nPATRIMOINE M. LARRIEU Kévin\nComptabilité locataires Dernière adresse connue :\n"
            "Madame, Monsieur,\nLe redevable désigné ci-dessus reste devoir au Trésor public les sommes suivantes.\n")
    assert tenant(satd, "legal_notice")["tenant_name"] == "Kévin Larrieu"
    insurer = ("GARONNE MUTUELLE ASSURANCES\nATTESTATION D'ASSURANCE HABITATION\n"
               "Sociétaire .........660 M. PETROVIC Dragan\nN° de contrat ........... HAB-2071-553-08\n"
               "Adresse du risque assuré :\n11 rue du Lauragais\n31770 COLOMIERS\n")
    assert tenant(insurer, "insurance_certificate")["tenant_name"] == "Dragan Petrovic"


def test_a_restaurant_writing_for_its_employee_its_legal_line_fifth_and_named_as_a_sarl():
    """« L'OUSTAL DU LAURAGAIS / Hôtel ** - Restaurant / … / SARL au capital de 20 000 € »: its
    legal line is the letterhead's fifth, and « la SARL L'Oustal du Lauragais » names a company;
    the employee it writes for is the tenant."""
    letter = ("L'OUSTAL DU LAURAGAIS\nHôtel ** - Restaurant\nRoute de Revel - 31650 SAINT-ORENS-DE-GAMEVILLE\n"
              "Tél. 05 61 39 52 17\nSARL au capital de 20 000 € - RCS Toulouse 512 784 390\n"
              "Saint-Orens, le 14 avril 2020\nObjet : Mme Aicha ZERROUKI - attestation et demande de report de loyers\n"
              "Madame, Monsieur,\nJe soussigné Thierry ALIBERT, gérant de la SARL L'Oustal du Lauragais, certifie que\n"
              "Madame Aïcha ZERROUKI, demeurant 8 allée des Mimosas, 31650 Saint-Orens-de-Gameville, est\n"
              "employée dans notre établissement.\nJe vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.\n"
              "Thierry ALIBERT\nGérant\n")
    head_only = letter.replace("gérant de la SARL L'Oustal du Lauragais", "gérant")
    assert tenant(head_only, "payment_difficulty")["tenant_name"] in ("Aïcha Zerrouki", "Aicha Zerrouki")
    named_only = letter.replace("SARL au capital de 20 000 € - RCS Toulouse 512 784 390\n", "")
    assert tenant(named_only, "payment_difficulty")["tenant_name"] in ("Aïcha Zerrouki", "Aicha Zerrouki")


def test_a_shelter_writes_about_the_victim_not_the_partner_who_holds_the_lease_too():
    """« … à la suite de violences commises à son encontre par son conjoint, M. Farid Bouaziz,
    co-titulaire du bail »: the letter is about Mme Bouaziz, named in its subject."""
    letter = ("Association AUX QUATRE VENTS\nAccueil, écoute et hébergement des femmes victimes de violences\n"
              "Toulouse, le 8 avril 2020\nObjet : Mme Leïla BOUAZIZ - logement 6 rue Jean-Mermoz, appt 41, 31700 BLAGNAC\n"
              "Madame, Monsieur,\nMme Leïla Bouaziz a été mise à l'abri par notre service dans la nuit du 3 au 4 avril,\n"
              "à la suite de violences commises à son encontre par\nson conjoint, M. Farid Bouaziz, co-titulaire du bail.\n")
    assert tenant(letter, "social_distress")["tenant_name"] == "Leïla Bouaziz"
