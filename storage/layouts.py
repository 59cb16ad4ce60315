"""Where each supplier prints its fields, as validated documents taught it (issue 16, supplier
memory), kept in the object store so that every process and machine sharing it reads the next
document of that supplier from the same places.

    learned/layouts/<supplier id>.json
        {"supplier_id", "types": {<document type>: {"fields": {name: place}, who taught it, when}},
         the last lesson's who and when}

Per document type: a supplier's credit note is not laid out as its invoices. A place is what
``extractors/layout_memory.learn`` gives (anchor words, direction, boxes); this module only
keeps it. A later lesson replaces the places of the fields it found and keeps the others. The
supplier id is the registry's (``F0001``) or a learned one (``L-732829320``).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from typing import Any

from storage import layout
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore, delete_if_present, read_mapping


VERSION = 1
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")


def _key(supplier_id: str) -> str:
    """A registry's own ids may hold any character: those are named by a hash."""
    safe = supplier_id if _SAFE.match(supplier_id or "") else "h-" + hashlib.sha256(
        (supplier_id or "").encode("utf-8")).hexdigest()[:32]
    return layout.learned_layout(safe)


def get_layout(store: ObjectStore, supplier_id: str) -> dict | None:
    """The supplier's learned layout entry, or None (none, or unreadable: logged)."""
    entry = read_mapping(store, _key(supplier_id))
    return entry if entry is not None and _well_formed(entry) else None


def _well_formed(entry: Any) -> bool:
    return (isinstance(entry, dict) and bool(entry.get("supplier_id")) and isinstance(entry.get("types"), dict)
            and all(isinstance(v, dict) and isinstance(v.get("fields"), dict) for v in entry["types"].values()))


def places_by_type(entry: dict) -> dict[str, dict[str, dict]]:
    """``{document type: {field: place}}`` of a layout entry."""
    return {t: dict(v["fields"]) for t, v in entry["types"].items()}


def field_names(entry: dict) -> list[str]:
    """Every field whose place is known, whatever the type."""
    return sorted({name for v in entry["types"].values() for name in v["fields"]})


def save_layout(store: ObjectStore, supplier_id: str, doc_type: str, places: dict[str, dict[str, Any]],
                document_id: str, actor: str, at: str | None = None) -> dict | None:
    """Keep the places of the fields ``places`` names for ``supplier_id``'s documents of
    ``doc_type``; the entry stored, or None when there was nothing to keep."""
    if not places:
        return None
    at = at or datetime.now(timezone.utc).isoformat(timespec="seconds")
    old = get_layout(store, supplier_id) or {"types": {}}
    types = {t: dict(v) for t, v in old["types"].items()}
    fields = dict((types.get(doc_type) or {}).get("fields") or {})
    fields.update(places)
    types[doc_type] = {"fields": fields, "learned_from": document_id, "learned_by": actor, "learned_at": at}
    entry = {"version": VERSION, "supplier_id": supplier_id, "types": types, "learned_from": document_id,
             "learned_by": actor, "learned_at": at, "first_learned_at": old.get("first_learned_at") or at}
    store.put(_key(supplier_id), json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8"), "application/json")
    return entry


def forget_layout(store: ObjectStore, supplier_id: str) -> bool:
    """Remove what was learned of the supplier's layout; True if there was something."""
    return delete_if_present(store, _key(supplier_id))


def list_layouts(store: ObjectStore) -> list[dict]:
    out = []
    for key in store.list(layout.LEARNED_LAYOUTS):
        if not layout.is_learned_entry(layout.LEARNED_LAYOUTS, key):
            continue
        try:
            entry = json.loads(store.get(key))
        except (ObjectNotFound, ValueError):
            continue
        if _well_formed(entry):
            out.append(entry)
    return out
