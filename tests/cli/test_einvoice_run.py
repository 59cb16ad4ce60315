"""E-invoices at intake, end to end: one `aiguillage run --json` over a folder of XML files
(UBL 2.1 and CII invoices, a wrong one, a malformed one, one that is no invoice, one with an
external entity). No OCR and no language model: nothing here is a scan or a letter (Factur-X
PDFs of every profile are read in tests/extractors/test_einvoice.py)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pikepdf.pdfa
import pytest

from config.registries import load_registries
from corpus.einvoices import cii_xml, ubl_xml
from corpus.supplier_docs import supplier_document
from tests.spec import check_line

ROOT = Path(__file__).resolve().parents[2]
SECRET = "MOT-DE-PASSE-S3-7781"
pytestmark = pytest.mark.slow  # one real `aiguillage run` for the module


def expected(doc) -> dict:
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


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    reg = load_registries()
    plain = [s for s in reg.suppliers if not s.requires_order]
    rng = random.Random(17)
    folder = tmp_path_factory.mktemp("depot")
    docs = {"ubl-facture.xml": supplier_document(rng, "supplier_invoice", plain[0]),
            "cii-avoir.xml": supplier_document(rng, "supplier_credit_note", plain[1]),
            "cii-fausse.xml": supplier_document(rng, "supplier_invoice", plain[2])}
    (folder / "ubl-facture.xml").write_bytes(ubl_xml(docs["ubl-facture.xml"].meta))
    (folder / "cii-avoir.xml").write_bytes(cii_xml(docs["cii-avoir.xml"].meta, "en16931"))
    wrong = docs["cii-fausse.xml"].meta
    ttc = f"{wrong['totals']['ttc']:.2f}"
    (folder / "cii-fausse.xml").write_bytes(cii_xml(wrong, "basicwl").replace(
        f"<ram:GrandTotalAmount>{ttc}<".encode(), f"<ram:GrandTotalAmount>{wrong['totals']['ttc'] + 100:.2f}<".encode()))
    (folder / "tronquee.xml").write_bytes(ubl_xml(docs["ubl-facture.xml"].meta)[:700])
    (folder / "commande.xml").write_bytes(b'<?xml version="1.0"?><Order xmlns="urn:example:order"><ID>7</ID></Order>')
    secret = tmp_path_factory.mktemp("ailleurs") / "secret.txt"
    secret.write_text(SECRET)
    (folder / "xxe.xml").write_bytes(
        f'<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
        'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        '<cbc:ID>&x;</cbc:ID></Invoice>'.encode())
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIGUILLAGE_")}
    env["AIGUILLAGE_HOME"] = str(home)
    env.pop("PREFECT_HOME", None)
    done = subprocess.run([sys.executable, "-m", "cli.main", "run", "--json", str(folder)], capture_output=True,
                          text=True, env=env, timeout=300, cwd=ROOT)
    lines = {os.path.basename(x["source"]): x for x in map(json.loads, done.stdout.splitlines())}
    return done, lines, docs, home


def test_every_xml_file_has_its_line(batch):
    done, lines, _, _ = batch
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert sorted(lines) == sorted(["ubl-facture.xml", "cii-avoir.xml", "cii-fausse.xml", "tronquee.xml",
                                    "commande.xml", "xxe.xml"])
    for line in lines.values():
        check_line(line)


@pytest.mark.parametrize("name, doc_type", [("ubl-facture.xml", "supplier_invoice"),
                                            ("cii-avoir.xml", "supplier_credit_note")])
def test_einvoices_are_routed_with_every_field_from_the_xml(batch, name, doc_type):
    _, lines, docs, home = batch
    line = lines[name]
    assert (line["type"], line["confidence"], line["status"], line["queue"]) == (
        doc_type, 1.0, "routed", "comptabilite-fournisseurs"), line
    assert line["fields"] == expected(docs[name])
    # identity, bank details and totals all check out (a generated order number is unknown to the ERP's list)
    assert not {"unknown_supplier", "bank_details_changed", "totals_inconsistent"} & set(line["alerts"])
    kept = home / "store" / "documents" / line["document_id"] / "einvoice.xml"
    assert kept.read_bytes() == (Path(line["source"])).read_bytes()
    shown = home / "store" / "documents" / line["document_id"] / "searchable.pdf"
    report = pikepdf.pdfa.validate_written(shown, "2b")  # the drawn view is archive-grade too (issue 19)
    assert report.passed, [str(f) for f in report.findings]
    assert line["fields"]["invoice_number"] in subprocess.run(  # and its text still there
        ["pdftotext", str(shown), "-"], capture_output=True, text=True, check=True).stdout


def test_a_wrong_einvoice_still_raises_its_alert(batch):
    _, lines, _, _ = batch
    line = lines["cii-fausse.xml"]
    assert line["status"] == "review" and "totals_inconsistent" in line["alerts"]
    assert "total_incl_tax" not in line["fields"] and "incohérents" in line["reason"]


@pytest.mark.parametrize("name, words", [("tronquee.xml", ["tronquee.xml", "mal formé"]),
                                         ("commande.xml", ["commande.xml", "pas une facture électronique", "Order"]),
                                         ("xxe.xml", ["xxe.xml", "DOCTYPE"])])
def test_bad_xml_is_quarantined_with_a_reason_naming_the_file(batch, name, words):
    _, lines, _, _ = batch
    line = lines[name]
    assert line["status"] == "quarantined" and line["queue"] == "quarantaine"
    for word in words:
        assert word in line["reason"], line["reason"]


def test_the_external_entity_was_never_read(batch):
    done, _, _, home = batch
    assert SECRET not in done.stdout + done.stderr
    for path in home.rglob("*"):
        if path.is_file() and path.stat().st_size < 5_000_000:
            assert SECRET.encode() not in path.read_bytes(), path
