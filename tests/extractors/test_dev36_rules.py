"""Rules read from mail written by other hands (the thirty-sixth development set): « Nº » read
« N9 », HT and TTC whose leading digits the OCR lost alike, an organisation whose name is its
mail domain."""

from __future__ import annotations

from config.registries import Registries
from extractors.fields import extract_fields
from extractors.totals_repair import cents, lost_leading_digits
from tests.extractors.test_fields_third_party import tenant

NONE = Registries((), ())


def test_a_spanish_invoice_number_after_n9():
    invoice = ("CERAMICAS AZAHAR S.L.\nFACTURA\nN9 factura: FV21/000812\nFecha: 12/03/2021\nTOTAL FACTURA 5.027,40 €\n")
    assert extract_fields("supplier_invoice", "supplier", invoice, NONE).fields["invoice_number"] == "FV21/000812"


HEATING = ("THERMIQUE SERVICES GARONNE\nFACTURE N° TSG-21-0112 DU 15/02/2021\n"
           "P2 CONDUITE ET PETIT ENTRETIEN 1/12E 1 230,00\nFORFAIT ANNUEL 14 760,00 HT\n"
           "BASE HT TVA 20,0 % 3 918,31\n783,66\nBASE HT TVA 10,0 % 1 850,00\n185,00\n"
           "TOTAL HT 768,31\nTOTAL TVA 968,66\nNET A PAYER TTC EUR 736,97\n"
           "SAS AU CAPITAL DE 300 000 EUR - SIRET 42351471000023 - TVA FR21423514710 - APE 3530Z\n")


def test_ht_and_ttc_whose_leading_digits_the_ocr_lost_alike():
    f = extract_fields("supplier_invoice", "supplier", HEATING, NONE).fields
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("5768.31", "968.66", "6736.97")


def test_leading_digits_are_not_guessed_when_two_bases_would_do():
    pool = {cents(v): v for v in ("3918.31", "1850.00", "4918.31", "968.66")}
    assert lost_leading_digits(["768.31"], ["968.66"], ["736.97"], pool) is None  # 5768.31 or 6768.31
    pool = {cents(v): v for v in ("3918.31", "1850.00", "968.66")}
    assert lost_leading_digits(["768.31"], ["968.66"], ["736.97"], pool) == ("5768.31", "968.66", "6736.97")


def test_an_organisation_whose_name_is_its_mail_domain_is_no_person():
    report = ("MÉDIANCE TOLOSANE\nMédiation sociale et de voisinage\n12 place du Ravelin - 31300 TOULOUSE\n"
              "Tél. 05 34 51 77 08 - contact@mediance-tolosane.org\nPATRIMOINE SA LANGUEDOCIENNE\n"
              "Gestion locative - Agence Est\nBP 41272\n31012 TOULOUSE CEDEX 6\nToulouse, le 8 juin 2020\n"
              "Objet : Compte rendu de médiation - Mme Yvette GASC\n28 avenue des Lilas, Appt 6, 31240 L'UNION\n"
              "Madame, Monsieur,\nNous vous adressons le compte rendu de la médiation organisée à la demande\n"
              "de Mme Yvette GASC, 74 ans.\n")
    f = tenant(report, "neighbour_dispute")
    assert f["tenant_name"] == "Yvette Gasc" and f["postal_code"] == "31240"
