"""Rules read from mail written by other hands (the forty-sixth development set)."""

from __future__ import annotations

from extractors import parsing
from extractors.boundaries import document_starts, page_number, start_score
from tests.extractors.test_dev38_rules import supplier
from tests.extractors.test_fields_third_party import tenant


def test_a_space_the_ocr_put_before_the_decimal_comma():
    assert [m.value for m in parsing.find_amounts("TOTAL H.T. 303 ,50-\nTOTAL T.T.C. 333 ,85-")] == ["303.50", "333.85"]
    # (a credit note's amounts are given below zero whatever sign they carry)
    credit = ("ELEVATION MIDI SERVICES AVOIR\nNUMERO : 21AV0034\nDATE : 07/05/2021\n"
              "PEN-IND REFACTION JOURS INDISPONIBILITE 11 18,50 203 ,50-\nGEST-COM GESTE COMMERCIAL 1 100,00 100 ,00-\n"
              "TOTAL H.T. 303 ,50-\nT.V.A. 10,00 % 30,35-\nTOTAL T.T.C. 333 ,85-\n")
    f = supplier("supplier_credit_note", credit)
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("-303.50", "-30.35", "-333.85")
    # its thousands kept
    assert [m.value for m in parsing.find_amounts("Total 1 200 ,00 €")] == ["1200.00"]


def test_an_order_voucher_named_short_its_prefix_glued_to_the_number():
    invoice = ("Yannick KERBRAT\nElectricite generale - Depannage\nSIRET 877 903 427 00012\n"
               "FACTURE N° 047                      le 3 fevrier 2021\n"
               "logt 11 - 31300 Toulouse (bon n° BC-21-00388)\nTotal HT 183,00 €\nTVA 0,00 €\nNet a payer 183,00 €\n")
    assert supplier("supplier_invoice", invoice)["order_reference"] == "BC-21-00388"
    # « N° BC » as the label, its number apart, still reads the number alone
    labelled = invoice.replace("(bon n° BC-21-00388)", "N° BC : 21-00388")
    assert supplier("supplier_invoice", labelled)["order_reference"] == "21-00388"


SOCIAL_WORKER = ("CLINIQUE LE CASTELET\nService social : 05 62 47 93 10\nPATRIMOINE SA LANGUEDOCIENNE\n"
                 "Objet : demande de mutation - M. HOAREAU\nMadame, Monsieur,\nM. HOAREAU ne peut regagner son logement.\n"
                 "Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.\n"
                 "Émilie Tessier-Bonnafous\nAssistante sociale\n"
                 "P.J. : certificat médical ; formulaire de demande de mutation\n")
FEE_NOTE_1 = ("SELARL ARRIGHI-FERRAND AVOCATS\nMaître Ghislaine ARRIGHI-FERRAND\nAvocat au Barreau de Toulouse\n"
              "PATRIMOINE SA LANGUEDOCIENNE\n27 rue des Cordeliers-Neufs - CS 81234\n31012 Toulouse Cedex 6\n"
              "Toulouse, le 12 mars 2021\nNOTE D'HONORAIRES N° 2021-0093\n- audience de plaidoirie du 09/02/2021 ;\n"
              "Suite page 2/2\n")
FEE_NOTE_2 = ("SELARL ARRIGHI-FERRAND AVOCATS - Note d'honoraires n° 2021-0093 du 12/03/2021 - 2/2\n"
              "Honoraires forfaitaires 850,00 €\nTotal TTC 1 320,00 €\n")


def test_suite_page_2_of_2_points_to_the_next_page_it_is_not_this_ones_number():
    assert page_number("Honoraires …\nSuite page 2/2\n") is None
    assert page_number("Honoraires …\nvoir p. 2/3\n") is None
    assert page_number("Honoraires …\nPage 1/2\n") == (1, 2)
    assert document_starts([SOCIAL_WORKER, FEE_NOTE_1, FEE_NOTE_2]) == [0, 1]


def test_a_piece_of_another_kind_than_the_certificate_or_form_the_letter_encloses():
    form = ("FORMULAIRE DE DEMANDE DE MUTATION\nNom : HOAREAU\nPrénom : Joseph\nLogement actuel : T3\n")
    assert document_starts([SOCIAL_WORKER, form]) == [0]  # the form it encloses stays with it
    # a writer's name and address heading the next page: a letter, not the certificate enclosed
    hand = ("Claire LABRAT\n7 impasse des Lilas\nRésidence Les Tilleuls - bât 6\n31200 TOULOUSE\n"
            "Cd : 05 61 40 27 93\nil me ferme de vous écrire car marre\n")
    lawyer = ("Maître Baptiste ORLIAC\nAvocat au Barreau de Toulouse\nJe vous prie de croire, Madame, Monsieur, "
              "à l'assurance de mes sentiments distingués.\nBaptiste ORLIAC\n"
              "P.J. : certificat médical du 13/11/2020 ; photographies (6)\n")
    alone = lawyer.replace("P.J. : certificat médical du 13/11/2020 ; photographies (6)\n", "")
    assert start_score(lawyer, hand) == start_score(alone, hand)


def test_the_person_a_social_service_reports_not_who_signs_for_it():
    report = ("VILLE DE CUGNAUX\nCentre Communal d'Action Sociale\nPôle Seniors - Maintien à domicile\n"
              "Place de l'Hôtel de Ville - 31270 Cugnaux\nPATRIMOINE\nCS 61538\n31015 TOULOUSE CEDEX 6\n"
              "Cugnaux, le 19 novembre 2020\nObjet : signalement - situation préoccupante d'un locataire âgé\n"
              "Personne concernée : M. PEYRUSSE Antoine, né en 1934\n"
              "Adresse : 4 rue des Alouettes, résidence Le Vignemale, porte 6, 31270 Cugnaux\n"
              "Madame, Monsieur,\nNos agents appellent chaque semaine les personnes âgées isolées.\n"
              "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.\n"
              "Pour le Maire, le Vice-Président du CCAS,\nAlain Roumiguières\n")
    assert tenant(report, "social_distress")["tenant_name"] == "Antoine Peyrusse"


def test_a_mails_sender_gives_her_address_under_her_signature_not_the_tenants_in_the_body():
    mail = ("Mail Orange 03/11/2020 08:47\nURGENT - mon père M. Raymond Rivière, seul et très déprimé\n"
            "De : Catherine Delpech <catherine.delpech34@orange.fr>\nÀ: contact@patrimoine-hlm31.fr\n"
            "Date : 03/11/20 08:42\nMadame, Monsieur,\n"
            "Je vous écris au sujet de mon père, M. Raymond Rivière, 82 ans, locataire chez vous depuis\n"
            "plus de trente ans : Résidence Les Platanes, 10 rue des Peupliers, appt 5, 31500 Toulouse\n"
            "(contrat 0147729).\nMon père est veuf depuis janvier.\nMerci infiniment,\nCatherine Delpech\n"
            "6 rue des Amandiers\n34070 Montpellier\n06 70 38 15 92\n")
    f = tenant(mail, "social_distress")
    assert f["tenant_name"] == "Catherine Delpech" and f["postal_code"] == "34070"


def test_the_landlords_reference_after_the_offices_own_on_one_line():
    bailiff = ("SCP HUISSIERS\nCommissaires de justice\nPATRIMOINE\nN/Réf. : 21-0612 / RB V/Réf. : 7702-1458\n"
               "Objet : procès-verbal de constat - logement de M. Karim BENALI\nMonsieur,\n")
    assert tenant(bailiff, "legal_notice")["tenant_reference"] == "7702-1458"
    # the office's own reference alone is not the tenant's
    assert "tenant_reference" not in tenant(bailiff.replace(" V/Réf. : 7702-1458", ""), "legal_notice")


def test_an_order_named_with_its_date_then_its_reference():
    invoice = ("TISSAGES TARNAIS\nFACTURE N° 2020-0588\nDate : 28 mai 2020 Votre commande du 12/05/2020, réf. BC-20-02394\n"
               "Total HT 100,00\nTVA 20,00\nTotal TTC 120,00\n")
    assert supplier("supplier_invoice", invoice)["order_reference"] == "BC-20-02394"


def test_a_water_boards_subscriber_is_the_tenant_and_its_subscription_no_reference():
    board = ("RÉGIE DES EAUX SAVE ET TOUCH\nService de l'eau potable — Service abonnés\nPATRIMOINE SA D'HLM\n"
             "Objet : ALERTE SURCONSOMMATION — FUITE PROBABLE APRÈS COMPTEUR\n"
             "Point de desserte : 14 lotissement Les Coteaux, 31530 LÉVIGNAC\n"
             "Abonné : M. ARAKELIAN Vahé N° de contrat d'abonnement : 0041873\nMadame, Monsieur,\n")
    f = tenant(board, "repair_request")
    assert f["tenant_name"] == "Vahé Arakelian" and "tenant_reference" not in f
    # a number after the name closes it (« … Vahé N° locataire : … »)
    assert tenant(board.replace("Abonné", "Locataire").replace(" de contrat d'abonnement", " locataire"),
                  "repair_request")["tenant_name"] == "Vahé Arakelian"


def test_handwritings_eleven_read_as_n_and_a_ones_stroke_read_as_a_bracket():
    note = ("SANDRINE HOARAU\nBAT F APPT u2\nRESIDENCE LES ACACIAS\n¥7 RUE DES GENETS\n3N00 TOULOUSE\nLE 8 MAI 2020\n"
            "A PATRIMOINE\nBONJOUR MADAME MONSIEUR\nJE VOUS ECRIT POUR VOUS DIRE QUE JE POURRAIS\n"
            "PAS PAYE TOUT LE LOYER DE CE MOIS CI.\nMON PORTABLE 06 95 30 7) 12\nMERCI BEAUCOUP\nS. HOARAU\n")
    f = tenant(note, "payment_difficulty")
    assert (f["postal_code"], f["phone"]) == ("31100", "0695307112")
    assert tenant(note.replace("3N00 TOULOUSE", "3NUO AUCAMVILLE"), "payment_difficulty")["postal_code"] == "31140"
    # a bracket closing nine digits is no tenth
    assert "phone" not in tenant(note.replace("06 95 30 7) 12", "(06 95 30 71 2)"), "payment_difficulty")


def test_a_phones_leading_zero_read_as_a_degree_sign():
    from extractors.phone_variants import find_phones_misread
    assert [m.value for m in find_phones_misread("Ta : °5 61 47 23 90\n")] == ["0561472390"]
    assert find_phones_misread("dossier n°5 61 47 23 90") == []  # « n° » and a number: no phone
