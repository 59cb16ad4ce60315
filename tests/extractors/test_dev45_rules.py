"""Rules read from mail written by other hands (the forty-fifth development set)."""

from __future__ import annotations

from extractors.fields_labels import Doc
from extractors.fields_supplier_name import guess_supplier_name
from tests.extractors.test_dev38_rules import supplier
from tests.extractors.test_fields_third_party import tenant

# an old ERP's credit note, in capitals: the name begins with « COPIE », the number has a prefix apart
COPIER = ("COPIE SUD BUREAUTIQUE AVOIR N. AV 000218\nZA Bel Air\n- 14 rue Gaston-Evrard DATE 14/01/21 PAGE 001\n"
          "31094 TOULOUSE CEDEX 1 CLIENT C004412\nPATRIMOINE\nCOMPTABILITE FOURNISSEURS\n"
          "REF. FACTURE : 20-12-0457 DU 31/12/20\nGESTE-COM\nEXC -COUL\nDESIGNATION QTE P.U.HT\n"
          "GESTE COMMERCIAL FORFAIT COPIES NON 1 180,00\nTOTAL HT\nTVA 20,00 %\nTOTAL TTC\n"
          "SAS COPIE SUD BUREAUTIQUE - SIRET 44178512800063 - TVA FR67441785128\n")


def test_a_name_beginning_with_copie_is_a_name_and_a_copys_mark_is_not():
    assert supplier("supplier_credit_note", COPIER)["supplier_name"] == "Copie Sud Bureautique"
    marked = ("COPIE CLIENT\nMENUISERIE DUPUY FRERES\nFACTURE N° F-2021-044\nDate : 02/02/2021\n"
              "Total TTC 120,00 €\n")
    assert guess_supplier_name(Doc(marked)) == "Menuiserie Dupuy Freres"


def test_a_credit_notes_number_with_its_prefix_apart_not_the_invoice_it_credits():
    assert supplier("supplier_credit_note", COPIER)["invoice_number"] == "AV000218"


def test_the_initials_of_a_name_whose_line_ends_with_the_title():
    lifts = ("ASCENSEURS GARONNE MAINTENANCE FACTURE\nAGM - Agence Toulouse Nord N° 20T2-004417\n"
             "18 rue des Freres-Peyrusse Page 1/2\n31200 TOULOUSE\nDATE FACTURE : 01/04/2020\n"
             "AGM SAS au capital de 150 000 EUR - RCS Toulouse 731 159 109 - TVA intracom. FR43731159109\n")
    assert guess_supplier_name(Doc(lifts)) == "Ascenseurs Garonne Maintenance"


def test_a_works_progress_statement_dated_by_the_day_it_stops_at():
    progress = ("PEINTURES BAYLAC & FILS\nChemin de la Ribaute – 31130 BALMA\n"
                "SITUATION DE TRAVAUX N° 3 – valant facture N° SIT-2020-0063\n    arrêtée au 30 juin 2020\n"
                "Chantier arrêté du 17/03/2020 au 11/05/2020 (confinement).\n"
                "Montant HT de la présente situation 11 455,00 €\nTVA 10 % 1 145,50 €\n"
                "Montant TTC de la présente situation 12 600,50 €\n")
    f = supplier("supplier_invoice", progress)
    assert f["invoice_date"] == "2020-06-30" and f["invoice_number"] == "SIT-2020-0063"
    dated = progress.replace("    arrêtée au 30 juin 2020\n", "Date de facture : 02/07/2020 - arrêtée au 30 juin 2020\n")
    assert supplier("supplier_invoice", dated)["invoice_date"] == "2020-07-02"  # a date's own label first


def test_a_handwritten_number_read_as_letters_is_no_reference():
    letter = ("Nadège FONTAEILUE\nN° locataire : FAOTU 7\nMadame, Monsieur,\nJe suis locataire de l'appartement 16.\n"
              "Nadège Fontvieille\n")
    assert "tenant_reference" not in tenant(letter, "social_distress")
    assert tenant(letter.replace("FAOTU 7", "0733 217"), "social_distress")["tenant_reference"] == "0733217"


def test_the_tenants_postal_code_after_the_town_that_ends_a_line():
    town_hall = ("Ville de Blagnac\nCabinet du Maire\nMonsieur le Directeur général\nPATRIMOINE\n"
                 "18 allée des Tourterelles - BP 40217\n31079 TOULOUSE CEDEX 3\nBlagnac, le 27 novembre 2020\n"
                 "Objet : nuisances répétées - résidence Les Hirondelles\nMonsieur le Directeur général,\n"
                 "Plusieurs habitants de la résidence Les Hirondelles, 11 avenue du Touch-Vieux à Blagnac\n"
                 "(31700), dont vous êtes le bailleur, ont saisi la mairie de nuisances répétées\n"
                 "attribuées aux occupants du logement n° 42, loué à M. Yannick LAFFORGUE.\n")
    assert tenant(town_hall, "neighbour_dispute")["postal_code"] == "31700"
