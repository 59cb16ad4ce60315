"""The audit query index: a database built from the chain, incrementally, rebuildable.

SQLite under AIGUILLAGE_HOME by default (``audit/index.sqlite``); any SQLAlchemy URL (e.g.
``postgresql+psycopg://…``) through the ``audit.index_url`` setting. The index remembers the
last event it took in and that event's hash: ``sync`` continues from there and checks every
link on the way, so a chain altered behind the index stops the sync instead of being indexed.
The index is only a derived copy: ``rebuild`` drops it and reads the whole chain again.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import sqlalchemy as sa

from storage.audit.chain import (
    GENESIS,
    block_prefix,
    chain_key,
    digest,
    read_chain,
    split_events,
    store_identity,
)
from storage.errors import StorageError
from storage.objectstore import ObjectStore

meta = sa.MetaData()
events = sa.Table(
    "audit_events", meta,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("event_id", sa.String(64), nullable=False),
    sa.Column("at", sa.String(32), nullable=False),  # UTC, 2024-05-01T10:12:03.123Z
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("document_id", sa.String(64)),
    sa.Column("actor", sa.String(128), nullable=False),
    sa.Column("queue", sa.String(64)),
    sa.Column("other_queue", sa.String(64)),  # rerouted: the other end (from / to); copied: main queue
    sa.Column("sha256", sa.String(64)),
    sa.Column("tenant_reference", sa.String(64)),
    sa.Column("supplier_id", sa.String(64)),
    sa.Column("supplier_siret", sa.String(14)),
    sa.Column("details", sa.Text, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)
documents = sa.Table(
    "audit_documents", meta,
    sa.Column("document_id", sa.String(64), primary_key=True),
    sa.Column("sha256", sa.String(64)),
    sa.Column("tenant_reference", sa.String(64)),
    sa.Column("supplier_id", sa.String(64)),
    sa.Column("supplier_siret", sa.String(14)),
)
state = sa.Table(
    "audit_state", meta,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
INDEXES = [
    sa.Index("ix_audit_doc", events.c.document_id, events.c.seq),
    sa.Index("ix_audit_sha", events.c.sha256),
    sa.Index("ix_audit_tenant", events.c.tenant_reference, events.c.at),
    sa.Index("ix_audit_supplier", events.c.supplier_id, events.c.at),
    sa.Index("ix_audit_siret", events.c.supplier_siret, events.c.at),
    sa.Index("ix_audit_queue", events.c.queue, events.c.at),
    sa.Index("ix_audit_other_queue", events.c.other_queue, events.c.at),
    sa.Index("ix_audit_actor", events.c.actor, events.c.at),
    sa.Index("ix_audit_kind", events.c.kind, events.c.at),
    sa.Index("ix_audit_at", events.c.at),
    sa.Index("ix_audit_doc_tenant", documents.c.tenant_reference),
    sa.Index("ix_audit_doc_supplier", documents.c.supplier_id),
    sa.Index("ix_audit_doc_siret", documents.c.supplier_siret),
]
BATCH = 5000


class ChainBroken(StorageError):
    """The chain does not continue from what the index holds: someone altered it."""

    def __init__(self, seq: int, message: str):
        self.seq = seq
        super().__init__(f"journal d'audit altéré à l'événement n°{seq} : {message}. "
                         "Lancez « aiguillage audit verify »")


def default_url(settings: Any) -> str:
    configured = settings["audit.index_url"]
    if configured:
        return configured
    path = Path(settings.home) / "audit" / "index.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def open_engine(url: str) -> sa.Engine:
    try:
        engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise StorageError(f"index d'audit : adresse « {_safe(url)} » inutilisable ({exc}) "
                           "(réglage audit.index_url)") from None
    if engine.dialect.name == "sqlite":
        @sa.event.listens_for(engine, "connect")
        def _pragmas(conn, _record):  # noqa: ANN001
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
    return engine


class AuditIndex:
    def __init__(self, url: str):
        self.url = url
        self.engine = open_engine(url)
        try:
            meta.create_all(self.engine)
            with self.engine.begin() as conn:
                for ix in INDEXES:
                    ix.create(conn, checkfirst=True)
        except sa.exc.OperationalError as exc:
            raise StorageError(f"index d'audit {_safe(url)} inaccessible : {exc.orig}") from None

    def close(self) -> None:
        self.engine.dispose()

    # -- state ---------------------------------------------------------------------------

    def position(self) -> tuple[int, str, str | None]:
        """(last seq indexed, its hash, identity of the store it came from)."""
        with self.engine.connect() as conn:
            rows = dict(conn.execute(sa.select(state.c.name, state.c.value)).all())
        return int(rows.get("last_seq", 0)), rows.get("last_hash", GENESIS), rows.get("source")

    def hashes(self, first: int, last: int) -> dict[int, str]:
        with self.engine.connect() as conn:
            return dict(conn.execute(sa.select(events.c.seq, events.c.hash)
                                     .where(events.c.seq.between(first, last))).all())

    def event(self, seq: int) -> dict | None:
        """One indexed event as a dict (details parsed), None if not indexed."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(events).where(events.c.seq == seq)).mappings().first()
        return as_event(row) if row is not None else None

    # -- building ------------------------------------------------------------------------

    def sync(self, store: ObjectStore, seal=None) -> int:
        """Index the events written since the last sync; returns how many. ``seal(seq, body)``
        is called for each chain object, with its first event's number (used to make missing
        object-lock copies)."""
        last, last_hash, source = self.position()
        ident = store_identity(store)
        if source is not None and source != ident and last > 0:
            raise StorageError(f"l'index d'audit {_safe(self.url)} a été construit depuis {source}, pas "
                               f"depuis {ident} : « aiguillage audit rebuild » pour le refaire")
        rows: list[dict] = []
        docs: dict[str, dict] = {}
        ends: list[int] = []  # last event of each whole object in ``rows``
        count = 0
        try:
            for first, key, body in read_chain(store, last + 1):
                if first is None:
                    raise ChainBroken(last + 1, f"objet inattendu {key}")
                if first != last + 1:
                    raise ChainBroken(last + 1, "événement manquant" if first > last + 1 else f"objet inséré {key}")
                for line in split_events(body):
                    seq = last + 1
                    try:
                        doc = json.loads(line)
                        ok = doc["seq"] == seq and doc["prev"] == last_hash
                        event = doc["event"]
                    except (ValueError, KeyError, TypeError):
                        raise ChainBroken(seq, "contenu illisible") from None
                    if not ok:
                        raise ChainBroken(seq, "ne s'enchaîne pas sur l'événement précédent")
                    last, last_hash = seq, digest(line)
                    rows.append(row_of(seq, event, last_hash))
                    _learn_document(docs, rows[-1], event)
                    count += 1
                ends.append(last)
                if seal is not None:
                    seal(first, body)
                if len(rows) >= BATCH:
                    self._write(rows, docs, last, last_hash, ident)
                    rows, docs, ends = [], {}, []
        except ChainBroken:
            # Keep what certainly links: all but the event before the break (it may be the altered
            # one), and only whole objects (the next sync starts at an object's first event).
            keep_to = max((e for e in ends if rows and e < rows[-1]["seq"]), default=0)
            kept = [r for r in rows if r["seq"] <= keep_to]
            if kept:
                ids = {r["document_id"] for r in kept}
                self._write(kept, {d: v for d, v in docs.items() if d in ids},
                            kept[-1]["seq"], kept[-1]["hash"], ident)
            raise
        if rows:
            self._write(rows, docs, last, last_hash, ident)
        return count

    def rebuild(self, store: ObjectStore, seal=None) -> int:
        """Drop everything and index the whole chain again (secondary indexes made at the end)."""
        meta.drop_all(self.engine)
        meta.create_all(self.engine)
        with self.engine.begin() as conn:
            for ix in INDEXES:
                ix.drop(conn, checkfirst=True)
        count = self.sync(store, seal)
        with self.engine.begin() as conn:
            for ix in INDEXES:
                ix.create(conn, checkfirst=True)
            if self.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("ANALYZE")
        return count

    def _write(self, rows: list[dict], docs: dict[str, dict], last: int, last_hash: str, ident: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(events.insert(), rows)
            _upsert_documents(conn, list(docs.values()))
            for name, value in (("last_seq", str(last)), ("last_hash", last_hash), ("source", ident)):
                if conn.execute(state.update().where(state.c.name == name).values(value=value)).rowcount == 0:
                    conn.execute(state.insert().values(name=name, value=value))


def row_of(seq: int, event: dict, hash_: str) -> dict:
    details = event.get("details") or {}
    changes = details.get("changes") if isinstance(details.get("changes"), dict) else {}
    tenant = details.get("tenant_reference") or _new(changes, "tenant_reference")
    siret = details.get("supplier_siret") or _new(changes, "supplier_siret")
    other = details.get("from") or details.get("to") or details.get("main_queue")
    return {
        "seq": seq, "event_id": str(event.get("event_id") or ""), "at": normalise_time(event.get("at")),
        "kind": str(event.get("kind") or "?")[:32], "document_id": event.get("document_id"),
        "actor": str(event.get("actor") or "?")[:128], "queue": event.get("queue"),
        "other_queue": other if isinstance(other, str) else None,
        "sha256": details.get("sha256") if isinstance(details.get("sha256"), str) else None,
        "tenant_reference": _id(tenant), "supplier_id": _id(details.get("supplier_id")),
        "supplier_siret": _id(siret, 14), "details": json.dumps(details, ensure_ascii=False, sort_keys=True),
        "hash": hash_,
    }


def as_event(row: Any) -> dict:
    out = dict(row)
    try:
        out["details"] = json.loads(out["details"])
    except (TypeError, ValueError):
        pass
    return out


def _new(changes: dict, name: str) -> Any:
    change = changes.get(name)
    return change.get("new") if isinstance(change, dict) else None


def _id(value: Any, width: int = 64) -> str | None:
    if value is None or value == "":
        return None
    return str(value).replace(" ", "")[:width]


def _learn_document(docs: dict[str, dict], row: dict, event: dict) -> None:
    doc_id = row["document_id"]
    if not doc_id:
        return
    known = docs.setdefault(doc_id, {"document_id": doc_id, "sha256": None, "tenant_reference": None,
                                     "supplier_id": None, "supplier_siret": None})
    for name in ("sha256", "tenant_reference", "supplier_id", "supplier_siret"):
        if row[name]:
            known[name] = row[name]


def _upsert_documents(conn: sa.Connection, docs: Iterable[dict]) -> None:
    docs = list(docs)
    if not docs:
        return
    names = ("sha256", "tenant_reference", "supplier_id", "supplier_siret")
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        from sqlalchemy.dialects import postgresql, sqlite

        insert = (sqlite.insert if dialect == "sqlite" else postgresql.insert)(documents)
        stmt = insert.on_conflict_do_update(index_elements=[documents.c.document_id], set_={
            n: sa.func.coalesce(getattr(insert.excluded, n), getattr(documents.c, n)) for n in names})
        conn.execute(stmt, docs)
        return
    for d in docs:  # any other database: read, merge, write
        old = conn.execute(sa.select(documents).where(documents.c.document_id == d["document_id"])).mappings().first()
        if old is None:
            conn.execute(documents.insert().values(**d))
        else:
            merged = {n: d[n] or old[n] for n in names}
            conn.execute(documents.update().where(documents.c.document_id == d["document_id"]).values(**merged))


def normalise_time(value: Any) -> str:
    """Any ISO time as UTC ``YYYY-MM-DDTHH:MM:SS.mmmZ`` (sorts as text); unparsable kept as is."""
    text = str(value or "")
    try:
        t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text[:32]
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _safe(url: str) -> str:
    """The URL without its password."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return "(adresse illisible)"


__all__ = ["AuditIndex", "ChainBroken", "default_url", "events", "documents", "chain_key", "block_prefix"]
