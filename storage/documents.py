"""A routed document's artefacts in the store: its record, its text, its delivery marker;
and the questions retention asks of them."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Iterator

from storage import layout
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore


class UnreadableArtefact(ValueError):
    """A document's JSON artefact that is not JSON (French message)."""


def read_json(store: ObjectStore, document_id: str, name: str) -> dict:
    """A JSON artefact (``record.json``, ``text.json``, ``routed.json``); {} when absent."""
    try:
        return json.loads(store.get(layout.document(document_id, name)))
    except ObjectNotFound:
        return {}
    except ValueError:
        raise UnreadableArtefact(f"document {document_id} : {name} illisible") from None


def write_record(store: ObjectStore, document_id: str, record: dict) -> None:
    store.put(layout.document(document_id, "record.json"),
              json.dumps(record, ensure_ascii=False, indent=1).encode(), "application/json")


def recorded_before(store: ObjectStore, limit: datetime) -> Iterator[tuple[str, dict]]:
    """``(document_id, record)`` of every document whose record was last written before
    ``limit`` (one LIST, then a HEAD each and a GET for the old ones)."""
    for key in store.list(layout.DOCUMENTS):
        parts = layout.document_of(key)
        if parts is None or parts[1] != "record.json":
            continue
        if datetime.fromtimestamp(store.stat(key).modified, timezone.utc) > limit:
            continue
        try:
            yield parts[0], json.loads(store.get(key))
        except (ObjectNotFound, ValueError):
            continue  # gone meanwhile, or not ours to judge


def delete_artefacts(store: ObjectStore, document_id: str, names: tuple[str, ...]) -> list[str]:
    """Delete those of ``names`` that exist; returns the names deleted."""
    removed = []
    for name in names:
        key = layout.document(document_id, name)
        if store.exists(key):
            store.delete(key)
            removed.append(name)
    return removed
