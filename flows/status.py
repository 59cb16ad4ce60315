"""How the mail room stands: each queue's depth, oldest item and overdue items, and today's
intake with its straight-through and review rates, from the store alone (one LIST per queue
and one of today's day book), so that it tells the truth of the whole system whichever
machine asks. Used by ``aiguillage status``, the metrics and the web inbox's status page.
Counts only: nothing here names a tenant or shows a document's contents."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict, dataclass, field

from storage import daybook
from storage.queues import entries

RATE_WINDOW_SECONDS = 15 * 60  # documents and pages per minute: over the last quarter of an hour


@dataclass
class QueueState:
    queue: str
    label: str
    depth: int
    oldest_age_seconds: float | None
    overdue: int
    urgent: int
    restricted: int


@dataclass
class DayState:
    date: str
    documents: int
    pages: int
    by_status: dict[str, int]
    straight_through_rate: float | None  # routed with no person / documents read (duplicates aside)
    review_rate: float | None
    quarantined_by_reason: dict[str, int] = field(default_factory=dict)


@dataclass
class MailroomState:
    at: float
    queues: list[QueueState]
    today: DayState
    documents_per_minute: float
    pages_per_minute: float

    def to_json(self) -> dict:
        out = asdict(self)
        out["at"] = _iso(self.at)
        return out


def queue_state(store, queue: str, label: str, now: float, with_restricted: bool = True) -> QueueState:
    """``with_restricted`` False: the queue as someone who may not see restricted items sees it."""
    items = [e for e in entries(store, queue) if with_restricted or not e.restricted]
    oldest = min((e.created for e in items), default=None)
    return QueueState(
        queue=queue, label=label, depth=len(items),
        oldest_age_seconds=round(now - oldest, 1) if oldest is not None else None,
        overdue=sum(1 for e in items if e.deadline is not None and e.deadline < now),
        urgent=sum(1 for e in items if e.urgent), restricted=sum(1 for e in items if e.restricted))


def day_state(lines: list[daybook.Line], day: str) -> DayState:
    by_status = Counter(x.status for x in lines)
    read = sum(by_status[s] for s in ("routed", "review", "quarantined"))
    return DayState(
        date=day, documents=len(lines), pages=sum(x.pages for x in lines),
        by_status={s: by_status.get(s, 0) for s in daybook.STATUSES},
        straight_through_rate=round(by_status["routed"] / read, 4) if read else None,
        review_rate=round(by_status["review"] / read, 4) if read else None,
        quarantined_by_reason=dict(sorted(Counter(x.detail or "autre" for x in lines
                                                  if x.status == "quarantined").items())))


def mailroom_state(store, queues: dict[str, str], now: float | None = None) -> MailroomState:
    """``queues``: name -> French label (the taxonomy's), in the order to show them."""
    now = time.time() if now is None else now
    day = daybook.paris_day(now)
    today = daybook.day_lines(store, day)
    since = now - RATE_WINDOW_SECONDS
    recent = [x for x in today if x.at >= since]
    if daybook.paris_day(since) != day:  # just after midnight: yesterday's last minutes count too
        recent = daybook.lines_since(store, since, now)
    minutes = RATE_WINDOW_SECONDS / 60
    return MailroomState(
        at=now, queues=[queue_state(store, q, label, now) for q, label in queues.items()],
        today=day_state(today, day),
        documents_per_minute=round(sum(1 for x in recent if x.status != "duplicate") / minutes, 3),
        pages_per_minute=round(sum(x.pages for x in recent) / minutes, 3))


def _iso(at: float) -> str:
    from config.clock import iso

    return iso(at)


def shown_age(seconds: float | None) -> str:
    """An age as staff read it: « 3 min », « 5 h 12 », « 2 j 4 h »; « - » for none."""
    if seconds is None:
        return "-"
    s = max(0, int(seconds))
    if s < 3600:
        return f"{s // 60} min"
    if s < 86400:
        return f"{s // 3600} h {s % 3600 // 60:02d}"
    return f"{s // 86400} j {s % 86400 // 3600} h"


def shown_rate(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.1f} %".replace(".", ",")


QUARANTINE_REASONS = {  # the quarantine kinds of extractors/ and flows/, as staff name them
    "corrupt": "fichier endommagé", "encrypted": "chiffré", "empty": "fichier vide", "no_pages": "sans page",
    "blank": "page blanche", "not_a_document": "pas un document", "ocr_failed": "lecture impossible",
    "unexpected": "erreur inattendue", "unsupported": "format non pris en charge", "too_large": "trop volumineux",
    "too_small": "trop petit", "too_slow": "lecture trop longue", "bomb": "bombe de décompression",
    "archive": "archive", "link": "lien", "not_regular": "pas un fichier ordinaire", "changed": "modifié pendant la lecture",
    "refused": "refusé", "unreadable": "illisible",
}
