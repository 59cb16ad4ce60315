"""Putting a document where it belongs: its record and artefacts in storage, its work item
in the main queue and copies, and the audit events that tell the story."""

from __future__ import annotations

import json
import socket
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from classifiers.field_confidence import field_doubts
from config.routing import Decision, Facts
from extractors.types import DocumentText
from flows import notify, tally
from flows.payables import assess
from flows.payables_orders import invoice_terms
from stages.pdfjoin import join_pdfs
from stages.understand import Understanding
from storage import documents, layout, spool
from storage.audit import AuditEvent, record, step_event_id
from storage.errors import ObjectNotFound
from storage.queues import WorkItem, enqueue
from wiring.runtime import Runtime


def result_line(source: str, pages: list[int], document_id: str | None, sha256: str, doc_type: str | None,
                confidence: float | None, queue: str, status: str, reason: str | None,
                fields: dict, alerts: list[str] | None = None, duplicate_of: str | None = None) -> dict:
    """One line of ``aiguillage run --json``, exactly as SPEC.md lays it out; ``duplicate_of``
    (the first copy's document id) only on a line whose alerts hold ``duplicate_invoice``."""
    line = {"source": source, "source_pages": pages, "document_id": document_id, "sha256": sha256,
            "type": doc_type, "confidence": confidence, "queue": queue, "status": status,
            "reason": reason, "alerts": list(alerts or []), "fields": fields}
    if duplicate_of:
        line["duplicate_of"] = duplicate_of
    return line


def decide(rt: Runtime, u: Understanding, failed_pages: dict[int, str]) -> tuple[Decision, str, str | None]:
    """The routing decision, the status (routed or review) and the reason for a review."""
    c = u.classification
    threshold = rt.settings["classification.review_threshold"]
    reasons = []
    if c.type == "other":
        reasons.append("type non reconnu")
    elif c.confidence < threshold:
        label = rt.taxonomy.type(c.type).label
        reasons.append(f"confiance {c.confidence:.2f} inférieure au seuil {threshold:.2f} "
                       f"(type probable : {label})")
    doubts = []
    if c.type != "other":
        doc_type = rt.taxonomy.type(c.type)
        if doc_type.family == "supplier":
            doubts = field_doubts(doc_type.required_fields, u.extraction.fields, u.extraction.rejected,
                                  rt.taxonomy.field_label)
    least = rt.settings["classification.min_ocr_confidence"]
    if u.legibility is not None and u.legibility < least and not checked_supplier_piece(rt, c, doubts, u.extraction.fields):
        reasons.append(f"manuscrit ou peu lisible (confiance de lecture {u.legibility:.0f} %, "
                       f"minimum {least:.0f} %)")
    reasons.extend(f"page {n} illisible : {why}" for n, why in sorted(failed_pages.items()))
    reasons.extend(doubts)
    facts = Facts(c.type, c.confidence, c.urgent, u.extraction.fields)
    decision = rt.routing.decide(facts, review=bool(reasons), review_reason="; ".join(reasons))
    status = "review" if decision.queue == rt.taxonomy.review_queue else "routed"
    return decision, status, ("; ".join(reasons) or None)


def checked_supplier_piece(rt: Runtime, c, doubts: list[str], fields: dict) -> bool:
    """A supplier's piece whose type is sure, whose required fields were all read and passed
    their checks, with the three totals read and adding up and an identifier whose check digits
    hold (SIRET, VAT or IBAN): a poor scan read that well needs no person, whatever the words'
    mean OCR confidence (which handwriting and a bad scanner both lower)."""
    return (c.type != "other" and c.confidence >= rt.settings["classification.review_threshold"]
            and rt.taxonomy.type(c.type).family == "supplier" and not doubts
            and all(fields.get(k) not in (None, "") for k in ("total_excl_tax", "total_tax", "total_incl_tax"))
            and any(fields.get(k) for k in ("supplier_siret", "supplier_vat", "iban")))


def deliver(rt: Runtime, doc: DocumentText, doc_id: str, sha256: str, u: Understanding,
            page_pdfs: list[str], failed_pages: dict[int, str]) -> dict:
    """``page_pdfs``: paths of the scanned pages' searchable PDFs, joined into one.

    Idempotent: a document already delivered (a rerun after a crash) is not delivered again.
    The large artefacts (text.json, searchable.pdf) are written to files, then stored from
    them: memory does not grow with the document's length."""
    store = rt.store
    done = delivered(store, doc_id)
    if done is not None:
        return done
    c, x = u.classification, u.extraction
    decision, status, reason = decide(rt, u, failed_pages)
    restricted = rt.taxonomy.type(c.type).restricted
    now = datetime.now(timezone.utc)
    # working days; on an invoice also its purchase order, payment date and discount
    terms = invoice_terms(rt, c.type, x.fields, x.supplier_id, doc.text, decision.deadline_hours, now)
    deadline = terms.deadline

    with spool.scratch(rt.settings.home) as tmp:
        text_json = Path(tmp) / "text.json"
        write_text_json(doc, text_json)
        store.put_file(layout.document(doc_id, "text.json"), text_json, "application/json")
        if page_pdfs:
            pdf = Path(tmp) / "searchable.pdf"
            join_pdfs(page_pdfs, pdf)
            store.put_file(layout.document(doc_id, "searchable.pdf"), pdf, "application/pdf")
    if doc.facturx_xml:  # the invoice XML: a Factur-X's embedded one, or the e-invoice received itself
        name = "einvoice.xml" if doc.einvoice else "facturx.xml"
        store.put(layout.document(doc_id, name), doc.facturx_xml, "application/xml")
    ap = assess(rt, doc_id, c.type, x.fields, x.rejected, x.supplier_id, x.supplier_iban)
    alerts = ap.alerts + terms.alerts  # terms: purchase_order_missing / purchase_order_mismatch
    record_doc = {
        "document_id": doc_id, "sha256": sha256, "source": doc.source, "source_pages": doc.source_pages,
        "type": c.type, "confidence": c.confidence, "method": c.method, "scores": c.scores,
        "urgent": c.urgent, "urgency": c.urgency, "restricted": restricted,
        "fields": x.fields, "rejected_fields": x.rejected, "supplier_id": x.supplier_id,
        "fields_from_memory": list(x.fields_from_memory),
        "queue": decision.queue, "copies": list(decision.copies), "status": status, "reason": reason,
        "rule": decision.rule, "why": decision.why, "priority": decision.priority, "deadline": deadline,
        "alerts": alerts, "duplicate_of": ap.duplicate_of,
        **terms.extra,
        "processed_by": {"host": socket.gethostname(), "home": str(rt.settings.home)},
    }
    documents.write_record(store, doc_id, record_doc)

    def audit(kind: str, queue: str | None = None, **details) -> None:
        record(store, AuditEvent(kind, doc_id, queue=queue, details=details,
                                 event_id=step_event_id(doc_id, kind, queue)))

    audit("classified", type=c.type, confidence=c.confidence, method=c.method, urgent=c.urgent, sha256=sha256)
    audit("extracted", fields=sorted(x.fields), rejected=sorted(x.rejected), supplier_id=x.supplier_id,
          from_memory=list(x.fields_from_memory),
          tenant_reference=x.fields.get("tenant_reference"), supplier_siret=x.fields.get("supplier_siret"))
    base = dict(status=status, type=c.type, confidence=c.confidence, reason=reason,
                priority=decision.priority, deadline=deadline, urgent=c.urgent, restricted=restricted,
                sha256=sha256, source=doc.source, source_pages=doc.source_pages, fields=x.fields,
                fields_from_memory=list(x.fields_from_memory),
                alerts=alerts, duplicate_of=ap.duplicate_of)
    base.update(terms.extra)
    history = [{"at": now.isoformat(timespec="seconds"), "actor": "pipeline", "action": "routed",
                "queue": decision.queue, "note": decision.why}]
    enqueue(store, WorkItem(document_id=doc_id, queue=decision.queue, history=history, **base))
    audit("routed", decision.queue, rule=decision.rule, why=decision.why, status=status)
    for copy in decision.copies:
        enqueue(store, WorkItem(document_id=doc_id, queue=copy, copy_of=decision.queue,
                                history=history, **base))
        audit("copied", copy, main_queue=decision.queue)
    if c.urgent:  # the team is told at once (flows/notify.py); a failure there never stops the delivery
        notify.queue_urgent(rt, doc_id, decision.queue, {"type": c.type, "restricted": restricted, "deadline": deadline,
                                                         "urgency": c.urgency, "fields": x.fields})
    line = mark_delivered(store, doc_id, result_line(doc.source, doc.source_pages, doc_id, sha256, c.type,
                                                     c.confidence, decision.queue, status, reason, x.fields,
                                                     alerts, ap.duplicate_of))
    tally.delivered(store, line, [p.seconds for p in doc.pages])
    return line


def delivered(store, doc_id: str) -> dict | None:
    """The result line of a document already delivered, or None."""
    try:
        return json.loads(store.get(layout.document(doc_id, "routed.json")))
    except ObjectNotFound:
        return None


def mark_delivered(store, doc_id: str, line: dict) -> dict:
    store.put_if_absent(layout.document(doc_id, "routed.json"), json.dumps(line, ensure_ascii=False).encode(),
                        "application/json")
    return line


def quarantine(rt: Runtime, source: str, sha256: str | None, reason: str, kind: str,
               pages: list[int] | None = None, doc_id: str | None = None) -> dict:
    from stages.ids import document_id

    doc_id = doc_id or document_id(sha256, pages or [])
    done = delivered(rt.store, doc_id)
    if done is not None:
        return done
    queue = rt.taxonomy.quarantine_queue
    enqueue(rt.store, WorkItem(document_id=doc_id, queue=queue, status="quarantined", type=None,
                               confidence=None, reason=reason, priority=2, deadline=None, urgent=False,
                               restricted=False, sha256=sha256, source=source, source_pages=pages or [],
                               history=[{"actor": "pipeline", "action": "quarantined", "queue": queue,
                                         "note": reason}]))
    record(rt.store, AuditEvent("quarantined", doc_id, queue=queue, details={"reason": reason, "kind": kind,
                                                                             "sha256": sha256},
                                event_id=step_event_id(doc_id, "quarantined", queue)))
    line = mark_delivered(rt.store, doc_id, result_line(source, pages or [], doc_id, sha256, None, None, queue,
                                                        "quarantined", reason, {}))
    tally.quarantined(rt.store, doc_id, kind, pages)
    return line


def write_text_json(doc: DocumentText, path: Path) -> None:
    """text.json: the document's pages, their text and word boxes; written page by page."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f'{{"source": {json.dumps(doc.source, ensure_ascii=False)}, '
                 f'"source_pages": {json.dumps(doc.source_pages)}, "pages": [')
        for i, p in enumerate(doc.pages):
            page = {"number": p.number, "method": p.method, "rotation": p.rotation, "skew": p.skew,
                    "mean_confidence": round(p.mean_confidence, 1), "seconds": p.seconds, "width": p.width,
                    "height": p.height, "text": p.text, "words": [asdict(w) for w in p.words]}
            fh.write((", " if i else "") + json.dumps(page, ensure_ascii=False))
        fh.write("]}")
