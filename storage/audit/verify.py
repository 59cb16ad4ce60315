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

from storage.audit.chain import (
    BLOCK,
    GENESIS,
    chain_key,
    digest,
    links,
    read_chain,
    read_hint,
    split_events,
)
from storage.audit.lock import LockVault, md5
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
    """What the index says about one block of event numbers, and the lock vault about one block
    of object names, at a time."""

    def __init__(self, index, vault: LockVault | None):
        self.index, self.vault = index, vault
        self.etag_block = -1
        self.etags: dict[int, str] = {}

    def hashes_for(self, seq: int) -> dict[int, str]:
        """seq -> hash the index recorded, for the block of numbers holding ``seq``."""
        if self.index is None:
            return {}
        block = seq // BLOCK
        return self.index.hashes(block * BLOCK, block * BLOCK + BLOCK - 1)

    def etag_of(self, first: int) -> str | None:
        block = first // BLOCK
        if block != self.etag_block:
            self.etag_block = block
            self.etags = self.vault.first_versions(block)
        return self.etags.get(first)


def verify(store: ObjectStore, index=None, vault: LockVault | None = None) -> VerifyReport:
    start = time.perf_counter()
    report = VerifyReport()
    if vault is not None and not vault.available():
        report.lock_note = f"pas de copies verrouillées ({vault.why_unavailable})"
        vault = None
    anchors = _Anchors(index, vault)
    prev_hash, expected, prev_anchored, prev_line, prev_key = GENESIS, 1, False, b"", ""
    hashes: dict[int, str] = {}
    hashes_end = 0

    def fail(seq: int, what: str, message: str, found: dict | None = None, first: int | None = None
             ) -> VerifyReport:
        known = _known_event(seq, seq if first is None else first, index, vault)
        report.problem = Problem(seq, what, message, known or found, found)
        report.seconds = time.perf_counter() - start
        return report

    for first, key, body in read_chain(store):
        if first is None:
            return fail(expected, "inserted", f"objet étranger inséré dans le journal : {key}")
        if first > expected:
            return fail(expected, "removed", f"l'événement n°{expected} a été supprimé"
                        + (f" (et jusqu'au n°{first - 1})" if first - 1 > expected else ""))
        if first < expected:
            return fail(first, "inserted", f"objet inséré dans le journal : {key} (l'événement n°{first} "
                        f"est déjà dans {prev_key})", _event(split_events(body)[0]))
        lines = split_events(body)
        differs = -1  # index of the first event that differs from the object's locked copy
        if vault is not None:
            etag = anchors.etag_of(first)
            if etag is None:
                report.lock_missing.extend(range(first, first + len(lines)))
            elif etag != md5(body):
                differs = _first_difference(lines, vault.original(first))
                if differs >= len(lines):  # events cut off the end of the object
                    return fail(first + differs, "removed", f"l'événement n°{first + differs} a été "
                                "supprimé (sa copie sous verrouillage le conserve)", None, first)
            else:
                report.lock_checked += len(lines)
        for i, line in enumerate(lines):
            seq = first + i
            h = digest(line)
            try:
                found_seq, found_prev = links(line)
            except ValueError:
                return fail(seq, "changed", f"l'événement n°{seq} a été modifié (contenu illisible)", first=first)
            if found_seq != seq:
                if i > 0 and found_seq > seq and seq not in _numbers(lines):  # cut from the object
                    return fail(seq, "removed", f"l'événement n°{seq} a été supprimé"
                                + (f" (et jusqu'au n°{found_seq - 1})" if found_seq - 1 > seq else ""), first=first)
                return fail(seq, "moved", f"la place n°{seq} contient l'événement n°{found_seq} : "
                            "événements déplacés ou réordonnés", _event(line), first)
            if seq >= hashes_end:  # the index's hashes, one block of numbers at a time
                hashes = anchors.hashes_for(seq)
                hashes_end = (seq // BLOCK + 1) * BLOCK
            recorded = hashes.get(seq)
            anchored = recorded is not None
            if anchored:
                report.index_checked += 1
                if recorded != h:
                    return fail(seq, "changed", f"l'événement n°{seq} a été modifié : son empreinte ne "
                                "correspond plus à celle que l'index a enregistrée", _event(line), first)
            if i == differs:
                return fail(seq, "changed", f"l'événement n°{seq} a été modifié : il diffère de sa copie "
                            "sous verrouillage (la version d'origine y est conservée)", _event(line), first)
            if found_prev != prev_hash:
                if seq > 1 and not prev_anchored and _next_links_to(store, lines, i, seq, h):
                    return fail(seq - 1, "changed", f"l'événement n°{seq - 1} a été modifié : son empreinte "
                                f"ne correspond plus à celle que cite l'événement n°{seq}", _event(prev_line),
                                first if i else None)
                return fail(seq, "inserted", f"l'événement n°{seq} ne s'enchaîne pas sur le n°{seq - 1} : "
                            "modifié ou inséré", _event(line), first)
            prev_hash, expected, prev_anchored, prev_line = h, seq + 1, anchored, line
            report.checked += 1
        prev_key = key
    report.last_seq = expected - 1
    tail = _tail_problem(store, report.last_seq, index, vault)
    if tail is not None:
        return fail(*tail)
    report.seconds = time.perf_counter() - start
    return report


def _event(body: bytes | None) -> dict | None:
    try:
        event = json.loads(body)["event"]
        return event if isinstance(event, dict) else None
    except (ValueError, KeyError, TypeError):
        return None


def _numbers(lines: list[bytes]) -> set[int]:
    out = set()
    for line in lines:
        try:
            out.add(links(line)[0])
        except ValueError:
            pass
    return out


def _first_difference(lines: list[bytes], original: bytes | None) -> int:
    """Index of the first event of an object that differs from the original object's."""
    if not original:
        return 0
    for i, (a, b) in enumerate(zip(lines, split_events(original))):
        if a != b:
            return i
    return min(len(lines), len(split_events(original)))


def _next_links_to(store: ObjectStore, lines: list[bytes], i: int, seq: int, h: str) -> bool:
    """Does event seq+1 (next in the object, or first of the next object) cite hash ``h``?"""
    try:
        if i + 1 < len(lines):
            return links(lines[i + 1])[1] == h
        return links(split_events(store.get(chain_key(seq + 1)))[0])[1] == h
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


def _known_event(seq: int, first: int, index, vault: LockVault | None) -> dict | None:
    """The event as first written, from the lock vault (the object named ``first``) or the
    index, to name it."""
    if vault is not None:
        try:
            body = vault.original(first)
            if body:
                lines = split_events(body)
                if 0 <= seq - first < len(lines):
                    return json.loads(lines[seq - first])["event"]
        except Exception:  # noqa: BLE001 - naming is a courtesy
            pass
    if index is not None:
        row = index.event(seq)
        if row is not None:
            return row
    return None
