"""Erasing what the audit trail says about a tenant, without touching the chain.

``forget_tenant`` finds the tenant's events through the index (its documents' events, the events
naming it, and those of the files its documents came from), erases their side details
(``forget_aside``), then unlinks its pseudonym (``forget_subject``). The events stay, in their
place, and ``audit verify`` still passes: they now say what happened, when and by whom, to
which document id, about a random id that nothing links to anyone.

Events written before pseudonyms existed hold the reference itself in the chain: they cannot be
changed (that is the point of the chain); they are counted in ``legacy`` so that the erasure can
say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from storage.audit.aside import forget_aside
from storage.audit.index import AuditIndex, documents, events
from storage.audit.query import tenant_names
from storage.audit.subjects import forget_subject, normalise, pseudonym_for
from storage.objectstore import ObjectStore


@dataclass
class Forgotten:
    pseudonym: str | None = None
    events: int = 0  # events of the tenant found in the index
    asides: int = 0  # side objects erased
    legacy: int = 0  # events naming the reference itself in the chain (written before pseudonyms)
    documents: list[str] = field(default_factory=list)


def tenant_event_ids(index: AuditIndex, names: list[str]) -> tuple[list[str], list[str]]:
    """(event ids, document ids) of everything the index links to these tenant names."""
    with index.engine.connect() as conn:
        docs = set(conn.execute(sa.select(documents.c.document_id)
                                .where(documents.c.tenant_reference.in_(names))).scalars())
        docs |= {d for d in conn.execute(sa.select(events.c.document_id)
                                         .where(events.c.tenant_reference.in_(names))).scalars() if d}
        shas = {s for s in conn.execute(sa.select(documents.c.sha256)
                                        .where(documents.c.document_id.in_(docs))).scalars() if s}
        ids = conn.execute(sa.select(events.c.event_id).where(sa.or_(
            events.c.document_id.in_(docs), events.c.tenant_reference.in_(names),
            sa.and_(events.c.sha256.in_(shas), events.c.document_id.is_(None)))).order_by(events.c.seq)).scalars()
        return list(dict.fromkeys(ids)), sorted(docs)


def forget_tenant(store: ObjectStore, index: AuditIndex, reference: str, dry_run: bool = False) -> Forgotten:
    """Erase a tenant's personal details from the audit trail (the index is brought up to date
    first); with ``dry_run``, only count."""
    index.sync(store)
    names = tenant_names(reference, store)
    out = Forgotten(pseudonym=pseudonym_for(store, reference))
    ids, out.documents = tenant_event_ids(index, names)
    out.events = len(ids)
    plain = [n for n in names if n != out.pseudonym]
    with index.engine.connect() as conn:
        out.legacy = conn.execute(sa.select(sa.func.count()).select_from(events)
                                  .where(events.c.tenant_reference.in_(plain))).scalar() or 0
    if dry_run:
        return out
    out.asides = forget_aside(store, ids)
    forget_subject(store, normalise(reference))
    return out
