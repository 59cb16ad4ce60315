"""Retention: which documents are due to go, per type, and purging them (storage/erasure.py).

A document is due once its type's period (config/retention.py) has run since its matter closed:
the last of its work items closed, in any queue (a document with an open item is never due); a
quarantined file, since its quarantine (its open quarantine item does not keep it). A legal hold
on the document, its tenant or its supplier keeps it whatever its age (storage/holds.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from config.retention import RetentionPolicy, policy
from storage import documents, holds, layout
from storage.erasure import Scan, purge_document
from storage.errors import ObjectNotFound
from storage.queues import epoch, get_item

log = logging.getLogger("aiguillage.retention")

PURGED, HELD, OPEN, KEPT = "purged", "held", "open", "kept"
QUARANTINE_TYPE = "quarantine"  # how quarantined files are counted in the report


@dataclass
class Verdict:
    document_id: str
    type: str  # the document's type, or "quarantine"
    outcome: str  # purged (or due, in a dry run) | held | open | kept (not due yet)
    days: int | None = None
    holds: list[str] = field(default_factory=list)


def closed_at(store, document_id: str, queues: list[str], quarantine_queue: str,
              quarantined: bool) -> tuple[bool, float | None]:
    """``(open, when the matter closed)``: open if an item is open in a queue (the quarantine
    queue does not count for a quarantined file); the latest closing time otherwise."""
    latest = None
    for queue in queues:
        try:
            item = get_item(store, queue, document_id)
        except (ObjectNotFound, ValueError):
            continue
        if item.is_open:
            if quarantined and queue == quarantine_queue:
                continue
            return True, None
        when = epoch(item.closed_at)
        if when is not None and (latest is None or when > latest):
            latest = when
    return False, latest


def judge(store, document_id: str, now: datetime, rules: RetentionPolicy, all_holds: list,
          queues: list[str], quarantine_queue: str, known_types: set[str]) -> Verdict:
    record = documents.read_json(store, document_id, "record.json")
    line = documents.read_json(store, document_id, "routed.json")
    quarantined = not record and line.get("status") == "quarantined"
    doc_type = QUARANTINE_TYPE if quarantined else (record.get("type") if record.get("type") in known_types
                                                    else "other")
    days = rules.days_for(doc_type, quarantined)
    verdict = Verdict(document_id, doc_type, KEPT, days)
    covering = holds.covering_in(all_holds, document_id, record)
    if covering:
        verdict.outcome, verdict.holds = HELD, [h.label for h in covering]
        return verdict
    if days is None:
        return verdict
    limit = (now - timedelta(days=days)).timestamp()
    delivered = store.stat(layout.document(document_id, "routed.json")).modified
    if delivered > limit:
        return verdict  # not even delivered that long ago
    is_open, closed = closed_at(store, document_id, queues, quarantine_queue, quarantined)
    if is_open:
        verdict.outcome = OPEN
    elif quarantined or (closed or delivered) <= limit:
        verdict.outcome = PURGED
    return verdict


def delivered_documents(store) -> list[str]:
    """Every document delivered (its ``routed.json`` written): one LIST."""
    out = []
    for key in store.list(layout.DOCUMENTS):
        parts = layout.document_of(key)
        if parts is not None and parts[1] == "routed.json":
            out.append(parts[0])
    return out


def apply_retention(rt, now: datetime | None = None, dry_run: bool = False) -> dict:
    """Judge every delivered document and purge those due (none in a dry run). Returns
    ``{"purged": [ids], "by_type": {type: {purged, held, open, kept}}, "dry_run": bool}``."""
    now = now or datetime.now(timezone.utc)
    store, taxonomy = rt.store, rt.taxonomy
    rules = policy(rt.settings, taxonomy)
    queues = list(taxonomy.queues)
    all_holds = holds.list_holds(store)
    scan = Scan(queues)
    by_type: dict[str, dict[str, int]] = {}
    purged = []
    for document_id in delivered_documents(store):
        try:
            verdict = judge(store, document_id, now, rules, all_holds, queues, taxonomy.quarantine_queue,
                            set(taxonomy.types))
        except ObjectNotFound:
            continue  # purged meanwhile by another run
        counts = by_type.setdefault(verdict.type, {PURGED: 0, HELD: 0, OPEN: 0, KEPT: 0})
        counts[verdict.outcome] += 1
        if verdict.outcome != PURGED:
            continue
        purged.append(document_id)
        if not dry_run:
            purge_document(store, document_id, rt.settings.home, scan=scan, actor="retention",
                           details={"type": verdict.type, "days": verdict.days})
    total = {k: sum(c[k] for c in by_type.values()) for k in (PURGED, HELD, OPEN, KEPT)}
    log.info("conservation%s : %d document(s) purgé(s), %d sous conservation légale, %d encore ouvert(s), "
             "%d gardé(s)", " (essai)" if dry_run else "", total[PURGED], total[HELD], total[OPEN], total[KEPT])
    return {"purged": purged, "by_type": by_type, "totals": total, "dry_run": dry_run,
            "at": now.isoformat(timespec="seconds")}
