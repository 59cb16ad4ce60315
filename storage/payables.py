"""Accounts payable's memory in the object store: which invoices were received (to find the
same invoice received again) and what people decided about their alerts.

Every write is create-only (``put_if_absent``): two workers receiving two copies of an invoice
at once both leave their entry and each sees the other; a decision, once taken, is never
overwritten. Identity values (invoice numbers, totals) are hashed in keys; the entries hold
them in clear for the people and checks that read them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from storage import layout
from storage.objectstore import ObjectStore, read_mapping


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:24]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")  # orders copies a second apart


_read = read_mapping


# -- received invoices ------------------------------------------------------------------

@dataclass(frozen=True)
class Received:
    """One invoice as accounts payable received it: its document and identity facts."""

    document_id: str
    at: str
    facts: dict  # type family, number, number_key, loose_key, date, total

    def sort_key(self) -> tuple[str, str]:
        return (self.at, self.document_id)


def register_invoice(store: ObjectStore, supplier: str, keys: dict[str, str], document_id: str,
                     facts: dict, at: str | None = None) -> tuple[Received, list[Received]]:
    """Leave this invoice's entry under each identity key (``{kind: value}``) of ``supplier``;
    return it as registered and every *other* invoice found under any of its keys (each once,
    first received first). Idempotent: a rerun leaves the same entries and keeps the first
    reception time."""
    sup = _hash(supplier)
    seen: dict[str, Received] = {}
    mine = Received(document_id, at or _now(), facts)
    for kind, value in sorted(keys.items()):
        if not value:
            continue
        value_hash = _hash(value)
        key = layout.invoice_index_entry(sup, kind, value_hash, document_id)
        entry = {"document_id": document_id, "at": mine.at, "facts": facts}
        if not store.put_if_absent(key, json.dumps(entry, ensure_ascii=False).encode("utf-8"), "application/json"):
            before = _read(store, key)
            if before and before.get("at") and str(before["at"]) < mine.at:
                mine = Received(document_id, str(before["at"]), facts)
        prefix = layout.invoice_index(sup, kind, value_hash)
        for other_key in store.list(prefix):
            other = layout.index_entry_document(prefix, other_key)
            if other is None or other == document_id or other in seen:
                continue
            data = _read(store, other_key)
            if data is not None:
                seen[other] = Received(other, str(data.get("at") or ""), dict(data.get("facts") or {}))
    return mine, sorted(seen.values(), key=Received.sort_key)


# -- decisions on alerts ----------------------------------------------------------------

CLEARED = "cleared"  # a person looked and lifted the alert
VOUCHED = "vouched"  # first person of two (bank details)
CONFIRMED = "confirmed"  # second person: the new bank details are accepted


@dataclass(frozen=True)
class Decision:
    code: str
    step: str
    actor: str
    at: str
    note: str


def decide(store: ObjectStore, document_id: str, code: str, step: str, actor: str, note: str = "",
           at: str | None = None) -> bool:
    """Record that ``actor`` took ``step`` on alert ``code``; False if that step was already
    taken (by anyone): a decision is never overwritten."""
    entry = {"code": code, "step": step, "actor": actor, "at": at or _now(), "note": note}
    return store.put_if_absent(layout.alert_decision(document_id, code, step),
                               json.dumps(entry, ensure_ascii=False).encode("utf-8"), "application/json")


def decisions(store: ObjectStore, document_id: str) -> list[Decision]:
    out = []
    prefix = layout.alert_decisions(document_id)
    for key in store.list(prefix):
        parts = layout.alert_decision_of(document_id, key)
        data = _read(store, key) if parts else None
        if data:
            out.append(Decision(parts[0], parts[1], str(data.get("actor") or ""), str(data.get("at") or ""),
                                str(data.get("note") or "")))
    return sorted(out, key=lambda d: d.at)
