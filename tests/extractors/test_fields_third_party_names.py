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
