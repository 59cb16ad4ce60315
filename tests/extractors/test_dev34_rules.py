"""Rules read from mail written by other hands (the thirty-fourth development set): the landlord's
form filled in after a letter that encloses a judgment, a name holding « vat » (« Élévation »),
the title's column read into the letterhead's line, a tenants' association's officer."""

from __future__ import annotations

from config.registries import Registries
from extractors.boundaries import document_starts
from extractors.fields import extract_fields

NONE = Registries((), ())


def test_the_landlords_form_filled_in_after_a_letter_that_encloses_a_judgment():
    guardian = ("ASSOCIATION TUTÉLAIRE GARONNE\nService mandataire judiciaire à la protection des majeurs\n"
                "Objet : M. PAYET Jean-Max - mesure de curatelle\nMadame, Monsieur,\n"
                "Nous vous informons de la mesure prononcée par le juge.\nPour l'association, le mandataire judiciaire\n"
                "Yannick Sempé\nPJ. : copie du jugement du 24/09/2020\n")
    form = ("PATRIMOINE Protocole d'accompagnement COVID-19\n"
            "A retourner complete et signe a votre agence ou par courriel, avec les justificatifs.\n1. VOS COORDONNEES\n"
            "Nom : PAYET Prenom : Jean-Max\nN° de locataire : 0381457/01\n"
            "Adresse : 10 rue des Cormorans, res. Les Berges du Canal, apt 27\n"
            "Code postal : 31520 Commune : RAMONVILLE-SAINT-AGNE\nTelephone : 06 92 35 71 48\n")
    assert document_starts([guardian, form]) == [0, 1]


def test_a_name_holding_vat_and_the_title_read_into_the_letterheads_line():
    lifts = ("ÉLÉVATION OCCITANE\nASCENSEURS\nInstallation - Maintenance : Modernisation\nFACTURE N° F21-0412\n"
             "TOTAL HT 1 000,00\nTVA 20 % 200,00\nTOTAL TTC 1 200,00\n"
             "Élévation Occitane Ascenseurs - SAS au capital de 120 000 € - ZA du Chêne Vert,\n"
             "SIRET 42866169800038 - TVA FR 40 428661698\n")
    assert extract_fields("supplier_invoice", "supplier", lifts, NONE).fields["supplier_name"] == \
        "Élévation Occitane Ascenseurs"
    gardens = ("LES JARDINS DE L'HERS - SCOP SA FACTURE N. FAC210512\nENTREPRISE D'INSERTION - ESPACES VERTS DATE > 31/05/2021\n"
               "12 CHEMIN DU RAMIER DES PRES ECHEANCE : 30/06/2021\n31200 TOULOUSE\nTOTAL TTC 1 200,00\n"
               "SCOP SA A CAPITAL VARIABLE - RCS TOULOUSE 462873860 - SIRET 46287386000029\n")
    assert extract_fields("supplier_invoice", "supplier", gardens, NONE).fields["supplier_name"] == "Les Jardins de l'Hers"


def test_a_tenants_associations_officer_is_its_writer():
    letter = ("AMICALE DES LOCATAIRES DE LA RÉSIDENCE LES PLATANES\n"
              "Affiliée à la Confédération Nationale du Logement (CNL 31)\nMme Huguette SABATIER, présidente\n"
              "2, place des Platanes — Bât. D — 6e étage\n31700 BLAGNAC\nTél. : 05 61 71 09 36\nPATRIMOINE\nAgence Ouest\n"
              "Objet : ascenseur du bâtiment D en panne depuis le 5 novembre\nMonsieur,\n"
              "Au nom de l'amicale et des locataires du bâtiment D, je me permets d'attirer votre attention.\n"
              "Veuillez agréer, Monsieur, nos salutations distinguées.\nLa présidente,\nHuguette Sabatier\n")
    f = extract_fields("repair_request", "tenant", letter, NONE).fields
    assert f["tenant_name"] == "Huguette Sabatier"
