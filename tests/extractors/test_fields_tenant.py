"""Tenants' letters: writer, contract reference, contacts, and the sum at stake."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.registries import Registries, load_registries
from extractors.fields import extract_fields

LETTER = """Mme Françoise LEFEVRE-MARTIN
4 allée des Cèdres
Résidence Les Tilleuls
31770 COLOMIERS
Tél. : 06.12.34.56.78
Courriel : f.lefevre @orange. fr
Réf. locataire : 5201 4477

                                        PATRIMOINE
                                        Agence Colomiers
                                        12 allée du Comminges
                                        31770 Colomiers
                                        Tél. 05 61 00 00 00

Colomiers, le 3 mars 2021

Objet : Demande de plan d'apurement

Madame, Monsieur,

Suite à une longue maladie, mes revenus ont beaucoup baissé. Ma dette s'élève à 1 250,40 €
d'après votre dernier avis d'échéance. Mon loyer est de 450 € et je vous propose de verser
50 € par mois en plus du loyer jusqu'à remboursement complet.

Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.

Françoise Lefèvre-Martin
"""


def test_payment_difficulty_letter(registries):
    ex = extract_fields("payment_difficulty", "tenant", LETTER, registries)
    assert ex.fields == {
        "tenant_name": "Françoise Lefèvre-Martin",  # the registry's spelling
        "tenant_reference": "52014477",
        "postal_code": "31770",
        "email": "f.lefevre@orange.fr",
        "phone": "0612345678",  # not the agency's number
        "amount": "1250.40",  # the debt, not the rent nor the monthly instalment
    }
    assert ex.tenant_reference_known


def test_unknown_reference_is_kept_but_not_known(registries):
    text = LETTER.replace("5201 4477", "12345678")
    ex = extract_fields("repair_request", "tenant", text, registries)
    assert ex.fields["tenant_reference"] == "12345678"
    assert not ex.tenant_reference_known
    assert ex.fields["tenant_name"] == "Françoise Lefèvre-Martin"  # as signed
    assert "amount" not in ex.fields  # only for payment difficulty


def test_reference_with_wrong_length_is_rejected(registries):
    text = LETTER.replace("5201 4477", "520144")
    ex = extract_fields("repair_request", "tenant", text, registries)
    assert "tenant_reference" not in ex.fields
    assert "8 chiffres" in ex.rejected["tenant_reference"]


def test_je_soussigne_and_reference_in_body(registries):
    text = """PATRIMOINE
45 avenue de Fronton
31200 Toulouse

Le 12 janvier 2022

Je soussigné Mamadou SANCHEZ, locataire au 85 chemin Jean Jaurès à Muret (31600), vous informe
que je quitte mon logement. Mon numéro de locataire est le 16099283.
Vous pouvez me joindre au +33 7 43 84 18 72.

Cordialement,
M. Sanchez
"""
    ex = extract_fields("lease_termination", "tenant", text, registries)
    assert ex.fields["tenant_reference"] == "16099283" and ex.tenant_reference_known
    assert ex.fields["tenant_name"] == "Mamadou Sanchez"
    assert ex.fields["phone"] == "0743841872"
    assert "postal_code" not in ex.fields or ex.fields["postal_code"] != "31200"  # the landlord's


def test_sender_block_at_the_bottom_and_noisy_text(registries):
    text = """PATRIMOINE - Office du logement social
30 avenue de Lardenne
31300 Toulouse
Toulouse, le 5 fevrier 2021
objet : fuite d eau
bonjour, il y a une fuite sous l evier depuis hier, l eau coule partout. merci de venir vite
merci d avance
Jose Dupont
JOSE DUPONT
Bat. A Appt 47
93 rue Camille Pujol
3l3OO TOULOUSE
O6 l2 34 56 78
"""
    ex = extract_fields("repair_request", "tenant", text, registries)
    assert ex.fields["tenant_name"] == "José Dupont"  # no reference, but the registry knows the name
    assert ex.fields["postal_code"] == "31300"
    assert ex.fields["phone"] == "0612345678"
    assert "tenant_reference" not in ex.fields


def test_registry_reference_found_without_label(registries):
    text = "M. José Dupont\n93 rue Camille Pujol\n31300 Toulouse\n\nDossier 99982789\nJe demande une quittance.\n" \
           "Merci d'avance.\nJosé Dupont\n"
    ex = extract_fields("certificate_or_receipt_request", "tenant", text, registries)
    assert ex.fields["tenant_reference"] == "99982789" and ex.tenant_reference_known
    assert ex.fields["tenant_name"] == "José Dupont"


REAL_TENANTS = Path(__file__).resolve().parents[2] / "config" / "data" / "tenants.csv"


@pytest.mark.skipif(not REAL_TENANTS.is_file(), reason="registre des locataires pas encore généré")
def test_letter_matched_against_the_real_registry():
    reg = load_registries()
    t = reg.tenants[7]
    first, last = t.tenant_name.split(" ", 1)
    text = f"""MONSIEUR {first.upper()} {last.upper()}
{t.address.split(", ")[-1]}
{t.postal_code} {t.city}
N° de contrat : {t.tenant_reference[:4]} {t.tenant_reference[4:]}

PATRIMOINE
{t.agency}

Madame, Monsieur,
Je vous dois à ce jour la somme de 1.234,56 euros. Je propose 40€ par mois.
Bien à vous,
{first} {last}
"""
    ex = extract_fields("payment_difficulty", "tenant", text, reg)
    assert ex.fields["tenant_reference"] == t.tenant_reference and ex.tenant_reference_known
    assert ex.fields["tenant_name"] == t.tenant_name
    assert ex.fields["postal_code"] == t.postal_code
    assert ex.fields["amount"] == "1234.56"


def test_a_cedex_postal_code_is_an_organisation_not_the_tenants_home(registries):
    from extractors.fields import extract_fields

    text = ("Caisse d'Allocations Familiales de la Haute-Garonne\n24 rue Riquet - 31046 Toulouse Cedex 9\n"
            "Objet : Notification de droit à l'APL\nAllocataire : Jeanne Martin\n"
            "Logement : 12 rue des Lilas, 31200 Toulouse\n")
    ex = extract_fields("housing_benefit", "tenant", text, registries)
    assert ex.fields["postal_code"] == "31200"


def test_an_accent_the_scan_lost_once_is_taken_where_it_is_printed(registries):
    """OCR drops accents far more often than it adds them: the signature read « Eric Cabanes »,
    the header prints « M. ÉRIC CABANES »; « marié », lowercase in a sentence, is no name."""
    text = ("M. ÉRIC CABANES\n12 rue des Lilas\n31200 Toulouse\n\nMadame, Monsieur,\nJe suis marié depuis peu "
            "et je vous prie de m'adresser une attestation de loyer pour ma bourse.\n\nEric Cabanes\n")
    fields = extract_fields("certificate_or_receipt_request", "tenant", text, registries).fields
    assert fields["tenant_name"] == "Éric Cabanes"
    from extractors.parsing import restore_accents

    assert restore_accents("Marie Dupont", "Je suis marié, Marie Dupont") == "Marie Dupont"
    assert restore_accents("Marie-Helene PETIT", "MARIE-HÉLÈNE PETIT") == "Marie-Hélène PETIT"


OTHER_REQUEST = """Elsa GARRIGUES
14 rue des Acacias
31200 Toulouse
tel. 06 36 91 50 27

Madame, Monsieur,
Nous attendons un deuxième enfant et notre T2 devient trop petit. Je souhaiterais savoir
s'il est possible d'obtenir un logement plus grand dans le même quartier.
Je vous remercie par avance.

Elsa Garrigues
"""


def test_a_person_writing_about_anything_else_is_still_named_for_the_operator(registries):
    """A tenant's request of no known type goes to vidéocodage with its writer read."""
    fields = extract_fields("other", "other", OTHER_REQUEST, registries).fields
    assert fields["tenant_name"] == "Elsa Garrigues"
    assert fields["postal_code"] == "31200" and fields["phone"] == "0636915027"


@pytest.mark.parametrize("text", [
    "FENÊTRES CONFORT PLUS\nProfitez de nos offres de printemps !\n31000 Toulouse\n\nFenêtres Confort Plus\n",
    "PRÉFECTURE DE LA HAUTE-GARONNE\nCirculaire aux bailleurs sociaux\n31000 Toulouse\n\nLe Préfet de la Haute-Garonne\n",
    OTHER_REQUEST + "\nSARL Garrigues Rénovation - SIRET 552 100 554 00018\n",
])
def test_an_organisations_mail_of_no_known_type_names_nobody(registries, text):
    assert extract_fields("other", "other", text, registries).fields == {}


def test_a_third_partys_letter_of_no_known_type_names_the_person_it_is_about(registries):
    """A social worker's report typed « other » goes to vidéocodage with the tenant it concerns."""
    text = ("CCAS DE COLOMIERS\nService des solidarités\n\nPATRIMOINE\nBP 40217\n31035 TOULOUSE CEDEX 1\n\n"
            "Objet : situation préoccupante\nMadame, Monsieur,\nMadame Germaine LACAZE, 87 ans, locataire de votre "
            "organisme au 6 allée du\nComminges, 31770 Colomiers, ne répond plus à nos appels.\n"
            "Mme Lacaze reste joignable sur sa ligne fixe : 05 61 78 22 04.\n")
    fields = extract_fields("other", "other", text, registries).fields
    assert fields == {"tenant_name": "Germaine Lacaze", "postal_code": "31770", "phone": "0561782204"}


def test_a_companys_letter_about_its_employee_the_landlords_tenant_names_them(registries):
    """An employer's letter in support of a transfer, its legal mentions under its name: the
    company wrote it, about the tenant it names."""
    text = ("LOGIGARONNE SAS\nPlate-forme logistique régionale\nZone Eurocentre - 12 rue du Fret - 31790 SAINT-JORY\n"
            "SAS au capital de 250 000 € - RCS Toulouse\nService Ressources Humaines\nPATRIMOINE\n"
            "Service des Attributions - Mutations\nBP 41327\n31013 TOULOUSE CEDEX 6\n"
            "Objet : soutien a la demande de mutation de M. Yannick CAZALS\nMadame, Monsieur,\n"
            "Nous attestons que M. Yannick CAZALS est salarié de notre société depuis 2012.\n"
            "Actuellement locataire de votre organisme au 3 chemin de la Saudrune, 31270 CUGNAUX,\n"
            "M. CAZALS parcourt chaque jour plus de 80 kilomètres.\n")
    fields = extract_fields("other", "other", text, registries).fields
    assert (fields["tenant_name"], fields["postal_code"]) == ("Yannick Cazals", "31270")


def test_a_registry_name_printed_in_capitals_is_written_as_a_name():
    from config.registries import Registries, Tenant
    reg = Registries((), (Tenant("73672916", "Nadia HADDAD", "", "41 rue du Canal", "31320", "Castanet", "", "", ""),))
    text = "Nadia HADDAD\n23 avenue du Parc\n31700 BLAGNAC\nMadame, Monsieur,\nUn délai svp.\nNadia Haddad\n"
    assert extract_fields("payment_difficulty", "tenant", text, reg).fields["tenant_name"] == "Nadia Haddad"


def test_a_letter_of_no_known_type_keeps_the_tenants_reference_without_a_name():
    text = ("Référence locataire : 77120456\nObjet : contestation de la régularisation des charges\n"
            "Madame, Monsieur, je conteste le montant de la régularisation des charges.\nSalutations distinguées.\n")
    assert extract_fields("other", "other", text, Registries((), ())).fields.get("tenant_reference") == "77120456"


def _fields(text: str, doc_type: str = "repair_request") -> dict:
    return extract_fields(doc_type, "tenant", text, Registries((), ())).fields


@pytest.mark.parametrize("top, sign, name", [
    ("lonela POPESCU", "lonela Popescu", "Ionela Popescu"),
    ("Mme loana Popescu", "loana Popescu", "Ioana Popescu"),
])
def test_a_capital_i_read_as_an_l_starts_a_name_again(top, sign, name):
    """A sans-serif prints a capital I and a small l alike: a name starting with « lo… » where
    a capital is due was printed with an I."""
    letter = (f"{top}\n22 avenue des Pyrénées\n31240 L'UNION\n\nPATRIMOINE\n\nMadame, Monsieur,\n"
              f"Le garde-corps de mon balcon est descellé.\nSalutations distinguées.\n{sign}\n")
    assert _fields(letter)["tenant_name"] == name


def test_a_tenant_signing_with_her_trade_is_still_the_writer():
    """« Assistante de vie aux familles » under the signature of a tenant writing from home is her
    trade, not an office's role (« Assistante sociale » under a social worker's name heading an
    office's letter is)."""
    letter = ("Ionela POPESCU\n22 avenue des Pyrénées\n31240 L'UNION\n\nPATRIMOINE\nService Technique\n\n"
              "Madame, Monsieur,\nLe garde-corps de mon balcon est descellé.\nSalutations distinguées.\n"
              "Ionela Popescu\nAssistante de vie aux familles\n")
    assert _fields(letter)["tenant_name"] == "Ionela Popescu"
    social = letter.replace("Assistante de vie aux familles", "Assistante sociale").replace(
        "Ionela POPESCU\n22 avenue des Pyrénées", "Ionela POPESCU\nAssistante sociale\nCCAS de L'Union\n22 avenue des Pyrénées")
    assert "tenant_name" not in _fields(social)


def test_an_insurers_certificate_names_its_assure_e_and_their_home():
    card = ("CREDIT OCCITAN ASSURANCES IARD\nSERVICE CLIENTS - TSA 40021 - 31097 TOULOUSE CEDEX 1\n"
            "ATTESTATION D'ASSURANCE HABITATION\nAGENCE : MURET CENTRE - CODE 0457\n"
            "ASSURE (E) : MME BENMOUSSA AMINA\nADRESSE : 3 IMPASSE DES MESANGES\nAPPT 2 - 1ER ETAGE\n31600 MURET\n")
    fields = _fields(card, "insurance_certificate")
    # « AGENCE : » is the insurer's form field, not the landlord's agency heading its address
    assert fields["tenant_name"] == "Amina Benmoussa" and fields["postal_code"] == "31600"


def test_the_debt_in_the_letter_not_an_income_under_a_tables_heading():
    """« Ressources   Montant » heads a budget table: « montant » there says nothing of a debt,
    and the larger salary under it is not the sum at stake."""
    letter = ("Tiago CARVALHO\n3 rue des Lilas\n31700 Blagnac\n\nMadame, Monsieur,\n"
              "Malgré nos efforts, je n'ai pas pu régler intégralement les loyers de novembre, décembre et\n"
              "janvier. Votre avis d'échéance de janvier fait apparaître un solde débiteur de 1 248,36 €.\n"
              "Je vous propose un échéancier.\nTiago Carvalho\n\nBUDGET MENSUEL DU FOYER\nRessources Montant\n"
              "+ ~ -+\nSalaire (activité partielle) 1 312,40 €\nTotal ressources 2 055,73 €\n")
    assert _fields(letter, "payment_difficulty")["amount"] == "1248.36"


def test_a_received_stamp_naming_the_landlord_is_no_address_block_over_the_writers():
    letter = ("COURRIER ARRIVÉE\nPATRIMOINE\n11 OCT. 2021\nHervé Fourcade\n23 chemin de Las Fonts\n"
              "31830 Plaisance-du-Touch\nMadame, Monsieur le Responsable\nPATRIMOINE\n11 boulevard des Récollets\n"
              "31078 Toulouse Cedex 4\nObjet : demande d'attestation\nMadame, Monsieur,\nMerci.\nHervé Fourcade\n")
    assert _fields(letter, "certificate_or_receipt_request")["postal_code"] == "31830"
    # the stamp's date over the agency's name, the writer's block right under it
    stamped = ("REÇU LE 14 JAN. 2021\nPATRIMOINE — Agence Ouest\nMme Rosa TEIXEIRA\nRésidence Val d'Aran, appt 6\n"
               "3 allée du Comminges\n31770 COLOMIERS\nObjet : dette de loyer\nMadame,\nMerci.\nRosa Teixeira\n")
    assert _fields(stamped, "payment_difficulty")["postal_code"] == "31770"


def test_a_reference_line_naming_the_landlord_is_no_address_block():
    caf = ("Caisse d'allocations familiales de la Haute-Garonne\n24 rue Riquet — 31046 Toulouse Cedex 9\n"
           "Référence bailleur : PATRIMOINE — 31-BAIL-0042\nAllocataire : M. BONNET Yannick\n"
           "Logement : 9 rue Pierre Cazeneuve, appt 22, 31500 Toulouse\nObjet : signalement d'impayé\n"
           "Madame, Monsieur,\nNous avons bien reçu votre signalement.\n")
    assert _fields(caf, "housing_benefit")["postal_code"] == "31500"


def test_a_phone_read_out_in_words_pair_by_pair():
    note = ("Bonjour\nje voudrais les quittances de loyer svp.\nVous pouvez m'appeler au\nzero six quarante deux\n"
            "dix huit soixante quinze trente\nMerci beaucoup\nFatoumata CAMARA\n12 rue de Kiev apt 208\n31100 Toulouse\n")
    fields = _fields(note, "certificate_or_receipt_request")
    assert fields["phone"] == "0642187530" and fields["tenant_name"] == "Fatoumata Camara"


@pytest.mark.parametrize("line, email", [
    ("gaelle.vidali2@laposte.net", "gaelle.vidal12@laposte.net"),  # « 12 » read « i2 » after the surname
    ("martine.galyo9@orange.fr", "martine.galy09@orange.fr"),
    ("thomas.dupuyferrand@proton.me", "thomas.dupuyferrand@proton.me"),  # a « .me » address
    ("(martine.galy09@yahoofr)", "martine.galy09@yahoo.fr"),  # a webmail's dot lost
    ("E-mail : martine.galy09@free fr", "martine.galy09@free.fr"),  # or read as a space
])
def test_addresses_the_ocr_misread_after_the_surname_and_other_domains(line, email):
    name = "Gaëlle VIDAL" if "vidal" in line else "Martine GALY" if "galy" in line else "Thomas DUPUY-FERRAND"
    letter = f"{name}\n3 rue des Lilas\n31200 Toulouse\n{line}\n\nMadame, Monsieur,\nMerci.\n{name}\n"
    assert _fields(letter)["email"] == email


@pytest.mark.parametrize("printed, name", [
    ("Joaquim FERREIRA DOS SANTOS", "Joaquim Ferreira dos Santos"),  # inside the surname: small
    ("Kevin DA SILVA", "Kevin Da Silva"),  # starting it: its capital
    ("Sandrine Lopes Da Silva", "Sandrine Lopes Da Silva"),  # printed so: as printed
])
def test_a_portuguese_particle_inside_a_surname_in_capitals_is_written_small(printed, name):
    from extractors.person_names import clean_person

    assert clean_person(printed) == name


def test_what_is_missing_of_a_rent_part_paid_is_the_sum_at_stake():
    letter = ("Paul DURAND\n12 rue des Lilas\n31200 Toulouse\n\nMadame, Monsieur,\n"
              "Je n'ai pu verser que 200 € sur les 520 € du loyer de mars, il manque donc 320 €.\n"
              "Je vous propose de payer 100 € par mois en plus du loyer.\nPaul Durand\n")
    assert _fields(letter, "payment_difficulty")["amount"] == "320.00"


def test_a_rent_to_put_off_spelled_out_in_words_is_the_sum_at_stake():
    letter = ("De : Bogdan Ionescu <bogdan.ionescu@sfr.fr>\n\nBonjour Madame, Monsieur,\n"
              "Je vous demande s'il est possible de reporter le paiement du loyer d'avril, soit\n"
              "quatre cent soixante-dix-huit euros et trente centimes, a la fin du mois de mai.\n"
              "Bogdan Ionescu\n11 allee des Cedres\n31270 Cugnaux\n")
    assert _fields(letter, "payment_difficulty")["amount"] == "478.30"


def test_a_bare_number_under_the_writers_address_is_their_reference():
    letter = ("Mme EL IDRISSI Malika\nAppt 15 bât A\n20 rue Marcel Pagnol\n31140 Aucamville\nN° 2044 9163\n\n"
              "Le 23/11/2020\nMadame, Monsieur\nJe ne peux pas payer tout le loyer ce mois-ci.\n"
              "Merci de votre compréhension\nMalika El Idrissi\n")
    fields = _fields(letter, "payment_difficulty")
    assert fields["tenant_reference"] == "20449163" and fields["postal_code"] == "31140"
    # a number in a sentence is none
    assert "tenant_reference" not in _fields(letter.replace("N° 2044 9163\n", "").replace(
        "ce mois-ci.", "ce mois-ci, le\nN° 2044 9163 de la CAF a changé."), "payment_difficulty")


def test_a_tenants_cover_letter_to_an_insurance_certificate_gives_their_contract():
    """The tenant sends their certificate with a word of their own: the contract they name is
    their lease's; the enclosed certificate's contract is the insurer's."""
    cover = ("Jean DUPONT\n3 rue des Lilas\n31500 Toulouse\nObjet : envoi de mon attestation d'assurance\n"
             "Contrat n° 1099 4510\nMadame, Monsieur,\nVeuillez trouver ci-joint mon attestation.\nCordialement,\n"
             "Jean Dupont\n")
    assert _fields(cover, "insurance_certificate")["tenant_reference"] == "10994510"
    certificate = ("MUTUELLE D'ASSURANCE DU SUD-OUEST\nATTESTATION D'ASSURANCE HABITATION\nNous certifions que :\n"
                   "Assuré : Monsieur DUPONT Jean\nContrat n° : MRH 4471 0092 18\n")
    both = cover.replace("Contrat n° 1099 4510\n", "Vos réf. : relance assurance - Locataire 0012 6698\n") + certificate
    assert _fields(both, "insurance_certificate")["tenant_reference"] == "00126698"
    # the insurer's certificate alone: its contract is no tenant's reference
    assert "tenant_reference" not in _fields(certificate, "insurance_certificate")


def test_the_landlords_form_under_a_border_the_ocr_read_as_specks():
    """A form's top border read as a line of specks, then the landlord's title: the form is the
    landlord's, filled in by the tenant, not an organisation's letter: the phone is the tenant's."""
    form = ("PS GER 5 n - - = Lea cae en = 0 ume en em wy + HH\nPATRIMOINE DEMANDE DE DOCUMENT - LOCATAIRE\n"
            "Gestion locative a remettre a l'accueil ou a envoyer\na votre agence\n\n1. LOCATAIRE\n"
            "Adresse du logement : Résidence Les Bastides, Bât. 3, appt 12\nCode postal : 31600 Commune : MURET\n"
            "Téléphone : 06 74 08 92 35 Courriel : remi.baylac@sfr.fr\n2. DOCUMENT DEMANDÉ\n[X] Attestation de loyer\n")
    fields = _fields(form, "certificate_or_receipt_request")
    assert (fields["phone"], fields["email"], fields["postal_code"]) == ("0674089235", "remi.baylac@sfr.fr", "31600")


def test_a_friends_number_the_writer_gives_is_not_theirs():
    text = ("Amandine Roche\n6 rue des Lilas, appt 43, 31600 Muret\nMadame, Monsieur,\n"
            "Je ne peux plus vivre ici. Vous pouvez m'appeler au 07 81 46 22 90 le matin,\n"
            "ou laisser un message à mon amie Julie au 06 17 52 05 64.\nAmandine Roche\n")
    assert _fields(text, "social_distress")["phone"] == "0781462290"
    alone = text.replace("Vous pouvez m'appeler au 07 81 46 22 90 le matin,\nou laisser", "Laissez")
    assert "phone" not in _fields(alone, "social_distress")


@pytest.mark.parametrize("line, code", [
    ("Je suis locataire à Fenouillet 31150.", "31150"),  # the code after the town, ending the line
    ("Je loue un T1 à Colomiers (Résidence Le Perget, appt 7, 31770) depuis 2019.", "31770"),
    ("12 rue Haute\n731400 Teleuse", "31400"),  # handwriting: a stroke before the code read as a 7
])
def test_postal_codes_written_after_the_town_in_brackets_or_after_a_stroke(line, code):
    text = f"Marc Petit\n{line}\nBonjour, le robinet de la cuisine fuit.\nMarc Petit\n"
    assert _fields(text)["postal_code"] == code


def test_a_post_box_number_ending_a_line_is_no_postal_code():
    assert "postal_code" not in _fields("PATRIMOINE\nBP 41205\nBonjour, le robinet fuit.\nMarc Petit\n")


def test_the_mobile_beside_an_office_line_and_a_number_said_to_ring_unanswered():
    text = ("Bonjour,\nLes égouts débordent dans la cage d'escalier depuis dimanche.\nCordialement,\nPaul Durand\n"
            "Technicien méthodes — Atelier composites\n"
            "Tél. : +33 (0)5 61 72 40 09 — Mob. : +33 (0)6 31 28 77 15\n")
    assert _fields(text)["phone"] == "0631287715"
    helper = ("ADMR du Lauragais\nService d'aide à domicile\nTél. 05 34 57 22 86\n"
              "Objet : situation de Mme Odette SARRAIL, votre locataire\nMadame, Monsieur,\n"
              "Mme SARRAIL ne nous ouvre plus. Téléphone fixe : 05 61 92 14 07 (ne décroche plus depuis une semaine).\n"
              "Cordialement,\nLa coordinatrice\n")
    assert _fields(helper, "social_distress")["phone"] == "0561921407"


def test_the_end_of_a_reference_in_groups_is_no_postal_code():
    text = ("Bogdan IONESCU\nLocataire n° 4012 66 318\nRésidence Les Chênes-Lièges, appt 11\n"
            "37 chemin de Larramet\n31170 TOURNEFEUILLE\nObjet : nuisances sonores\nBogdan Ionescu\n")
    assert _fields(text, "neighbour_dispute")["postal_code"] == "31170"


def test_the_landlord_named_as_a_party_heads_no_address_block():
    """« Demandeur : SA D'HLM PATRIMOINE » over the defendant and their address: the tenant's."""
    text = ("TRIBUNAL JUDICIAIRE DE FOIX\nPalais de justice — 2, allées de Villote — 09000 FOIX\n"
            "Demandeur : SA D'HLM PATRIMOINE\nDéfendeur : M. Yusuf DEMIRCI\n14, cité des Capucins, escalier B\n"
            "09100 PAMIERS\nDestinataire :\nSA D'HLM PATRIMOINE\nService Contentieux\nBP 12108 — 31036 TOULOUSE CEDEX 1\n"
            "Madame, Monsieur,\nJe vous adresse la décision.\nLe greffier\n")
    assert _fields(text, "legal_notice")["postal_code"] == "09100"


def test_an_employers_address_under_the_signature_is_not_the_home():
    text = ("De: Lagarrigue Kévin <k.lagarrigue@sudmetal-composites.fr>\nEnvoyé: lundi 22 novembre 2021 08:12\n"
            "À: technique@patrimoine-toulouse.fr\nCc: kevin.lagarrigue31@gmail.com\nObjet: odeur d'égout\nBonjour,\n"
            "Je suis locataire du rez-de-chaussée au 6 allée des Chardonnerets, Résidence Le\n"
            "Clos de Pouvourville, 31400 Toulouse.\nL'eau remonte par la douche.\nCordialement,\nKévin Lagarrigue\n"
            "Technicien méthodes — Atelier composites\nSUD METAL COMPOSITES — Z.A. de Garossos — 31700 Beauzelle\n")
    assert _fields(text)["postal_code"] == "31400"
    lost = text.replace("SUD METAL COMPOSITES — Z.A. de Garossos — 31700 Beauzelle", "Z de Montaudran - 31700 Beauzelle")
    assert _fields(lost)["postal_code"] == "31400"  # the zone's A lost by the OCR


def test_a_tenants_collective_names_its_contact_who_signs():
    """« Les locataires du bâtiment C / … / Contact : M. Bernard SICRE »: the collective's writer,
    not an office's staff, signing « Pour les locataires du bâtiment C, / Bernard Sicre »."""
    text = ("Les locataires du bâtiment C\nRésidence Les Hirondelles\n8 rue Jean-Baptiste Lulli\n31500 Toulouse\n"
            "Contact : M. Bernard SICRE, appt C23 - tél. 05 62 71 39 04\n\nToulouse, le 25 janvier 2021\n"
            "Objet : rassemblements dans le hall\nMadame, Monsieur,\n"
            "Nous, locataires du bâtiment C soussignés, souhaitons attirer votre attention sur le hall.\n"
            "Nous vous prions d'agréer, Madame, Monsieur,\nnos salutations distinguées.\n"
            "Pour les locataires du bâtiment C,\nBernard Sicre\n")
    assert _fields(text, "neighbour_dispute")["tenant_name"] == "Bernard Sicre"
    # an office's « Contact : » stays its staff
    office = text.replace("Les locataires du bâtiment C\n", "CCAS DE TOULOUSE\n").replace(
        "Nous, locataires du bâtiment C soussignés, souhaitons", "Nous souhaitons").replace(
        "Pour les locataires du bâtiment C,\nBernard Sicre\n", "Bernard Sicre\n")
    assert _fields(office, "neighbour_dispute").get("tenant_name") != "Bernard Sicre"
