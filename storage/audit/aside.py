"""Personal details kept aside: what an audit event says that may name or describe a person
lives in a side object per event, outside the hash chain and its locked copies, so it can be
erased while the event keeps its place in the chain.

    audit/aside/<event id>.json    {"event_id": …, "values": {path: value}}

``split`` (used by ``record``) turns an event's details into what the chain holds:
- ``tenant_reference`` (and a correction's old/new values of it) becomes a pseudonym
  (storage/audit/subjects.py);
- free texts (reason, motif, note, comment, message), file names, names, e-mail, phone, IBAN,
  addresses, client addresses and a correction's old/new values of *any* field go aside: the
  chain keeps ``•••`` in their place and ``"aside": [paths]`` (``reason``, ``changes.tenant_name``:
  names only, never values);
- document content (text, content, body, page_text, words) is masked and kept nowhere: the
  document holds it.

``readable`` does the reverse for readers (``events``, the audit queries): the side values put
back while the side object exists, the tenant references shown while their pseudonym is
known. Once ``forget_aside`` has removed the side object, ``•••`` is all there is.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable

from storage import layout
from storage.audit.subjects import reference_of
from storage.objectstore import ObjectStore, read_mapping

MASK = "•••"
MARKER = "aside"
TENANT = "tenant_reference"
CONTENT_KEYS = frozenset({"text", "content", "body", "page_text", "words"})
ASIDE_KEYS = frozenset({
    "reason", "motif", "note", "notes", "comment", "comments", "message", "filename", "file",
    "name", "names", "tenant_name", "email", "phone", "iban", "address", "postal_code", "client",
})
MAX_ASIDE_TEXT = 2000


def _empty(value: Any) -> bool:
    return value in (None, "", [], {})


def split(details: dict[str, Any], pseudonym: Callable[[Any], str | None]
          ) -> tuple[dict[str, Any], dict[str, Any]]:
    """(what the chain holds, what goes aside) for an event's details; ``pseudonym(reference)``
    gives a tenant reference's pseudonym."""
    chained: dict[str, Any] = {}
    aside: dict[str, Any] = {}
    for key, value in details.items():
        key = str(key)
        if key == MARKER:  # a caller's own "aside" key would read as the marker: kept aside
            aside[key], chained[key + "_"] = value, MASK
        elif key == TENANT:
            chained[key] = value if _empty(value) else pseudonym(value)
        elif key == "changes" and isinstance(value, dict):
            changes = {}
            for name, change in value.items():
                name = str(name)
                if name == TENANT and isinstance(change, dict):
                    changes[name] = {k: v if _empty(v) else pseudonym(v) for k, v in change.items()}
                elif _empty(change) or (isinstance(change, dict) and all(_empty(v) for v in change.values())):
                    changes[name] = change
                else:
                    aside[f"changes.{name}"] = _cut(change)
                    changes[name] = ({k: v if _empty(v) else MASK for k, v in change.items()}
                                     if isinstance(change, dict) else MASK)
            chained[key] = changes
        elif key in CONTENT_KEYS and not _empty(value):
            chained[key] = MASK
        elif key in ASIDE_KEYS and not _empty(value):
            aside[key], chained[key] = _cut(value), MASK
        else:
            chained[key] = value
    if aside:
        chained[MARKER] = sorted(aside)
    return chained, aside


def _cut(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_ASIDE_TEXT:
        return value[:MAX_ASIDE_TEXT] + "…"
    if isinstance(value, dict):
        return {str(k): _cut(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_cut(v) for v in value]
    return value


# -- the side objects ---------------------------------------------------------------------

def write_aside(store: ObjectStore, event_id: str, values: dict[str, Any]) -> None:
    store.put(layout.audit_aside(event_id),
              json.dumps({"event_id": event_id, "values": values}, ensure_ascii=False, sort_keys=True).encode("utf-8"),
              content_type="application/json")


def read_aside(store: ObjectStore, event_id: str) -> dict[str, Any] | None:
    """The side values of an event; None when there are none (never written, or erased)."""
    found = read_mapping(store, layout.audit_aside(event_id))
    values = (found or {}).get("values")
    return values if isinstance(values, dict) and (found or {}).get("event_id") == event_id else None


def forget_aside(store: ObjectStore, event_ids: Iterable[str]) -> int:
    """Erase the personal details of these events (their side objects); returns how many there
    were. The events stay in the chain, with ``•••`` where those details were."""
    gone = 0
    for event_id in dict.fromkeys(e for e in event_ids if e):
        key = layout.audit_aside(event_id)
        if store.exists(key):
            store.delete(key)
            gone += 1
    return gone


# -- reading ------------------------------------------------------------------------------

class Reader:
    """Puts side values back and shows tenant references, for many events (pseudonyms looked up
    once each)."""

    def __init__(self, store: ObjectStore):
        self.store = store
        self._refs: dict[str, str | None] = {}

    def reference(self, value: Any) -> Any:
        """The tenant reference behind a pseudonym while it is known; anything else as it is."""
        if not layout.is_pseudonym(value):
            return value
        if value not in self._refs:
            self._refs[value] = reference_of(self.store, value)
        return self._refs[value] or value

    def details(self, event_id: str, details: Any) -> Any:
        """An event's details as recorded (minus what was erased since)."""
        if not isinstance(details, dict):
            return details
        out = dict(details)
        paths = out.pop(MARKER, None)
        changes = out.get("changes")
        if isinstance(changes, dict):
            changes = out["changes"] = dict(changes)
        if isinstance(paths, list) and paths:
            values = read_aside(self.store, event_id) or {}
            for path in paths:
                if path not in values:
                    continue
                if path == MARKER:
                    out.pop(MARKER + "_", None)
                    out[MARKER] = values[path]
                elif path.startswith("changes.") and isinstance(changes, dict):
                    changes[path[len("changes."):]] = values[path]
                else:
                    out[path] = values[path]
        if TENANT in out:
            out[TENANT] = self.reference(out[TENANT])
        if isinstance(changes, dict) and isinstance(changes.get(TENANT), dict):
            changes[TENANT] = {k: self.reference(v) for k, v in changes[TENANT].items()}
        return out


def has_aside(details: Any) -> bool:
    return isinstance(details, dict) and bool(details.get(MARKER))
