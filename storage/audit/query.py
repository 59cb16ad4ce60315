"""Questions to the audit index: a document's story, a tenant's, a supplier's, a team's, a
person's, by event kind and time range. Every answer is in chain order (``seq``).

A document's story includes the events about the file it came from (received, split), found
through the file's SHA-256. A tenant's or a supplier's events are those of every document
linked to them (by the ``extracted`` event or a correction) plus events naming them directly.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from config.clock import PARIS
from storage.audit.aside import Reader, has_aside
from storage.audit.index import AuditIndex, as_event, documents, events, normalise_time
from storage.audit.subjects import normalise, pseudonym_for
from storage.objectstore import ObjectStore

LOCAL = PARIS  # dates typed by people are Paris dates

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BadFilter(ValueError):
    """A filter value that cannot be understood (French message)."""


@dataclass
class Filters:
    document: str | None = None
    tenant: str | None = None
    supplier: str | None = None  # supplier id, SIRET (14 digits) or SIREN (9 digits)
    team: str | None = None
    actor: str | None = None
    kinds: list[str] = field(default_factory=list)
    since: str | None = None  # ISO date (local day) or time
    until: str | None = None  # inclusive for a date
    limit: int | None = None
    latest: bool = False  # with limit: the last ``limit`` events rather than the first

    def empty(self) -> bool:
        return not any((self.document, self.tenant, self.supplier, self.team, self.actor, self.kinds,
                        self.since, self.until))


def query(index: AuditIndex, f: Filters, store: ObjectStore | None = None) -> list[dict[str, Any]]:
    """The events matching ``f``. With the ``store`` the index was built from, a tenant is found
    through its pseudonym (storage/audit/subjects.py: nothing once forgotten) and each event's
    side details and tenant reference are put back (storage/audit/aside.py); without it, rows
    are as the chain holds them (pseudonyms, ``•••``) and ``tenant`` matches them as given."""
    conditions = []
    if f.document:
        conditions.append(_story(index, f.document))
    if f.tenant:
        names = tenant_names(f.tenant, store)
        linked = sa.select(documents.c.document_id).where(documents.c.tenant_reference.in_(names))
        conditions.append(sa.or_(events.c.document_id.in_(linked), events.c.tenant_reference.in_(names)))
    if f.supplier:
        conditions.append(_supplier(f.supplier.replace(" ", "")))
    if f.team:
        conditions.append(sa.or_(events.c.queue == f.team, events.c.other_queue == f.team))
    if f.actor:
        conditions.append(events.c.actor == f.actor)
    if f.kinds:
        conditions.append(events.c.kind.in_(list(f.kinds)))
    if f.since:
        conditions.append(events.c.at >= time_bound(f.since, end=False))
    if f.until:
        bound = time_bound(f.until, end=True)
        conditions.append(events.c.at < bound if _DATE.match(f.until.strip()) else events.c.at <= bound)
    order = events.c.seq.desc() if f.latest else events.c.seq
    stmt = sa.select(events).where(sa.and_(sa.true(), *conditions)).order_by(order)
    if f.limit:
        stmt = stmt.limit(f.limit)
    with index.engine.connect() as conn:
        rows = [as_event(r) for r in conn.execute(stmt).mappings()]
    if store is not None:
        rows = readable(store, rows)
    return rows[::-1] if f.latest else rows


def tenant_names(tenant: str, store: ObjectStore | None) -> list[str]:
    """What the index may hold for a tenant: its pseudonym while known, and the reference as
    typed (events written before pseudonyms, or a pseudonym given as is)."""
    names = [tenant.replace(" ", ""), normalise(tenant)]
    if store is not None:
        pseudonym = pseudonym_for(store, tenant)
        if pseudonym:
            names.append(pseudonym)
    return list(dict.fromkeys(n for n in names if n))


def readable(store: ObjectStore, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Index rows with their side details put back and tenant references shown (parallel reads
    on S3)."""
    reader = Reader(store)

    def one(row: dict[str, Any]) -> dict[str, Any]:
        out = dict(row)
        out["details"] = reader.details(str(row.get("event_id") or ""), row.get("details"))
        out["tenant_reference"] = reader.reference(row.get("tenant_reference"))
        return out

    if store.name == "s3" and sum(1 for r in rows if has_aside(r.get("details"))) > 8:
        with ThreadPoolExecutor(16) as pool:
            return list(pool.map(one, rows))
    return [one(r) for r in rows]


def _story(index: AuditIndex, document_id: str):
    with index.engine.connect() as conn:
        sha = conn.execute(sa.select(documents.c.sha256)
                           .where(documents.c.document_id == document_id)).scalar()
    own = events.c.document_id == document_id
    if not sha:
        return own
    return sa.or_(own, sa.and_(events.c.sha256 == sha, events.c.document_id.is_(None)))


def _supplier(value: str):
    if value.isdigit() and len(value) == 14:
        ids = sa.select(documents.c.document_id).where(documents.c.supplier_siret == value)
        direct = events.c.supplier_siret == value
    elif value.isdigit() and len(value) == 9:  # SIREN: every establishment
        ids = sa.select(documents.c.document_id).where(documents.c.supplier_siret.startswith(value))
        direct = events.c.supplier_siret.startswith(value)
    else:
        ids = sa.select(documents.c.document_id).where(documents.c.supplier_id == value)
        direct = events.c.supplier_id == value
    return sa.or_(events.c.document_id.in_(ids), direct)


def time_bound(text: str, end: bool) -> str:
    """A date (a day in Paris time) or an ISO time, as the index's UTC text form."""
    text = text.strip()
    if _DATE.match(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise BadFilter(f"date invalide : « {text} » (attendu AAAA-MM-JJ)") from None
        if end:
            day += timedelta(days=1)
        return normalise_time(datetime.combine(day, time(0), tzinfo=LOCAL).isoformat())
    try:
        t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise BadFilter(f"date ou heure invalide : « {text} » (attendu AAAA-MM-JJ ou AAAA-MM-JJTHH:MM)") from None
    if t.tzinfo is None:
        t = t.replace(tzinfo=LOCAL)
    return normalise_time(t.isoformat())
