"""Claim chains: who may act on a work item, decided by create-only writes.

Each item has a chain of numbered marks, ``queues/<queue>/leases/<document_id>/<gen>``:

    1 claimed (marie, until 10:30)  2 released  3 claimed (paul, until 11:00)  4 completed

The chain's head (its highest number) says the item's state: free (no mark, ``released``,
``reopened``, or a ``claimed`` mark whose lease has expired), held (a live ``claimed`` mark),
or closed (``completed``, ``rerouted``, ``returned``). Every change is one more mark, written
with ``put_if_absent`` at head + 1: of several people acting at once on the same head,
exactly one creates that mark and the others learn that they lost. That holds for a free item
claimed by eight people at once, for an expired lease taken over by two, and for a holder
completing just as someone takes over the expired lease: whoever writes the next mark first
wins. Marks are never deleted while an item lives, so a number is never reused.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from storage import layout
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore

CLAIMED, RELEASED, REOPENED = "claimed", "released", "reopened"
TERMINAL = ("completed", "rerouted", "returned")
KINDS = (CLAIMED, RELEASED, REOPENED) + TERMINAL
_GEN = re.compile(r"/(\d{10})$")
_USER = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")


def check_user(user: str) -> str:
    if not _USER.match(user or ""):
        raise ValueError(f"identifiant de personne invalide : « {user} » (minuscules, chiffres, . _ -)")
    return user


@dataclass(frozen=True)
class Mark:
    gen: int
    kind: str
    actor: str
    at: float  # epoch seconds
    expires: float | None = None  # for claimed marks
    details: dict[str, Any] = field(default_factory=dict)

    def held(self, now: float) -> bool:
        return self.kind == CLAIMED and self.expires is not None and self.expires > now

    def held_by(self, user: str, now: float) -> bool:
        return self.held(now) and self.actor == user

    @property
    def terminal(self) -> bool:
        return self.kind in TERMINAL


def chain_prefix(queue: str, document_id: str) -> str:
    return layout.lease_chain(queue, document_id)


def mark_key(queue: str, document_id: str, gen: int) -> str:
    return f"{chain_prefix(queue, document_id)}{gen:010d}"


def head(store: ObjectStore, queue: str, document_id: str) -> Mark | None:
    """The chain's latest mark, or None for an item nobody ever touched."""
    for _ in range(5):
        keys = [k for k in store.list(chain_prefix(queue, document_id)) if _GEN.search(k)]
        if not keys:
            return None
        try:
            return _read(store.get(max(keys)))
        except ObjectNotFound:  # the chain was dropped meanwhile (item removed): look again
            continue
    return None


def chain(store: ObjectStore, queue: str, document_id: str) -> list[Mark]:
    marks = []
    for key in store.list(chain_prefix(queue, document_id)):
        if _GEN.search(key):
            try:
                marks.append(_read(store.get(key)))
            except ObjectNotFound:
                continue
    return sorted(marks, key=lambda m: m.gen)


def append(store: ObjectStore, queue: str, document_id: str, after: Mark | None, kind: str, actor: str,
           expires: float | None = None, details: dict[str, Any] | None = None,
           now: float | None = None) -> Mark | None:
    """Write the mark that follows ``after``; None if someone else wrote it first."""
    if kind not in KINDS:
        raise ValueError(kind)
    mark = Mark((after.gen if after else 0) + 1, kind, actor, time.time() if now is None else now,
                expires, dict(details or {}))
    created = store.put_if_absent(mark_key(queue, document_id, mark.gen),
                                  json.dumps(asdict(mark), ensure_ascii=False).encode(),
                                  content_type="application/json")
    return mark if created else None


def _read(data: bytes) -> Mark:
    raw = json.loads(data)
    return Mark(int(raw["gen"]), str(raw["kind"]), str(raw["actor"]), float(raw["at"]),
                None if raw.get("expires") is None else float(raw["expires"]), dict(raw.get("details") or {}))


# -- who holds what, for listings (advisory: the chain decides) ----------------------------

def holders_prefix(queue: str) -> str:
    return layout.holders(queue)


def holder_key(queue: str, document_id: str, mark: Mark) -> str:
    return f"{holders_prefix(queue)}{document_id}.{mark.gen:010d}.{int(mark.expires or 0):010d}.{mark.actor}"


@dataclass(frozen=True)
class Holder:
    document_id: str
    gen: int
    expires: float
    user: str
    key: str


def holders(store: ObjectStore, queue: str) -> dict[str, Holder]:
    """The latest holder marker of each claimed item of the queue: one LIST, no GET."""
    prefix = holders_prefix(queue)
    out: dict[str, Holder] = {}
    for key in store.list(prefix):
        parts = key[len(prefix):].split(".", 3)
        if len(parts) != 4 or not parts[1].isdigit() or not parts[2].isdigit():
            continue
        h = Holder(parts[0], int(parts[1]), float(parts[2]), parts[3], key)
        if h.document_id not in out or h.gen > out[h.document_id].gen:
            out[h.document_id] = h
    return out


def drop_holders(store: ObjectStore, queue: str, document_id: str, keep: str | None = None) -> None:
    for key in store.list(f"{holders_prefix(queue)}{document_id}."):
        if key != keep:
            store.delete(key)
