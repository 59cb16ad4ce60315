"""Rules read from mail written by other hands (the forty-ninth development set)."""

from __future__ import annotations

from tests.extractors.test_fields_third_party import tenant


def test_the_rent_stated_before_what_is_left_to_pay():
    letter = ("Abdelkader Zerrouki\na.zerrouki1971@îfree.fr\nMadame, Monsieur,\n"
              "Mon loyer d'avril s'élève à 587,40 € charges comprises ; après déduction de l'APL (175,03 €),\n"
              "il me reste 412,37 € à payer. Je ne pourrai pas régler cette somme le 10 avril.\nAbdelkader Zerrouki\n")
    f = tenant(letter, "payment_difficulty")
    assert f["amount"] == "412.37"
    # a speck read as an accented letter in a mail domain
    assert f["email"] == "a.zerrouki1971@free.fr"


def test_a_contract_misread_and_the_landlords_reference_abbreviated():
    assert tenant("Hayat OUAZZANI\nN° de conirat : 31A-0092231\nMadame,\n", "social_distress")["tenant_reference"] == "31A-0092231"
    caf = "CAF DE LA HAUTE-GARONNE\nALLOCATAIRE : M. VIDALOT SEBASTIEN\nREF. BAILL.: 0527/88140\n"
    assert tenant(caf)["tenant_reference"] == "0527/88140"


def test_a_groups_mailbox_is_no_person_and_the_lady_who_lives_with_you_is():
    mail = ("De : Coordination Entraide Reynerie <coordination.entraide.reynerie@laposte.net>\n"
            "À : contact@patrimoine-sa.fr\nObjet : URGENT - dame âgée isolée\nBonjour,\n"
            "Je suis bénévole et je coordonne le collectif d'entraide du quartier.\n"
            "Nous livrons chaque semaine Madame Mireille FONTANIÉ, 84 ans, qui habite chez vous au\n"
            "6 rue des Passereaux, bâtiment F, 4e étage, 31100 Toulouse.\n"
            "Son téléphone fixe : 05 61 40 77 23 (elle décroche rarement).\nMerci d'avance,\n"
            "Nadège Peyrusse\nCollectif Entraide Reynerie\n06 02 91 45 68\n")
    f = tenant(mail, "social_distress")
    assert (f["tenant_name"], f["phone"]) == ("Mireille Fontanié", "0561407723")


def test_a_forms_heading_over_an_address_is_no_name():
    avis = ("GRDF - URGENCE SECURITE GAZ\nAVIS DE MISE HORS SERVICE D'UNE INSTALLATION INTERIEURE DE GAZ\n"
            "ADRESSE DE L'INSTALLATION\n3 allée des Mûriers - Bât. B - 4e étage - Appt: 44\n31400 TOULOUSE\n"
            "Occupant : M. BENHAMIDA Kader Tél; :: 06 12 8439 07\nPCE n° : 21437819204471\n")
    f = tenant(avis, "repair_request")
    assert (f["tenant_name"], f["phone"]) == ("Kader Benhamida", "0612843907")


def test_toulouses_code_its_three_misread():
    letter = ("Association Le Pas de Côté\nToulouse, le 4 février 2021\nMadame, Monsieur,\n"
              "Je suis bénévole à l'association et j'accompagne Mme Aïcha Cheaibi, locataire au 3 rue de la Dépêche,\n"
              "apt 57, 21400 Toulouse.\nCordialement\n")
    assert tenant(letter, "payment_difficulty")["postal_code"] == "31400"
    # another town's code stays as read
    assert tenant(letter.replace("21400 Toulouse", "21400 Dijon"), "payment_difficulty")["postal_code"] == "21400"


def test_a_mediators_report_names_the_tenant_whose_name_wraps_a_line():
    report = ("TRAIT D'UNION MÉDIATION 31\nMédiation sociale et de voisinage\n2 impasse Fourtanier - 31000 TOULOUSE\n"
              "Tél. 05 61 13 57 92 - mediation@traitdunion31.fr\nPATRIMOINE SA LANGUEDOCIENNE\nBP 41207\n"
              "31012 TOULOUSE CEDEX 6\nToulouse, le 10 décembre 2020\n"
              "Objet : compte rendu de médiation - Résidence Les Iris, 4 rue des Iris, 31200 Toulouse\nMadame, Monsieur,\n"
              "Vous nous avez confié une mission de médiation a la suite des plaintes de Mme Zoubida\n"
              "HAMROUNI, locataire de l'appartement 12, au sujet des bruits provenant du logement du dessus.\n"
              "Les médiateurs,\nLudivine Arnal et Mohamed-Lamine Camara\n")
    f = tenant(report, "neighbour_dispute")
    assert (f["tenant_name"], f["postal_code"]) == ("Zoubida Hamrouni", "31200")
    assert "phone" not in f and "email" not in f  # the mediators' own


def test_a_lawyers_client_may_be_called_through_her_lawyer_or_directly():
    notice = ("Maître Sixtine ROUMÉGOUX\nAvocat au Barreau de Toulouse\n14 rue Ozenne - 31000 TOULOUSE\n"
              "Tél. 05 34 31 58 06 - s.roumegoux.avocat@orange.fr\nPATRIMOINE SA LANGUEDOCIENNE\n"
              "Objet : Mme Iulia POPESCU - mise en demeure\nMonsieur le Directeur,\n"
              "Je suis le conseil de Mme Iulia POPESCU, locataire de votre organisme.\n"
              "Ma cliente reste disponible pour permettre l'accès au logement à toute entreprise que vous\n"
              "mandaterez ; elle peut être contactée par mon intermédiaire ou directement au\n07 52 19 84 30.\n"
              "Je vous prie d'agréer, Monsieur le Directeur, mes salutations distinguées.\nSixtine Roumégoux\n")
    assert tenant(notice, "legal_notice")["phone"] == "0752198430"
