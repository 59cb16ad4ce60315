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
    kept: int = 0  # events of documents kept (legal hold): their side details stay
    unlinked: bool = False  # the pseudonym was forgotten (not while a document is kept)


def tenant_event_ids(index: AuditIndex, names: list[str],
                     keep: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """(event ids, document ids) of everything the index links to these tenant names; the
    events of the documents in ``keep`` (and of the files they came from) are left out."""
    with index.engine.connect() as conn:
        if keep:
            kept_shas = {s for s in conn.execute(sa.select(documents.c.sha256)
                                                 .where(documents.c.document_id.in_(keep))).scalars() if s}
            kept_ids = set(conn.execute(sa.select(events.c.event_id).where(sa.or_(
                events.c.document_id.in_(keep),
                sa.and_(events.c.sha256.in_(kept_shas), events.c.document_id.is_(None))))).scalars())
            ids, docs = tenant_event_ids(index, names)
            return [i for i in ids if i not in kept_ids], [d for d in docs if d not in keep]
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


def forget_tenant(store: ObjectStore, index: AuditIndex, reference: str, dry_run: bool = False,
                  keep: frozenset[str] = frozenset()) -> Forgotten:
    """Erase a tenant's personal details from the audit trail (the index is brought up to date
    first); with ``dry_run``, only count. ``keep``: documents a legal obligation keeps (a hold):
    their events keep their side details and the pseudonym stays linked (their story must
    still be told); the other events lose their side details."""
    index.sync(store)
    names = tenant_names(reference, store)
    out = Forgotten(pseudonym=pseudonym_for(store, reference))
    ids, out.documents = tenant_event_ids(index, names, frozenset(keep))
    out.events = len(ids)
    if keep:
        out.kept = len(tenant_event_ids(index, names)[0]) - out.events
    plain = [n for n in names if n != out.pseudonym]
    with index.engine.connect() as conn:
        out.legacy = conn.execute(sa.select(sa.func.count()).select_from(events)
                                  .where(events.c.tenant_reference.in_(plain))).scalar() or 0
    if dry_run:
        return out
    out.asides = forget_aside(store, ids)
    if not keep:
        forget_subject(store, normalise(reference))
        out.unlinked = True
    return out
