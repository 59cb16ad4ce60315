"""The export journal: each validated invoice handed to accounting once, and only once, even
when an export stops half-way and is run again, or two are started at once.

    exports/lock.json                  one export at a time; a lock older than its expiry is
                                       taken over (its holder died)
    exports/runs/<run>/started.json    the run's candidates, written before any claim
    exports/journal/<document>.json    create-only: the invoice belongs to that run, for ever
    exports/runs/<run>/<file>          the run's files (CSV, one CII XML per invoice)
    exports/runs/<run>/done.json       written last: the run is complete

A run that has ``started.json`` and no ``done.json`` died: the next export completes it first,
with exactly the invoices its journal entries name, and under the same run id, so its files
come out once with the same names.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from storage import layout
from storage.objectstore import ObjectStore, read_mapping

STARTED = "started.json"
DONE = "done.json"


class ExportBusy(Exception):
    """Another export holds the lock."""

    def __init__(self, holder: str, until: str):
        super().__init__(f"un autre export est en cours ({holder}, jusqu'à {until} au plus tard)")
        self.holder, self.until = holder, until


def _json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


_read = read_mapping


def new_run_id(now: datetime | None = None) -> str:
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}"


# -- the lock --------------------------------------------------------------------------

@dataclass(frozen=True)
class Lock:
    token: str


def acquire(store: ObjectStore, holder: str, minutes: float, now: datetime | None = None) -> Lock:
    """Take the export lock for ``minutes``; ExportBusy if someone else holds it unexpired."""
    now = now or datetime.now(timezone.utc)
    token = secrets.token_hex(8)
    entry = {"holder": holder, "token": token, "until": (now + timedelta(minutes=minutes)).isoformat()}
    for _ in range(2):
        if store.put_if_absent(layout.EXPORT_LOCK, _json(entry), "application/json"):
            return Lock(token)
        held = _read(store, layout.EXPORT_LOCK) or {}
        until = str(held.get("until") or "")
        try:
            expired = datetime.fromisoformat(until) <= now
        except ValueError:
            expired = True  # unreadable: its holder wrote half of it and died
        if not expired:
            raise ExportBusy(str(held.get("holder") or "?"), until)
        store.delete(layout.EXPORT_LOCK)
    raise ExportBusy("?", "")


def release(store: ObjectStore, lock: Lock) -> None:
    held = _read(store, layout.EXPORT_LOCK) or {}
    if held.get("token") == lock.token:
        store.delete(layout.EXPORT_LOCK)


# -- runs and the journal --------------------------------------------------------------

def start_run(store: ObjectStore, run_id: str, candidates: list[str], actor: str, formats: list[str]) -> None:
    store.put(layout.export_file(run_id, STARTED),
              _json({"run": run_id, "actor": actor, "candidates": candidates, "formats": formats,
                     "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}), "application/json")


def claim(store: ObjectStore, document_id: str, run_id: str) -> bool:
    """Hand ``document_id`` to ``run_id``; False if an export already has it."""
    return store.put_if_absent(layout.export_claim(document_id),
                               _json({"document_id": document_id, "run": run_id,
                                      "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}),
                               "application/json")


def claimed_by(store: ObjectStore, document_id: str) -> str | None:
    """The run an invoice was exported by; None if never."""
    entry = _read(store, layout.export_claim(document_id))
    return str(entry["run"]) if entry and entry.get("run") else None


def put_file(store: ObjectStore, run_id: str, name: str, data: bytes, content_type: str) -> None:
    store.put(layout.export_file(run_id, name), data, content_type)


def finish_run(store: ObjectStore, run_id: str, documents: list[str], files: list[str]) -> None:
    store.put(layout.export_file(run_id, DONE),
              _json({"run": run_id, "documents": documents, "files": files,
                     "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}), "application/json")


def started(store: ObjectStore, run_id: str) -> dict | None:
    return _read(store, layout.export_file(run_id, STARTED))


def finished(store: ObjectStore, run_id: str) -> dict | None:
    return _read(store, layout.export_file(run_id, DONE))


def runs(store: ObjectStore) -> dict[str, set[str]]:
    """Every run and the names of its files."""
    out: dict[str, set[str]] = {}
    for key in store.list(layout.EXPORT_RUNS):
        parts = layout.export_runs_of(key)
        if parts:
            out.setdefault(parts[0], set()).add(parts[1])
    return out


def unfinished(store: ObjectStore) -> list[str]:
    """Runs that started and never finished, oldest first."""
    return sorted(run for run, names in runs(store).items() if STARTED in names and DONE not in names)


def get_file(store: ObjectStore, run_id: str, name: str) -> bytes:
    return store.get(layout.export_file(run_id, name))
