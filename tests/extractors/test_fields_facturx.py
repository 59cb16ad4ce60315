"""Factur-X: the embedded CII XML, read exactly and safely."""

from __future__ import annotations

import io

import facturx
import pytest
from lxml import etree
from reportlab.pdfgen import canvas

from extractors import facturx as fx
from extractors.fields import extract_fields

NS = ('xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" '
      'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" '
      'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"')


def cii(s, type_code="380", number="F2020-0412", siret=None, vat=None, iban=None,
        totals=("1000.00", "200.00", "1200.00")) -> bytes:
    ht, tva, ttc = totals
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice {NS}>
 <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>
  <ram:ID>urn:factur-x.eu:1p0:basicwl</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
 </rsm:ExchangedDocumentContext>
 <rsm:ExchangedDocument><ram:ID>{number}</ram:ID><ram:TypeCode>{type_code}</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">20200604</udt:DateTimeString></ram:IssueDateTime>
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:SellerTradeParty><ram:Name>PLOMBERIE GARONNE</ram:Name>
    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">{siret or s.siret}</ram:ID></ram:SpecifiedLegalOrganization>
    <ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
    <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{vat or s.vat}</ram:ID></ram:SpecifiedTaxRegistration>
   </ram:SellerTradeParty>
   <ram:BuyerTradeParty><ram:Name>PATRIMOINE</ram:Name></ram:BuyerTradeParty>
   <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>BC-2020-0153</ram:IssuerAssignedID>
   </ram:BuyerOrderReferencedDocument>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeDelivery/>
  <ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode>
    <ram:PayeePartyCreditorFinancialAccount><ram:IBANID>{iban or s.iban}</ram:IBANID>
    </ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>
   <ram:ApplicableTradeTax><ram:CalculatedAmount>{tva}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>
    <ram:BasisAmount>{ht}</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode>
    <ram:RateApplicablePercent>20.00</ram:RateApplicablePercent></ram:ApplicableTradeTax>
   <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime>
    <udt:DateTimeString format="102">20200704</udt:DateTimeString></ram:DueDateDateTime>
   </ram:SpecifiedTradePaymentTerms>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:LineTotalAmount>{ht}</ram:LineTotalAmount>
    <ram:TaxBasisTotalAmount>{ht}</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID="EUR">{tva}</ram:TaxTotalAmount>
    <ram:GrandTotalAmount>{ttc}</ram:GrandTotalAmount>
    <ram:DuePayableAmount>{ttc}</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
""".encode()


def simple_pdf(text: str = "FACTURE F2020-0412") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_fields_from_cii(garonne):
    got = fx.fields_from_cii(cii(garonne))
    assert got == {
        "type_code": "380", "invoice_number": "F2020-0412", "invoice_date": "2020-06-04",
        "supplier_name": "PLOMBERIE GARONNE", "supplier_siret": garonne.siret, "supplier_vat": garonne.vat,
        "due_date": "2020-07-04", "iban": garonne.iban, "order_reference": "BC-2020-0153",
        "total_excl_tax": "1000.00", "total_tax": "200.00", "total_incl_tax": "1200.00",
    }


def test_cii_credit_note_is_negative(garonne):
    got = fx.fields_from_cii(cii(garonne, type_code="381", number="AV-1"))
    assert (got["total_excl_tax"], got["total_tax"], got["total_incl_tax"]) == ("-1000.00", "-200.00", "-1200.00")


def test_embedded_xml_round_trip(garonne):
    xml = cii(garonne)
    pdf = facturx.generate_from_binary(simple_pdf(), xml, flavor="factur-x", level="basicwl", check_xsd=False)
    assert fx.read_facturx_xml(pdf) == xml


def test_no_xml_in_plain_or_broken_pdf():
    assert fx.read_facturx_xml(simple_pdf()) is None
    assert fx.read_facturx_xml(b"not a pdf at all") is None
    assert fx.read_facturx_xml(simple_pdf()[:300]) is None


def test_extract_fields_prefers_xml_values(registries, garonne):
    ocr = f"""Plomberie Garonne\nFacture n° F2O2O-O4l2\nDate : 04/06/2020\nTotal HT 1 OOO,OO €\nTVA 2OO,OO €
Total TTC 1 2OO,OO €\nSIRET {garonne.siret}\n"""
    ex = extract_fields("supplier_invoice", "supplier", ocr, registries, facturx_xml=cii(garonne))
    assert ex.fields["invoice_number"] == "F2020-0412"  # the XML's, not the OCR's
    assert ex.fields["supplier_name"] == "Plomberie Garonne"  # registry name, matched by SIRET
    assert ex.supplier_id == "F0001"
    assert ex.fields["iban"] == garonne.iban and ex.fields["order_reference"] == "BC-2020-0153"
    assert ex.fields["due_date"] == "2020-07-04"
    assert ex.fields["total_incl_tax"] == "1200.00"


def test_invalid_values_in_xml_are_still_rejected(registries, garonne):
    bad_siret = garonne.siret[:-1] + str((int(garonne.siret[-1]) + 3) % 10)
    bad_iban = garonne.iban[:-1] + str((int(garonne.iban[-1]) + 1) % 10)
    xml = cii(garonne, siret=bad_siret, iban=bad_iban, totals=("1000.00", "200.00", "1300.00"))
    ex = extract_fields("supplier_invoice", "supplier", "", registries, facturx_xml=xml)
    assert "supplier_siret" not in ex.fields and "SIRET" in ex.rejected["supplier_siret"]
    assert "iban" not in ex.fields and "IBAN" in ex.rejected["iban"]
    assert "total_incl_tax" not in ex.fields and "incohérents" in ex.rejected["total_incl_tax"]
    assert ex.fields["supplier_vat"] == garonne.vat  # the valid ones are kept
    assert ex.supplier_id == "F0001"


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rsm:CrossIndustryInvoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
<rsm:ExchangedDocument><ram:ID>&xxe;</ram:ID></rsm:ExchangedDocument></rsm:CrossIndustryInvoice>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
<rsm:ExchangedDocument><ram:ID>&lol9;</ram:ID></rsm:ExchangedDocument></rsm:CrossIndustryInvoice>"""


@pytest.mark.parametrize("xml", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_hostile_xml_is_refused(xml):
    with pytest.raises(fx.FacturXError, match="refusé"):
        fx.fields_from_cii(xml)


@pytest.mark.parametrize("xml", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_the_parser_itself_neither_expands_nor_reads_files(xml):
    # even past the DOCTYPE refusal, the parser resolves no entity (or libxml2 refuses the amplification)
    try:
        root = etree.fromstring(xml, parser=fx._safe_parser())
    except etree.XMLSyntaxError:
        return
    text = "".join(root.itertext())
    assert "root:" not in text
    assert len(text) < 1000


def test_hostile_xml_in_extract_fields_is_reported_not_raised(registries, garonne):
    ex = extract_fields("supplier_invoice", "supplier", f"Facture n° F1\nSIRET {garonne.siret}\n", registries,
                        facturx_xml=XXE)
    assert "refusé" in ex.rejected["facturx_xml"]
    assert ex.fields["invoice_number"] == "F1"  # the text is still read
    assert "root:" not in str(ex)


def test_hostile_attachment_is_not_taken_for_an_invoice(garonne):
    import pikepdf

    pdf = facturx.generate_from_binary(simple_pdf(), cii(garonne), flavor="factur-x", level="basicwl",
                                       check_xsd=False)

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        doc.attachments["factur-x.xml"] = pikepdf.AttachedFileSpec(doc, XXE, filename="factur-x.xml")
        out = io.BytesIO()
        doc.save(out)
    assert fx.read_facturx_xml(out.getvalue()) is None


def test_unreadable_xml_raises_french_error():
    with pytest.raises(fx.FacturXError, match="illisible"):
        fx.fields_from_cii(b"<rsm:CrossIndustryInvoice>")
    with pytest.raises(fx.FacturXError, match="racine"):
        fx.fields_from_cii(b"<html/>")


@pytest.mark.parametrize("seed", range(6))
def test_corpus_facturx_matches_ground_truth(seed):
    """The corpus generator's Factur-X XML gives back its invoice's ground truth."""
    import random

    from config.registries import load_registries
    from corpus.facturx_xml import cii_xml
    from corpus.supplier_docs import supplier_document

    reg = load_registries()
    rng = random.Random(seed)
    doc_type = ("supplier_invoice", "supplier_credit_note")[seed % 2]
    doc = supplier_document(rng, doc_type, rng.choice(reg.suppliers))
    ex = extract_fields(doc_type, "supplier", "", reg, facturx_xml=cii_xml(doc.meta))
    for key in ("supplier_name", "invoice_number", "invoice_date", "due_date", "total_excl_tax", "total_tax",
                "total_incl_tax", "order_reference"):
        assert ex.fields.get(key) == doc.fields.get(key), key
    assert ex.supplier_id is not None


def test_facturx_xml_read_from_a_path_as_from_bytes(tmp_path, garonne):
    xml = cii(garonne)
    path = tmp_path / "facture.pdf"
    path.write_bytes(facturx.generate_from_binary(simple_pdf(), xml, flavor="factur-x", level="basicwl",
                                                  check_xsd=False))
    assert fx.read_facturx_xml(path) == xml == fx.read_facturx_xml(path.read_bytes())
    assert fx.read_facturx_xml(tmp_path / "absent.pdf") is None
