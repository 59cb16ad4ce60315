"""E-invoices in (issue 17, item 6): UBL 2.1 and CII XML, and Factur-X PDFs of every profile,
their fields taken from the XML and still checked; bad or hostile XML refused with a reason.

Samples are written by the ``factur-x`` package's own generator and checked against the XSD
it ships (``corpus/einvoices.py``), so the readers meet a third party's idea of each syntax."""

from __future__ import annotations

import io
import random

import facturx
import pikepdf
import pytest
from lxml import etree
from reportlab.pdfgen import canvas

from classifiers.decide import classify_einvoice
from corpus.einvoices import PROFILES, cii_xml, facturx_pdf, ubl_xml
from corpus.supplier_docs import supplier_document
from extractors import einvoice_xml
from extractors.einvoice import fields_from_xml, invoice_view
from extractors.errors import UnreadableInput
from extractors.facturx import read_facturx_xml
from extractors.fields import extract_einvoice_fields, extract_fields
from extractors.reading import inspect, sniff

LIMITS = dict(max_pages=50, max_page_pixels=150_000_000, dpi=300)


def generated(doc_type: str, supplier, seed: int = 4):
    return supplier_document(random.Random(seed), doc_type, supplier)


def truth(doc) -> dict:
    """What the e-invoice of ``doc`` must give: the generated document's own values, and the
    supplier's identity (an e-invoice always carries its SIRET and VAT number)."""
    s, meta = doc.meta["supplier"], doc.meta
    out = {k: doc.fields[k] for k in ("supplier_name", "invoice_number", "invoice_date", "total_excl_tax",
                                      "total_tax", "total_incl_tax")}
    out.update(supplier_siret=s.siret, supplier_vat=s.vat)
    if meta["due"]:
        out["due_date"] = meta["due"].isoformat()
    if not meta["credit"]:
        out["iban"] = s.iban
        if meta["order"]:
            out["order_reference"] = meta["order"]
    return out


def simple_pdf(text: str) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buf.getvalue()


# --- fields, exactly -------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [4, 11])
def test_ubl_invoice_gives_every_field(registries, garonne, seed):
    doc = generated("supplier_invoice", garonne, seed)
    xml = ubl_xml(doc.meta)
    assert etree.QName(etree.fromstring(xml)).namespace == einvoice_xml.UBL_INVOICE_NS
    ex = extract_einvoice_fields("supplier_invoice", xml, registries)
    assert ex.fields == truth(doc) and ex.rejected == {}
    assert ex.supplier_id == "F0001"


def test_ubl_credit_note_is_a_credit_note_with_negative_amounts(registries, garonne):
    doc = generated("supplier_credit_note", garonne)
    xml = ubl_xml(doc.meta)
    assert etree.QName(etree.fromstring(xml)).localname == "CreditNote"
    raw = fields_from_xml(xml)
    assert raw["type_code"] == "381"
    c = classify_einvoice("ubl", raw["type_code"])
    assert (c.type, c.confidence, c.method) == ("supplier_credit_note", 1.0, "xml")
    ex = extract_einvoice_fields(c.type, xml, registries)
    assert ex.fields == truth(doc)
    assert all(ex.fields[k].startswith("-") for k in ("total_excl_tax", "total_tax", "total_incl_tax"))


def test_cii_invoice_gives_every_field(registries, garonne):
    doc = generated("supplier_invoice", garonne, 7)
    xml = cii_xml(doc.meta, "en16931")
    assert etree.QName(etree.fromstring(xml)).namespace == einvoice_xml.CII_NS
    ex = extract_einvoice_fields("supplier_invoice", xml, registries)
    assert ex.fields == truth(doc) and ex.rejected == {}


@pytest.mark.parametrize("profile", PROFILES)
def test_facturx_pdf_of_every_profile(registries, garonne, profile):
    """MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED: the embedded XML is found and read; what
    the profile carries is exact (MINIMUM has no due date nor IBAN, and the SIREN only)."""
    doc = generated("supplier_invoice", garonne, 5)
    pdf = facturx_pdf(simple_pdf(f"Facture {doc.meta['number']}"), doc.meta, profile)
    xml = read_facturx_xml(pdf)
    assert facturx.get_level(etree.fromstring(xml)) == profile
    expected = truth(doc)
    if profile == "minimum":
        for key in ("due_date", "iban"):
            expected.pop(key, None)
        expected["supplier_siren"] = expected.pop("supplier_siret")[:9]
    ex = extract_fields("supplier_invoice", "supplier", "", registries, facturx_xml=xml)
    assert ex.fields == expected and ex.rejected == {}


def test_credit_note_type_codes():
    for code in ("381", "261", "262", "396", "502", "503"):
        assert classify_einvoice("cii", code).type == "supplier_credit_note", code
    for code in ("380", "384", "386", "389", "393", "751"):
        c = classify_einvoice("cii", code)
        assert (c.type, c.confidence) == ("supplier_invoice", 1.0), code
    unknown = classify_einvoice("ubl", "999")
    assert unknown.confidence < 0.6 and "inconnu" in unknown.reason  # a person decides


def test_ubl_embedded_in_a_pdf_is_read_too(registries, garonne):
    """An XRechnung-style PDF carrying UBL (here a credit note) is read like a Factur-X."""
    doc = generated("supplier_credit_note", garonne, 9)
    with pikepdf.open(io.BytesIO(simple_pdf("Avoir"))) as pdf:
        pdf.attachments["xrechnung.xml"] = pikepdf.AttachedFileSpec(pdf, ubl_xml(doc.meta), filename="xrechnung.xml")
        out = io.BytesIO()
        pdf.save(out)
    ex = extract_fields("supplier_credit_note", "supplier", "", registries, facturx_xml=read_facturx_xml(out.getvalue()))
    assert ex.fields == truth(doc)


# --- a wrong e-invoice still raises its alerts ------------------------------------------------

def test_wrong_values_in_the_xml_are_still_checked(registries, garonne):
    doc = generated("supplier_invoice", garonne, 4)
    good = ubl_xml(doc.meta)
    s, tot = doc.meta["supplier"], doc.meta["totals"]
    bad_siret = s.siret[:-1] + str((int(s.siret[-1]) + 3) % 10)
    bad_iban = s.iban[:-1] + str((int(s.iban[-1]) + 1) % 10)
    ttc = f"{tot['ttc']:.2f}"
    wrong = (good.replace(s.siret.encode(), bad_siret.encode()).replace(s.iban.encode(), bad_iban.encode())
             .replace(f">{ttc}</cbc:TaxInclusiveAmount>".encode(), f">{tot['ttc'] + 10:.2f}</cbc:TaxInclusiveAmount>".encode()))
    assert wrong.count(bad_siret.encode()) == 1 and bad_iban.encode() in wrong
    ex = extract_einvoice_fields("supplier_invoice", wrong, registries)
    assert "SIRET" in ex.rejected["supplier_siret"] and "IBAN" in ex.rejected["iban"]
    assert "incohérents" in ex.rejected["total_incl_tax"]
    assert not {"supplier_siret", "iban", "total_incl_tax", "total_excl_tax"} & set(ex.fields)
    assert ex.fields["supplier_vat"] == s.vat and ex.supplier_id == "F0001"  # the valid ones are kept


def test_the_view_shows_what_the_xml_says(garonne):
    doc = generated("supplier_invoice", garonne, 4)
    for xml in (ubl_xml(doc.meta), cii_xml(doc.meta, "en16931")):
        view = invoice_view(xml)
        assert view.title == "Facture" and view.number == doc.meta["number"]
        assert garonne.name in view.seller and f"SIRET {garonne.siret}" in view.seller
        assert [line[0] for line in view.lines] == [it["label"] for it in doc.meta["items"]]
        assert ("Total TTC", f"{doc.meta['totals']['ttc']:.2f}") in view.totals


# --- recognised by content; refused with a reason -------------------------------------------

def test_xml_is_recognised_by_content_not_by_name(tmp_path, garonne):
    xml = ubl_xml(generated("supplier_invoice", garonne).meta)
    assert sniff(xml[:1024]) == "xml"
    assert sniff(xml.decode().encode("utf-16")[:1024]) == "xml"
    assert sniff(b"\xef\xbb\xbf" + xml[:1024]) == "xml"
    assert sniff(b"<!DOCTYPE html><html><body>404</body></html>") is None  # a web page is no e-invoice
    named_pdf = tmp_path / "facture.pdf"
    named_pdf.write_bytes(xml)
    assert inspect(named_pdf, **LIMITS).kind == "xml"
    named_xml = tmp_path / "scan.xml"
    named_xml.write_bytes(simple_pdf("Facture"))
    assert inspect(named_xml, **LIMITS).kind == "pdf"
    utf16 = tmp_path / "utf16.xml"
    utf16.write_bytes(xml.decode().replace("encoding='UTF-8'", "encoding='UTF-16'").encode("utf-16"))
    assert inspect(utf16, **LIMITS).kind == "xml"


def _refused(path) -> UnreadableInput:
    with pytest.raises(UnreadableInput) as err:
        inspect(path, **LIMITS)
    return err.value


def test_malformed_xml_is_refused_naming_the_file(tmp_path, garonne):
    xml = ubl_xml(generated("supplier_invoice", garonne).meta)
    path = tmp_path / "facture-tronquee.xml"
    path.write_bytes(xml[: len(xml) // 2])
    err = _refused(path)
    assert err.kind == "corrupt"
    assert err.reason.startswith("facture-tronquee.xml : ") and "mal formé" in err.reason and "ligne" in err.reason


def test_xml_that_is_no_einvoice_is_refused_naming_its_root(tmp_path):
    path = tmp_path / "manifeste.xml"
    path.write_bytes(b'<?xml version="1.0"?><lot xmlns="urn:example:scan"><page>1</page></lot>')
    err = _refused(path)
    assert err.kind == "unsupported" and "manifeste.xml" in err.reason and "« lot »" in err.reason
    wrong_ns = tmp_path / "invoice.xml"
    wrong_ns.write_bytes(b'<Invoice xmlns="urn:example:not-ubl"><ID>1</ID></Invoice>')
    assert _refused(wrong_ns).kind == "unsupported"


def test_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MOT-DE-PASSE-S3-0042")
    xxe = (f'<?xml version="1.0"?>\n<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
           f'<Invoice xmlns="{einvoice_xml.UBL_INVOICE_NS}" '
           'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
           '<cbc:ID>&xxe;</cbc:ID></Invoice>').encode()
    path = tmp_path / "xxe.xml"
    path.write_bytes(xxe)
    err = _refused(path)
    assert err.kind == "refused" and "xxe.xml" in err.reason and "DOCTYPE" in err.reason
    assert "MOT-DE-PASSE" not in err.reason
    with pytest.raises(einvoice_xml.EInvoiceError):
        fields_from_xml(xxe)
    # past the DOCTYPE refusal, the parser itself reads no file and fetches nothing
    root = etree.fromstring(xxe, parser=einvoice_xml.safe_parser())
    assert "MOT-DE-PASSE" not in "".join(root.itertext())


def test_xml_amounts_are_read_strictly():
    assert einvoice_xml.xml_amount("1200") == "1200.00"
    assert einvoice_xml.xml_amount("-45.5") == "-45.50"
    assert einvoice_xml.xml_amount("10.005") == "10.01"
    assert einvoice_xml.xml_amount("1O00.00") is None  # no OCR-style repair of an XML value
    assert einvoice_xml.xml_amount("1 200,00") is None
