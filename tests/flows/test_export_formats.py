"""The export's files (flows/export_formats.py): the CSV's configured columns, and CII XML of
the EN 16931 profile that the factur-x package's schema accepts, credit notes included."""

from __future__ import annotations

import csv
import io

import facturx
import pytest
from lxml import etree

from config.errors import ConfigError
from flows import export_formats as fmt

INVOICE = {"document_id": "a" * 24, "type": "supplier_invoice", "building": "Résidence Les Tilleuls",
           "fields": {"supplier_name": "Plomberie Garonne", "supplier_siret": "96888664800235",
                      "supplier_vat": "FR54968886648", "invoice_number": "F2024-0412", "invoice_date": "2024-03-12",
                      "due_date": "2024-04-11", "total_excl_tax": "1000.00", "total_tax": "100.00",
                      "total_incl_tax": "1100.00", "iban": "FR7620041790263762389803493",
                      "order_reference": "BC-2024-0153"}}
CREDIT = {"document_id": "b" * 24, "type": "supplier_credit_note",
          "fields": {"supplier_name": "Plomberie Garonne", "supplier_siren": "968886648", "invoice_number": "AV-77",
                     "invoice_date": "2024-03-20", "total_excl_tax": "-50.00", "total_tax": "-10.00",
                     "total_incl_tax": "-60.00"}}
NS = {"rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
      "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"}


def text(xml: bytes, path: str) -> list[str]:
    return [e.text for e in etree.fromstring(xml).xpath(path, namespaces=NS)]


def test_csv_has_the_configured_columns_in_order_with_spec_values():
    columns = fmt.csv_columns("invoice_number,total_incl_tax,building,document_id")
    data = fmt.to_csv([INVOICE, CREDIT], columns, ";").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data), delimiter=";"))
    assert rows == [columns, ["F2024-0412", "1100.00", "Résidence Les Tilleuls", "a" * 24],
                    ["AV-77", "-60.00", "", "b" * 24]]


@pytest.mark.parametrize("setting", ["invoice_number,montant", "", " , "])
def test_a_bad_column_setting_names_the_key(setting):
    with pytest.raises(ConfigError) as err:
        fmt.csv_columns(setting)
    assert "export.csv_columns" in str(err.value)


def test_an_invoice_becomes_schema_valid_cii_with_its_rate_found_from_the_totals():
    xml = fmt.to_cii(INVOICE, "Bailleur social")
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert text(xml, "//rsm:ExchangedDocument/ram:ID") == ["F2024-0412"]
    assert text(xml, "//rsm:ExchangedDocument/ram:TypeCode") == ["380"]
    assert text(xml, "//ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID") == ["96888664800235"]
    assert text(xml, "//ram:BuyerTradeParty/ram:Name") == ["Bailleur social"]
    assert text(xml, "//ram:GrandTotalAmount") == ["1100.00"]
    assert text(xml, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent") == ["10"]
    assert text(xml, "//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID") == ["BC-2024-0153"]


def test_a_credit_note_is_type_381_with_positive_amounts():
    xml = fmt.to_cii(CREDIT, "Bailleur social")
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert text(xml, "//rsm:ExchangedDocument/ram:TypeCode") == ["381"]
    assert text(xml, "//ram:GrandTotalAmount") == ["60.00"]
    assert text(xml, "//ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID") == ["968886648"]


def test_what_cannot_make_an_entry_is_refused_with_the_reason():
    with pytest.raises(fmt.NotExportable, match="invoice_number"):
        fmt.to_cii({"type": "supplier_invoice", "fields": {"supplier_name": "X", "invoice_date": "2024-01-01",
                                                           "total_incl_tax": "10.00"}}, "B")
    with pytest.raises(fmt.NotExportable, match="illisible"):
        fmt.to_cii({"type": "supplier_invoice", "fields": dict(INVOICE["fields"], total_tax="dix")}, "B")
