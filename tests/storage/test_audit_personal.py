"""Audit events carry no personal data in their hashed, locked part: tenant references are
pseudonyms, personal details live aside; forgetting a tenant leaves no byte of it anywhere while
the chain still verifies. On both back ends (local folder and the Ceph RADOS Gateway)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from storage import audit, layout
from storage.audit import (MASK, AuditEvent, corrected, events, forget_aside, forget_subject, pseudonym_for,
                           record, reference_of, rerouted)
from storage.audit import subjects
from storage.audit.chain import ChainWriter
from storage.audit.forget import forget_tenant
from storage.audit.index import AuditIndex
from storage.audit.lock import LockVault
from storage.audit.query import Filters, query
from storage.audit.verify import verify
from storage.local import LocalStore

REF, NAME, REASON, FILENAME = "LOC-77341-Q", "Ginette Lacombe", "Mme Lacombe dit que son fils est malade", \
    "courrier-lacombe.pdf"
SECRETS = [REF.encode(), b"Lacombe", REASON.encode(), FILENAME.encode()]
OTHER_REF, OTHER_NAME = "LOC-50021-B", "Paulette Sauvage"


pytestmark = pytest.mark.usefixtures("short_audit_lock")  # tests/storage/conftest.py


@pytest.fixture
def index(tmp_path):
    (tmp_path / "index").mkdir()
    ix = AuditIndex(f"sqlite:///{tmp_path / 'index' / 'audit.sqlite'}")
    yield ix
    ix.close()


def chain_bytes(store) -> list[bytes]:
    """Every chain object, and on S3 every version of every locked copy."""
    out = [store.get(k) for k in store.list(layout.AUDIT_CHAIN)]
    assert out
    vault = LockVault.for_store(store)
    if vault is not None:
        assert audit.flush(60)
        assert vault.available()
        copies = [vault.client.get_object(vault.bucket, o.object_name, version_id=o.version_id).read()
                  for o in vault.client.list_objects(vault.bucket, recursive=True, include_version=True)
                  if not o.is_delete_marker]
        assert len(copies) >= len(out)
        out += copies
    return out


def every_byte(store, tmp_path: Path) -> list[bytes]:
    """Every object of the store (on disk, every file of the folder, metadata included), the
    locked copies, and the index's database files."""
    if isinstance(store, LocalStore):
        out = [p.read_bytes() for p in Path(store.root).rglob("*") if p.is_file()]
    else:
        out = [store.get(k) for k in store.list("")]
    out += chain_bytes(store)
    out += [p.read_bytes() for p in (tmp_path / "index").iterdir() if p.is_file()]
    return out


def found(blobs: list[bytes], needles: list[bytes]) -> set[bytes]:
    return {n for n in needles if any(n in b for b in blobs)}


def tenant_story(store, ref: str, name: str, doc: str, sha: str, reason: str, filename: str) -> None:
    record(store, AuditEvent("received", None, details={"sha256": sha, "filename": filename, "size": 1234}))
    record(store, AuditEvent("classified", doc, details={"sha256": sha, "type": "repair_request"}))
    record(store, AuditEvent("extracted", doc, details={"fields": ["tenant_name", "tenant_reference"],
                                                        "tenant_reference": ref}))
    record(store, corrected(doc, "marie", {"tenant_name": (None, name), "tenant_reference": (None, ref)},
                            queue="videocodage"))
    record(store, rerouted(doc, "marie", "videocodage", "technique", reason))
    record(store, AuditEvent("viewed", doc, actor="paul", queue="technique"))


def test_the_chain_holds_no_personal_byte_and_forgetting_leaves_none_anywhere(store, index, tmp_path):
    doc, sha = "a1" * 12, "b2" * 32
    other_doc, other_sha = "c3" * 12, "d4" * 32
    tenant_story(store, REF, NAME, doc, sha, REASON, FILENAME)
    tenant_story(store, OTHER_REF, OTHER_NAME, other_doc, other_sha, "fuite sous l'évier", "sauvage.pdf")

    # written: nothing personal in the chain nor in its locked copies
    assert found(chain_bytes(store), SECRETS + [b"Sauvage", OTHER_REF.encode()]) == set()

    # read back: the queries by tenant reference find the tenant's events, with their details
    index.sync(store)
    rows = query(index, Filters(tenant=REF), store)
    assert [r["kind"] for r in rows] == ["classified", "extracted", "corrected", "rerouted", "viewed"]
    assert {r["document_id"] for r in rows} == {doc}
    assert rows[1]["tenant_reference"] == REF and rows[1]["details"]["tenant_reference"] == REF
    assert rows[2]["details"]["changes"] == {"tenant_name": {"old": None, "new": NAME},
                                             "tenant_reference": {"old": None, "new": REF}}
    assert rows[3]["details"]["reason"] == REASON
    story = query(index, Filters(document=doc), store)
    assert story[0]["kind"] == "received" and story[0]["details"]["filename"] == FILENAME
    assert [e.details.get("reason") for e in events(store, doc) if e.kind == "rerouted"] == [REASON]
    before = [(e.seq, e.kind, e.document_id, e.at, e.actor) for e in _indexed(index)]

    gone = forget_tenant(store, index, REF)
    assert gone.pseudonym and gone.events == 6 and gone.asides == 3 and gone.legacy == 0  # received, corrected, rerouted

    # nothing of the tenant anywhere: store, locked copies, index (synced again)
    index.sync(store)
    blobs = every_byte(store, tmp_path)
    assert found(blobs, SECRETS) == set()
    assert found(blobs, [b"Sauvage", OTHER_REF.encode(), b"fuite"]) == {b"Sauvage", OTHER_REF.encode(), b"fuite"}
    assert query(index, Filters(tenant=REF), store) == []
    # the chain is untouched: it verifies, every event is still there
    assert verify(store, index, LockVault.for_store(store)).ok
    assert [(e.seq, e.kind, e.document_id, e.at, e.actor) for e in _indexed(index)] == before
    story = query(index, Filters(document=doc), store)
    assert [r["kind"] for r in story] == ["received", "classified", "extracted", "corrected", "rerouted", "viewed"]
    assert story[0]["details"]["filename"] == MASK and story[4]["details"]["reason"] == MASK
    assert story[3]["details"]["changes"]["tenant_name"] == {"old": None, "new": MASK}
    assert story[2]["details"]["tenant_reference"] == gone.pseudonym  # a random id, linked to no one
    # the other tenant keeps everything
    assert [r["details"].get("reason") for r in query(index, Filters(tenant=OTHER_REF), store)
            if r["kind"] == "rerouted"] == ["fuite sous l'évier"]


def _indexed(index):
    from types import SimpleNamespace

    return [SimpleNamespace(**r) for r in query(index, Filters())]


def test_the_primitives_forget_a_subject_and_an_events_details(store):
    ref = " loc-4410 "
    pseudonym = pseudonym_for(store, ref, create=True)
    assert layout.is_pseudonym(pseudonym) and pseudonym_for(store, "LOC-4410") == pseudonym
    assert reference_of(store, pseudonym) == "LOC-4410"
    record(store, AuditEvent("extracted", "e5" * 12, details={"tenant_reference": ref}))
    noted = AuditEvent("alert_cleared", "e5" * 12, actor="paul", details={"alert": "unknown_supplier",
                                                                          "note": "vu avec M. Ferrand"})
    record(store, noted)
    assert [e.details for e in events(store)] == [{"tenant_reference": "LOC-4410"},
                                                   {"alert": "unknown_supplier", "note": "vu avec M. Ferrand"}]

    assert forget_aside(store, [noted.event_id]) == 1 and forget_aside(store, [noted.event_id]) == 0
    assert forget_subject(store, "loc-4410") == pseudonym and forget_subject(store, "LOC-4410") is None
    assert pseudonym_for(store, "LOC-4410") is None and reference_of(store, pseudonym) is None
    assert [e.details for e in events(store)] == [{"tenant_reference": pseudonym},
                                                   {"alert": "unknown_supplier", "note": MASK}]
    # the same reference later: a new subject, not linked to the forgotten events
    again = pseudonym_for(store, "LOC-4410", create=True)
    assert again != pseudonym


def test_processes_asking_at_once_agree_on_one_pseudonym(store):
    subjects._SALTS.clear()  # as fresh processes: the salt is raced for too
    start, got, errors = threading.Barrier(8), [], []

    def ask() -> None:
        try:
            start.wait()
            got.append(pseudonym_for(store, "LOC-90001", create=True))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(got) == 8 and len(set(got)) == 1
    subjects._SALTS.clear()
    assert pseudonym_for(store, "LOC-90001") == got[0] and reference_of(store, got[0]) == "LOC-90001"


def test_events_written_before_pseudonyms_still_read_and_are_counted(store, index):
    ChainWriter(store).append({"kind": "extracted", "document_id": "f6" * 12, "actor": "pipeline", "queue": None,
                               "details": {"tenant_reference": "77120", "filename": "x.pdf"},
                               "at": "2024-05-01T10:00:00.000Z", "event_id": "0" * 32})
    record(store, AuditEvent("viewed", "f6" * 12, actor="marie", queue="technique"))
    assert [e.details for e in events(store)] == [{"tenant_reference": "77120", "filename": "x.pdf"}, {}]
    index.sync(store)
    assert [r["kind"] for r in query(index, Filters(tenant="77120"), store)] == ["extracted", "viewed"]
    gone = forget_tenant(store, index, "77120")
    assert gone.legacy == 1 and gone.pseudonym is None
    assert verify(store, index).ok
