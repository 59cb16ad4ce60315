"""The supplier's name when the registry does not know it: legal mention, then letterhead; never
a tagline, a trade list, an address or the customer; without its legal form."""

from __future__ import annotations

import pytest

from config.registries import Registries
from extractors.fields import extract_fields
from extractors.fields_supplier_name import strip_legal_form
from extractors.matching import simplify_name

NONE = Registries((), ())
BODY = "\nFacture n° 1\nDate : 12/03/2020\nTotal HT 10,00 €\nTVA 2,00 €\nTotal TTC 12,00 €\n"


def name(text: str) -> str | None:
    return extract_fields("supplier_invoice", "supplier", text, NONE).fields.get("supplier_name")


@pytest.mark.parametrize("raw, expected", [
    ("Menuiserie Dupuis SARL", "Menuiserie Dupuis"), ("Télécom Sud S.A.S.", "Télécom Sud"),
    ("ACME Software Ltd", "ACME Software"), ("Müller Bau GmbH", "Müller Bau"), ("Van Dijk B.V.", "Van Dijk"),
    ("SAS Garonne Toitures", "Garonne Toitures"), ("Elec'Toulouse", "Elec'Toulouse"), ("La Poste SA", "La Poste"),
    ("Dupont & Fils, SARL", "Dupont & Fils"), ("Karim Benali EI", "Karim Benali"),
    ("S.A.R.L. PEINTURES MARTIN", "PEINTURES MARTIN"),
    ("Hebetec Aufzugtechnik GmbH & Co. KG", "Hebetec Aufzugtechnik"), ("Brandschutz-Depot e.K.", "Brandschutz-Depot"),
    ("Vox Citofoni S.r.l.", "Vox Citofoni"),
    ("BRIGHTGATE SOFTWARE LTD", "BRIGHTGATE SOFTWARE"), ("VAL SECCHIA IMPIANTI S.R.L.", "VAL SECCHIA IMPIANTI"),
    ("GRAPHIS SPRL", "GRAPHIS"), ("Imprimerie Dumont SA/NV", "Imprimerie Dumont"),
    ("LIMITED EDITION PRINT", "LIMITED EDITION PRINT"),
    # the final dot taken with the line's punctuation; a form in lower case after a name in capitals
    ("CERAMICHE VAL SECCHIA S.p.A.", "CERAMICHE VAL SECCHIA"), ("GRAPHIS SIGNALÉTIQUE sprl", "GRAPHIS SIGNALÉTIQUE"),
    ("Tipografia Rossi srl", "Tipografia Rossi"),
])
def test_legal_form_is_dropped(raw, expected):
    assert strip_legal_form(raw) == expected


@pytest.mark.parametrize("footer, expected", [
    ("Télécom Sud SAS au capital de 1 000 000 € - RCS Paris 732 829 320", "Télécom Sud"),
    ("TELECOM SUD - SAS au capital de 2 000 000 € - RCS Toulouse 732 829 320", "Telecom Sud"),
    ("Chauffage Services 31 SARL - capital 10 000 € - SIRET 732 829 320 00074", "Chauffage Services 31"),
    ("SARL Plomberie du Touch au capital de 8 000 € - RCS Toulouse B 732 829 320", "Plomberie du Touch"),
    ("Otissimo Elevators, société par actions simplifiée au capital de 50 000 €, RCS Toulouse", "Otissimo Elevators"),
    ("Northwind Consulting Ltd, registered in England and Wales, company no. 01234567", "Northwind Consulting"),
    ("Acme Widgets GmbH · Hauptstraße 1 · 10115 Berlin · HRB 12345", "Acme Widgets"),
    ("SAS 3D OCCITANIE HYGIENE - CAPITAL 40 000 EUR - RCS TOULOUSE 384 185 476", "3D Occitanie Hygiene"),
    ("EAUX DU SUD TOULOUSAIN - Société publique locale au capital de 300 000 EUR", "Eaux du Sud Toulousain"),
])
def test_name_from_the_legal_mention(footer, expected):
    text = "Votre expert depuis 1985\nwww.example.fr\n" + BODY + footer + "\n"
    assert name(text) == expected


@pytest.mark.parametrize("head, expected", [
    ("Votre expert chauffage depuis 1985\nCHAUFFAGE SERVICES 31\nPlomberie - Chauffage - Climatisation\n"
     "8 route d'Espagne 31100 Toulouse", "Chauffage Services 31"),
    ("Le spécialiste de l'ascenseur\nOtissimo Elevators\n12 avenue des Etats-Unis, 31200 Toulouse", "Otissimo Elevators"),
    ("Plomberie • Chauffage • Sanitaire\nGaronne Confort\n3 impasse du Ramier", "Garonne Confort"),
    ("FACTURE\nDUPUIS & FILS\nMenuiserie - Ébénisterie", "Dupuis & Fils"),
    ("Your trusted partner since 2001\nNorthwind Consulting Ltd\n10 Downing Lane, London", "Northwind Consulting"),
    ("Menuiserie Dupuis SARL\n3 chemin du Moulin 31450 Ayguesvives", "Menuiserie Dupuis"),
    ("La Poste\nService clients entreprises", "La Poste"),
    # the legal form set apart after the name, the trade under it
    ("LES JARDINS DE L'HERS - SCOP SARL\nCREATION ET ENTRETIEN D'ESPACES VERTS\n4 CHEMIN DU RAISIN 31200 TOULOUSE",
     "Les Jardins de l'Hers"),
])
def test_name_from_the_letterhead_never_a_tagline(head, expected):
    assert name(head + BODY) == expected


def test_never_the_customer():
    text = ("PATRIMOINE\nService comptabilité fournisseurs\n2 rue du Languedoc\n31000 Toulouse\n\n"
            "Garonne Confort\n3 impasse du Ramier 31200 Toulouse\n" + BODY)
    assert name(text) == "Garonne Confort"
    text = "Facturé à :\nOffice du Logement Social\n2 rue du Languedoc\n\nGaronne Confort\n" + BODY
    assert name(text) == "Garonne Confort"
    layout = "   GARONNE CONFORT                                   PATRIMOINE\n" + BODY
    assert name(layout) == "Garonne Confort"


def test_the_web_site_points_to_the_name():
    text = "Bienvenue chez vous\nSolutions Habitat\nGaronne Confort\nwww.garonne-confort.fr\n" + BODY
    assert name(text) == "Garonne Confort"


def test_registry_name_still_wins(registries, garonne):
    text = f"Votre plombier depuis 1990\nPLOMBERIE GARONNE\n{BODY}SIRET {garonne.siret}\n"
    ex = extract_fields("supplier_invoice", "supplier", text, registries)
    assert ex.fields["supplier_name"] == "Plomberie Garonne" and ex.supplier_id == "F0001"


def test_a_logo_word_is_not_the_name_when_the_full_name_follows():
    assert name("ELEC\nÉlectricité Générale Toulousaine\n5 rue Bayard 31000 Toulouse\n" + BODY) == \
        "Électricité Générale Toulousaine"


def test_customer_on_the_left_supplier_on_the_right():
    text = ("PATRIMOINE                                          GARONNE CONFORT\n"
            "2 rue du Languedoc                                  3 impasse du Ramier\n"
            "31000 Toulouse                                      31200 Toulouse\n" + BODY)
    assert name(text) == "Garonne Confort"


@pytest.mark.parametrize("a, b", [
    ("SARL PLOMBERIE GARONNE", "Plomberie Garonne"), ("S.A.R.L. Peintures Martin et Fils", "PEINTURES MARTIN ET FILS"),
    ("Nordlicht Software GmbH", "Nordlicht Software"), ("Veldkamp Access Systems B.V.", "Veldkamp Access Systems"),
    ("S.E.M.T.", "SEMT"),
])
def test_a_company_is_the_same_with_or_without_its_legal_form(a, b):
    assert simplify_name(a) == simplify_name(b)


def test_a_namesake_with_another_siren_is_not_the_registry_supplier(registries, garonne):
    other = "80245619400157"  # a valid SIRET, not Plomberie Garonne's
    assert other[:9] != garonne.siret[:9]
    text = f"PLOMBERIE GARONNE\nDépannage 7j/7\n{BODY}SAS Plomberie Garonne - SIRET : {other}\n"
    ex = extract_fields("supplier_invoice", "supplier", text, registries)
    assert ex.supplier_id is None and ex.fields["supplier_siret"] == other
    assert ex.fields["supplier_name"].casefold() == "plomberie garonne"
    same = extract_fields("supplier_invoice", "supplier", f"PLOMBERIE GARONNE\n{BODY}", registries)
    assert same.supplier_id == "F0001"  # no identifier printed: the name alone still matches


def test_a_vendor_abroad_never_names_the_customers_country_or_salutation():
    """The customer's block of a vendor abroad ends with its country (« Frankreich ») and may
    open on a salutation (« Spett.le »): neither is the vendor; nor is the bank of its footer."""
    text = ("shop.example.de\nIhr Fachhandel für Brandschutz\n\nPATRIMOINE\nRégie technique Nord\n"
            "14 rue des Arts\n31015 Toulouse Cedex 6\nFrankreich\n" + BODY
            + "Brandschutz-Depot e.K. - Inhaber: Florian Kuhn - Amtsgericht München HRA 109832\n"
              "USt-IdNr.: DE813447209 - UniCredit Bank AG (HypoVereinsbank)\n")
    assert name(text) == "Brandschutz-Depot"
    text = ("vox\nVox Citofoni S.r.l. - Sistemi citofonici e videocitofonici\nVia dell'Industria 27\n"
            "Spett.le\nPATRIMOINE\n14 rue des Arts\n31015 TOULOUSE CEDEX 6\nFRANCIA\n" + BODY)
    assert name(text) == "Vox Citofoni"



def test_a_practice_named_for_its_partners_keeps_both():
    """« SELARL CASTERAN - MOULIS »: two partners' names, not a name and its trade."""
    text = ("SELARL CASTERAN - MOULIS\nAVOCATS AU BARREAU DE TOULOUSE\nMaître Hélène CASTERAN - Maître Pierre MOULIS\n"
            "18 rue des Paradoux - 31000 TOULOUSE\n" + BODY)
    assert name(text) == "Casteran-Moulis"
    text = "PLOMBERIE DURAND SAS - DÉPANNAGE\n18 rue des Paradoux - 31000 TOULOUSE\n" + BODY
    assert name(text) == "Plomberie Durand"

def test_a_right_aligned_customer_block_and_a_long_public_body_name():
    text = ("REGIE EAU & ASSAINISSEMENT DU PAYS TOLOSAN\n"
            "Hôtel de la Régie - 2 place de la Mairie - 31770 COLOMIERS\n\n"
            + " " * 60 + "PATRIMOINE\n" + " " * 51 + "Gestion des fluides\n" + " " * 62 + "BP 41218\n"
            + " " * 48 + "31012 TOULOUSE CEDEX 6\n" + BODY)
    assert name(text) == "Régie Eau & Assainissement du Pays Tolosan"


def test_a_registry_name_is_matched_in_whole_words(registries):
    """« Elec'Toulouse » is not in « Ville : TOULOUSE » (a tenant's form would otherwise read as
    that supplier's piece); it is in its own letterhead line."""
    from extractors.matching import match_supplier_by_name

    form = "FICHE DE RECLAMATION TECHNIQUE\nCode postal : 31500 Ville : TOULOUSE\nTransmis a : technique - URGENT elec\n"
    assert match_supplier_by_name(registries, form) is None
    head = "ELEC'TOULOUSE - 135 rue des Mimosas - 31200 Toulouse\nFACTURE N° 12\n"
    assert match_supplier_by_name(registries, head).supplier.name == "Elec'Toulouse"


def test_the_letterhead_spelling_out_the_legal_name_wins():
    """The footer's legal name is short for the letterhead's: the trades before the family name,
    or initials; initials the letterhead prints too stay the name, and a notaries' shared mail
    domain is no hint."""
    footer = "SARL {} - capital 7 622,45 € - SIRET 481 327 427 00169\n"
    assert name("PLOMBERIE CHAUFFAGE MARTY & FILS\nArtisans\n" + BODY + footer.format("Marty & Fils")) == \
        "Plomberie Chauffage Marty & Fils"
    assert name("ÉTANCHÉITÉ TOITURES SAINT-ORENS\nIsolation\n" + BODY + footer.format("ETSO")) == \
        "Étanchéité Toitures Saint-Orens"
    assert name("S.E.M.T.\nSociété d'Electricité Midi-Toulousain\n" + BODY + footer.format("SEMT")) == "SEMT"
    assert name("ASCENSIA GROUPE\nAscenseurs\n" + BODY + footer.format("ASCENSIA")) == "Ascensia"
    assert name("AZÉMA-ROQUES & CASTAGNE\nNotaires associés\noffice.azema @notaires.fr\n" + BODY) == \
        "Azéma-Roques & Castagne"


def test_a_groups_french_company_is_named_by_its_brand():
    """« Brightlane Cloud Services France SAS » in the footer, « Brightlane Cloud Services » in
    the letterhead: the brand's name; and a title the OCR joined to the letterhead's line is no
    part of the name."""
    text = ("BRIGHTLANE\nBrightlane Cloud Services\nTour Pacific, 92800 Puteaux\n" + BODY
            + "Brightlane Cloud Services France SAS · share capital EUR 1,000,000 · RCS Nanterre 467 922 803\n")
    assert name(text) == "Brightlane Cloud Services"
    assert name("MATERIAUX BATI SUD NOTE DE CREDIT\nNegoce de materiaux\n" + BODY) == "Materiaux Bati Sud"
    assert name("OCCITANIE COLLECTE ENVIRONNEMENT FACTURE\nCollecte - Tri\n" + BODY) == "Occitanie Collecte Environnement"
    # initials before the name they stand for; initials of other words stay
    assert name("C.S.T. Chauffage Sanitaire Toulousain\n12 rue des Lilas\n" + BODY) == "Chauffage Sanitaire Toulousain"
    assert name("ACME Services\n12 rue des Lilas\n" + BODY) == "ACME Services"


@pytest.mark.parametrize("status", ["Entrepreneur individuel", "Auto-entrepreneur", "Micro-entreprise"])
def test_a_sole_traders_status_under_the_name_is_no_name(status):
    assert name(f"PLOMBERIE BRUNEL\n{status}\n8 rue des Pêchers 31140 Aucamville" + BODY) == "Plomberie Brunel"
    assert name(f"{status}\nPLOMBERIE BRUNEL\n8 rue des Pêchers 31140 Aucamville" + BODY) == "Plomberie Brunel"


def test_a_word_holding_phone_or_mobile_can_be_a_name():
    text = ("VIGIPHONE OCCITANIE\nInterphonie - Vigik - Vidéoprotection\n" + BODY
            + "Vigiphone Occitanie - SAS au capital de 60 000 € - RCS Toulouse 752 188 433\n")
    assert name(text) == "Vigiphone Occitanie"
    assert name("GARAGE AUTOMOBILE DU LAURAGAIS\n" + BODY) == "Garage Automobile du Lauragais"


def test_a_line_of_legal_forms_alone_names_no_one():
    text = "                  LES JARDINS DE L'HERS\n      Société coopérative de production - SCOP SARL\n" + BODY
    assert name(text) == "Les Jardins de l'Hers"
    assert strip_legal_form("SCOP SARL") == ""


def test_a_sole_trader_is_named_by_the_trade_name_holding_their_surname():
    text = ("SERRURERIE BOUZID\nDEPANNAGE 7J/7 - 24H/24\n6 bis rue des Chalets\n31170 TOURNEFEUILLE\n" + BODY
            + "EI BOUZID Nassim - SIRET 890 114 622 00016 - TVA FR32890114622\n")
    assert name(text) == "Serrurerie Bouzid"
    # no trade name on the letterhead: the trader's own name
    assert name("Nassim BOUZID\n6 bis rue des Chalets\n" + BODY + "EI BOUZID Nassim - SIRET 890 114 622 00016\n"
                ).lower() == "bouzid nassim"


def test_a_mail_headers_sender_not_its_label():
    text = ("De :        Toitures Oliveira <toitures.oliveira09@gmail.com>\nEnvoyé :    mardi 8 mars 2022 16:42\n"
            "À :         Baptiste Sarrailh <b.sarrailh@patrimoine-hlm.fr>\nObjet :     RE: Chiffrage toiture\n" + BODY)
    assert name(text) == "Toitures Oliveira"


def test_a_logos_word_read_again_before_the_name():
    text = ("BRANDSTATTER\nMESSTECHNIK Brandstatter Messtechnik GmbH\nGutenbergstraße 11\n86156 Augsburg\n" + BODY
            + "Brandstätter Messtechnik GmbH - Gutenbergstraße 11 - 86156 Augsburg\n")
    assert name(text) == "Brandstätter Messtechnik"


def test_a_capital_i_read_as_l_in_a_supplier_name():
    assert name("LACOMBE-lDRISSI INGÉNIERIE\n" + BODY) == "Lacombe-Idrissi Ingénierie"
    assert name("Allô Plomberie\n" + BODY) == "Allô Plomberie"  # a double l is a double l


def test_a_name_then_what_the_firm_does_in_lower_case():
    text = "PYRÈNE GRIMPE - Élagage & abattage\nArboriste grimpeur certifié\nLieu-dit Pech, 09000 Foix\n" + BODY
    assert name(text) == "Pyrène Grimpe"
    assert name("MARTY & FILS - PLOMBERIE\n12 rue Peyrolières\n" + BODY) == "Marty & Fils - Plomberie"


def test_the_owners_name_over_a_trade_name_holding_their_surname():
    text = ("Tomasz KOWALCZYK\nVITRERIE KOWALCZYK - Miroiterie, double vitrage, remplacement urgent\n"
            "27 rue de la Mandoune\n82000 MONTAUBAN\nvitrerie.kowalczyk@gmail.com\n" + BODY)
    assert name(text) == "Vitrerie Kowalczyk"


def test_a_name_followed_by_its_initials():
    text = ("Chaleur Pyrénées Maintenance (CPM)\nENTRETIEN ET DEPANNAGE CHAUDIERES GAZ\n8 avenue Foch\n" + BODY
            + "SARL CPM - CAPITAL 15 000 EUR - RCS TOULOUSE\n")
    assert name(text) == "Chaleur Pyrénées Maintenance"
    assert name("Les Ateliers du Bois (LAB)\n3 rue Alsace\n" + BODY) == "Les Ateliers du Bois"


def test_the_names_first_word_in_a_domain_of_several():
    text = ("KELLERHOFF\nTürsprechtechnik : Zutrittskontrolle - Videoüberwachung\n"
            "Kellerhoff Türkommunikation GmbH - Hanferstraße 28 - 79108 Freiburg\n" + BODY
            + "USt-IdNr. DE379391054 - buchhaltung@kellerhoff-tk.de\n")
    assert name(text) == "Kellerhoff Türkommunikation"


def test_initials_spelled_out_after_a_dash_on_a_line_with_another_column():
    text = ("CSE - CHALEUR SERVICES EXPLOITATION                          PAGE 1/2\n"
            "AGENCE SUD-OUEST - 5 AVENUE DE L'EUROPE - 31520 RAMONVILLE\n" + BODY
            + "CSE SAS AU CAPITAL DE 1 850 000 EUR - SIRET 40215687100772 - TVA FR48402156871\n")
    assert name(text) == "Chaleur Services Exploitation"


def test_a_practice_of_partners_printed_with_their_given_names():
    text = ("SCP Jean-Marc LACOMBE - Sophie RICARD\nHUISSIERS DE JUSTICE ASSOCIES\n"
            "5 place Saint-Georges 31000 TOULOUSE\n" + BODY)
    assert simplify_name(name(text)) == "jean marc lacombe sophie ricard"


def test_a_practice_of_three_partners_keeps_all_three():
    text = ("SCP LARRIEU - MBARGA - TEISSEIRE\nHuissiers de Justice associés\n"
            "12, boulevard de Strasbourg - 31000 TOULOUSE\n" + BODY)
    assert simplify_name(name(text)) == "larrieu mbarga teisseire"


def test_limited_in_capitals_is_a_legal_form():
    assert strip_legal_form("CLOUDMEET COMMUNICATIONS LIMITED") == "CLOUDMEET COMMUNICATIONS"
