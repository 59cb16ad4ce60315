"""The tenant's contacts in mail third parties write: the postal code, phone and e-mail of the
person the letter is about (or of its writer when that is the tenant), never the organisation's
switchboard, mailbox or letterhead, a relative's or a neighbour's number."""

from __future__ import annotations

import pytest

from extractors.parsing import find_phones
from tests.extractors.test_fields_third_party import NEIGHBOUR, ORG, tenant


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


def test_a_date_and_time_is_not_a_phone_number():
    assert [p.value for p in find_phones("Envoyé : 07/04/2021 11:05\nTél. 06 12 34 56 78")] == ["0612345678"]


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


def test_a_number_that_rings_unanswered_is_the_persons():
    text = (ORG + "Madame, Monsieur,\nUne fuite provient du logement occupé par votre locataire, M. Paulo DA SILVA.\n"
            "Son téléphone (05.34.51.22.80) ne répond pas.\nCordialement,\nMarc DELTEIL\nGestionnaire\n")
    assert tenant(text, "repair_request")["phone"] == "0534512280"


def test_a_relatives_number_is_not_the_tenants():
    text = (ORG + "Objet : situation de Madame Jeanne SOULIÉ, locataire\nMadame, Monsieur,\n"
            + "Nous avons rendu visite à Madame Soulié, qui vit seule depuis le décès de son mari.\n" * 9 +
            "Madame Soulié peut être jointe sur sa ligne fixe au 05 61 39 27 84 (elle répond peu).\n"
            "Sa fille, Madame Sandrine Roques, est joignable au\n06 81 44 02 67.\nCordialement,\nLe service\n")
    assert tenant(text, "social_distress")["phone"] == "0561392784"
    # the relative's alone: no phone of the tenant's
    alone = text.replace("Madame Soulié peut être jointe sur sa ligne fixe au 05 61 39 27 84 (elle répond peu).\n", "")
    assert "phone" not in tenant(alone, "social_distress")


def test_the_number_a_bailiff_says_the_tenant_gave_is_the_tenants_phone():
    act = ("SELARL DARRIEUX & CASTAGNE\nCOMMISSAIRES DE JUSTICE ASSOCIES\n4 ALLEES NIEL - 31600 MURET\n"
           "TEL 05 61 51 08 20 - ETUDE@DARRIEUX-CASTAGNE.FR\nPATRIMOINE\nBP 71234\n31012 TOULOUSE CEDEX 6\n"
           "OBJET : COMPTE RENDU DE SIGNIFICATION\nDESTINATAIRE : MONSIEUR OLIVIER MARTY\n"
           "LE REQUIS S'EST ENGAGE A PRENDRE CONTACT AVEC VOS SERVICES. NUMERO DE TELEPHONE COMMUNIQUE PAR "
           "L'INTERESSE : 06.12.87.45.30\nCOUT DU PRESENT ACTE : 128,97 EUR\n")
    assert tenant(act, "legal_notice")["phone"] == "0612874530"
    assert "phone" not in tenant(act.replace(" COMMUNIQUE PAR L'INTERESSE", ""), "legal_notice")


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


def test_a_forms_phone_field_in_the_persons_block_under_their_address():
    text = ("BANQUE COOPÉRATIVE DU MIDI\nAssurances IARD — Habitation\n"
            "Agence d'Albi — 14, place Lapérouse — 81000 ALBI — Tél. 05 63 48 30 12\nATTESTATION D'ASSURANCE\n"
            "Nous soussignés, BCM Assurances, attestons que :\nSouscripteur : M. KOVALENKO Oleksandr\n"
            "Co-assurée : Mme KOVALENKO Iryna\nAdresse : Résidence Le Castelviel — Bât. C — appt 31\n"
            "27, rue de Jarlard\n81000 ALBI\nTéléphone : +33 6 48 21 90 57\nN° de contrat : 45 0018 7723 HAB\n"
            "a souscrit un contrat d'assurance multirisque habitation.\n")
    assert tenant(text, "insurance_certificate")["phone"] == "0648219057"


def test_the_persons_number_after_their_name_and_not_the_writers_own_mail():
    text = ("Laure ETCHEVERRY-SOW\nErgothérapeute D.E.\nCabinet d'ergothérapie du Touch\n"
            "4, rue Gaston-Doumergue — 31170 TOURNEFEUILLE\n07 66 41 20 93 — L.etcheverry.ergo@orange.fr\n\n"
            "Objet : adaptation du logement de M. Abdelkader BOUKHARI\nMadame, Monsieur,\n"
            "Je vous serais reconnaissante de prendre contact avec M. BOUKHARI (tél. 06 52 19 83 07) pour\n"
            "organiser la visite de votre technicien.\nL. Etcheverry-Sow\n")
    f = tenant(text, "repair_request")
    assert f["phone"] == "0652198307" and "email" not in f


def test_the_beneficiarys_office_number_before_his_name_in_capitals():
    letter = ("CAF DU TARN                                  EDITION DU 09/04/2021\nSERVICE GESTION DES INDUS\n"
              "81011 ALBI CEDEX 9\n\nPATRIMOINE\nAGENCE ALBI-CASTRES\n81000 ALBI\n\n"
              "DOSSIER INDU    : IND-81-2021-000713\nALLOCATAIRE     : 2774501   WISNIEWSKI PIOTR\n"
              "LOGEMENT        : 19 RUE DE LA VERRERIE APPT 6   81000 ALBI\n\n"
              "OBJET : NOTIFICATION D'UN INDU - AIDE PERSONNALISEE AU LOGEMENT\n\nMADAME, MONSIEUR,\n"
              "NOUS AVONS ETE INFORMES QUE VOTRE LOCATAIRE A QUITTE LE LOGEMENT CI-DESSUS LE 31/01/2021.\n")
    assert tenant(letter, "housing_benefit").get("tenant_name") == "Piotr Wisniewski"


def test_a_lawyer_for_the_owners_next_door_names_the_tenant_they_complain_of():
    letter = ("Hélène CARBONNEL-RIBAS\nAvocat au Barreau de Toulouse\n22 rue Ninau - 31000 TOULOUSE\n\n"
              "PATRIMOINE\n10 boulevard de la Gare\n31085 TOULOUSE CEDEX 2\n\n"
              "Objet : MISE EN DEMEURE - troubles anormaux de voisinage\n\nMonsieur le Directeur général,\n"
              "Je vous écris en ma qualité de conseil de Monsieur Raymond et Madame Josiane VERDAGUER,\n"
              "propriétaires de la maison d'habitation sise 14 impasse des Tilleuls à Cugnaux (31270),\n"
              "Mes clients subissent des troubles graves provenant du logement n° 3, donné à bail par vos soins à Monsieur Jordan\n"
              "SALVETAT :\n  - aboiements incessants de deux chiens laissés seuls sur la terrasse ;\n")
    assert tenant(letter, "legal_notice").get("tenant_name") == "Jordan Salvetat"


@pytest.mark.parametrize("line, phone", [
    ("Relevé sur place : M. OUAZZANI Samir Tél. assuré : 06 47 22 81 90", "0647228190"),
    ("Monsieur OUAZZANI préfère être joint par SMS au 07 68 31 45 09.", "0768314509"),
    ("Il ne se sert pas de son portable ; il répond parfois sur son poste\nfixe, au 05 61 75 22 09.", "0561752209"),
])
def test_a_tenants_number_an_organisations_writer_gives_by_their_signature(line, phone):
    """Far from where the letter names the tenant, by the writer's own signature: said to be
    the tenant's (« Tél. assuré », « être joint », « son poste fixe »), not the writer's."""
    body = "".join(f"Constat n° {k} : rien à signaler ce jour-là.\n" for k in range(10))
    text = (ORG + "Objet : M. Samir OUAZZANI - visite du logement\nMadame, Monsieur,\n" + body + line
            + "\nCordialement,\nClaire SALVAT\nConseillère\n")
    assert tenant(text, "social_distress").get("phone") == phone


def test_the_tenants_address_spelled_with_their_name_over_their_caseworkers():
    """A youth employment office writing for a young tenant: its adviser's line and mailbox head
    the letter, the tenant's own address is given further down."""
    text = ("MISSION LOCALE HAUTE-GARONNE\nAntenne de Muret\n"
            "Conseillère : Audrey LACOMBE - 05 61 51 93 27 - a.lacombe@missionlocale-hg31 .fr\n"
            "PATRIMOINE SA Languedocienne\nService Gestion Locative\nCS 30512\n31035 TOULOUSE CEDEX 1\n"
            "Muret, le 7 avril 2021\nObjet : Demande d'attestation de loyer - M. Anthony FABRE\n"
            "Madame, Monsieur,\nJ'accompagne M. Anthony FABRE, 21 ans, dans le cadre de la Garantie Jeunes.\n"
            "Pourriez-vous adresser ces documents directement à M. FABRE à son adresse\n"
            "électronique : anthony.fabre31 @laposte.net\nAudrey LACOMBE\nConseillère en insertion\n")
    f = tenant(text, "certificate_or_receipt_request")
    assert f["email"] == "anthony.fabre31@laposte.net"
    assert "phone" not in f  # the adviser's line, not the tenant's


def test_the_number_a_caseworker_says_the_tenant_agreed_to_be_called_on():
    """« Mme X a donné son accord pour être contactée directement au … », just above the
    caseworker's signature: the tenant's number; the caseworker's own wish to be called is hers."""
    head = ("CONSEIL DÉPARTEMENTAL DE LA HAUTE-GARONNE\nMaison des Solidarités Toulouse Nord\n"
            "Affaire suivie par : Élodie GRANIER, assistante de service social\n"
            "PATRIMOINE SA Languedocienne\nCS 30512\n31035 TOULOUSE CEDEX 1\n\n"
            "Objet : Mme Samira OUAZZANI - locataire n° 0615 338\nMadame, Monsieur,\n"
            "J'accompagne Mme Samira OUAZZANI, locataire de votre organisme.\n")
    end = "\nJe reste à votre disposition.\nÉlodie GRANIER\nAssistante de service social\n"
    agreed = "Mme OUAZZANI a donné son accord pour être contactée directement au 07 68 21 45 93, de\npréférence en journée."
    assert tenant(head + agreed + end, "social_distress")["phone"] == "0768214593"
    mine = "Je souhaite être contactée au 05 62 73 18 44 avant toute visite."
    assert "phone" not in tenant(head + mine + end, "social_distress")


def test_the_tenants_number_said_after_their_name_outranks_the_associations_line():
    """« Monsieur SOW est joignable au 07 … »: the number said to be the tenant's, not the line in
    the letterhead of an association (« Permanence juridique ») whose name the rules don't know."""
    letter = ("PASSERELLES\nAccès aux droits des personnes étrangères\n"
              "Permanence juridique - 18 rue des Jumeaux - 31200 TOULOUSE\nTél. 05 61 57 03 28 - passerelles31@example.org\n"
              "Objet : demande d'attestation de logement\nLocataire : Monsieur SOW Ibrahima\n"
              "Madame, Monsieur,\nNotre association accompagne Monsieur SOW Ibrahima, votre locataire.\n"
              "La préfecture exige un justificatif de domicile\nde moins de trois mois et ses trois dernières\n"
              "quittances de loyer. Monsieur SOW ne dispose pas\nd'ordinateur.\nMonsieur SOW est joignable au 07 53 26 81 04.\nPour l'association,\nMarion DESCLAUX, juriste bénévole\n")
    f = tenant(letter, "certificate_or_receipt_request")
    assert f["phone"] == "0753268104"
    assert "email" not in f  # the association's mailbox in its letterhead
    # a letterhead no word of which says it is an organisation's: the number named still wins
    unknown = letter.replace("Accès aux droits des personnes étrangères\nPermanence juridique", "Aide aux démarches\nBureau")
    assert tenant(unknown, "certificate_or_receipt_request")["phone"] == "0753268104"


def test_a_courts_caption_names_the_landlord_then_the_tenant_and_their_address():
    """« AFFAIRE : SA D'HLM PATRIMOINE / C/ / M. X / address »: the address under « C/ » is the tenant's."""
    text = ("TRIBUNAL JUDICIAIRE DE TOULOUSE\nPôle civil de proximité\n31068 TOULOUSE CEDEX 7\n"
            "AVIS DE RENVOI\nAFFAIRE : SA D'HLM PATRIMOINE\nC/\nM. SABATIER Olivier\n3 ALLEE DES TILLEULS APPT 8\n"
            "31400 TOULOUSE\nNature de l'affaire : expulsion\nDESTINATAIRE\nSA D'HLM PATRIMOINE\nSERVICE CONTENTIEUX\n"
            "BP 50241\n31013 TOULOUSE CEDEX 6\nL'affaire est renvoyée.\nLe Greffier\n")
    assert tenant(text, "legal_notice")["postal_code"] == "31400"
    one_line = text.replace("AFFAIRE : SA D'HLM PATRIMOINE\nC/\n", "SA D'HLM PATRIMOINE\nC/\n")
    assert tenant(one_line, "legal_notice")["postal_code"] == "31400"


def test_an_insurers_letter_gives_its_clients_contact_details():
    """« Coordonnées de notre assurée : 06 … »: the tenant's number, in a letter whose letterhead
    and signer are the insurer's."""
    text = ("SOLEA ASSURANCES\nService Indemnisation Habitation\nTSA 40217 - 79060 NIORT CEDEX 9\n"
            "Tél. 09 70 80 14 52 (du lundi au vendredi, 8h30-18h)\n\nNiort, le 4 février 2021\n"
            "Votre locataire, notre assurée : Mme DIALLO Fatou\nAdresse du risque : 9 rue Henri Bergson, 31200 TOULOUSE\n"
            "Madame, Monsieur,\nNotre assurée nous a déclaré un dégât des eaux survenu dans son logement.\n"
            "Nous vous demandons de faire procéder sans délai à la recherche de la fuite.\n"
            "L'expert prendra contact avec votre service.\n"
            "Coordonnées de notre assurée : 06 58 27 14 03 - fatou.diallo31@gmail.com\n"
            "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.\n"
            "Le gestionnaire sinistres\nRomain PELLETIER\n")
    assert tenant(text, "repair_request")["phone"] == "0658271403"


def test_a_syndic_says_it_tried_to_reach_the_tenant_at_a_number():
    """« Nous avons tenté de joindre M. DA SILVA au numéro figurant dans nos fichiers (06-…) »:
    the tenant's number, said after their name in the same sentence."""
    text = ("CABINET OCCITAN GESTION\nSyndic de copropriété\n15, rue d'Alsace-Lorraine - 31000 TOULOUSE - Tél. 05 61 21 74 00\n\n"
            "Objet : dégât des eaux - Résidence Les Tilleuls\nMadame, Monsieur,\n"
            "Votre locataire, M. Paulo DA SILVA, appartement 12, est à l'origine d'une fuite.\n"
            "Nous avons tenté de joindre M. DA SILVA au numéro figurant dans nos fichiers\n"
            "(06-71-30-92-58), sans succès ; il semble absent depuis plusieurs jours.\n"
            "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.\nLe gestionnaire\n")
    assert tenant(text, "repair_request")["phone"] == "0671309258"
    # the office's own number said in such a sentence stays the office's
    office = text.replace("joindre M. DA SILVA au numéro figurant dans nos fichiers\n(06-71-30-92-58)",
                          "joindre notre service au numéro habituel\n(05-61-21-74-00)")
    assert "phone" not in tenant(office, "repair_request")


def test_a_designation_form_gives_the_household_not_the_signing_officer():
    """A prefecture's designation lists the household with dot leaders, under a caseworker's
    line and above an officer who signs under her role: the household's name and phone."""
    letter = ("PRÉFET\nDE LA GIRONDE\nDirection départementale de la cohésion sociale\n"
              "Affaire suivie par : M. Loïc Verdier-Kamara\nTél. : 05 56 24 80 11\n"
              "Bordeaux, le 3 mars 2021\nPATRIMOINE\nService Attributions\n"
              "Objet : Désignation d'un ménage reconnu prioritaire\nMadame, Monsieur,\n"
              "La commission de médiation a reconnu prioritaire le ménage suivant :\n"
              "Demandeur ..…........……. Mme NDIAYE-LAFFONT Awa\n"
              "Composition 1 adulte, 2 enfants\n"
              "Adresse actuelle 4 rue des Bahutiers, 33000 BORDEAUX\n"
              "(logement de type 1 de votre parc)\n"
              "Votre référence 0921-3307\n"
              "N° unique de demande .... 033 2020 11 000912\n"
              "Téléphone ............... 07 61 48 20 93\n"
              "Je vous demande de lui faire une proposition de logement dans un délai de trois mois.\n"
              "Je vous prie d'agréer, Madame, Monsieur, l'expression de ma considération distinguée.\n"
              "Pour le Préfet et par délégation,\nLa cheffe du pôle Logement\nIsabelle Garrigou\n")
    f = tenant(letter, "other")
    assert (f["tenant_name"], f.get("phone")) == ("Awa Ndiaye-Laffont", "0761482093")


def test_the_insured_persons_number_under_a_line_announcing_her_contacts():
    """An insurer's claims handler: « Coordonnées de notre sociétaire pour convenir d'un
    rendez-vous : » over « Tél. 06 45 27 83 10 - courriel : … »: the tenant's number, not the
    insurer's own switchboard."""
    letter = ("MAFO - Mutuelle d'Assurance des Familles d'Occitanie\nService Sinistres Habitation\n"
              "CS 20417 - 81012 ALBI CEDEX 9\nTél. 05 63 48 90 00 - du lundi au vendredi de 8h 30 à 18h\n"
              "Albi, le 18 janvier 2021\nNos références sinistre : HAB-21-004377\nNotre sociétaire : Mme Solène BIREBENT\n"
              "Madame, Monsieur,\nUn dégât des eaux est survenu dans le logement de notre sociétaire.\n"
              "Il a pris naissance dans la salle de bains, côté gaine technique, et a atteint le séjour\n"
              "(revêtement de sol gonflé, plinthes décollées). Notre sociétaire n'a pu en localiser\n"
              "l'origine : la fuite semble provenir d'une canalisation encastrée ou de la colonne\n"
              "d'alimentation, parties qui relèvent de votre responsabilité de propriétaire.\n"
              "L'écoulement est toujours actif à ce jour ; notre sociétaire coupe l'arrivée d'eau.\n"
              "Nous vous demandons de faire procéder en urgence à la recherche de fuite et à la\n"
              "réparation nécessaire, puis de nous communiquer le rapport de recherche de fuite.\n"
              "Coordonnées de notre sociétaire pour convenir d'un rendez-vous :\n"
              "Tél. 06 45 27 83 10 - courriel : solene.birebent31@laposte.net\n"
              "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.\n"
              "Le gestionnaire sinistres\nKévin Roumiguière\n")
    assert tenant(letter, "repair_request")["phone"] == "0645278310"
