"""Test documents for the web inbox: a record, a text with word boxes, a one-page searchable
PDF and the work item, written straight to the store (fast), as the pipeline would."""

from __future__ import annotations

import io
import json
import os
from datetime import datetime, timedelta, timezone

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from storage import layout
from storage.queues import WorkItem, enqueue

DPI = 300  # the embedded ocr.dpi: word boxes in pixels at this resolution


def new_id() -> str:
    return os.urandom(12).hex()


def page_pdf_and_words(lines: list[str]) -> tuple[bytes, list[dict]]:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, h = A4
    words, size, scale = [], 11, DPI / 72
    for n, line in enumerate(lines):
        y = h - 72 - n * 18
        c.setFont("Helvetica", size)
        c.drawString(60, y, line)
        x = 60.0
        for word in line.split(" "):
            wpt = stringWidth(word, "Helvetica", size)
            if word:
                words.append({"text": word, "left": int(x * scale), "top": int((h - y - size) * scale),
                              "width": int(wpt * scale), "height": int(size * 1.2 * scale),
                              "confidence": 91.0, "line": n})
            x += wpt + stringWidth(" ", "Helvetica", size)
    c.showPage()
    c.save()
    return buf.getvalue(), words


def seed_document(store, queue: str, doc_type: str, fields: dict, lines: list[str], *, status: str = "routed",
                  restricted: bool = False, confidence: float = 0.95, reason: str | None = None,
                  priority: int = 3, deadline_hours: float = 120, urgent: bool = False,
                  copy_of: str | None = None, document_id: str | None = None) -> str:
    doc_id = document_id or new_id()
    pdf, words = page_pdf_and_words(lines)
    text = "\n".join(lines)
    now = datetime.now(timezone.utc)
    deadline = (now + timedelta(hours=deadline_hours)).isoformat(timespec="seconds")
    store.put(layout.document(doc_id, "searchable.pdf"), pdf, "application/pdf")
    store.put(layout.document(doc_id, "text.json"), json.dumps({"source": "test.pdf", "source_pages": [1], "pages": [
        {"number": 1, "method": "ocr", "rotation": 0, "skew": 0.0, "mean_confidence": 91.0, "seconds": 0.1,
         "text": text, "words": words}]}).encode(), "application/json")
    sha = os.urandom(32).hex()
    record = {"document_id": doc_id, "sha256": sha, "source": "test.pdf", "source_pages": [1], "type": doc_type,
              "confidence": confidence, "method": "model", "urgent": urgent, "restricted": restricted,
              "fields": fields, "rejected_fields": {}, "queue": queue, "copies": [], "status": status,
              "reason": reason, "priority": priority, "deadline": deadline}
    store.put(layout.document(doc_id, "record.json"), json.dumps(record).encode(), "application/json")
    enqueue(store, WorkItem(document_id=doc_id, queue=queue, status=status, type=doc_type, confidence=confidence,
                            reason=reason, priority=priority, deadline=deadline, urgent=urgent,
                            restricted=restricted, sha256=sha, source="test.pdf", source_pages=[1],
                            fields=fields, copy_of=copy_of,
                            history=[{"at": now.isoformat(timespec="seconds"), "actor": "pipeline",
                                      "action": "routed", "queue": queue}]))
    return doc_id


INVOICE_LINES = [
    "Plomberie Garonne", "109 place de Négreneys 31300 Toulouse", "SIRET 968 886 648 00235",
    "TVA FR54968886648", "FACTURE N° F2024-0117 du 12/03/2024", "Échéance : 11/04/2024",
    "Remplacement chauffe-eau Résidence La Cépière", "Total HT 1 000,00 €", "TVA 20 % 200,00 €",
    "Total TTC 1 200,00 €", "IBAN FR76 2004 1790 2637 6238 9803 493",
]
INVOICE_FIELDS = {"supplier_name": "Plomberie Garonne", "supplier_siret": "96888664800235",
                  "supplier_vat": "FR54968886648", "invoice_number": "F2024-0117", "invoice_date": "2024-03-12",
                  "due_date": "2024-04-11", "total_excl_tax": "1000.00", "total_tax": "200.00",
                  "total_incl_tax": "1200.00", "iban": "FR7620041790263762389803493"}
