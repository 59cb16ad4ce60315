"""Purging one document: everything the store and the local data folder hold about it goes,
except the audit trail (its events stay, with no personal data: storage/audit).

``purge_document`` is what retention (flows/retention.py) and erasure call. It removes:

- the document's artefacts (record, text, searchable PDF, Factur-X and e-invoice XML, delivery
  marker), its work items in every queue (open or closed, main or copy) with their index
  entries, claim chains and holder marks, its correction, its payables index entries and alert
  decisions, its export journal entry, and the tenant lessons it taught (a supplier lesson is a
  company's identity: kept);
- the file it came from once no other document of that file remains (originals are keyed by
  content and shared by the documents split from one file): the original, its receipt and
  outcome, a pushed copy and its dispatch marker, its spool folder; while others remain, the
  file's outcome loses this document's line (it holds its fields) and the rest stays;
- with ``home``, the web app's page images of the document.

Exported accounting files (``exports/runs/``) are kept: they are the accounting records of
supplier invoices, with no tenant data. Idempotent: a second call finds nothing and records
nothing. One ``purged`` audit event per document that lost something (ids and counts only).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from config.retention import page_cache
from storage import layout, spool
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore, read_mapping
from storage.queues import parse_index_key

# the delivery marker goes last: a purge cut short is found again by the next retention run
ARTEFACT_ORDER = ("text.json", "searchable.pdf", "facturx.xml", "einvoice.xml", "record.json", "routed.json")


@dataclass
class PurgeReport:
    document_id: str
    removed: list[str] = field(default_factory=list)  # object keys deleted
    files: list[str] = field(default_factory=list)  # local folders deleted (spool, page cache)
    rewritten: list[str] = field(default_factory=list)  # objects that lost this document's part
    kept: dict[str, str] = field(default_factory=dict)  # what stayed on purpose, and why (French)

    def __bool__(self) -> bool:
        return bool(self.removed or self.files or self.rewritten)

    def counts(self) -> dict[str, int]:
        """How many objects of each kind went (no key, no name: safe for the audit trail)."""
        out: dict[str, int] = {}
        for key in self.removed:
            kind = _kind(key)
            out[kind] = out.get(kind, 0) + 1
        if self.rewritten:
            out["rewritten"] = len(self.rewritten)
        if self.files:
            out["local"] = len(self.files)
        return out


@dataclass
class Scan:
    """What a run purging many documents lists once instead of once per document."""

    queues: list[str]
    payables_index: dict[str, list[str]] | None = None  # document id -> its index entries
    tenant_lessons: dict[str, list[str]] | None = None  # document id -> lesson keys it taught
    daybook_lines: dict[str, list[str]] | None = None  # document id -> its day book lines

    def daybook(self, store: ObjectStore, document_id: str) -> list[str]:
        if self.daybook_lines is None:
            from storage import daybook

            self.daybook_lines = daybook.keys_of(store)
        return self.daybook_lines.pop(document_id, [])

    def index_entries(self, store: ObjectStore, document_id: str) -> list[str]:
        if self.payables_index is None:
            self.payables_index = {}
            for key in store.list(layout.PAYABLES_INDEX):
                doc = layout.invoice_index_document(key)
                if doc:
                    self.payables_index.setdefault(doc, []).append(key)
        return self.payables_index.pop(document_id, [])

    def lessons(self, store: ObjectStore, document_id: str) -> list[str]:
        if self.tenant_lessons is None:
            self.tenant_lessons = {}
            for key in store.list(layout.LEARNED_TENANTS):
                if layout.is_learned_entry(layout.LEARNED_TENANTS, key):
                    entry = read_mapping(store, key) or {}
                    if entry.get("learned_from"):
                        self.tenant_lessons.setdefault(str(entry["learned_from"]), []).append(key)
        return self.tenant_lessons.pop(document_id, [])


def purge_document(store: ObjectStore, document_id: str, home: Path | None = None, *,
                   queues: list[str] | None = None, scan: Scan | None = None,
                   actor: str = "retention", reason: str = "retention", details: dict | None = None) -> PurgeReport:
    """Remove everything about ``document_id`` (see the module's text); what went, in a report.
    ``queues``: every queue name (default: the taxonomy's); ``scan``: shared by a run's calls."""
    layout.check_id(document_id)
    if scan is None:
        scan = Scan(list(queues) if queues is not None else _all_queues())
    report = PurgeReport(document_id)
    record = _json(store, layout.document(document_id, "record.json"))
    line = _json(store, layout.document(document_id, "routed.json"))
    sha = record.get("sha256") or line.get("sha256")
    known_queues = list(dict.fromkeys([*scan.queues, record.get("queue"), *(record.get("copies") or []),
                                       line.get("queue")]))
    for queue in filter(None, known_queues):
        _purge_items(store, queue, document_id, report)
    _delete(store, report, layout.correction(document_id))
    for key in [*store.list(layout.alert_decisions(document_id)), *scan.index_entries(store, document_id)]:
        _delete(store, report, key)
    _delete(store, report, layout.export_claim(document_id))
    for key in [*scan.lessons(store, document_id), *scan.daybook(store, document_id)]:
        _delete(store, report, key)
    for name in ARTEFACT_ORDER:
        _delete(store, report, layout.document(document_id, name))
    if sha and layout.is_id(sha):
        _purge_file(store, sha, document_id, report, home)
    if home is not None:
        _remove_folder(page_cache(home) / document_id, report)
    if report:
        from storage.audit import AuditEvent, record as audit

        audit(store, AuditEvent("purged", document_id, actor=actor,
                                details={"reason": reason, "removed": report.counts(), **(details or {})}))
    return report


def _purge_items(store: ObjectStore, queue: str, document_id: str, report: PurgeReport) -> None:
    """The document's item in ``queue``: index entries, claim chain and holder marks first, the
    item last (a purge cut short finds the item again)."""
    item_key = layout.queue_item(queue, document_id)
    if not store.exists(item_key):
        return
    for key in store.list(layout.queue_index(queue)):
        entry = parse_index_key(queue, key)
        if entry is not None and entry.document_id == document_id:
            _delete(store, report, key)
    for key in [*store.list(layout.lease_chain(queue, document_id)),
                *store.list(f"{layout.holders(queue)}{document_id}.")]:
        _delete(store, report, key)
    _delete(store, report, item_key)


def _purge_file(store: ObjectStore, sha: str, document_id: str, report: PurgeReport, home: Path | None) -> None:
    outcome = read_mapping(store, layout.outcome(sha)) or {}
    lines = [x for x in outcome.get("lines") or [] if isinstance(x, dict)]
    others = {x.get("document_id") for x in lines} - {document_id, None}
    remaining = [d for d in others if layout.is_id(str(d)) and (
        store.exists(layout.document(d, "routed.json")) or store.exists(layout.document(d, "record.json")))]
    if remaining:
        mine = [x for x in lines if x.get("document_id") == document_id]
        if mine:
            kept = dict(outcome, lines=[x for x in lines if x.get("document_id") != document_id])
            store.put(layout.outcome(sha), json.dumps(kept, ensure_ascii=False).encode("utf-8"), "application/json")
            report.rewritten.append(layout.outcome(sha))
        report.kept["original"] = f"partagé avec {len(remaining)} autre(s) document(s) du même fichier"
        return
    for key in [*store.list(layout.intake_of_file(sha)), layout.dispatch_marker_of_file(sha),
                layout.outcome(sha), layout.receipt(sha), layout.original(sha)]:
        _delete(store, report, key)
    if home is not None:
        _remove_folder(spool.root(home) / sha, report)
        _remove_folder(spool.intake_folder(home) / sha, report)


def _delete(store: ObjectStore, report: PurgeReport, key: str) -> None:
    if store.exists(key):
        store.delete(key)
        report.removed.append(key)


def _remove_folder(folder: Path, report: PurgeReport) -> None:
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        report.files.append(str(folder))


def _json(store: ObjectStore, key: str) -> dict:
    try:
        data = json.loads(store.get(key))
    except (ObjectNotFound, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _kind(key: str) -> str:
    """A removed key's kind, for counts: ``documents/<id>/record.json`` -> ``record.json``,
    ``queues/<q>/items/…`` -> ``queues``, ``originals/…`` -> ``originals``."""
    parts = layout.document_of(key)
    if parts is not None:
        return parts[1]
    for prefix in (layout.PAYABLES_INDEX, layout.PAYABLES_DECISIONS, layout.EXPORT_JOURNAL, layout.LEARNED_TENANTS):
        if key.startswith(prefix):
            return prefix.rstrip("/").replace("/", "_")
    return key.partition("/")[0]


def _all_queues() -> list[str]:
    from config.taxonomy import load_taxonomy

    return list(load_taxonomy().queues)
