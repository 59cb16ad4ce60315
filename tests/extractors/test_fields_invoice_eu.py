"""Invoices from German, Dutch, Spanish and Italian vendors: their own labels for the number,
the dates, the order and the totals, their dates and amounts, their VAT rates (up to 27 %) and
reverse charge (no VAT billed)."""

from __future__ import annotations

import pytest

from config.registries import Registries
from extractors.fields import extract_fields
from extractors.fields_dates import parse_date

NONE = Registries((), ())

GERMAN = """Hansen Aufzugteile GmbH
Industriestraße 14 · 70565 Stuttgart · Deutschland

RECHNUNG
Rechnungsnummer: RE-2021-04417
Rechnungsdatum: 15.03.2021
Ihre Bestellung: BC21-000812
Leistungsdatum: 10.03.2021

Pos.  Artikel                          Menge   Einzelpreis    Gesamt
1     Türantrieb Typ TA-200              2      840,00 €     1.680,00 €
2     Lichtvorhang LV-12                 1      315,50 €       315,50 €

                                  Nettobetrag                  1.995,50 €
                                  MwSt. 19 %                     379,15 €
                                  Rechnungsbetrag              2.374,65 €

Zahlbar bis 14.04.2021 ohne Abzug.
IBAN DE89 3704 0044 0532 0130 00 · USt-IdNr. DE123456789
"""

DUTCH = """Van Dijk Bouwmaterialen B.V.
Havenweg 22, 3542 AD Utrecht
BTW-nummer NL001234567B01

FACTUUR
Factuurnummer: 2021-0388
Factuurdatum: 2 april 2021
Vervaldatum: 2 mei 2021
Ordernummer: BC21-000955

Omschrijving                         Aantal   Prijs       Bedrag
Isolatieplaten 120 mm                  40      € 22,50    € 900,00
Bevestigingsmateriaal                   1      € 84,00     € 84,00

Subtotaal                                                 € 984,00
BTW 21%                                                   € 206,64
Totaal                                                  € 1.190,64

IBAN NL91 ABNA 0417 1643 00
"""


def fields(text: str, doc_type: str = "supplier_invoice") -> dict:
    return extract_fields(doc_type, "supplier", text, NONE).fields


def test_a_german_invoice_reads_its_own_labels():
    f = fields(GERMAN)
    assert f["invoice_number"] == "RE-2021-04417"
    assert f["invoice_date"] == "2021-03-15"  # not the date of service under it
    assert f["due_date"] == "2021-04-14"
    assert f["order_reference"] == "BC21-000812"
    # the totals, not the two line amounts that also add up to the net
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("1995.50", "379.15", "2374.65")
    assert f["iban"] == "DE89370400440532013000"


def test_a_dutch_invoice_with_vat_at_21_percent():
    f = fields(DUTCH)
    assert (f["invoice_number"], f["invoice_date"], f["due_date"]) == ("2021-0388", "2021-04-02", "2021-05-02")
    assert f["order_reference"] == "BC21-000955"
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("984.00", "206.64", "1190.64")


@pytest.mark.parametrize("notice", [
    "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge).",
    "BTW verlegd.",
    "Autoliquidation : TVA due par le preneur.",
])
def test_reverse_charge_bills_no_vat(notice):
    text = ("RECHNUNG Nr. 88\nRechnungsdatum: 01.02.2021\nNettobetrag 1.200,00 €\n"
            "Gesamtbetrag 1.200,00 €\n" + notice)
    f = fields(text)
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("1200.00", "0.00", "1200.00")


def test_a_spanish_invoice():
    text = ("FACTURA\nNº de factura: FV-2021/118\nFecha de factura: 12 de marzo de 2021\n"
            "Fecha de vencimiento: 11/04/2021\nNº de pedido: BC21-0044\n"
            "Base imponible 500,00 €\nIVA 21 % 105,00 €\nTotal factura 605,00 €\n")
    f = fields(text)
    assert (f["invoice_number"], f["invoice_date"], f["due_date"]) == ("FV-2021/118", "2021-03-12", "2021-04-11")
    assert f["order_reference"] == "BC21-0044"
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("500.00", "105.00", "605.00")


def test_an_italian_invoice():
    text = ("FATTURA n. 2021/0457\nData fattura: 3 maggio 2021\nScadenza: 2 giugno 2021\n"
            "Imponibile 1.000,00 €\nIVA 22% 220,00 €\nTotale fattura 1.220,00 €\n")
    f = fields(text)
    assert (f["invoice_number"], f["invoice_date"], f["due_date"]) == ("2021/0457", "2021-05-03", "2021-06-02")
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("1000.00", "220.00", "1220.00")
    # the schedule of instalments, one of them: « Scadenze: 30/06/2021 € 10.060,00 »
    f = fields(text.replace("Scadenza: 2 giugno 2021", "Scadenze: 02/06/2021 € 1.220,00"))
    assert f["due_date"] == "2021-06-02"


def test_a_german_credit_note_number():
    text = "GUTSCHRIFT\nGutschriftsnummer: GS-2021-009\nGutschriftsdatum: 20.05.2021\n"
    assert fields(text, "supplier_credit_note")["invoice_number"] == "GS-2021-009"


@pytest.mark.parametrize("raw, iso", [
    ("15. März 2021", "2021-03-15"), ("3 maart 2021", "2021-03-03"), ("12 de marzo de 2021", "2021-03-12"),
    ("1 settembre 2021", "2021-09-01"), ("7. Dezember 2020", "2020-12-07"), ("31 oktober 2021", "2021-10-31"),
])
def test_dates_in_vendors_languages(raw, iso):
    assert parse_date(raw) == iso


def test_german_terms_payable_within_days_until_a_date():
    text = ("RECHNUNG Nr. 2021-100482\nRechnungsdatum: 12.01.2021\nNettobetrag 100,00 €\nUSt. 19 % 19,00 €\n"
            "Rechnungsbetrag 119,00 €\nZahlungsbedingungen: zahlbar innerhalb von 30 Tagen ohne Abzug bis 11.02.2021.\n")
    assert fields(text)["due_date"] == "2021-02-11"


def test_a_tax_identifier_is_not_the_tax():
    text = ("RECHNUNG Nr. 12\nNettobetrag 100,00 €\nMwSt. 19 % 19,00 €\nGesamtbetrag 119,00 €\n"
            "USt-IdNr. DE 123456789\n")
    assert fields(text)["total_tax"] == "19.00"


def test_german_payment_terms_and_order():
    text = ("RECHNUNG Nr. 2021/11654\nDatum 17.06.2021\nLieferdatum 15.06.2021\n"
            "Ihre Bestellung BC-2021-01122 vom 02.06.2021\nNettobetrag 100,00 €\nMwSt. 19 % 19,00 €\n"
            "Gesamtbetrag 119,00 €\n"
            "Zahlungsbedingungen: 2 % Skonto bei Zahlung bis 27.06.2021, netto Kasse bis 17.07.2021.\n")
    f = fields(text)
    assert (f["invoice_date"], f["due_date"], f["order_reference"]) == ("2021-06-17", "2021-07-17", "BC-2021-01122")
    text = ("RECHNUNG Nr. 400-219873\nRechnungsdatum: 08.02.2021\nGesamtbetrag 119,00 €\n"
            "Bitte überweisen Sie den Gesamtbetrag bis spätestens 15.02.2021 unter Angabe der Rechnungsnummer.\n")
    assert fields(text)["due_date"] == "2021-02-15"


def test_a_german_credit_notes_own_number_not_the_invoice_it_corrects():
    text = ("BRANDAUER MESSTECHNIK GMBH\nRECHNUNGSKORREKTUR (GUTSCHRIFT)\nNummer: RK-2021-0117\nDatum: 23.06.2021\n"
            "Bezug: Rechnung Nr. RE-2021-1984 vom 03.05.2021\nGutschriftsbetrag -1.272,00\n")
    assert extract_fields("supplier_credit_note", "supplier", text, Registries((), ())).fields["invoice_number"] == \
        "RK-2021-0117"


def test_a_spanish_invoice_whose_numero_sign_the_ocr_read_as_a_2():
    text = ("CERÁMICAS VALL\nFACTURA\nN2 Factura: FV21-002318 Fecha factura: 12/04/2021\n"
            "Su pedido n2: BC-2021-00877 Agente: J. Ripollés\n")
    f = extract_fields("supplier_invoice", "supplier", text, Registries((), ())).fields
    assert f["invoice_number"] == "FV21-002318" and f["order_reference"] == "BC-2021-00877"
    # « n.º » read « n.2 »
    f = extract_fields("supplier_invoice", "supplier", text.replace("Su pedido n2:", "Su pedido n.2:"), Registries((), ())).fields
    assert f["order_reference"] == "BC-2021-00877"


def test_bilingual_titles_and_a_portuguese_invoice():
    text = ("Neckar Aufzugtechnik GmbH\nRECHNUNG / INVOICE Nr./No. — 2021-10455\nDatum / Date: 12.10.2021\n"
            "Nettobetrag 1.000,00 EUR\nMwSt. 0 % 0,00 EUR\nGesamtbetrag 1.000,00 EUR\n")
    assert fields(text)["invoice_number"] == "2021-10455"
    text = ("Cerâmica Vale do Lis, Lda.\nFATURA / INVOICE        FT 2022A/1187\nData / Date: 2022-03-04\n"
            "Total 1.000,00 EUR\n")
    assert fields(text)["invoice_number"] == "FT2022A/1187"


def test_a_german_quotes_date_is_its_place_and_date_not_the_request_it_answers():
    quote = ("KELLER TORANTRIEBE GmbH\nIndustriestraße 17 - 79108 Freiburg im Breisgau\nANGEBOT Nr. AN-2021-0419\n"
             "Ihre Anfrage vom 15.04.2021 - Tiefgaragentor (2 Einfahrten)\nSehr geehrter Herr Salvetat,\n"
             "Freiburg, 23.04.2021\nNettobetrag 5.515,60 EUR\nUSt. 0 % 0,00 EUR\nGesamtbetrag 5.515,60 EUR\n")
    got = extract_fields("supplier_quote", "supplier", quote, NONE).fields
    assert got["invoice_date"] == "2021-04-23"


def test_a_german_credit_notes_number_in_its_own_cell_and_the_customers_vat_number():
    """« GUTSCHRIFT            Nr. GS-2021-00412 » (the sign apart from the title), « Zu Rechnung
    Nr. RE-2021-01877 » (the invoice it corrects), « Ihre USt-IdNr.: FR… » (the landlord's)."""
    text = ("KELLERMANN Türkommunikation GmbH\nIndustriestraße 14 · 79108 Freiburg im Breisgau · Deutschland\n"
            "Tel. +49 761 4890 210 · export@kellermann-tk.de · USt-IdNr. DE 284 617 395\n\n"
            "GUTSCHRIFT                       Nr. GS-2021-00412\n                           Datum: 08.04.2021\n"
            "Zu Rechnung Nr. RE-2021-01877 vom 02.03.2021   Ihre USt-IdNr.: FR60382604197\n"
            "Nettobetrag 1.953,00 EUR\nUSt. 0 % 0,00 EUR\nGesamtbetrag 1.953,00 EUR\n")
    f = extract_fields("supplier_credit_note", "supplier", text, Registries((), ())).fields
    assert f["invoice_number"] == "GS-2021-00412" and "supplier_vat" not in f


def test_a_spanish_numero_sign_read_as_a_2_before_the_number():
    text = "PARQUES Y JUEGOS DEL TURIA, S.L.\nFACTURA N2 2021/0058\nFecha de factura: 19/05/2021\nTOTAL FACTURA 10.506,00 €\n"
    assert extract_fields("supplier_invoice", "supplier", text, Registries((), ())).fields["invoice_number"] == "2021/0058"
    # « Nº factura: » read « N£ factura: »
    text = "SUMINISTROS DEL EBRO S.L.\nFACTURA\nN£ factura: 2020/A/00731\nTOTAL FACTURA 2.907,00 €\n"
    assert extract_fields("supplier_invoice", "supplier", text, Registries((), ())).fields["invoice_number"] == "2020/A/00731"
