"""What the pages show, computed from storage: a team's listing with its filters, the queue
sizes, today's flow (from the audit index) and the small SVG charts drawn from them."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from markupsafe import Markup

from config.clock import PARIS, paris, shown
from inbox.payables_view import ap_queue, discount_text, row_alerts
from storage import queues
from storage.errors import ObjectNotFound, StorageError
from storage.workitems import Member, list_queue

MAX_LISTED = 300  # items read for one page of a listing


@dataclass
class Row:
    document_id: str
    type: str | None
    type_label: str
    priority: int
    deadline: float | None
    created: float
    urgent: bool
    restricted: bool
    overdue: bool
    holder: str | None
    holder_until: float | None
    supplier: str
    residence: str
    status: str
    reason: str | None
    copy_of: str | None
    alerts: list[str] = field(default_factory=list)  # accounts payable's alerts still open
    duplicate_of: str | None = None
    terms: str = ""  # building, cost centre, discount of an invoice, when known


def listing(rt, member: Member, now: float | None = None) -> list[Row]:
    """The team's open items in working order, each with what the filters need."""
    now = time.time() if now is None else now
    payable = member.queue == ap_queue(rt)  # alerts and terms are accounts payable's alone
    rows = []
    for line in list_queue(rt.store, member, now)[:MAX_LISTED]:
        e = line.entry
        try:
            item = queues.get_item(rt.store, member.queue, e.document_id)
        except (ObjectNotFound, ValueError):
            continue  # moved meanwhile
        fields = item.fields or {}
        tenant = rt.registries.tenant_by_reference(str(fields.get("tenant_reference") or ""))
        label = rt.taxonomy.types[e.type].label if e.type in rt.taxonomy.types else "—"
        rows.append(Row(e.document_id, e.type, label, e.priority, e.deadline, e.created, e.urgent, e.restricted,
                        e.deadline is not None and e.deadline < now, line.holder, line.expires,
                        str(fields.get("supplier_name") or ""), tenant.residence if tenant else "",
                        item.status, item.reason, item.copy_of,
                        row_alerts(rt, e.document_id, item.alerts) if payable else [],
                        item.duplicate_of if payable else None, _terms(item) if payable else ""))
    return rows


def _terms(item) -> str:
    building, centre = getattr(item, "building", None), getattr(item, "cost_centre", None)
    discount = discount_text(getattr(item, "early_payment_discount", None))
    parts = [f"bât. {building}" if building else "", f"CC {centre}" if centre else "",
             f"escompte {discount}" if discount else ""]
    return " · ".join(p for p in parts if p)


def filter_rows(rows: list[Row], doc_type: str = "", residence: str = "", supplier: str = "",
                overdue: bool = False, with_alerts: bool = False) -> list[Row]:
    return [r for r in rows
            if (not doc_type or r.type == doc_type) and (not residence or r.residence == residence)
            and (not supplier or r.supplier == supplier) and (not overdue or r.overdue)
            and (not with_alerts or r.alerts)]


def options(rows: list[Row]) -> dict[str, list]:
    return {"types": sorted({(r.type, r.type_label) for r in rows if r.type}, key=lambda t: t[1]),
            "residences": sorted({r.residence for r in rows if r.residence}),
            "suppliers": sorted({r.supplier for r in rows if r.supplier})}


def queue_sizes(rt, members: list[Member]) -> list[tuple[str, str, int]]:
    """(team, label, open items) for each of the person's teams: one LIST each."""
    out = []
    for m in members:
        n = len(list_queue(rt.store, m))
        out.append((m.team, rt.taxonomy.queues.get(m.team, m.team), n))
    return out


class FlowCounter:
    """Items that arrived in and left a team's queue today, per hour, from the audit index
    (synchronised with the chain at most every ``ttl`` seconds)."""

    def __init__(self, ttl: float = 20.0):
        self.ttl = ttl
        self._lock = threading.Lock()
        self._index = None
        self._synced = 0.0
        self._cache: dict[str, tuple[float, tuple[list[int], list[int]] | None]] = {}

    def today(self, rt, team: str) -> tuple[list[int], list[int]] | None:
        now = time.time()
        hit = self._cache.get(team)
        if hit and now - hit[0] < self.ttl:
            return hit[1]
        try:
            result = self._count(rt, team)
        except (StorageError, OSError, ValueError) as exc:  # the chart is a convenience
            import logging

            logging.getLogger("aiguillage.web").warning("flux du jour indisponible : %s", exc)
            result = None
        self._cache[team] = (now, result)
        return result

    def _count(self, rt, team: str) -> tuple[list[int], list[int]]:
        from storage.audit.index import AuditIndex, default_url
        from storage.audit.query import Filters, query

        with self._lock:
            url = default_url(rt.settings)
            if self._index is None or self._index.url != url:
                self._index = AuditIndex(url)
                self._synced = 0.0
            if time.time() - self._synced > self.ttl:
                self._index.sync(rt.store)
                self._synced = time.time()
            day = datetime.now(PARIS).date().isoformat()
            rows = query(self._index, Filters(team=team, since=day))
        received, done = [0] * 24, [0] * 24
        for r in rows:
            try:
                hour = paris(r["at"]).hour
            except (ValueError, AttributeError):
                continue
            kind, q, other = r["kind"], r.get("queue"), r.get("other_queue")
            if (kind in ("routed", "copied") and q == team) or \
                    (kind in ("rerouted", "returned_to_review") and q == team):
                received[hour] += 1
            elif (kind == "completed" and q == team) or \
                    (kind in ("rerouted", "returned_to_review") and other == team):
                done[hour] += 1
        return received, done

    def close(self) -> None:
        if self._index is not None:
            self._index.close()


def flow_chart(received: list[int], done: list[int]) -> Markup:
    """Two bars per hour (arrived, handled), 7 h to 20 h plus whatever happened outside."""
    hours = [h for h in range(24) if 7 <= h <= 20 or received[h] or done[h]]
    top = max([1] + received + done)
    bw, gap, height = 7, 6, 60
    width = len(hours) * (2 * bw + gap)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height + 14}" width="{width}" height="{height + 14}" '
             f'role="img" aria-label="Flux du jour : reçus et traités par heure">']
    for i, h in enumerate(hours):
        x = i * (2 * bw + gap)
        for j, (n, cls, what) in enumerate(((received[h], "bar-in", "reçu"), (done[h], "bar-out", "traité"))):
            bh = round(height * n / top)
            parts.append(f'<rect class="{cls}" x="{x + j * bw}" y="{height - bh}" width="{bw - 1}" height="{bh}">'
                         f'<title>{h} h : {n} {what}{"s" if n > 1 else ""}</title></rect>')
        if h % 2 == 0:
            parts.append(f'<text x="{x + bw}" y="{height + 12}" text-anchor="middle">{h}h</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def sizes_chart(sizes: list[tuple[str, str, int]], current: str) -> Markup:
    top = max([1] + [n for _, _, n in sizes])
    row, width = 18, 160
    parts = [f'<svg class="chart sizes" viewBox="0 0 {width + 40} {row * len(sizes)}" width="{width + 40}" '
             f'height="{row * len(sizes)}" role="img" aria-label="Taille des files">']
    for i, (team, label, n) in enumerate(sizes):
        w = max(1, round(width * n / top)) if n else 0
        cls = "bar-cur" if team == current else "bar-size"
        parts.append(f'<rect class="{cls}" x="0" y="{i * row + 3}" width="{w}" height="{row - 6}">'
                     f'<title>{escape(label)} : {n}</title></rect>'
                     f'<text x="{w + 4}" y="{i * row + row - 5}">{n}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def hm(t: float | None) -> str:
    return shown(t, "%d/%m %H:%M", empty="—")
