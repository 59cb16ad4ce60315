"""Files pushed by a scanning station into the store, waiting to be routed, and the markers
that hand each of them to exactly one worker.

``aiguillage push`` (or the dispatcher, from the hot folder) puts a file under ``intake/``; a
round of intake, or a worker's flow run, fetches it to local disk, routes it, then clears it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from storage import layout
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore

REDISPATCH_AFTER_SECONDS = 15 * 60


def push(store: ObjectStore, path: Path, sha256: str) -> tuple[str, bool]:
    """Put a file in the intake; False when that exact file is already waiting."""
    key = layout.intake(sha256, path.name)
    if store.exists(key):
        return key, False
    store.put_file(key, path, metadata={"filename": path.name})  # streamed, whatever the size
    return key, True


def pending(store: ObjectStore) -> list[str]:
    """The keys of the pushed files waiting, oldest name first."""
    return [k for k in store.list(layout.INTAKE) if layout.intake_of(k) is not None]


def fetch(store: ObjectStore, key: str, folder: Path) -> Path:
    """Copy a pushed file to ``folder/<sha256>/<its name>`` on local disk."""
    parts = layout.intake_of(key)
    if parts is None:
        raise ValueError(f"pas un fichier déposé : {key!r}")
    sha, name = parts
    target = folder / sha / Path(name).name
    target.parent.mkdir(parents=True, exist_ok=True)
    store.get_file(key, target)
    return target


def clear(store: ObjectStore, key: str) -> None:
    """The file is routed: it leaves the intake, with its dispatch marker if any."""
    store.delete(key)
    store.delete(layout.dispatch_marker(key))


def claim_for_dispatch(store: ObjectStore, key: str, now: float | None = None) -> bool:
    """True if this dispatcher may send ``key``: never sent, or sent so long ago that its
    run must have died (then it is sent again; routing is idempotent)."""
    now = time.time() if now is None else now
    marker = layout.dispatch_marker(key)
    body = json.dumps({"key": key, "at": now}).encode()
    if store.put_if_absent(marker, body, "application/json"):
        return True
    try:
        sent = json.loads(store.get(marker))["at"]
    except (ObjectNotFound, ValueError, KeyError):
        return False
    if now - sent < REDISPATCH_AFTER_SECONDS:
        return False
    store.delete(marker)
    return store.put_if_absent(marker, body, "application/json")
