"""The audit chain, its index, queries and verify, on both back ends (local folder and the
Ceph RADOS Gateway of the test suite)."""

from __future__ import annotations

import json
import threading

import pytest

from storage.audit import MASK, AuditEvent, corrected, events, record, rerouted
from storage.audit.chain import GENESIS, ChainWriter, chain_key, digest, find_head
from storage.audit.index import AuditIndex, ChainBroken
from storage.audit.query import Filters, query
from storage.audit.verify import verify
from storage.local import LocalStore


pytestmark = pytest.mark.usefixtures("short_audit_lock")  # tests/storage/conftest.py


@pytest.fixture
def index(tmp_path):
    ix = AuditIndex(f"sqlite:///{tmp_path / 'index.sqlite'}")
    yield ix
    ix.close()


def body(store, seq: int) -> dict:
    return json.loads(store.get(chain_key(seq)))


def story(store, n_docs: int = 3, per_doc: int = 4) -> list[str]:
    """n_docs documents with per_doc events each, interleaved; returns the document ids."""
    docs = [f"{i:024x}" for i in range(1, n_docs + 1)]
    for step in range(per_doc):
        for i, doc in enumerate(docs):
            record(store, AuditEvent("routed" if step else "extracted", doc, queue="technique",
                                     details={"step": step, "tenant_reference": f"T{i}" if step == 0 else None}))
    return docs


def test_events_form_a_hash_chain(store):
    keys = [record(store, AuditEvent("viewed", f"{i:024x}", actor="marie", queue="technique")) for i in range(5)]
    assert keys == [chain_key(n) for n in range(1, 6)]
    prev = GENESIS
    for n in range(1, 6):
        raw = store.get(chain_key(n))
        doc = json.loads(raw)
        assert doc["seq"] == n and doc["prev"] == prev
        assert doc["event"]["document_id"] == f"{n - 1:024x}" and doc["event"]["actor"] == "marie"
        prev = digest(raw)
    assert find_head(store) == (5, prev)


def test_personal_values_are_masked(store):
    record(store, corrected("a" * 24, "marie", {"tenant_name": ("Jean Dupont", "Jeanne Dupont"),
                                                 "total_incl_tax": ("10.00", "12.00")}))
    record(store, AuditEvent("viewed", "a" * 24, details={"email": "x@y.fr", "text": "Madame, je vous écris…"}))
    first, second = body(store, 1)["event"]["details"], body(store, 2)["event"]["details"]
    # in the chain: masked, and the names of what is aside (storage/audit/aside.py)
    assert first["changes"] == {"tenant_name": {"old": MASK, "new": MASK},
                                "total_incl_tax": {"old": MASK, "new": MASK}}
    assert first["aside"] == ["changes.tenant_name", "changes.total_incl_tax"]
    assert second == {"email": MASK, "text": MASK, "aside": ["email"]}
    assert b"Dupont" not in store.get(chain_key(1)) and b"x@y.fr" not in store.get(chain_key(2))
    # read back: the corrections' values and the e-mail; the letter's text is kept nowhere
    read = list(events(store))
    assert read[0].details["changes"]["tenant_name"] == {"old": "Jean Dupont", "new": "Jeanne Dupont"}
    assert read[0].details["changes"]["total_incl_tax"] == {"old": "10.00", "new": "12.00"}
    assert read[1].details == {"email": "x@y.fr", "text": MASK}


def test_independent_writers_share_one_chain(store):
    """Writers with no shared memory (as on several machines) race for the same numbers."""
    writers = [ChainWriter(store) for _ in range(4)]
    errors = []

    def work(w: int) -> None:
        try:
            for i in range(12):
                writers[w].append({"kind": "viewed", "document_id": None, "actor": f"w{w}", "queue": None,
                                   "details": {"i": i}, "at": "2024-05-01T10:00:00.000Z", "event_id": f"{w}-{i}"})
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    ids = [body(store, n)["event"]["event_id"] for n in range(1, 49)]
    assert sorted(ids) == sorted(f"{w}-{i}" for w in range(4) for i in range(12))
    assert not store.exists(chain_key(49))
    assert verify(store).ok


def test_a_writer_with_a_stale_head_appends_after_the_others(store):
    a, b = ChainWriter(store), ChainWriter(store)
    a.append({"kind": "viewed", "n": 1})
    for i in range(5):
        b.append({"kind": "viewed", "n": 2 + i})
    seq, _ = a.append({"kind": "viewed", "n": 7})  # a still believes the head is 1
    assert seq == 7
    assert body(store, 7)["prev"] == digest(store.get(chain_key(6)))
    assert verify(store).ok


def test_verify_passes_on_an_untouched_log(store, index):
    story(store)
    index.sync(store)
    report = verify(store, index)
    assert report.ok and report.checked == 12 and report.index_checked == 12


@pytest.mark.parametrize("with_index", [False, True])
def test_verify_names_an_edited_event(store, index, with_index):
    story(store)
    if with_index:
        index.sync(store)
    raw = store.get(chain_key(6))
    store.put(chain_key(6), raw.replace(b'"technique"', b'"contentieux"'))
    report = verify(store, index if with_index else None)
    assert not report.ok
    assert (report.problem.seq, report.problem.what) == (6, "changed")
    assert "n°6" in report.problem.message


def test_verify_names_a_deleted_event(store):
    story(store)
    store.delete(chain_key(8))
    report = verify(store)
    assert (report.problem.seq, report.problem.what) == (8, "removed")
    assert report.checked == 7


def test_verify_names_two_reordered_events(store):
    story(store)
    four, five = store.get(chain_key(4)), store.get(chain_key(5))
    store.put(chain_key(4), five)
    store.put(chain_key(5), four)
    report = verify(store)
    assert (report.problem.seq, report.problem.what) == (4, "moved")


def test_verify_names_an_inserted_object(store):
    story(store, n_docs=1)
    store.put("audit/chain/00000000/000000000002b.json", store.get(chain_key(2)))
    assert verify(store).problem.what == "inserted"


def test_a_cut_tail_is_seen_through_the_index(store, index):
    story(store)
    index.sync(store)
    store.delete(chain_key(12))
    store.delete(chain_key(11))
    report = verify(store, index)
    assert (report.problem.seq, report.problem.what) == (11, "removed")
    assert "n°12" in report.problem.message


def test_index_is_incremental_and_rebuildable(store, index):
    story(store)
    assert index.sync(store) == 12
    assert index.sync(store) == 0
    record(store, AuditEvent("completed", f"{1:024x}", actor="marie", queue="technique"))
    assert index.sync(store) == 1
    assert index.position()[0] == 13
    before = query(index, Filters())
    assert index.rebuild(store) == 13
    assert query(index, Filters()) == before


def test_sync_refuses_an_altered_chain(store, index):
    story(store)
    index.sync(store)
    record(store, AuditEvent("viewed", "b" * 24, actor="paul"))
    record(store, AuditEvent("viewed", "b" * 24, actor="paul"))
    store.put(chain_key(13), store.get(chain_key(13)).replace(b"paul", b"jean"))
    with pytest.raises(ChainBroken) as err:
        index.sync(store)
    assert err.value.seq == 14
    assert index.position()[0] == 12  # keeps only what certainly links


def test_queries_by_document_tenant_supplier_team_actor_kind_and_time(store, index):
    doc, other = "d" * 24, "e" * 24
    sha = "f" * 64
    record(store, AuditEvent("received", None, details={"sha256": sha, "filename": "x.pdf"},
                             at="2024-05-01T08:00:00.000Z"))
    record(store, AuditEvent("classified", doc, details={"sha256": sha, "type": "supplier_invoice"},
                             at="2024-05-01T08:00:01.000Z"))
    record(store, AuditEvent("extracted", doc, details={"supplier_id": "SUP-7", "supplier_siret": "61251881100213"},
                             at="2024-05-01T08:00:02.000Z"))
    record(store, AuditEvent("extracted", other, details={"tenant_reference": "42491431"},
                             at="2024-05-02T08:00:00.000Z"))
    record(store, AuditEvent("routed", doc, queue="comptabilite-fournisseurs", at="2024-05-03T09:00:00Z"))
    record(store, rerouted(doc, "marie", "comptabilite-fournisseurs", "technique", "devis, pas une facture"))
    record(store, corrected(other, "paul", {"tenant_reference": ("42491431", "42491432")}))
    record(store, AuditEvent("viewed", other, actor="marie", queue="gestion-locative", at="2024-06-01T00:30:00+02:00"))
    index.sync(store)

    def kinds(**kw):
        return [r["kind"] for r in query(index, Filters(**kw), store)]

    assert kinds(document=doc) == ["received", "classified", "extracted", "routed", "rerouted"]
    assert kinds(supplier="61251881100213") == ["classified", "extracted", "routed", "rerouted"]
    assert kinds(supplier="612518811") == kinds(supplier="SUP-7") == kinds(supplier="61251881100213")
    # the correction moved the document to the new tenant reference, with all its events
    assert kinds(tenant="42491432") == ["extracted", "corrected", "viewed"]
    assert kinds(tenant="42491431") == ["extracted"]
    assert kinds(team="comptabilite-fournisseurs") == ["routed", "rerouted"]
    assert kinds(team="technique") == ["rerouted"]
    assert kinds(actor="marie") == ["rerouted", "viewed"]
    assert kinds(kinds=["extracted"]) == ["extracted", "extracted"]
    assert kinds(since="2024-05-02", until="2024-05-03") == ["extracted", "routed"]
    # a day is a day in Paris: 00:30 on 1 June in Paris is still 31 May in UTC
    assert kinds(since="2024-06-01", until="2024-06-01") == ["viewed"]
    assert kinds(tenant="42491432", until="2024-05-31") == ["extracted"]


def test_events_iterates_in_chain_order(store):
    docs = story(store, n_docs=2, per_doc=2)
    assert [e.document_id for e in events(store)] == [docs[0], docs[1], docs[0], docs[1]]
    assert [e.kind for e in events(store, docs[1])] == ["extracted", "routed"]


# -- several events in one object (group commit) -----------------------------------------------

def ev(i: int, actor: str = "marie") -> dict:
    return {"kind": "viewed", "document_id": f"{i:024x}", "actor": actor, "queue": "technique",
            "details": {"i": i}, "at": "2024-05-01T10:00:00.000Z", "event_id": f"e{i}"}


def grouped(store) -> ChainWriter:
    """Events 1, 2 alone, 3-5 in one object, 6 alone, 7-9 in one object."""
    w = ChainWriter(store)
    w.append(ev(1))
    w.append(ev(2))
    assert w.append_many([ev(3), ev(4), ev(5)]) == [(n, chain_key(3)) for n in (3, 4, 5)]
    w.append(ev(6))
    w.append_many([ev(7), ev(8), ev(9)])
    return w


def lines(store, first: int) -> list[bytes]:
    return store.get(chain_key(first)).split(b"\n")


def test_an_object_of_several_events_chains_each_one(store, index):
    grouped(store)
    assert [len(lines(store, k)) for k in (1, 2, 3, 6, 7)] == [1, 1, 3, 1, 3]
    assert not store.exists(chain_key(4)) and not store.exists(chain_key(8))
    prev = GENESIS
    for first in (1, 2, 3, 6, 7):
        for i, raw in enumerate(lines(store, first)):
            doc = json.loads(raw)
            assert doc["seq"] == first + i and doc["prev"] == prev
            assert doc["event"]["event_id"] == f"e{first + i}"
            prev = digest(raw)
    assert find_head(store) == (9, prev)
    assert [e.event_id for e in events(store)] == [f"e{n}" for n in range(1, 10)]
    assert index.sync(store) == 9
    assert index.hashes(9, 9) == {9: prev}
    report = verify(store, index)
    assert report.ok and report.checked == 9 and report.index_checked == 9
    # a new writer (another process) continues after the last object
    seq, key = ChainWriter(store).append(ev(10))
    assert (seq, key) == (10, chain_key(10))
    assert json.loads(store.get(key))["prev"] == prev
    assert index.sync(store) == 1


def test_a_writer_with_a_stale_head_skips_a_whole_object(store):
    a, b = ChainWriter(store), ChainWriter(store)
    a.append(ev(1))
    b.append_many([ev(2), ev(3), ev(4)])
    b.append_many([ev(5), ev(6)])
    assert a.append(ev(7)) == (7, chain_key(7))  # tried 2 (taken, ends at 4), then 5 (ends at 6)
    assert json.loads(store.get(chain_key(7)))["prev"] == digest(lines(store, 5)[-1])
    assert verify(store).ok


@pytest.mark.parametrize("with_index", [False, True])
def test_verify_names_an_edited_event_inside_an_object(store, index, with_index):
    grouped(store)
    if with_index:
        index.sync(store)
    raw = store.get(chain_key(3))
    store.put(chain_key(3), raw.replace(b'"e4"', b'"x4"'))
    report = verify(store, index if with_index else None)
    assert (report.problem.seq, report.problem.what) == (4, "changed")
    assert "n°4" in report.problem.message


def test_verify_names_an_event_cut_from_an_object(store):
    grouped(store)
    three, four, five = lines(store, 3)
    store.put(chain_key(3), b"\n".join([three, five]))
    report = verify(store)
    assert (report.problem.seq, report.problem.what) == (4, "removed")
    store.put(chain_key(3), three)  # the object's end cut off: the next object starts too far
    report = verify(store)
    assert (report.problem.seq, report.problem.what) == (4, "removed")


def test_verify_names_a_deleted_object_and_an_object_inserted_inside_another(store):
    grouped(store)
    store.put(chain_key(4), lines(store, 3)[1])  # a copy of event 4 under its own name
    report = verify(store)
    assert (report.problem.seq, report.problem.what) == (4, "inserted")
    store.delete(chain_key(4))
    store.delete(chain_key(3))
    report = verify(store)
    assert (report.problem.seq, report.problem.what) == (3, "removed")
    assert "jusqu'au n°5" in report.problem.message


def test_verify_names_two_events_swapped_inside_an_object(store):
    grouped(store)
    three, four, five = lines(store, 7)
    store.put(chain_key(7), b"\n".join([four, three, five]))
    report = verify(store)
    assert (report.problem.seq, report.problem.what) == (7, "moved")


def test_sync_keeps_only_whole_objects_before_a_break(store, index):
    grouped(store)
    raw = store.get(chain_key(7))
    store.put(chain_key(7), raw.replace(b'"e8"', b'"x8"'))  # event 9 no longer links
    with pytest.raises(ChainBroken) as err:
        index.sync(store)
    assert err.value.seq == 9
    assert index.position()[0] == 6  # 7 and 8 are in the broken object: the next sync reads it again
    store.put(chain_key(7), raw)
    assert index.sync(store) == 3
    assert verify(store, index).ok


def test_concurrent_records_share_one_write(tmp_path):
    """While one write is in flight, the events of other threads wait, then go as one object;
    each caller returns only once its own event is stored."""
    go = threading.Event()

    class SlowStore(LocalStore):
        def put_if_absent(self, key, data, **kw):
            if key == chain_key(1):
                assert go.wait(10)
            return super().put_if_absent(key, data, **kw)

    store = SlowStore(tmp_path / "store")
    writer = ChainWriter(store)
    results: dict[int, tuple] = {}

    def work(i: int) -> None:
        seq, key = writer.append(ev(i, actor=f"w{i}"))
        assert f'"event_id":"e{i}"'.encode() in store.get(key)  # stored when append returns
        results[i] = (seq, key)

    first = threading.Thread(target=work, args=(0,))
    first.start()
    while not writer._writing:
        threading.Event().wait(0.01)
    others = [threading.Thread(target=work, args=(i,)) for i in range(1, 8)]
    for t in others:
        t.start()
    for _ in range(1000):
        if writer.waiting == 7:
            break
        threading.Event().wait(0.01)
    assert writer.waiting == 7 and results == {}
    go.set()
    for t in [first, *others]:
        t.join()
    assert results[0] == (1, chain_key(1))
    assert sorted(seq for seq, _ in results.values()) == list(range(1, 9))
    assert {key for seq, key in results.values() if seq > 1} == {chain_key(2)}
    assert writer.objects_written == 2
    assert len(lines(store, 2)) == 7
    assert verify(store).ok and verify(store).checked == 8


def test_a_failed_write_fails_every_caller_of_the_group(tmp_path):
    from storage.errors import StorageError

    class Broken(LocalStore):
        def put_if_absent(self, key, data, **kw):
            raise StorageError("panne simulée")

    writer = ChainWriter(Broken(tmp_path / "store"))
    with pytest.raises(StorageError):
        writer.append_many([ev(1), ev(2)])
    with pytest.raises(StorageError):
        writer.append(ev(3))
    assert writer.waiting == 0 and not writer._writing
