"""Audit events: every step the pipeline takes and every look a person has, hash-chained in
immutable objects (storage/audit/chain.py; events recorded at once by several threads share
one object), plus a copy of each object under object lock on S3 (storage/audit/lock.py).

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
    account_saved, account_disabled, account_enabled, account_removed: actor=<who>; login, teams
    sign_in_locked  actor=<login tried, or « inconnu »>; login, client (address), locked
    access_refused  actor=<person>, queue=<team asked>, document_id if any; reason (team,
                    restricted, closed), path   (inbox/reads.py: at most one per person and path a minute)
    viewed       also for a page image not covered by a view just before: page, via

Personal data stays out of the chain (and so of its locked copies): ``record`` writes a tenant
reference as a pseudonym (storage/audit/subjects.py) and puts free texts, file names, names,
e-mail, phone, IBAN, addresses and corrections' old/new values in a side object per event
(storage/audit/aside.py), leaving ``•••`` and the list of what is aside; ``events`` and the
queries put them back while they exist. ``forget_subject`` and ``forget_aside`` erase them for
good without touching a byte of the chain. Whatever personal value is still inline anywhere in
details is masked (``minimise``), a second line of defence.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator

from storage.audit.aside import MASK, Reader, forget_aside, split, write_aside
from storage.audit.chain import (
    ChainWriter,
    read_chain,
    split_events,
    store_identity,
    writer_for,
)
from storage.audit.subjects import forget_subject, pseudonym_for, reference_of
from storage.errors import StorageError
from storage.objectstore import ObjectStore
from storage.queues import now_iso

log = logging.getLogger("aiguillage.audit")

PIPELINE = "pipeline"
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


def record(store: ObjectStore, event: AuditEvent) -> str | None:
    """Append ``event`` to the store's audit chain; returns the key of the chain object holding
    it, once it is written. Threads recording at once share one write (group commit); on S3 the
    copy under object lock follows in the background (``flush`` waits for it).

    An event whose ``event_id`` this process already wrote is not written again (None is
    returned): a pipeline step tried again after an outage records its events once, as long as
    it names them with ``step_event_id``."""
    once = (store_identity(store), event.event_id)
    with _WRITTEN_LOCK:
        if once in _WRITTEN:
            return None
    data = asdict(event)
    chained, aside = split(data.get("details") or {}, lambda ref: pseudonym_for(store, ref, create=True))
    data["details"] = minimise(chained)
    if aside:  # before the event: a reader never finds the marker of side values not yet written
        write_aside(store, event.event_id, aside)
    try:
        _seq, key = writer_for(store, _make_writer).append(data)
    except BaseException:
        if aside:
            try:
                forget_aside(store, [event.event_id])
            except StorageError:
                pass
        raise
    with _WRITTEN_LOCK:
        _WRITTEN[once] = None
        while len(_WRITTEN) > _WRITTEN_MAX:
            _WRITTEN.popitem(last=False)
    return key


def step_event_id(subject: str, kind: str, queue: str | None = None) -> str:
    """The id of the event a pipeline step records once for ``subject`` (a document id, or a
    file's SHA-256 for file-level events): the same on every try of the step."""
    return hashlib.sha256(f"step:{subject}:{kind}:{queue or ''}".encode()).hexdigest()[:32]


_WRITTEN: OrderedDict[tuple, None] = OrderedDict()  # (store, event id) written by this process, newest last
_WRITTEN_MAX = 100_000
_WRITTEN_LOCK = threading.Lock()


def corrected(document_id: str, actor: str, changes: dict[str, tuple[Any, Any]],
              queue: str | None = None) -> AuditEvent:
    """A person corrected fields: ``changes`` maps each field to (old, new)."""
    return AuditEvent("corrected", document_id, actor=actor, queue=queue,
                      details={"changes": {k: {"old": o, "new": n} for k, (o, n) in changes.items()}})


def rerouted(document_id: str, actor: str, from_queue: str, to_queue: str, reason: str) -> AuditEvent:
    return AuditEvent("rerouted", document_id, actor=actor, queue=to_queue,
                      details={"from": from_queue, "reason": reason})


def events(store: ObjectStore, document_id: str | None = None) -> Iterator[AuditEvent]:
    """Every event in chain order (straight from storage; queries use the index instead), with
    its side details put back and tenant references shown, while they are not forgotten."""
    reader = Reader(store)
    for first, _key, body in read_chain(store):
        if first is None or body is None:
            continue
        for line in split_events(body):
            try:
                raw = json.loads(line)["event"]
                event = AuditEvent(**raw)
            except (ValueError, KeyError, TypeError):
                continue  # altered: ``aiguillage audit verify`` says where
            if document_id is None or event.document_id == document_id:
                event.details = reader.details(event.event_id, event.details)
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


# Locked copies made in the background (storage/audit/lock.py Copier); False: by the writer.
BACKGROUND_LOCK_COPIES = True
FLUSH_AT_EXIT_SECONDS = 60.0
_COPIERS: list = []


def flush(timeout: float | None = None) -> bool:
    """Wait until every locked copy handed to the background is made (or has failed and is
    left to ``audit sync``); False when ``timeout`` seconds passed first. Run at exit."""
    deadline = None if timeout is None else time.monotonic() + timeout
    ok = True
    for copier in list(_COPIERS):
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        ok = copier.flush(left) and ok
    return ok


def _flush_at_exit() -> None:
    if not flush(FLUSH_AT_EXIT_SECONDS):
        log.warning("journal d'audit : des copies verrouillées restent à faire ; "
                    "« aiguillage audit sync » les fera")


atexit.register(_flush_at_exit)


def _make_writer(store: ObjectStore) -> ChainWriter:
    from storage.audit.lock import Copier, LockVault

    vault = LockVault.for_store(store)
    if vault is None:
        return ChainWriter(store)
    if BACKGROUND_LOCK_COPIES:
        copier = Copier(vault)
        _COPIERS.append(copier)
        return ChainWriter(store, after_write=copier.submit)

    def keep(seq: int, body: bytes) -> None:
        try:
            vault.keep(seq, body)
        except StorageError as exc:  # the chain holds the event; ``audit sync`` makes the copy later
            log.warning("%s", exc)

    return ChainWriter(store, after_write=keep)


__all__ = ["AuditEvent", "MASK", "PERSONAL_KEYS", "corrected", "events", "flush", "forget_aside",
           "forget_subject", "minimise", "pseudonym_for", "record", "reference_of", "rerouted", "step_event_id"]
