"""Cutting a file scanned without separator sheets where a new document starts (issue 14)."""

from extractors.boundaries import document_starts, page_number, start_score

LETTER_1 = """Karim Haddad
7 rue Paul Lambert
31100 Toulouse
                                   Toulouse, le 21 avril 2020
Objet : demande de plan d'apurement
Madame, Monsieur,
Depuis le 17 mars, mon employeur m'a placé en chômage partiel et je ne peux plus
payer la totalité de mon loyer."""
LETTER_1_END = """Je vous propose de verser 100 euros de plus par mois à partir de juin.
Dans l'attente de votre réponse, veuillez agréer mes salutations distinguées.
Karim Haddad"""
LETTER_1_CONT = """de mon loyer, ce qui m'est impossible depuis que mon salaire a baissé.
Je joins mes trois derniers bulletins de salaire.
Veuillez agréer, Madame, Monsieur, mes salutations distinguées.
Karim Haddad"""
LETTER_2 = """Mme Sylvie Garcia
12 allée des Tilleuls
31400 Toulouse
Objet : fuite sous l'évier
Bonjour,
Une fuite est apparue sous mon évier depuis hier soir."""
INVOICE = """PLOMBERIE MARTIN
27 chemin de la Glacière
31200 Toulouse
FACTURE N° 2020-0031
Désignation            Qté    Montant HT"""
INVOICE_PAGE_2 = """FACTURE N° 2020-0031 (suite)
Raccords laiton        1      24,90
Total HT 290,40
TVA 10 % 29,04
Net à payer 319,44"""


def test_a_second_letter_after_a_closing_starts_a_document():
    assert start_score(LETTER_1_END, LETTER_2) >= 3
    assert document_starts([LETTER_1 + "\n" + LETTER_1_END, LETTER_2]) == [0, 1]


def test_the_second_page_of_a_letter_stays_with_it():
    assert document_starts([LETTER_1, LETTER_1_CONT]) == [0]


def test_invoice_pages_with_the_same_number_stay_together_and_a_letter_after_them_starts():
    assert document_starts([INVOICE, INVOICE_PAGE_2, LETTER_2]) == [0, 2]


def test_page_numbering_wins():
    assert page_number("bla\nPage 2/3\n") == (2, 3) and page_number("1 / 2") == (1, 2)
    assert page_number("Toulouse, 31/12/2020") is None  # a date is not page numbering
    numbered = LETTER_2 + "\nPage 2 sur 2"
    assert document_starts([LETTER_1, numbered]) == [0]  # it looks like a start, it says it goes on
    assert document_starts([LETTER_1_CONT, "suite du texte\npage 1/1"]) == [0, 1]


def test_an_unread_page_never_starts_a_document():
    assert document_starts([LETTER_1, "", LETTER_2]) == [0, 2]


QUOTE_TERMS = """CONDITIONS GÉNÉRALES DE VENTE
1. Objet. Les présentes conditions s'appliquent à toute offre de travaux.
Ascenseurs Garonne - SAS au capital de 300 000 euros
Page 2/2"""
INVITATION = """Les Rencontres de l'Habitat Social
Madame, Monsieur,
Nous avons le plaisir de vous convier à la 7e édition."""
COVER_LETTER = """CABINET LAGARDE ASSURANCES
45 avenue de Muret
31300 TOULOUSE
Toulouse, le 7 juillet 2020
Objet : attestation d'assurance de votre locataire
Madame, Monsieur,
Veuillez trouver l'attestation de votre locataire.
Sylvie LAGARDE
PJ : 1 attestation"""
CERTIFICATE = """LA PROTECTRICE DU MIDI - Compagnie d'assurances
Entreprise régie par le code des assurances - 33000 BORDEAUX
ATTESTATION D'ASSURANCE HABITATION
Assuré : Madame COSTES Béatrice
Adresse : 2 rue Louis Braille, 31270 CUGNAUX"""


def test_a_page_after_a_closed_numbering_starts_a_document():
    # "2/2" ended the quote: an invitation after it is another piece of mail, though it has
    # only a greeting and a title of its own
    assert start_score("Offre de prix\nPage 1/2", QUOTE_TERMS) < 0
    assert document_starts(["OFFRE DE PRIX n° OP-2020-0388\nPage 1/2", QUOTE_TERMS, INVITATION]) == [0, 2]
    # without the numbering, the same invitation after a page of terms is not enough to cut
    assert document_starts(["OFFRE DE PRIX", QUOTE_TERMS.replace("Page 2/2", ""), INVITATION]) == [0]


def test_an_enclosure_announced_by_the_letter_stays_with_it():
    assert document_starts([COVER_LETTER, CERTIFICATE]) == [0]
    # the same certificate after a letter announcing nothing is a document of its own
    assert document_starts([COVER_LETTER.replace("PJ : 1 attestation", "Gérante"), CERTIFICATE]) == [0, 1]
    # its own numbering still wins over the announcement
    assert document_starts([COVER_LETTER, CERTIFICATE + "\nPage 1/1"]) == [0, 1]


def test_a_form_the_letter_says_is_its_page_2_stays_with_it():
    """The CAF asks the landlord to fill in « l'attestation de loyer jointe (page 2) »: the
    form that follows is that page, not a document of its own."""
    letter = ("Caf de la Haute-Garonne\nTSA 71016 - 31046 TOULOUSE CEDEX 9\nPATRIMOINE\nGestion locative\n"
              "Le 09/09/2020\nObjet : demande d'attestation de loyer\nMadame, Monsieur,\nPour étudier ses droits, nous "
              "avons besoin que vous complétiez l'attestation de loyer\njointe (page 2) et que vous nous la retourniez.\n"
              "Nous vous remercions de votre collaboration.\nVotre Caf\n")
    form = ("ATTESTATION DE LOYER à compléter par le bailleur\nAide personnalisée au logement (APL)\n"
            "N° allocataire : 3107 214 908 Référence : LOG/AL/2020-09/118403\nLE LOCATAIRE\nNom, prénom : TRAORÉ Aminata\n")
    assert document_starts([letter, form]) == [0]
    assert document_starts([letter.replace("\njointe (page 2)", "\nci-dessous"), form]) == [0, 1]


def test_a_page_headed_by_a_place_and_le_starts_a_letter_even_with_its_date_garbled():
    """A handwritten thank-you note after an insurance certificate: OCR mangled its date
    (« Cugnaux, le W décenbre TOTO ») and its greeting, yet its first line heads a letter."""
    from extractors.boundaries import document_starts

    certificate = ("MUTUELLE OCCITANE D'ASSURANCES\n*** ATTESTATION *** MULTIRISQUE HABITATION\nAdhérent : DELMAS Patricia\n"
                   "Responsabilité civile locative : oui\nSignature et cachet : MOA - agence Muret\n"
                   "Attestation valable sous réserve du paiement\ndes cotisations échues.\n")
    note = ("Cugnaux, le W décenbre TOTO\nBenseur à toute l'équie,\nSe voulais vous remercier, eb surtout\n"
            "Mensieur MCarin le gardien, pour la réparation\nCnette Pradal\n")
    assert document_starts([certificate, note]) == [0, 1]
    carried = "Toulouse et sa région, comme convenu le mois dernier.\nLa suite de ma lettre.\n"
    assert document_starts([note, carried.lower()]) == [0]  # no place-and-le line: one letter


def test_the_landlords_own_form_after_a_letter_starts_a_document():
    form = ("PATRIMOINE DEMANDE D'ATTESTATION / QUITTANCE\nAccueil locataires - Agence Toulouse Sud-Est\n"
            "Merci de remplir ce formulaire en MAJUSCULES.\nNOM : GONZALEZ PRÉNOM : MIGUEL\n"
            "N° de contrat : 0199 532-02\nAdresse : RÉSIDENCE LES COTEAUX, BÂT. C\nCode postal : 31320 Ville : CASTANET\n")
    handwritten_end = "DES FOIS JE PLEURE TOUTE LA JOURNEE.\nROSE BONNET\nRESIDENCE LES MIMOSAS\nRECU LE 28/05/2020\n"
    assert document_starts([handwritten_end, form]) == [0, 1]


def test_a_handwritten_letter_whose_writer_introduces_herself_after_an_offices_letter():
    office_end = ("Je vous prie d'agréer, Madame, Monsieur, l'expression de ma considération distinguée.\n"
                  "Le chef de service\nde la police municipale,\nBrigadier-chef principal D. Fourcade")
    note = "Bonjour Nadame Monsiduc\n10 SUIS Mme Kicha TEPOCE du 3e etage\n5 allée des Causses bat B\nJe vous écris pour le loyer"
    assert document_starts([office_end, note]) == [0, 1]


def test_a_page_after_a_fax_of_one_page_starts_a_document():
    """A removal firm's fax says « P. 01/01 »: the handwritten letter after it (its « OBJET ; »
    as the OCR reads a colon) is another document."""
    fax = ("TELECOPIE\nNb pages : 1\nObjet : DEMENAGEMENT - demande d'accès\nMadame, Monsieur,\n"
           "Nous sommes chargés du déménagement de notre client.\nP. 01/01\nCordialement,\nL. Farhat - Planning\n")
    letter = ("KHADIJA EL AMRANI\nRSIDENCE BAGATELLE, BT. 7, APPT 12\n3N00 TOULOUSE\nTOULOUSE LE 14.012021\n"
              "OBJET ; APL\nBONJOUR,\nSUITE À MA SEPARATION MON MARI EST PARTI\n")
    assert document_starts([fax, letter]) == [0, 1]
    # either sign is enough; with neither, a greeting after a closing is not
    no_object = letter.replace("OBJET ; APL", "APL")
    assert document_starts([fax.replace("P. 01/01", ""), letter]) == [0, 1]
    assert document_starts([fax, no_object]) == [0, 1]
    bare = no_object.replace("KHADIJA EL AMRANI\nRSIDENCE BAGATELLE, BT. 7, APPT 12\n", "")  # no sender block either
    assert document_starts([fax.replace("P. 01/01", ""), bare]) == [0]


def test_a_running_header_numbering_the_page_keeps_it_with_its_act():
    page1 = ("TRIBUNAL JUDICIAIRE DE TOULOUSE\nASSIGNATION EN RÉFÉRÉ\nMadame, Monsieur,\n"
             "TRÈS IMPORTANT : Vous êtes tenu de comparaître.\nCordialement\n")
    page2 = ("Assignation en référé - TRAORÉ c/ SA D'HLM PATRIMOINE - 24/11/2022 2/2\nOBJET DE LA DEMANDE - MOTIFS\n"
             "Objet : chauffage\nMadame, Monsieur,\nLe requérant est locataire de la défenderesse.\n")
    assert page_number(page2) == (2, 2)
    assert document_starts([page1, page2]) == [0]
    # a date closing a line is no page number
    assert page_number("Toulouse, le 24/11\nMadame,") is None


def test_thanks_for_the_attention_close_a_letter():
    assert start_score("Nous vous remercions de l'attention que vous porterez à notre demande.\nMoussa Keita",
                       "Camille NGUYEN\nBonjour Madame,\nNous avons payé le loyer") > \
        start_score("Nous avons payé le loyer de décembre.\nMoussa Keita",
                    "Camille NGUYEN\nBonjour Madame,\nNous avons payé le loyer")


def test_the_act_a_letter_says_it_encloses_stays_with_it():
    letter = ("Mamadou SOW\n2 allée Henri Sellier\n31400 TOULOUSE\nMadame, Monsieur,\nJ'ai reçu hier la visite d'un "
              "huissier qui m'a remis l'acte dont je vous envoie la copie ci-après.\nSalutations.\nMamadou Sow\n")
    act = ("SELARL AUDOUIN & TERRAL - HUISSIERS DE JUSTICE ASSOCIÉS\n9 rue d'Alsace-Lorraine - 31000 TOULOUSE\n"
           "COMMANDEMENT DE PAYER VISANT LA CLAUSE RÉSOLUTOIRE\nObjet : commandement\nMadame, Monsieur,\n")
    assert document_starts([letter, act]) == [0]
    # a letter that encloses something else: the act after it is another document
    other = letter.replace("l'acte dont je vous envoie la copie ci-après", "mon attestation ci-jointe")
    assert document_starts([other, act]) == [0, 1]
    # the enclosed act numbers its own pages (« 1/2 »): still what the letter encloses
    numbered = [letter, act + "des délais de paiement.\n1/2\n", "ACTE N° 22-04412 - Commandement de payer 2/2\nDÉCOMPTE\n"]
    assert document_starts(numbered) == [0]
    assert document_starts([other] + numbered[1:]) == [0, 1]


def test_a_letter_ending_on_its_writers_contacts_then_a_sender_block_heading_the_next_page():
    ends = ("Je veux que vous fassiez quelque chose svp.\nKhadija El Idrissi\n6 rue Louis Plana appt 34 31500 Toulouse\n"
            "0661427390\n")
    appeal = ("LES RESTOS DU PARTAGE - Association loi 1901\nAntenne de la Haute-Garonne - 22 rue de la Fonderie, "
              "31000 Toulouse\nToulouse, novembre 2020\nMadame, Monsieur,\nCet hiver, la pauvreté a un nouveau visage.\n")
    assert document_starts([ends, appeal]) == [0, 1]
    assert document_starts([ends.replace("0661427390\n", "merci de faire vite car\n"), appeal]) == [0]
    typed = "Nous vous remercions de l'attention que vous porterez à notre demande.\nMoussa Keita\n"
    handwritten = "Camille NGUYEN\nBat C apt 34\nRésidence Bagatelle\nle 15/01/2021\nBonjour Madame,\nNous avons payé le loyer\n"
    assert document_starts([typed, handwritten]) == [0, 1]
    assert document_starts([typed, handwritten.replace("Camille NGUYEN\nBat C apt 34\nRésidence Bagatelle\n", "")]) == [0]


def test_a_writers_block_after_a_letter_signed_off_whose_recipient_the_ocr_read_last():
    """The OCR reads the right-hand recipient block and date after the signature; the next page,
    handwritten and garbled, opens on another writer's name and address: another letter."""
    signed = ("Lionel BARTHE\n5 impasse du Lauragais\n31400 Toulouse\nObjet : prise électrique brûlée\n"
              "Madame, Monsieur,\nLa prise double du séjour a dégagé samedi soir une forte odeur de brûlé.\n"
              "En déplaçant le meuble, nous avons vu que le boîtier était noirci et en partie fondu.\n"
              "Le disjoncteur général a sauté deux fois depuis, et le différentiel saute dès que\n"
              "l'on branche le radiateur d'appoint de la chambre. J'ai coupé le circuit au tableau.\n"
              "Je vous remercie de faire intervenir un électricien dans les meilleurs délais. Nous\n"
              "sommes présents en permanence ; merci d'appeler mon portable à l'arrivée.\n"
              "Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.\nLionel Barthe\n"
              "PATRIMOINE\nService technique — Agence Sud-Est\nCS 40215\n31502 Toulouse Cedex 5\n"
              "Toulouse, le 9 novembre 2020\n")
    scrawl = ("Océane MARTY\nRésidence Le Crand Pré\nappt 8, bat B\nALT ae\nO619.84.17.35\nOb set : derande d'attestation\n"
              "Bonsaur,\nSe suis locataire cnez veus depuis LUIS\n")
    assert document_starts([signed, scrawl]) == [0, 1]
    # the same block heading a page after a letter that did not sign off: its second page
    unsigned = signed.replace("Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.\n", "")
    assert document_starts([unsigned, scrawl]) == [0]


def test_a_running_header_naming_the_page_alone_keeps_it_with_its_letter():
    """« Madame ZERROUKI - N° locataire 2019-B-04471 page 2 » heads a social worker's second
    page, followed by lines that look like a new letter's head: it goes on."""
    page2 = ("Madame ZERROUKI - N° locataire 2019-B-04471 page 2\nObjet : suite\nMadame, Monsieur,\n"
             "Je vous demande de veiller à la confidentialité de sa nouvelle adresse.\n")
    assert start_score(LETTER_1_END, page2) < 0
    assert document_starts([LETTER_1, page2]) == [0]


def test_a_numbering_under_the_reception_stamp_still_counts():
    """A webmail print-out closes on « … 1/1 », and the reception stamp is printed under it."""
    mail = ("06/10/2021 14:22 Gmail - Changement de RIB\nSamir Ait Ouarab <samir@gmail.com>\nBonjour,\n"
            "Pourriez-vous prélever mon loyer sur mon nouveau compte ?\nBonne journée,\nSamir Ait Ouarab\n"
            "https://mail.google.com/mail/u/0/?ik=8c41d2e6b0&view=pt 1/1\nREÇU LE 17/05/2020\nCOURRIER ARRIVÉE\n")
    assert page_number(mail) == (1, 1)
    assert document_starts([INVOICE + "\n" + INVOICE_PAGE_2, mail]) == [0, 1]


def test_a_tenants_note_sending_a_certificate_on_the_next_page_keeps_it():
    note = ("Dragan Petrovic\nRésidence Le Moulin, appt 23\n31120 Roques\nRoques, 03.05.2021\nPATRIMOINE\n"
            "Gestion locative\nObjet : attestation d'assurance habitation 2021-2022\nBonjour,\n"
            "Comme chaque année, je vous envoie mon attestation d'assurance habitation pour la période du\n"
            "1er mai 2021 au 30 avril 2022 (voir page suivante).\nCordialement,\nDragan Petrovic\n")
    certificate = ("MUTUELLE D'ASSURANCE DU SUD-OUEST\nService Clients — 40 allées Jean Jaurès — 31000 TOULOUSE\n"
                   "ATTESTATION D'ASSURANCE HABITATION\nNous soussignés attestons que :\n"
                   "Assuré : Monsieur PETROVIC Dragan\nContrat n° : MRH 4471 0092 18\n")
    assert document_starts([note, certificate]) == [0]
    # a note announcing nothing: the certificate after it is a document of its own
    plain = note.replace("je vous envoie mon attestation", "voici le point sur mon attestation").replace(
        " (voir page suivante)", "")
    assert document_starts([plain, certificate]) == [0, 1]


def test_a_note_of_two_lines_signed_off_after_a_letter_that_closed_is_another_document():
    letter = ("Lucie Careigues\n5 rue des Pyrénées\n31600 Muret\nBonjour,\nJe vous signale de la moisissure.\n"
              "Merci,\nLucie Careigues\nMuret, le 15 octobre 2021\n")
    note = "Quittances oct. + nov. 2021 svp (Loc. 2278531)\nMerci — G. Moreau 06 59 12 77 50\n"
    assert document_starts([letter, note]) == [0, 1]
    # the last lines of a letter whose page before did not close: the same letter
    assert document_starts([letter.replace("Merci,\nLucie Careigues\nMuret, le 15 octobre 2021\n", "Je reste"),
                            "disponible le matin.\nMerci,\nLucie Careigues\n"]) == [0]


def test_a_subject_line_whose_b_the_ocr_read_as_p_still_heads_a_letter():
    """« Opjet : » in a handwritten letter after a guardian's letter that listed its enclosures
    (« P.J. : jugement ; RIB ») and closed: a new letter starts."""
    guardian = ("ATOG\nObjet : Congé du logement\nMadame, Monsieur,\nJe vous notifie le congé.\n"
                "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.\n"
                "Paula OLIVEIRA\nP.J. : jugement de tutelle ; RIB du compte de gestion.\n")
    handwritten = ("Samira Haddad\n14 chemin de Borderneuve\n31160 Launaguet\nOpjet : Loyer retard\n"
                   "Madame, Monsieur\nJe vous écris pour vous dire que je peux pas payer le loyer\n")
    assert document_starts([guardian, handwritten]) == [0, 1]


def test_a_note_of_five_lines_signed_off_after_a_letter_that_closed_is_another_document():
    letter = ("Samia BOUZID\n5 rue Paul Valéry, appt 8\n31100 Toulouse\nObjet : fuite sous l'évier\nMadame, Monsieur,\n"
              "Depuis lundi l'eau coule sous l'évier.\nCordialement,\nSamia Bouzid\n")
    note = "Bonjour,\nje vous met la copie de ma quittance\ncomme demandé au téléphone.\nmerci\nMme Keita\n"
    assert document_starts([letter, note]) == [0, 1]


def test_a_page_stamped_on_another_day_is_another_piece_of_mail():
    """A handwritten letter read as noise at its head, after a typed one that closed: its
    reception stamp, dated otherwise, says it arrived apart."""
    scrawl = "c bia na d [AA aif cle ihe\nid ct\nIl ada me, Il CIEL,\nLouis Le mois d'ectel\nNberci\n"
    first = LETTER_1 + "\n" + LETTER_1_END + "\nRECU LE 26/04/2020\nPATRIMOINE"
    assert document_starts([first, scrawl + "REÇU LE 03/07/2020\nCOURRIER ARRIVÉE"]) == [0, 1]
    # stamped the same day, or only once: nothing said
    assert document_starts([first, scrawl + "REÇU LE 26/04/2020\nPATRIMOINE"]) == [0]
    assert document_starts([first, scrawl]) == [0]


def test_a_page_numbered_between_dashes_or_announced_overleaf_stays_with_its_letter():
    """« -2- » heading the page, « .../... » ending the one before: the letter goes on, whatever
    else the page says (a reception stamp of another day, a writer's own typed stamp)."""
    page_2 = ("-2-\nJe vous rappelle qu'en application de l'article 1719 du code civil, le bailleur est tenu\n"
              "Je vous prie de croire, Monsieur, à l'assurance de mes sentiments distingués.\n"
              "Hélène CARBONNEL\nREÇU LE 28 AVR. 2021\nPATRIMOINE")
    first = LETTER_1 + "\nRECU LE 19/06/2020\nPATRIMOINE"
    assert document_starts([first, page_2]) == [0]
    assert document_starts([LETTER_1 + "\n.../...", LETTER_2]) == [0]
    assert document_starts([LETTER_1 + "\n" + LETTER_1_END, LETTER_2]) == [0, 1]


def test_print_then_handwriting_adds_to_a_start_but_never_cuts_an_announced_enclosure():
    note = "Le robinet fuit toujours\ndepuis lundi il coule\nil faut venir vite\nle plombier na pas\nrappelé de la semaine\net l'eau monte\nau plafond du voisin"
    assert document_starts([LETTER_1 + "\n" + LETTER_1_END, note], ["print", "hand"]) == [0, 1]
    assert document_starts([LETTER_1 + "\n" + LETTER_1_END, note], ["print", "print"]) == [0]
    assert document_starts([LETTER_1 + "\n" + LETTER_1_END, note], [None, "hand"]) == [0]
    # a typed letter announcing its enclosure, the enclosure handwritten: still one piece
    cover = LETTER_1 + "\nVous trouverez ci-joint l'attestation de mon employeur.\n" + LETTER_1_END
    assert document_starts([cover, "Attestation\nJe soussigné atteste que M. Haddad"], ["print", "hand"]) == [0]


def test_an_institutions_letterhead_heading_the_page_starts_its_form():
    """A guardian's letter listing what it encloses, then a departmental fund's form under its own
    letterhead: another sender, another document; the same letterhead on both pages is not."""
    cover = LETTER_1 + "\n" + LETTER_1_END + "\nP.J. : ordonnance du 15/02/2021 ; certificat médical ; RIB"
    form = ("CONSEIL DÉPARTEMENTAL DE LA HAUTE-GARONNE\nFonds de Solidarité pour le Logement (FSL)\n"
            "Secrétariat du FSL - 31090 TOULOUSE CEDEX 9\nDEMANDE D'AVIS ET D'ENGAGEMENT DU BAILLEUR\n"
            "N° dossier FSL : M-2021-03187\nBAILLEUR : PATRIMOINE SA Languedocienne - Service Recouvrement\n"
            "1. MÉNAGE\nNom, prénom : GARRIGUES Patrick\nAdresse : 15 avenue Jacques-Douzans, apt 7\n"
            "Code postal / Commune : 31600 MURET\n")
    assert document_starts([cover, form]) == [0, 1]
    first = form + "2. SITUATION LOCATIVE\nLoyer + charges : 548,20 EUR\n"
    again = ("CONSEIL DÉPARTEMENTAL DE LA HAUTE-GARONNE\n3. AIDE ENVISAGÉE\nSubvention FSL : 900,00 EUR\n"
             "4. ENGAGEMENT DU BAILLEUR\n[ ] Accord sur le plan d'apurement\n")
    assert document_starts([first, again]) == [0]


def test_a_page_opening_on_a_greeting_after_a_letter_that_closed_is_another_letter():
    """A relative's letter whose page holds no sender block, only « Madame, Monsieur, » and the
    letter, after an office's letter that closed and printed its footer."""
    office = ("Action Logement Services\nService Aides aux salariés\nObjet : aide Mobili-Jeune\n"
              "Madame, Monsieur,\nNous avons accordé une aide à votre locataire.\n"
              "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.\n"
              "Le service Aides aux salariés\nAction Logement Services - SAS au capital de 20 000 000 EUR\n")
    relative = ("Madame, Monsieur,\nJe me permets de vous écrire au sujet de\nma mère, qui est votre locataire\n"
                "depuis trente ans. Elle est seule depuis le confinement.\n")
    assert document_starts([office, relative]) == [0, 1]
    # the same page opening on the letter's sentence: the greeting alone made the difference
    assert document_starts([office, relative.replace("Madame, Monsieur,\n", "")]) == [0]


def test_an_e_mail_printed_after_an_invoice_is_another_document():
    """A tenant's e-mail printed from Outlook, scanned after a telecom invoice whose footer points
    to its detail « en annexe »: the webmail's header (« De : … @ », « Envoyé : », « À : ») heads
    a message of its own."""
    invoice = ("Occi'Tel Pro\nFacture n° 0021-774-3391-2021-03\nDate de facture : 05/03/2021\n"
               "Consommations hors forfait (détail en annexe) 42,38\nTotal HT 1 763,90\nTVA 20 % 352,78\n"
               "Total TTC 2 116,68\nOcci'Tel Pro SA au capital de 2 400 000 € - RCS Toulouse 418 913 604\n")
    mail = ("Outlook 15/03/2021 22:08\nProblème voisin : fumée balcon\n"
            "De : Tomasz Wisniewski <t.wisniewski@hotmail.fr>\nEnvoyé : lundi 15 mars 2021 22:04\n"
            "À : Gestion locative <gestion.locative@patrimoine-toulouse.fr>\nBonsoir,\n"
            "Je vous écris pour un problème qui dure depuis le début de l'hiver avec mon voisin.\n")
    assert document_starts([invoice, mail]) == [0, 1]
    # the same message without its header: nothing says another writer begins
    body = mail.split("Bonsoir,\n")[1]
    assert document_starts([invoice, body]) == [0]


def test_what_a_cover_letter_says_it_encloses_stays_with_it():
    """A lawyer's letter « ci-joint ma note d'honoraires », then the fee note; a tenant's letter
    enclosing « la copie de la notification de la CAF », then the CAF's letter: one piece of
    mail each. Without the announcement, the same pages start documents of their own."""
    lawyer = ("SELARL CABROL-DAURIGNAC\nAVOCATS AU BARREAU DE TOULOUSE\nToulouse, le 15 juin 2020\n"
              "Affaire : PATRIMOINE c/ Mme Solange TEIXEIRA-BOUSQUET\nMonsieur,\n"
              "Je vous prie de bien vouloir trouver ci-joint ma note d'honoraires arrêtée à ce jour,\n"
              "déduction faite de la provision que vous m'aviez réglée.\n"
              "Je vous prie d'agréer, Monsieur, l'expression de mes salutations distinguées.\nGhislaine CABROL\n")
    fee_note = ("SELARL CABROL-DAURIGNAC – AVOCATS\n\n   NOTE D'HONORAIRES N° NH 2020-0288\n   du 15 juin 2020\n"
                "Client : PATRIMOINE SA d'HLM – CS 90514 – 31005 Toulouse Cedex 6\nTOTAL TTC 1 135,00\n")
    assert document_starts([lawyer, fee_note]) == [0]
    tenant = ("Saïd AIT HAMOU\n7, allée des Mimosas — Bât. F — Appt 52\n31100 Toulouse\n"
              "Toulouse, le 22 juin 2020\nObjet : nouveau montant de mon APL\nMadame, Monsieur,\n"
              "Je vous adresse ci-joint la copie de la notification de la CAF de la Haute-Garonne du\n"
              "15 juin 2020. Mon APL a été révisée à 318,00 € par mois.\nAvec mes remerciements,\nSaïd Aït Hamou\n")
    caf = ("Caf de la Haute-Garonne\nMonsieur AIT HAMOU SAID\n7 ALLEE DES MIMOSAS BAT F APT 52\n31100 TOULOUSE\n"
           "N° allocataire : 3358142 Y\nLe 15/06/2020\nObjet : votre aide personnalisée au logement (APL)\n"
           "Madame, Monsieur,\nSuite à l'examen de votre situation, nous avons calculé votre droit.\n")
    assert document_starts([tenant, caf]) == [0]
    unannounced = tenant.replace("Je vous adresse ci-joint la copie de la notification de la CAF de la Haute-Garonne du\n15 juin 2020. ", "")
    assert document_starts([unannounced, caf]) == [0, 1]


def test_an_invoice_totalled_t_t_c_with_dots_has_ended():
    """A bailiff's invoice ending on « TOTAL T.T.C. (€) 320,49 » and its legal line, then a
    tenant's handwritten letter with her name (its capital read as small letters), address and
    greeting: another document."""
    invoice = ("SCP DELMAS-KOWALCZYK & AUBRIOT\nHuissiers de Justice associés\nFACTURE N° 20-08831 Muret, le 18/11/2020\n"
               "Honoraires — constat d'état des lieux 220,00\nFrais de déplacement (SCT) 7,67\n"
               "Montant soumis à TVA 254,67\nTOTAL HT. 269,56\nT.V.A. 20 % sur 254,67 50,93\nTOTAL T.T.C. (€) 320,49\n"
               "Règlement : virement à réception\nIBAN : FR76 1027 8062 1895 1729 2405 750\n"
               "SCP titulaire d'un office d'huissier de justice — SIRET 73525718000035\n")
    letter = ("fludrey Malbec\n8 rue des Capucins, appt 8\n31600 Muret\nMadame, Monsieur,\n"
              "Je suis locataire rue des Capucins à Muret avec mon conjoint et nos 2 enfants.\n")
    assert document_starts([invoice, letter]) == [0, 1]


def test_a_reminder_and_the_duplicate_invoice_it_encloses_laid_out_in_columns():
    """A supplier's reminder « Vous trouverez ci-joint un duplicata de la facture. », then the
    duplicate, its recipient block printed far right (many spaces before « FACTURE N° »)."""
    reminder = ("LES JARDINS DE BELLEGARDE\nSociété coopérative et participative – Paysagistes\n"
                "Launaguet, le 15 janvier 2021\nObjet : 2e relance – facture impayée\nMadame, Monsieur,\n"
                "Sauf erreur de notre part, la facture JB-2020-0388 reste impayée à ce jour.\n"
                "Vous trouverez ci-joint un duplicata de la facture.\n"
                "Avec nos remerciements et nos salutations coopératives,\n" + " " * 60 + "Camille Esteban-Roumagnac\n")
    duplicate = ("LES JARDINS DE BELLEGARDE\nSociété coopérative et participative – Paysagistes\n"
                 "Chemin de Bellegarde – 31140 LAUNAGUET – 05 61 74 19 66\ncontact@jardins-bellegarde.coop\n"
                 + " " * 28 + "DUPLICATA\n" + " " * 90 + "PATRIMOINE S.A. d'H.L.M.\n" + " " * 82
                 + "Service Comptabilité Fournisseurs\n" + " " * 86 + "27 rue du Faubourg Bonnefoy\n"
                 + " " * 97 + "31500 TOULOUSE\nFACTURE N° JB-2020-0388\nDate : 31/10/2020\n")
    assert document_starts([reminder, duplicate]) == [0]


def test_a_change_of_bank_details_keeps_the_rib_it_encloses():
    letter = ("LES JARDINS DE L'HERS\nSCOP SARL - Paysagistes\nObjet : changement de coordonnées bancaires\n"
              "Madame, Monsieur,\nNous vous informons que nos règlements doivent désormais être versés sur notre\n"
              "compte ouvert à la Banque Populaire Occitane, dont vous trouverez le relevé d'identité\n"
              "bancaire ci-joint.\nVeuillez agréer nos salutations distinguées.\nLa gérante\nPJ: RIB\n")
    rib = ("BANQUE POPULAIRE OCCITANE\nRELEVÉ D'IDENTITÉ BANCAIRE\nTitulaire du compte : SCOP LES JARDINS DE L'HERS\n"
           "CHEMIN DE RIBAUTE\n31130 BALMA\nCode banque Code guichet N° de compte Clé RIB\n")
    assert document_starts([letter, rib]) == [0]


def test_an_enclosure_of_another_kind_than_the_letter_names_starts_a_document():
    """A bailiff's letter ending « Vous trouverez ci-joint l'original de l'acte et notre état de
    frais. », then an insurer's « ATTESTATION D'ASSURANCE »: not what the letter encloses. And a
    landlord's « FICHE DE RÉCLAMATION TECHNIQUE » filled in by a tenant, after a vendor's invoice."""
    bailiff = ("SCP HADDAD & ASSOCIÉS\nCommissaires de justice\nObjet : signification d'un commandement de payer\n"
               "Madame, Monsieur,\nNous avons signifié le commandement de payer le 10 septembre 2020.\n"
               "Vous trouverez ci-joint l'original de l'acte et notre état de frais.\n"
               "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n"
               "Pour la SCP,\nMe Farid HADDAD\n")
    insurer = ("LA PRÉVOYANCE GARONNAISE Agence de Fenouillet\n"
               "Assurances IARD - Particuliers Centre commercial du Pré Vert - 31150 Fenouillet\n"
               "Tél. 05 61 70 44 26 - N° ORIAS 11 052 907\nATTESTATION D'ASSURANCE - MULTIRISQUE HABITATION LOCATAIRE\n"
               "Assurés : M. BELARBI Sofiane et Mme BELARBI Inès\n")
    assert document_starts([bailiff, insurer]) == [0, 1]
    # the act itself after the same letter stays with it
    act = "COMMANDEMENT DE PAYER VISANT LA CLAUSE RÉSOLUTOIRE\nL'AN DEUX MILLE VINGT et le dix septembre\n"
    assert document_starts([bailiff, act]) == [0]
    invoice = ("SUMINISTROS DEL EBRO S.L.\nFACTURA N.º FV-2021/0117\nTOTAL FACTURA 2.420,00 €\n"
               "Forma de pago: transferencia bancaria a 30 dias\nIBAN ES92 2085 5218 1803 3041 7762 - BIC CAZRES2Z\n"
               "Inscrita en el Registro Mercantil de Zaragoza, tomo 4211, folio 88\n")
    form = ("PATRIMOINE SA Languedocienne FICHE DE RÉCLAMATION TECHNIQUE\nà déposer à l'accueil ou dans la boîte\n"
            "aux lettres de votre agence\nLOCATAIRE\nNom : SABATIER Prénom : Ophélie\nN° de locataire : 0466290\n"
            "Adresse : 21 rue Pierre Brossolette, Résidence Andromède, Bât. D, appt 102\n31200 Toulouse\n")
    assert document_starts([invoice, form]) == [0, 1]
