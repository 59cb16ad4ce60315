"""The notifications outbox: what must be told to a team, kept in the store until it is sent.

    notifications/outbox/<id>.json     waiting (or waiting to be tried again)
    notifications/claims/<id>.<n>.json the process that makes try number n (create-only)
    notifications/sent/<id>.json       sent: the record of it
    notifications/abandoned/<id>.json  given up after ``MAX_AGE``

An entry is written create-only under an id made from what it is about (a document's urgency
for a team, a team's digest of a day), so a rerun, a crash-retry or two machines never queue it
twice; a try is claimed create-only, so two processes never send it twice. The entry holds
the team and the message, never an address nor a webhook URL (those stay in the settings).
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from typing import Iterator

from storage import layout
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore

OUTBOX = f"{layout.NOTIFICATIONS}outbox/"
CLAIMS = f"{layout.NOTIFICATIONS}claims/"
SENT = f"{layout.NOTIFICATIONS}sent/"
ABANDONED = f"{layout.NOTIFICATIONS}abandoned/"
MAX_AGE = 3 * 86400.0  # seconds an entry is tried before it is given up
FIRST_WAIT, LONGEST_WAIT = 60.0, 3600.0


@dataclass
class Entry:
    id: str
    kind: str  # urgent | digest
    team: str
    subject: str
    body: str
    document_id: str | None = None
    restricted: bool = False
    created_at: float = field(default_factory=time.time)
    attempts: int = 0
    next_attempt_at: float = 0.0
    last_error: str | None = None
    done: list[str] = field(default_factory=list)  # channels already told ("email", "webhook:0"…)

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Entry":
        raw = json.loads(data)
        return cls(**{k: v for k, v in raw.items() if k in cls.__dataclass_fields__})


def entry_id(*about: str) -> str:
    return hashlib.sha256("|".join(about).encode()).hexdigest()[:32]


def _key(prefix: str, entry_id_: str) -> str:
    return f"{prefix}{layout.check_id(entry_id_)}.json"


def queue(store: ObjectStore, entry: Entry) -> bool:
    """Put ``entry`` in the outbox; False when it was queued (or sent) already."""
    if store.exists(_key(SENT, entry.id)) or store.exists(_key(ABANDONED, entry.id)):
        return False
    return store.put_if_absent(_key(OUTBOX, entry.id), entry.to_json(), "application/json")


def pending(store: ObjectStore) -> Iterator[Entry]:
    for key in store.list(OUTBOX):
        try:
            yield Entry.from_json(store.get(key))
        except (ObjectNotFound, ValueError, TypeError):
            continue  # sent meanwhile by another process, or unreadable (left for a person)


def claim(store: ObjectStore, entry: Entry) -> bool:
    """This process makes the entry's next try (False: another one does, or did)."""
    return store.put_if_absent(f"{CLAIMS}{layout.check_id(entry.id)}.{entry.attempts + 1}.json",
                               json.dumps({"at": time.time()}).encode(), "application/json")


def save(store: ObjectStore, entry: Entry) -> None:
    store.put(_key(OUTBOX, entry.id), entry.to_json(), "application/json")


def failed(store: ObjectStore, entry: Entry, error: str, now: float) -> Entry:
    """Count a failed try and set the next one: 1 min, doubling, at most an hour apart."""
    entry.attempts += 1
    entry.last_error = error[:300]
    entry.next_attempt_at = now + min(LONGEST_WAIT, FIRST_WAIT * 2 ** (entry.attempts - 1))
    save(store, entry)
    return entry


def _finish(store: ObjectStore, entry: Entry, where: str, now: float) -> None:
    record = dict(asdict(entry), finished_at=now)
    store.put(_key(where, entry.id), json.dumps(record, ensure_ascii=False).encode(), "application/json")
    store.delete(_key(OUTBOX, entry.id))
    for key in list(store.list(f"{CLAIMS}{entry.id}.")):
        store.delete(key)


def sent(store: ObjectStore, entry: Entry, now: float) -> None:
    _finish(store, entry, SENT, now)


def abandoned(store: ObjectStore, entry: Entry, now: float) -> None:
    _finish(store, entry, ABANDONED, now)


def finished(store: ObjectStore, which: str = "sent") -> list[dict]:
    prefix = SENT if which == "sent" else ABANDONED
    out = []
    for key in store.list(prefix):
        try:
            out.append(json.loads(store.get(key)))
        except (ObjectNotFound, ValueError):
            continue
    return sorted(out, key=lambda r: r.get("finished_at") or 0)
