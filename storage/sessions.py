"""Web sessions kept in the object store, so that every web process sharing the store (on one
machine or several) and a restarted one agree on who is signed in.

A record is stored under the SHA-256 of the session's token (``layout.session``): the token
the browser holds in its cookie is in no key and no record, so a listing of the store gives
nobody a way in. A record holds the login, the session's CSRF token, when it was opened and
last seen, and the account's stamp at sign-in (the web app ends the session when it changes).

Records are rewritten whole (the stores have no compare-and-swap): a ``seen`` refreshed by one
process at the very moment another deletes the record could bring it back; the web app only
refreshes ``seen`` once a minute, and the account's stamp still ends such a session when the
account changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Iterator

from storage import layout
from storage.objectstore import ObjectStore, read_mapping

VERSION = 1


@dataclass
class SessionRecord:
    login: str
    csrf: str
    created: float  # epoch seconds
    seen: float
    stamp: str = ""  # the account's stamp when the session was opened

    def expired(self, now: float, idle_seconds: float, max_seconds: float) -> bool:
        return now - self.seen > idle_seconds or now - self.created > max_seconds


def session_id(token: str) -> str:
    """The id a session is stored under: the SHA-256 of its token (whatever text it is)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def save(store: ObjectStore, token: str, record: SessionRecord) -> None:
    body = json.dumps({"v": VERSION, **asdict(record)}, sort_keys=True).encode()
    store.put(layout.session(session_id(token)), body, "application/json")


def load(store: ObjectStore, token: str) -> SessionRecord | None:
    """The session of ``token``; None when there is none (or its record is unreadable)."""
    return _parse(read_mapping(store, layout.session(session_id(token))))


def delete(store: ObjectStore, token: str) -> None:
    store.delete(layout.session(session_id(token)))


def records(store: ObjectStore) -> Iterator[tuple[str, SessionRecord | None]]:
    """``(session id, record)`` of every stored session; None for an unreadable record."""
    for key in list(store.list(layout.SESSIONS)):
        sid = layout.session_of(key)
        if sid is not None:
            yield sid, _parse(read_mapping(store, key))


def purge(store: ObjectStore, now: float, idle_seconds: float, max_seconds: float) -> int:
    """Delete the expired sessions (and unreadable records); how many were deleted."""
    gone = 0
    for sid, record in records(store):
        if record is None or record.expired(now, idle_seconds, max_seconds):
            store.delete(layout.session(sid))
            gone += 1
    return gone


def delete_for(store: ObjectStore, login: str) -> int:
    """Delete every session of ``login``; how many there were."""
    gone = 0
    for sid, record in records(store):
        if record is not None and record.login == login:
            store.delete(layout.session(sid))
            gone += 1
    return gone


def _parse(data: dict | None) -> SessionRecord | None:
    if not data:
        return None
    try:
        record = SessionRecord(str(data["login"]), str(data["csrf"]), float(data["created"]),
                               float(data["seen"]), str(data.get("stamp") or ""))
    except (KeyError, TypeError, ValueError):
        return None
    return record if record.login and record.csrf else None
