"""Team queues: work items as versioned JSON envelopes, one object per document per queue.

Enqueueing is idempotent: the item's key is the document's id, written create-only, so
routing the same document again never makes a second item.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterator

from storage import layout
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore

SCHEMA = "aiguillage.work-item/1"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


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
    copy_of: str | None = None  # main queue when this item is a copy
    created_at: str = field(default_factory=now_iso)
    history: list[dict[str, Any]] = field(default_factory=list)
    schema: str = SCHEMA

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> "WorkItem":
        raw = json.loads(data)
        if raw.get("schema") != SCHEMA:
            raise ValueError(f"version d'élément inconnue : {raw.get('schema')}")
        return cls(**raw)


def enqueue(store: ObjectStore, item: WorkItem) -> bool:
    """Put ``item`` in its queue; False if this document was already there."""
    return store.put_if_absent(layout.queue_item(item.queue, item.document_id), item.to_json(),
                               content_type="application/json")


def get_item(store: ObjectStore, queue: str, document_id: str) -> WorkItem:
    return WorkItem.from_json(store.get(layout.queue_item(queue, document_id)))


def list_items(store: ObjectStore, queue: str) -> Iterator[WorkItem]:
    for key in store.list(layout.queue_prefix(queue)):
        if key.endswith(".json"):
            try:
                yield WorkItem.from_json(store.get(key))
            except ObjectNotFound:
                continue  # completed or moved meanwhile
