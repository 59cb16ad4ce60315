"""Team queues: work items as versioned JSON envelopes, one object per document per queue,
and an index whose key names alone sort and describe the queue's open items.

    queues/<queue>/items/<document_id>.json    the work item (envelope, history, state)
    queues/<queue>/index/<p>.<deadline>.<created>.<document_id>.<flags>.<type>
                                               one empty object per open item: a LIST of this
                                               prefix gives the queue in order (priority, then
                                               deadline, then age) without reading any item
    queues/<queue>/leases/<document_id>/<gen>  the item's claim chain (storage/claims.py)
    queues/<queue>/claimed/<document_id>.<gen>.<expires>.<user>
                                               who holds which item, for listings only

Enqueueing is idempotent: the item's key is the document's id, written create-only, so
routing the same document again never makes a second item. The item is written before its
index entry; enqueueing again repairs a missing entry from the stored item, so a crash between
the two writes heals on the retry.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from typing import Any, Iterator

from storage import layout
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore

SCHEMA = "aiguillage.work-item/1"
OPEN = "open"
CLOSED_STATES = ("completed", "rerouted", "returned")
NO_DEADLINE = 9_999_999_999
_INDEX = re.compile(r"^([1-9])\.(\d{10})\.(\d{13})\.([0-9a-f]{8,64})\.([a-z-]+)\.([a-z_]+)$")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def epoch(iso: str | None) -> float | None:
    """Seconds since 1970 for an ISO time (naive times are UTC); None stays None."""
    if not iso:
        return None
    t = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.timestamp()


def iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class WorkItem:
    document_id: str
    queue: str
    status: str  # routed | review | quarantined
    type: str | None
    confidence: float | None
    reason: str | None
    priority: int
    deadline: str | None  # ISO time
    urgent: bool
    restricted: bool
    sha256: str
    source: str
    source_pages: list[int]
    fields: dict[str, Any] = field(default_factory=dict)
    fields_from_memory: list[str] = field(default_factory=list)  # read where this supplier's layout was learned
    # accounts payable, on a supplier invoice (flows/payables_orders.py): the purchase order it
    # matched and that order's building and cost centre, the discount it offers, its payment date
    purchase_order: dict[str, Any] | None = None
    building: str | None = None
    cost_centre: str | None = None
    early_payment_discount: dict[str, Any] | None = None
    payment_deadline: dict[str, Any] | None = None
    alerts: list[str] = field(default_factory=list)  # accounts payable's alert codes (SPEC.md)
    duplicate_of: str | None = None  # the first copy of a duplicate invoice
    copy_of: str | None = None  # main queue when this item is a copy
    created_at: str = field(default_factory=now_iso)
    history: list[dict[str, Any]] = field(default_factory=list)
    state: str = OPEN  # open | completed | rerouted | returned (left for videocodage)
    closed_at: str | None = None
    schema: str = SCHEMA

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> "WorkItem":
        raw = json.loads(data)
        if raw.get("schema") != SCHEMA:
            raise ValueError(f"version d'élément inconnue : {raw.get('schema')}")
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    @property
    def is_open(self) -> bool:
        return self.state == OPEN


@dataclass(frozen=True)
class Entry:
    """One open item as its index key describes it: enough to list and sort a queue."""

    queue: str
    document_id: str
    priority: int
    deadline: float | None  # epoch seconds
    created: float  # epoch seconds
    type: str | None
    urgent: bool
    restricted: bool
    key: str

    @property
    def order(self) -> tuple:
        return (self.priority, self.deadline if self.deadline is not None else NO_DEADLINE,
                self.created, self.document_id)


def index_prefix(queue: str) -> str:
    return layout.queue_index(queue)


def index_key(item: WorkItem) -> str:
    deadline = epoch(item.deadline)
    created = epoch(item.created_at) or 0.0
    flags = ("r" if item.restricted else "") + ("u" if item.urgent else "") or "-"
    return (f"{index_prefix(item.queue)}{min(9, max(1, int(item.priority)))}."
            f"{int(deadline) if deadline is not None else NO_DEADLINE:010d}.{int(created * 1000):013d}."
            f"{item.document_id}.{flags}.{item.type or 'none'}")


def parse_index_key(queue: str, key: str) -> Entry | None:
    m = _INDEX.match(key[len(index_prefix(queue)):])
    if not m:
        return None
    p, deadline, created, doc_id, flags, doc_type = m.groups()
    return Entry(queue, doc_id, int(p), None if int(deadline) == NO_DEADLINE else float(deadline),
                 int(created) / 1000, None if doc_type == "none" else doc_type, "u" in flags, "r" in flags, key)


def enqueue(store: ObjectStore, item: WorkItem) -> bool:
    """Put ``item`` in its queue; False if this document was already there (nothing changes,
    except that a missing index entry of the stored open item is written again)."""
    created = store.put_if_absent(layout.queue_item(item.queue, item.document_id), item.to_json(),
                                  content_type="application/json")
    if created:
        store.put(index_key(item), b"")
        return True
    try:
        stored = get_item(store, item.queue, item.document_id)
    except ObjectNotFound:  # removed meanwhile by hand: leave it to the next attempt
        return False
    if stored.is_open:
        store.put(index_key(stored), b"")
    return False


def put_item(store: ObjectStore, item: WorkItem) -> None:
    """Overwrite an item. Only the holder of the item's claim chain head may call this."""
    store.put(layout.queue_item(item.queue, item.document_id), item.to_json(), content_type="application/json")


def get_item(store: ObjectStore, queue: str, document_id: str) -> WorkItem:
    return WorkItem.from_json(store.get(layout.queue_item(queue, document_id)))


def entries(store: ObjectStore, queue: str) -> list[Entry]:
    """The queue's open items in working order, from one LIST of the index (no GET)."""
    prefix = index_prefix(queue)
    seen: dict[str, Entry] = {}
    for key in store.list(prefix):
        e = parse_index_key(queue, key)
        if e is not None and (e.document_id not in seen or e.order < seen[e.document_id].order):
            seen[e.document_id] = e
    return sorted(seen.values(), key=lambda e: e.order)


def open_in_any(store: ObjectStore, document_id: str, queues: list[str | None]) -> bool:
    """True while the document has an open item in one of ``queues`` (None entries skipped)."""
    for queue in filter(None, queues):
        try:
            if get_item(store, queue, document_id).is_open:
                return True
        except ObjectNotFound:
            continue
    return False


def amend(store: ObjectStore, before: WorkItem, after: WorkItem) -> None:
    """Rewrite an open item in place (its type, fields, priority… changed), its index entry
    moved with it: the new entry first, so a listing never loses the item. Only the holder of
    the item's claim chain head may call this."""
    if index_key(after) != index_key(before):
        store.put(index_key(after), b"")
        put_item(store, after)
        store.delete(index_key(before))
    else:
        put_item(store, after)


def list_items(store: ObjectStore, queue: str, open_only: bool = False) -> Iterator[WorkItem]:
    """Every item object of the queue (one GET each: for audits and repairs, not for staff lists)."""
    for key in store.list(layout.queue_prefix(queue)):
        if layout.is_queue_item(queue, key):
            try:
                item = WorkItem.from_json(store.get(key))
            except ObjectNotFound:
                continue  # completed or moved meanwhile
            if item.is_open or not open_only:
                yield item


def reindex(store: ObjectStore, queue: str) -> tuple[int, int]:
    """Make the index match the items (after a crash or a manual change): (added, removed)."""
    wanted = {index_key(i) for i in list_items(store, queue, open_only=True)}
    have = set(store.list(index_prefix(queue)))
    for key in wanted - have:
        store.put(key, b"")
    for key in have - wanted:
        store.delete(key)
    return len(wanted - have), len(have - wanted)
