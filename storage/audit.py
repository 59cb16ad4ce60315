"""Audit events, written as one immutable object each.

Every step the pipeline takes and every look a person has is one event: what happened, to
which document, by whom, when. Personal data stays out of events beyond what queries need.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator

from storage.objectstore import ObjectStore
from storage.queues import now_iso

PREFIX = "audit/events/"
PIPELINE = "pipeline"


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
    key = f"{PREFIX}{event.at.replace(':', '')}-{event.event_id}.json"
    store.put_if_absent(key, json.dumps(asdict(event), ensure_ascii=False).encode("utf-8"),
                        content_type="application/json")
    return key


def events(store: ObjectStore, document_id: str | None = None) -> Iterator[AuditEvent]:
    for key in store.list(PREFIX):
        event = AuditEvent(**json.loads(store.get(key)))
        if document_id is None or event.document_id == document_id:
            yield event
