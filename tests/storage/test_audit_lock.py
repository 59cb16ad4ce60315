"""On the S3 gateway: every audit event also lives under object lock, where it cannot be
deleted or overwritten, and verify uses it."""

from __future__ import annotations

import io
import json

import pytest
from minio.error import S3Error

from storage import audit
from storage.audit import lock as audit_lock
from storage.audit import AuditEvent, record
from storage.audit.chain import chain_key, digest, encode, writer_for
from storage.audit.index import AuditIndex
from storage.audit.lock import LockVault, md5, sealer
from storage.audit.verify import verify
from storage.errors import StorageError

pytestmark = pytest.mark.s3


@pytest.fixture
def s3store(s3_server, s3_bucket, monkeypatch):
    monkeypatch.setattr(audit_lock, "RETENTION_MODE", "GOVERNANCE")
    monkeypatch.setattr(audit_lock, "RETENTION_DAYS", 1)
    return s3_server.store(s3_bucket)


def write_events(store, n: int) -> None:
    for i in range(n):
        record(store, AuditEvent("viewed", f"{i:024x}", actor="marie", queue="technique"))
    assert audit.flush(60)  # the locked copies are made in the background


def test_each_event_has_a_locked_copy_that_cannot_be_deleted_or_overwritten(s3store, s3_server):
    write_events(s3store, 3)
    vault = LockVault.for_store(s3store)
    client = s3_server.client()
    head = client.stat_object(vault.bucket, chain_key(2)).metadata
    assert head["x-amz-object-lock-mode"] == "GOVERNANCE"
    assert head["x-amz-object-lock-retain-until-date"] > "2020"
    original = s3store.get(chain_key(2))
    assert vault.original(2) == original
    versions = [o for o in client.list_objects(vault.bucket, prefix=chain_key(2), include_version=True)]
    assert len(versions) == 1
    with pytest.raises(S3Error) as refused:
        client.remove_object(vault.bucket, chain_key(2), version_id=versions[0].version_id)
    assert refused.value.code == "AccessDenied"
    # Overwriting only adds a version, and a plain delete only a marker: the first stays.
    client.put_object(vault.bucket, chain_key(2), io.BytesIO(b"{}"), 2)
    client.remove_object(vault.bucket, chain_key(2))
    assert vault.original(2) == original
    assert vault.first_versions(0)[2] == md5(original)
    assert verify(s3store, vault=vault).ok


def test_the_lock_catches_what_the_chain_alone_cannot(s3store):
    write_events(s3store, 4)
    vault = LockVault.for_store(s3store)
    last = s3store.get(chain_key(4))
    s3store.put(chain_key(4), last.replace(b"marie", b"paul"))  # the last event: no successor to notice
    assert verify(s3store).ok
    report = verify(s3store, vault=vault)
    assert (report.problem.seq, report.problem.what) == (4, "changed")
    assert report.problem.event["actor"] == "marie"  # named as first written
    s3store.delete(chain_key(4))
    report = verify(s3store, vault=vault)
    assert (report.problem.seq, report.problem.what) == (4, "removed")


def test_a_copy_missed_by_a_crash_is_made_by_the_next_sync(s3store, tmp_path, monkeypatch):
    write_events(s3store, 2)
    calls = {"n": 0}
    real_keep = LockVault.keep

    def crash_once(self, seq, body):
        calls["n"] += 1
        if calls["n"] == 1:
            raise StorageError("panne simulée entre les deux écritures")
        return real_keep(self, seq, body)

    monkeypatch.setattr(LockVault, "keep", crash_once)
    write_events(s3store, 2)
    vault = LockVault.for_store(s3store)
    report = verify(s3store, vault=vault)
    assert report.ok and report.lock_missing == [3]
    index = AuditIndex(f"sqlite:///{tmp_path / 'ix.sqlite'}")
    seal = sealer(vault)
    assert index.sync(s3store, seal) == 4
    assert seal.made == [3]
    report = verify(s3store, index, vault)
    assert report.ok and report.lock_missing == [] and report.lock_checked == 4
    assert json.loads(vault.original(3))["seq"] == 3


def ev(i: int) -> dict:
    return {"kind": "viewed", "document_id": f"{i:024x}", "actor": "marie", "queue": "technique",
            "details": {}, "at": "2024-05-01T10:00:00.000Z", "event_id": f"e{i}"}


def test_an_object_of_several_events_is_copied_whole_and_names_the_changed_event(s3store):
    writer = writer_for(s3store, audit._make_writer)
    writer.append(ev(1))
    assert writer.append_many([ev(2), ev(3), ev(4)]) == [(n, chain_key(2)) for n in (2, 3, 4)]
    assert audit.flush(60)
    vault = LockVault.for_store(s3store)
    original = s3store.get(chain_key(2))
    assert vault.original(2) == original and vault.first_versions(0) == {1: md5(s3store.get(chain_key(1))),
                                                                          2: md5(original)}
    report = verify(s3store, vault=vault)
    assert report.ok and report.lock_checked == 4
    # Rewrite event 3 and re-chain event 4 after it: the chain alone holds, the copy does not.
    one = s3store.get(chain_key(1))
    two = encode(2, digest(one), ev(2))
    three = encode(3, digest(two), {**ev(3), "actor": "paul"})
    s3store.put(chain_key(2), b"\n".join([two, three, encode(4, digest(three), ev(4))]))
    assert verify(s3store).ok
    report = verify(s3store, vault=vault)
    assert (report.problem.seq, report.problem.what) == (3, "changed")
    assert report.problem.event["actor"] == "marie" and report.problem.found["actor"] == "paul"
