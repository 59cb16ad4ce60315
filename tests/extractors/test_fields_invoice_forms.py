"""Invoices written by other hands: numbers glued to ``n°``, English invoices, totals under many
labels and in tables, amounts in every usual form."""

from __future__ import annotations

import pytest

from config.registries import Registries
from extractors.fields import extract_fields
from extractors.parsing import find_amounts

NONE = Registries((), ())


def fields(text: str, doc_type: str = "supplier_invoice") -> dict:
    return extract_fields(doc_type, "supplier", text, NONE).fields


def totals(text: str, doc_type: str = "supplier_invoice") -> tuple:
    f = fields(text, doc_type)
    return f.get("total_excl_tax"), f.get("total_tax"), f.get("total_incl_tax")


@pytest.mark.parametrize("doc_type, line, number", [
    ("supplier_invoice", "Facture n°123456 du 12 Mars 2020", "123456"),
    ("supplier_invoice", "FACTURE N°FA-2020-12", "FA-2020-12"),
    ("supplier_invoice", "Facture N° : F2021/0042", "F2021/0042"),
    ("supplier_invoice", "Numéro de facture 2021-118", "2021-118"),
    ("supplier_invoice", "Réf. facture : FC-7781", "FC-7781"),
    ("supplier_invoice", "Invoice No. INV-0042", "INV-0042"),
    ("supplier_invoice", "Invoice #4471", "4471"),
    ("supplier_invoice", "Invoice Number: 2020-0099", "2020-0099"),
    ("supplier_invoice", "TAX INVOICE No: 000123", "000123"),
    ("supplier_credit_note", "Avoir n°AV2021-0007", "AV2021-0007"),
    ("supplier_credit_note", "Credit note No. CN-12", "CN-12"),
    ("supplier_credit_note", "CREDIT NOTE #88", "88"),
    ("supplier_quote", "Devis n°D2021-55", "D2021-55"),
    ("supplier_quote", "Quotation No. Q-0077", "Q-0077"),
    ("supplier_quote", "Estimate #551", "551"),
])
def test_document_numbers(doc_type, line, number):
    text = f"Société Test\n{line}\nDate : 12/03/2020\nTotal TTC 12,00 €\n"
    assert fields(text, doc_type)["invoice_number"] == number


def test_purchase_order_in_english():
    text = "ACME Ltd\nInvoice No. INV-1\nPO Number: PO-7781\nTotal due €10.00\n"
    assert fields(text)["order_reference"] == "PO-7781"


@pytest.mark.parametrize("raw, value", [
    ("1 234,50 €", "1234.50"), ("1.234,50 EUR", "1234.50"), ("€1,234.50", "1234.50"), ("1234,50", "1234.50"),
    ("1 234.50", "1234.50"), ("EUR 1 234,50", "1234.50"), ("-1 234,50 €", "-1234.50"), ("(1 234,50)", "-1234.50"),
    ("€-1,234.50", "-1234.50"), ("1\u202f234,50\u00a0€", "1234.50"),
])
def test_amount_forms(raw, value):
    assert [m.value for m in find_amounts(f"Total : {raw}")] == [value]


@pytest.mark.parametrize("ht, tva, ttc", [
    ("Total HT", "TVA 20 %", "Total TTC"),
    ("Montant HT", "Montant TVA", "Montant TTC"),
    ("Total hors taxes", "Total TVA", "Net à payer"),
    ("Base HT", "TVA 20%", "Total à payer"),
    ("Sous-total", "TVA (20 %)", "Montant dû"),
    ("Subtotal", "VAT 20%", "Total due"),
    ("Net amount", "VAT", "Amount due"),
    ("Total excl. VAT", "Tax", "Balance due"),
    ("Total (excl. VAT)", "VAT amount", "Total (incl. VAT)"),
    ("Sub-total", "Sales tax", "Total"),
])
def test_totals_labels(ht, tva, ttc):
    text = f"Société Test\nFacture n° 1\n{ht} : 1 000,00 €\n{tva} : 200,00 €\n{ttc} : 1 200,00 €\n"
    assert totals(text) == ("1000.00", "200.00", "1200.00")


def test_english_amounts_and_labels():
    text = """ACME Software Ltd
Invoice No. INV-0042
Description                 Qty    Unit price     Amount
Licence annual                1      €1,000.00     €1,000.00
Support                       1        €234.50       €234.50
Subtotal                                           €1,234.50
VAT 20%                                              €246.90
Total due                                          €1,481.40
"""
    assert totals(text) == ("1234.50", "246.90", "1481.40")


def test_label_and_value_far_apart_on_a_layout_row():
    gap = " " * 90
    text = f"Société Test\nFacture n° 9\nTotal HT{gap}1 000,00 €\nTVA 20 %{gap}200,00 €\nTotal TTC{gap}1 200,00 €\n"
    assert totals(text) == ("1000.00", "200.00", "1200.00")
    dots = "." * 70
    text = f"Société Test\nFacture n° 9\nTotal HT {dots} 1 000,00\nTVA {dots} 200,00\nTotal TTC {dots} 1 200,00\n"
    assert totals(text) == ("1000.00", "200.00", "1200.00")


def test_totals_row_of_a_table_with_ht_tva_ttc_columns():
    text = """TELECOM SUD
Facture n°123456 du 12 Mars 2020
   Détail                       Montant HT          TVA 20 %          Montant TTC
   Abonnements                       45,00              9,00                54,00
   Communications                    12,50              2,50                15,00
   Total                             57,50             11,50                69,00
"""
    assert totals(text) == ("57.50", "11.50", "69.00")
    single = text.replace("   ", " ").replace("  ", " ")  # OCR rows: single spaces
    assert totals(single) == ("57.50", "11.50", "69.00")


def test_several_vat_rates_are_summed_when_no_total_vat_is_printed():
    text = """BOULANGERIE DU CANAL
Facture 2021-0412
Total HT 600,00
TVA 5,5 % 5,50
TVA 10 % 20,00
TVA 20 % 60,00
Net à payer 685,50 €
"""
    assert totals(text) == ("600.00", "85.50", "685.50")


def test_the_triple_that_adds_up_wins_over_a_deposit():
    text = """Société Test\nInvoice No. 5\nSubtotal 1,000.00\nVAT 200.00\nTotal 1,200.00\nDeposit paid (500.00)
Amount due 700.00\n"""
    assert totals(text) == ("1000.00", "200.00", "1200.00")


@pytest.mark.parametrize("ht, tva, ttc", [
    ("(100,00)", "(20,00)", "(120,00)"),
    ("-100,00 €", "-20,00 €", "-120,00 €"),
    ("100,00", "20,00", "120,00"),
])
def test_credit_note_amounts_negative_or_in_parentheses(ht, tva, ttc):
    text = f"Société Test\nAvoir n° AV-1\nTotal HT {ht}\nTVA 20 % {tva}\nTotal TTC {ttc}\n"
    assert totals(text, "supplier_credit_note") == ("-100.00", "-20.00", "-120.00")


def test_born_digital_telecom_invoice_gets_its_fields():
    text = """                                                                   Espace client : www.telecomsud.fr
   TELECOM SUD
   L'opérateur des entreprises du Sud-Ouest
                                                                  PATRIMOINE
                                                                  2 rue du Languedoc
                                                                  31000 TOULOUSE
   Facture n°123456 du 12 Mars 2020                               N° client : 8877665
   Période du 01/02/2020 au 29/02/2020
   Détail                                        Montant HT          TVA 20 %          Montant TTC
   Abonnements                                        45,00              9,00                54,00
   Total                                              45,00              9,00                54,00
   Montant total à payer :  54,00 €          Prélevé à partir du 27/03/2020
   Telecom Sud - SAS au capital de 2 000 000 € - RCS Toulouse 732 829 320
"""
    f = fields(text)
    assert f["invoice_number"] == "123456"
    assert (f["invoice_date"], f["due_date"]) == ("2020-03-12", "2020-03-27")
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("45.00", "9.00", "54.00")
    assert f["supplier_name"] == "Telecom Sud"
    assert f["supplier_siren"] == "732829320"


def test_an_abbreviated_number_label_over_dot_leaders_and_a_public_contract_as_the_order():
    text = ("ASCENSEURS GARONNE SERVICES                                           FACTURE\n"
            "N. facture ........ : 2100457\nDate facture ...... : 01/04/2021\nClient ............ : 004512\n"
            "Ref. marche ....... : MAR-2019-ASC-07/L2\n")
    f = fields(text)
    assert f["invoice_number"] == "2100457" and f["order_reference"] == "MAR-2019-ASC-07/L2"


def test_the_number_is_the_cell_under_its_label_not_the_first_of_the_next_line():
    text = ("BLAGNAC CHALEUR VERTE\n                   FACTURE DE FOURNITURE DE CHALEUR\n\n"
            "Référence client     N° de facture  Date d'émission        Période\n"
            "PAT-0031-BL           BCV-21-001942     12 avril 2021         01/01/2021 – 31/03/2021\n")
    assert fields(text)["invoice_number"] == "BCV-21-001942"


def test_a_tables_rules_read_as_specks_between_keys_and_values_are_skipped():
    text = ("ALTIDIAG EXPERTISES\nFACTURE N° Date Code client Bon de commande Échéance\n4\n+ bo =\n"
            "FA-2021-00318 18/03/2021 C0457 21-00894 17/04/2021\n")
    assert fields(text)["invoice_number"] == "FA-2021-00318"


def test_a_po_with_a_dashed_prefix_opening_its_line():
    text = "NETHALL SAS\nFacture INV-2021-000584\nÉmise le 1 février 2021\nPO DSI-2021-033\nDescription Qté\n"
    assert fields(text)["order_reference"] == "DSI-2021-033"


def test_orders_under_the_landlords_name_and_a_credit_notes_abbreviated_number():
    text = ("GARDIAL SÉCURITÉ\nFACTURE N° GS/TLS/2105/0312\nMarché n° 2020-S-012 - Lot 2 (Toulouse Ouest)\n"
            "Bon de commande PATRIMOINE : BC21-07745\n")
    assert fields(text)["order_reference"] == "BC21-07745"
    text = "ROUERGUE SERRURERIE\nFACTURE N° 2020-58\nBon d'intervention PATRIMOINE n° 2020-RDZ-118 (gardien)\n"
    assert fields(text)["order_reference"] == "2020-RDZ-118"
    text = "MATERIAUX DU QUERCY                                  AVOIR\nAVOIR N. : 210004518             DATE : 08/07/2021\n"
    assert fields(text, "supplier_credit_note")["invoice_number"] == "210004518"


def test_a_due_date_on_its_own_line_under_the_sum_to_pay():
    text = ("GAZÉLIS Entreprises Votre facture de gaz naturel\nFacture n° 5500873152 du 05/01/2021\n"
            "Montant à régler : 2 761,82 € TTC\navant le 04/02/2021\n")
    assert fields(text)["due_date"] == "2021-02-04"


@pytest.mark.parametrize("line, order", [
    ("Réf. commande PATRIMOINE : CMD21/00871", "CMD21/00871"),  # the customer named, after a « Marché n° »
    ("Bon de commande / Purchase order 4500012873", "4500012873"),  # bilingual, no colon
    ("N° bon de commande (BI) : BI-21-3307", "BI-21-3307"),  # the order's short name in brackets
])
def test_order_labels_naming_the_customer_in_two_languages_or_with_an_abbreviation(line, order):
    text = f"BATIR QUERCY\nFACTURE N° F21-0456 du 12/03/2021\nMarché n° 2020-TR-047 - Lot 02\n{line}\n"
    assert fields(text)["order_reference"] == order


def test_a_number_sign_written_with_a_dot_before_its_degree():
    text = "CERAMICAS LEVANTE S.L.\nFACTURA / FACTURE\nFactura n.°: 2021-FE-00318 Fecha: 14/05/2021\n"
    assert fields(text)["invoice_number"] == "2021-FE-00318"
    text = "MENUISERIE DU TARN\nFACTURE n.° 2021-044 du 02/02/2021\n"
    assert fields(text)["invoice_number"] == "2021-044"


def test_a_header_row_of_boxes_whose_headings_could_read_as_one_label():
    """« Date          Échéance » over their values: two headings, not « date d'échéance »."""
    text = ("ELEVATEC ASCENSEURS\nFACTURE\nN° client     N° facture     Date          Échéance\n"
            "C-0042        F21-0388       12/04/2021    12/05/2021\n"
            "Total HT 100,00 €\nTVA 20 % 20,00 €\nTotal TTC 120,00 €\n")
    f = fields(text)
    assert (f["invoice_number"], f["invoice_date"], f["due_date"]) == ("F21-0388", "2021-04-12", "2021-05-12")


def test_a_header_table_drawn_with_borders_and_a_column_of_no_label_of_ours():
    """A rule under the headings, and a « N° client » column that is no label we read: each
    date is still the one under its heading."""
    text = ("ÉLÉVATEC SUD-OUEST                                 FACTURE\n"
            "+----------------+--------------------+----------------+----------------+\n"
            "| N° client      | N° facture         | Date         | Échéance         |\n"
            "+----------------+--------------------+----------------+----------------+\n"
            "| C-004417         | 2021/EL/01832          | 05/07/2021 | 04/08/2021         |\n"
            "+----------------+--------------------+----------------+----------------+\n"
            "Total HT 100,00 €\nTVA 20 % 20,00 €\nTotal TTC 120,00 €\n")
    f = fields(text)
    assert (f["invoice_number"], f["invoice_date"], f["due_date"]) == ("2021/EL/01832", "2021-07-05", "2021-08-04")
