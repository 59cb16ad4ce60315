"""Audit events: every step the pipeline takes and every look a person has, as one immutable,
hash-chained object each (storage/audit_chain.py), plus a copy under object lock on S3
(storage/audit_lock.py).

Kinds and the detail keys the index and queries use:

    received     (file level) sha256, filename, size
    split        (file level) sha256, documents, dropped
    quarantined  sha256, reason, kind
    ocr          pages, methods, mean_confidence
    classified   sha256, type, confidence, method, urgent
    extracted    fields (names only), rejected, supplier_id, supplier_siret, tenant_reference
    routed       queue=<main queue>; rule, why, status          copied: queue=<copy>, main_queue
    claimed, released, viewed, completed, purged: queue=<team>, actor=<person>
    corrected    changes={field: {"old": …, "new": …}}  (see ``corrected()``)
    rerouted     queue=<new queue>; from=<old queue>, reason   (see ``rerouted()``)

Personal data stays out: field *names* rather than values, ids (document, tenant reference,
supplier id/SIRET) rather than names; values of personal fields (names, e-mail, phone, IBAN,
text) are masked by ``record`` wherever they appear in details.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator

from storage.audit_chain import ChainWriter, read_chain, writer_for
from storage.errors import StorageError
from storage.objectstore import ObjectStore
from storage.queues import now_iso

log = logging.getLogger("aiguillage.audit")

PREFIX = "audit/chain/"
PIPELINE = "pipeline"
MASK = "•••"
PERSONAL_KEYS = frozenset({"tenant_name", "email", "phone", "iban", "address", "text", "content",
                           "body", "page_text", "words"})
MAX_TEXT = 300


@dataclass
class AuditEvent:
    kind: str  # received, quarantined, split, ocr, classified, extracted, routed, copied, ...
    document_id: str | None
    actor: str = PIPELINE
    queue: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    at: str = field(default_factory=now_iso)
    event_id: str = field(default_factory=lambda: uuid.uuid4().hex)


def record(store: ObjectStore, event: AuditEvent) -> str:
    """Append ``event`` to the store's audit chain; returns the event object's key."""
    data = asdict(event)
    data["details"] = minimise(data.get("details") or {})
    _seq, key = writer_for(store, _make_writer).append(data)
    return key


def corrected(document_id: str, actor: str, changes: dict[str, tuple[Any, Any]],
              queue: str | None = None) -> AuditEvent:
    """A person corrected fields: ``changes`` maps each field to (old, new)."""
    return AuditEvent("corrected", document_id, actor=actor, queue=queue,
                      details={"changes": {k: {"old": o, "new": n} for k, (o, n) in changes.items()}})


def rerouted(document_id: str, actor: str, from_queue: str, to_queue: str, reason: str) -> AuditEvent:
    return AuditEvent("rerouted", document_id, actor=actor, queue=to_queue,
                      details={"from": from_queue, "reason": reason})


def events(store: ObjectStore, document_id: str | None = None) -> Iterator[AuditEvent]:
    """Every event in chain order (straight from storage; queries use the index instead)."""
    for seq, _key, body in read_chain(store):
        if seq is None or body is None:
            continue
        try:
            raw = json.loads(body)["event"]
            event = AuditEvent(**raw)
        except (ValueError, KeyError, TypeError):
            continue  # altered: ``aiguillage audit verify`` says where
        if document_id is None or event.document_id == document_id:
            yield event


def minimise(value: Any, key: str | None = None) -> Any:
    """Details with personal values masked and long texts cut."""
    if key in PERSONAL_KEYS and value not in (None, "", [], {}):
        return MASK
    if isinstance(value, dict):
        if key == "changes":
            return {str(k): _mask_change(v) if k in PERSONAL_KEYS else minimise(v) for k, v in value.items()}
        return {str(k): minimise(v, str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [minimise(v) for v in value]
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[:MAX_TEXT] + "…"
    return value


def _mask_change(change: Any) -> Any:
    if isinstance(change, dict):
        return {k: (MASK if v not in (None, "") else v) for k, v in change.items()}
    return MASK


def _make_writer(store: ObjectStore) -> ChainWriter:
    from storage.audit_lock import LockVault

    vault = LockVault.for_store(store)
    if vault is None:
        return ChainWriter(store)

    def keep(seq: int, body: bytes) -> None:
        try:
            vault.keep(seq, body)
        except StorageError as exc:  # the chain holds the event; ``audit sync`` makes the copy later
            log.warning("%s", exc)

    return ChainWriter(store, after_write=keep)
