"""A supplier's layout taught by a correction on one worker is used by another worker sharing
the S3 store (issue 16, supplier memory): worker A reads a glazier's invoice the registry does not
know and misses its number and due date (printed under a header row); the correction goes
through `aiguillage correct`'s own path; worker B, another AIGUILLAGE_HOME on the same bucket,
reads the supplier's next invoice at the learned places: every field right, those read from
memory named on the record (not in ``fields``), and the document goes straight through.
Born-digital PDFs: no OCR."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from extractors.validators import iban_from_bban, vat_from_siren
from tests.s3server import s3_bucket, s3_server  # noqa: F401

pytestmark = pytest.mark.s3

USER = "vero.martin"
SIRET = "73282932000074"  # valid, and no registry supplier has this SIREN
VAT = vat_from_siren(SIRET[:9])
IBAN = iban_from_bban("FR", "30004000031234567890143")


def euros(cents: int) -> str:
    return f"{cents / 100:,.2f}".replace(",", " ").replace(".", ",")


def invoice_pdf(path: Path, number: str, date: str, due: str, lines: list[tuple[str, int]]) -> dict:
    """The glazier's invoice, drawn as its software prints it; returns its fields as SPEC.md has them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(60, 790, "ATELIER DU VERRE")
    c.setFont("Helvetica", 10)
    c.drawString(60, 774, "Miroiterie - Vitrerie - 8 rue des Verriers 31200 Toulouse")
    for i, text in enumerate(["PATRIMOINE SA d'HLM", "33 avenue Camille Pujol", "31500 TOULOUSE"]):
        c.drawString(340, 720 - 13 * i, text)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, 650, "FACTURE")
    c.setFont("Helvetica", 10)
    for x, head, value in ((60, "Pièce comptable", number), (220, "Émise le", date), (360, "Règlement au", due)):
        c.drawString(x, 625, head)
        c.drawString(x, 610, value)
    c.drawString(60, 570, "Désignation")
    c.drawRightString(530, 570, "Montant")
    y = 552
    for label, cents in lines:
        c.drawString(60, y, label)
        c.drawRightString(530, y, euros(cents))
        y -= 15
    ht = sum(cents for _, cents in lines)
    tva = round(ht * 0.2)
    for label, cents, unit in (("Base hors taxes", ht, ""), ("Taxe 20 %", tva, ""), ("Montant dû", ht + tva, " €")):
        y -= 15
        c.drawString(330, y, label)
        c.drawRightString(530, y, euros(cents) + unit)
    c.drawString(60, y - 35, "Coordonnées bancaires : " + " ".join(IBAN[i:i + 4] for i in range(0, len(IBAN), 4)))
    c.setFont("Helvetica", 8)
    c.drawString(60, 60, f"Atelier du Verre SAS - SIRET {SIRET[:3]} {SIRET[3:6]} {SIRET[6:9]} {SIRET[9:]} - {VAT}")
    c.showPage()
    c.save()
    day, month, year = date.split("/")
    dday, dmonth, dyear = due.split("/")
    return {"supplier_name": "Atelier du Verre", "supplier_siret": SIRET, "supplier_vat": VAT,
            "invoice_number": number, "invoice_date": f"{year}-{month}-{day}", "due_date": f"{dyear}-{dmonth}-{dday}",
            "total_excl_tax": f"{ht / 100:.2f}", "total_tax": f"{tva / 100:.2f}",
            "total_incl_tax": f"{(ht + tva) / 100:.2f}", "iban": IBAN}


def read(path: Path):
    """The document as the pipeline reads a born-digital page (its text layer, word boxes)."""
    from extractors.pdf_pages import pdf_page_text
    from extractors.types import DocumentText, PageText
    from stages.ids import document_id

    text, words, size = pdf_page_text(path, 1)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    page = PageText(1, text, words, method="pdf-text", width=size[0], height=size[1])
    return DocumentText(str(path), [1], [page]), sha, document_id(sha, [1])


def worker(monkeypatch, home: Path):
    from wiring.runtime import runtime

    monkeypatch.setenv("AIGUILLAGE_HOME", str(home))
    return runtime()


def test_a_layout_taught_on_one_worker_reads_the_next_invoice_on_another(tmp_path, monkeypatch, s3_server,  # noqa: F811
                                                                          s3_bucket):  # noqa: F811
    from cli.correct_cmd import apply_line
    from flows.deliver import deliver
    from flows.reprocess import reprocess
    from stages.understand import understand
    from storage import documents, layouts
    from storage.audit import events

    for name, value in (s3_server.env() | {"AIGUILLAGE_STORAGE_S3_BUCKET": s3_bucket}).items():
        monkeypatch.setenv(name, value)
    first = invoice_pdf(tmp_path / "f1.pdf", "AV-2024-118", "03/02/2024", "05/03/2024",
                        [("Remplacement vitrage salle commune", 100000), ("Pose et joints", 25000)])
    second = invoice_pdf(tmp_path / "f2.pdf", "AV-2024-131", "17/03/2024", "16/04/2024",
                         [("Miroir hall d'entrée", 41050), ("Vitre porte cave", 8800), ("Déplacement", 4500),
                          ("Joints silicone", 1290)])

    # Worker A: the generic reading misses the number and the due date; to vidéocodage.
    a = worker(monkeypatch, tmp_path / "worker-a")
    doc, sha, doc_id = read(tmp_path / "f1.pdf")
    u = understand(doc, a)
    assert "invoice_number" not in u.extraction.fields and "due_date" not in u.extraction.fields
    assert deliver(a, doc, doc_id, sha, u, [], {})["queue"] == "videocodage"
    line = json.dumps({"document_id": doc_id, "type": "supplier_invoice", "fields": first}).encode()
    result = apply_line(a, 1, line, USER, lambda *args: reprocess(a, *args))  # `aiguillage correct`'s path
    assert result["status"] == "corrected", result
    taught = [e for e in events(a.store, doc_id) if e.kind == "layout_learned"]
    assert [(e.actor, e.details["supplier_id"]) for e in taught] == [(USER, "L-732829320")]
    assert {"invoice_number", "due_date", "total_incl_tax"} <= set(taught[0].details["fields"])

    # Worker B, another data folder on the same bucket: the next invoice read from memory.
    b = worker(monkeypatch, tmp_path / "worker-b")
    assert b is not a and b.settings.home != a.settings.home
    doc, sha, doc_id = read(tmp_path / "f2.pdf")
    u = understand(doc, b)
    assert u.extraction.supplier_id == "L-732829320"
    assert {k: u.extraction.fields.get(k) for k in second} == second
    assert {"invoice_number", "due_date"} <= set(u.extraction.fields_from_memory)
    out = deliver(b, doc, doc_id, sha, u, [], {})
    assert (out["status"], out["queue"], out["alerts"]) == ("routed", "comptabilite-fournisseurs", [])
    assert "fields_from_memory" not in out["fields"]
    rec = documents.read_json(b.store, doc_id, "record.json")
    assert rec["fields_from_memory"] == u.extraction.fields_from_memory

    # Forgotten, the same invoice is read as before the lesson: no number, no due date.
    assert layouts.forget_layout(b.store, "L-732829320")
    u = understand(doc, b)
    assert u.extraction.fields_from_memory == [] and "invoice_number" not in u.extraction.fields
