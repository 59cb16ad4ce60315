"""An e-invoice received as XML made into a document: its readable PDF (the human view a bare
XML lacks), its text, and its delivery with the XML kept, on both storage back ends."""

from __future__ import annotations

import io
import json
import random
import subprocess

import pikepdf
import pikepdf.pdfa
import pytest

from config.registries import load_registries
from corpus.einvoices import cii_xml, ubl_xml
from corpus.supplier_docs import supplier_document
from stages.einvoice import PAGE_METHOD, einvoice_document
from storage import documents, layout
from tests.s3server import s3_bucket, s3_server  # noqa: F401

STORES = ["local", pytest.param("s3", marks=pytest.mark.s3)]


def registered_invoice(doc_type: str = "supplier_invoice", seed: int = 2, many: bool = False):
    reg = load_registries()
    doc = supplier_document(random.Random(seed), doc_type, reg.suppliers[seed % len(reg.suppliers)])
    if many:  # a long invoice: the view runs over several pages
        doc.meta["items"] = doc.meta["items"] * (60 // len(doc.meta["items"]) + 1)
    return doc


def test_the_view_is_a_readable_pdf_whose_text_is_the_invoice(tmp_path):
    doc = registered_invoice(many=True)
    path = tmp_path / "facture.xml"
    path.write_bytes(ubl_xml(doc.meta))
    text_doc, pdf = einvoice_document(path, "facture.xml", tmp_path)
    assert text_doc.einvoice == "ubl" and text_doc.facturx_xml == path.read_bytes()
    assert text_doc.source_pages == [1]
    with pikepdf.open(pdf) as drawn:
        assert len(drawn.pages) == len(text_doc.pages) > 1
    shown = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    s = doc.meta["supplier"]
    for value in (doc.meta["number"], s.name, s.siret, s.iban, f"{doc.meta['totals']['ttc']:.2f}"):
        assert value in shown, value
    assert all(p.method == PAGE_METHOD and p.words and (p.width, p.height) == (595, 842) for p in text_doc.pages)
    assert doc.meta["number"] in text_doc.pages[0].text
    assert any(w.text == doc.meta["number"] for w in text_doc.pages[0].words)  # boxes for the web app


@pytest.fixture(params=STORES)
def rt(request, monkeypatch, aiguillage_home):
    """The runtime on a local folder, or on a fresh bucket of the real S3 server."""
    if request.param == "s3":
        server = request.getfixturevalue("s3_server")
        for k, v in server.env().items():
            monkeypatch.setenv(k, v)
        monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_BUCKET", request.getfixturevalue("s3_bucket"))
    from wiring.runtime import runtime

    return runtime()


def test_delivered_with_its_xml_kept_and_its_view_as_the_pdf(rt, tmp_path):
    from flows.deliver import deliver
    from flows.maintenance import PURGED_ARTEFACTS
    from stages.understand import understand

    doc = registered_invoice("supplier_credit_note", seed=3)
    xml = cii_xml(doc.meta, "en16931")
    path = tmp_path / "avoir.xml"
    path.write_bytes(xml)
    text_doc, pdf = einvoice_document(path, "avoir.xml", tmp_path)
    doc_id = "e1" * 12
    u = understand(text_doc, rt)
    assert (u.classification.type, u.classification.confidence) == ("supplier_credit_note", 1.0)
    line = deliver(rt, text_doc, doc_id, "ef" * 32, u, [str(pdf)], {})
    assert line["fields"]["total_incl_tax"] == f"-{doc.meta['totals']['ttc']:.2f}"
    store = rt.store
    assert store.get(layout.document(doc_id, "einvoice.xml")) == xml
    assert not store.exists(layout.document(doc_id, "facturx.xml"))
    with pikepdf.open(io.BytesIO(store.get(layout.document(doc_id, "searchable.pdf")))) as shown:
        assert len(shown.pages) == len(text_doc.pages)
    # the view embeds its fonts (DejaVu, even in table cells): PDF/A-2b like a scan's
    report = pikepdf.pdfa.validate_written(io.BytesIO(store.get(layout.document(doc_id, "searchable.pdf"))), "2b")
    assert report.passed, [str(f) for f in report.findings]
    text = json.loads(store.get(layout.document(doc_id, "text.json")))
    assert [p["method"] for p in text["pages"]] == [PAGE_METHOD] * len(text_doc.pages)
    from inbox.page_images import render  # the web app draws the view's page, word boxes in points
    image = render(store, tmp_path / "cache", doc_id, 1, text, documents.read_json(store, doc_id, "record.json"), 300)
    assert image.path.is_file() and image.frame == (595.0, 842.0)
    removed = documents.delete_artefacts(store, doc_id, PURGED_ARTEFACTS)  # retention forgets it like the text
    assert "einvoice.xml" in removed and not store.exists(layout.document(doc_id, "einvoice.xml"))
