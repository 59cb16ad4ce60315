"""The mail room's day book: one empty object per document handled, its facts in its key.

    daybook/<YYYY-MM-DD>/<epoch ms>.<document id>.<status>.<pages>.<type>.<detail>

(detail: the quarantine's kind; for a duplicate, a short hash of the file received again.)

The day is Paris's. Every process that delivers a document writes its line (the station, a
Prefect worker on another machine), so one LIST of a day answers for the whole system: today's
intake, its straight-through and review rates, quarantine by reason, documents per minute
(``aiguillage status``, the metrics). Written create-only, and read once per document (per file
received again, for duplicates): a rerun after a crash does not count a document twice.
Nothing personal is in a line (no name, no file name, no field); ``prune`` drops old days and
``forget`` a purged document's lines.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from config.clock import PARIS
from storage import layout
from storage.objectstore import ObjectStore

STATUSES = ("routed", "review", "quarantined", "duplicate")
_LINE = re.compile(r"^(\d{13})\.([0-9a-f]{8,64})\.(routed|review|quarantined|duplicate)\.(\d{1,5})\."
                   r"([a-z_]{1,40})\.([a-z0-9_]{1,40}|-)$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"[^a-z0-9_]")


@dataclass(frozen=True)
class Line:
    at: float  # epoch seconds
    document_id: str
    status: str
    pages: int
    type: str | None
    detail: str | None  # the quarantine's kind; for a duplicate, which file came again


def paris_day(at: float) -> str:
    return datetime.fromtimestamp(at, PARIS).date().isoformat()


def day_prefix(day: str) -> str:
    if not _DAY.match(day):
        raise ValueError(f"jour invalide : {day!r} (attendu AAAA-MM-JJ)")
    return f"{layout.DAYBOOK}{day}/"


def line_key(line: Line) -> str:
    if line.status not in STATUSES:
        raise ValueError(f"statut inconnu : {line.status!r}")
    kind = _WORD.sub("_", line.detail.lower())[:40] if line.detail else "-"
    return (f"{day_prefix(paris_day(line.at))}{int(line.at * 1000):013d}.{layout.check_id(line.document_id)}."
            f"{line.status}.{max(0, min(99999, int(line.pages)))}.{line.type or 'none'}.{kind}")


def parse_key(key: str) -> Line | None:
    name = key.rsplit("/", 1)[-1]
    m = _LINE.match(name)
    if not m:
        return None
    ms, doc_id, status, pages, doc_type, kind = m.groups()
    return Line(int(ms) / 1000, doc_id, status, int(pages), None if doc_type == "none" else doc_type,
                None if kind == "-" else kind)


def note(store: ObjectStore, line: Line) -> bool:
    """Write the document's line (False if this document was already written today)."""
    return store.put_if_absent(line_key(line), b"", content_type="application/octet-stream")


def day_lines(store: ObjectStore, day: str) -> list[Line]:
    """The day's lines in time order, one per document and outcome (from one LIST, no GET)."""
    seen: dict[tuple, Line] = {}
    for key in store.list(day_prefix(day)):
        line = parse_key(key)
        if line is not None and (line.document_id, line.status, line.detail) not in seen:
            seen[(line.document_id, line.status, line.detail)] = line
    return sorted(seen.values(), key=lambda x: x.at)


def lines_since(store: ObjectStore, since: float, now: float | None = None) -> list[Line]:
    """Lines from ``since`` to ``now`` (epoch seconds), over as many Paris days as that spans."""
    now = time.time() if now is None else now
    first, last = date.fromisoformat(paris_day(since)), date.fromisoformat(paris_day(now))
    out: list[Line] = []
    day = first
    while day <= last:
        out.extend(x for x in day_lines(store, day.isoformat()) if since <= x.at <= now)
        day += timedelta(days=1)
    return out


def days(store: ObjectStore) -> list[str]:
    """Every day that has a line, oldest first."""
    found = set()
    for key in store.list(layout.DAYBOOK):
        rest = key[len(layout.DAYBOOK):]
        day = rest.partition("/")[0]
        if _DAY.match(day):
            found.add(day)
    return sorted(found)


def prune(store: ObjectStore, keep_days: int, now: float | None = None) -> int:
    """Delete the lines of days older than ``keep_days``; returns how many were deleted."""
    limit = (date.fromisoformat(paris_day(time.time() if now is None else now)) - timedelta(days=keep_days))
    gone = 0
    for day in days(store):
        if date.fromisoformat(day) < limit:
            for key in list(store.list(day_prefix(day))):
                store.delete(key)
                gone += 1
    return gone


def keys_of(store: ObjectStore) -> dict[str, list[str]]:
    """Every line's key by document id (one listing of the whole book: for a purge run)."""
    out: dict[str, list[str]] = {}
    for key in store.list(layout.DAYBOOK):
        line = parse_key(key)
        if line is not None:
            out.setdefault(line.document_id, []).append(key)
    return out
