"""Checking the audit chain end to end, and naming the first event changed, removed or inserted.

Three witnesses, strongest last:
- the chain itself: event n+1 carries the SHA-256 of event n, and each event its own number;
- the index (when there is one): the hash it recorded for every event it took in, and how far
  it got (an edit of the last event, or a cut tail, cannot be seen from the chain alone);
- on S3, the first version of each event's copy under object lock (MD5 compared with the
  ETag that a versioned listing gives, no extra read), which nobody can delete or replace.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from storage.audit_chain import BLOCK, GENESIS, chain_key, digest, links, read_chain, read_hint
from storage.audit_lock import LockVault, md5
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore


@dataclass
class Problem:
    seq: int
    what: str  # changed | removed | inserted | moved
    message: str
    event: dict[str, Any] | None = None  # as first written when the index or the lock knows it, else as found
    found: dict[str, Any] | None = None  # as it is now in the chain


@dataclass
class VerifyReport:
    checked: int = 0
    last_seq: int = 0
    problem: Problem | None = None
    index_checked: int = 0
    lock_checked: int = 0
    lock_missing: list[int] = field(default_factory=list)
    lock_note: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.problem is None


class _Anchors:
    """What the index and the lock vault say about one block of events at a time."""

    def __init__(self, index, vault: LockVault | None):
        self.index, self.vault = index, vault
        self.block = -1
        self.hashes: dict[int, str] = {}
        self.etags: dict[int, str] = {}

    def load(self, seq: int) -> None:
        block = seq // BLOCK
        if block != self.block:
            self.block = block
            first, last = block * BLOCK, block * BLOCK + BLOCK - 1
            self.hashes = self.index.hashes(first, last) if self.index is not None else {}
            self.etags = self.vault.first_versions(block) if self.vault is not None else {}


def verify(store: ObjectStore, index=None, vault: LockVault | None = None) -> VerifyReport:
    start = time.perf_counter()
    report = VerifyReport()
    if vault is not None and not vault.available():
        report.lock_note = f"pas de copies verrouillées ({vault.why_unavailable})"
        vault = None
    anchors = _Anchors(index, vault)
    prev_hash, expected, prev_anchored, prev_body = GENESIS, 1, False, b""

    def fail(seq: int, what: str, message: str, found: dict | None = None) -> VerifyReport:
        report.problem = Problem(seq, what, message, _known_event(seq, index, vault) or found, found)
        report.seconds = time.perf_counter() - start
        return report

    for seq, key, body in read_chain(store):
        if seq is None:
            return fail(expected, "inserted", f"objet étranger inséré dans le journal : {key}")
        if seq > expected:
            return fail(expected, "removed", f"l'événement n°{expected} a été supprimé"
                        + (f" (et jusqu'au n°{seq - 1})" if seq - 1 > expected else ""))
        anchors.load(seq)
        h = digest(body)
        try:
            found_seq, found_prev = links(body)
        except ValueError:
            return fail(seq, "changed", f"l'événement n°{seq} a été modifié (contenu illisible)")
        if found_seq != seq:
            return fail(seq, "moved", f"la place n°{seq} contient l'événement n°{found_seq} : "
                        "événements déplacés ou réordonnés", _event(body))
        anchored = seq in anchors.hashes
        if anchored:
            report.index_checked += 1
            if anchors.hashes[seq] != h:
                return fail(seq, "changed", f"l'événement n°{seq} a été modifié : son empreinte ne correspond "
                            "plus à celle que l'index a enregistrée", _event(body))
        if vault is not None:
            etag = anchors.etags.get(seq)
            if etag is None:
                report.lock_missing.append(seq)
            else:
                report.lock_checked += 1
                if etag != md5(body):
                    return fail(seq, "changed", f"l'événement n°{seq} a été modifié : il diffère de sa copie "
                                "sous verrouillage (la version d'origine y est conservée)", _event(body))
        if found_prev != prev_hash:
            if seq > 1 and not prev_anchored and _next_links_to(store, seq, h):
                return fail(seq - 1, "changed", f"l'événement n°{seq - 1} a été modifié : son empreinte ne "
                            f"correspond plus à celle que cite l'événement n°{seq}", _event(prev_body))
            return fail(seq, "inserted", f"l'événement n°{seq} ne s'enchaîne pas sur le n°{seq - 1} : "
                        "modifié ou inséré", _event(body))
        prev_hash, expected, prev_anchored, prev_body = h, seq + 1, anchored, body
        report.checked += 1
    report.last_seq = expected - 1
    tail = _tail_problem(store, report.last_seq, index, vault)
    if tail is not None:
        return fail(*tail)
    report.seconds = time.perf_counter() - start
    return report


def _event(body: bytes) -> dict | None:
    try:
        event = json.loads(body)["event"]
        return event if isinstance(event, dict) else None
    except (ValueError, KeyError, TypeError):
        return None


def _next_links_to(store: ObjectStore, seq: int, h: str) -> bool:
    try:
        return links(store.get(chain_key(seq + 1)))[1] == h
    except (ObjectNotFound, ValueError):
        return False


def _tail_problem(store: ObjectStore, last: int, index, vault: LockVault | None) -> tuple | None:
    """Events that existed past the end of the chain: the index, the hint or the vault knew them."""
    witnesses = []
    if index is not None:
        witnesses.append((index.position()[0], "l'index"))
    hint = read_hint(store)
    if hint is not None:
        witnesses.append((hint, "l'indice de tête"))
    if vault is not None:
        beyond = [s for b in (last // BLOCK, last // BLOCK + 1) for s in vault.first_versions(b) if s > last]
        if beyond:
            witnesses.append((max(beyond), "les copies verrouillées"))
    for known, who in witnesses:
        if known > last:
            return (last + 1, "removed", f"fin du journal supprimée : il s'arrête au n°{last} alors que "
                    f"{who} connaissai{'en' if who.endswith('es') else ''}t l'événement n°{known}")
    return None


def _known_event(seq: int, index, vault: LockVault | None) -> dict | None:
    """The event as first written, from the lock vault or the index, to name it."""
    if vault is not None:
        try:
            body = vault.original(seq)
            if body:
                return json.loads(body)["event"]
        except Exception:  # noqa: BLE001 - naming is a courtesy
            pass
    if index is not None:
        row = index.event(seq)
        if row is not None:
            return row
    return None
