"""Purging one document (storage/erasure.py) on both back ends: every object about it goes, the
file it came from only with the last of its documents, twice is once; and legal holds."""

from __future__ import annotations

import json

from storage import claims, holds, layout, learned, payables, queues
from storage.audit import events
from storage.corrections import save_correction
from storage.erasure import purge_document

SHA = "ab" * 32
DOC_A, DOC_B = "a1" * 12, "b2" * 12
QUEUES = ["gestion-locative", "contentieux", "videocodage"]


def _put(store, key: str, value) -> None:
    store.put(key, json.dumps(value, ensure_ascii=False).encode())


def _item(doc: str, queue: str, state: str = "completed") -> queues.WorkItem:
    return queues.WorkItem(document_id=doc, queue=queue, status="routed", type="lease_termination", confidence=0.9,
                           reason=None, priority=3, deadline=None, urgent=False, restricted=False, sha256=SHA,
                           source="congé Lacombe.pdf", source_pages=[1], fields={"tenant_name": "Ginette Lacombe"},
                           state=state)


def _file_of_two(store, tmp_path) -> None:
    """One scanned file split into two documents, A (handled in two queues) and B."""
    store.put(layout.original(SHA), b"%PDF Ginette Lacombe")
    _put(store, layout.receipt(SHA), {"sha256": SHA, "filename": "congé Lacombe.pdf"})
    lines = [{"document_id": d, "fields": {"tenant_name": "Ginette Lacombe"}} for d in (DOC_A, DOC_B)]
    _put(store, layout.outcome(SHA), {"sha256": SHA, "lines": lines})
    store.put(layout.intake(SHA, "congé Lacombe.pdf"), b"%PDF")
    for doc in (DOC_A, DOC_B):
        _put(store, layout.document(doc, "record.json"), {"sha256": SHA, "queue": "gestion-locative", "copies": [],
                                                          "fields": {"tenant_name": "Ginette Lacombe"}})
        _put(store, layout.document(doc, "text.json"), {"pages": [{"text": "Ginette Lacombe"}]})
        store.put(layout.document(doc, "routed.json"), b"{}")
        queues.enqueue(store, _item(doc, "gestion-locative", state="open"))
    # A: claimed and moved on to another queue, where it is still open; a correction; lessons
    mark = claims.append(store, "gestion-locative", DOC_A, None, "claimed", "vero.martin", 600)
    store.put(claims.holder_key("gestion-locative", DOC_A, mark), b"")
    queues.enqueue(store, _item(DOC_A, "contentieux", state="open"))
    save_correction(store, DOC_A, "Ginette Lacombe", {"type": "other", "fields": {}},
                    {"type": "lease_termination", "fields": {}}, "vero.martin")
    learned.learn_tenant(store, "77120456", "Ginette Lacombe", "31300", DOC_A, "vero.martin")
    learned.learn_tenant(store, "55500011", "Paul Martin", "31000", DOC_B, "vero.martin")
    payables.register_invoice(store, "F0001", {"number": "FA-12"}, DOC_A, {"total": "12.00"})
    payables.decide(store, DOC_A, "duplicate_invoice", "cleared", "vero.martin")
    store.put_if_absent(layout.export_claim(DOC_A), b"{}")


def test_a_purge_leaves_nothing_of_the_document_and_keeps_the_shared_file(store, tmp_path):
    _file_of_two(store, tmp_path)
    home = tmp_path / "home"
    (home / "cache" / "pages" / DOC_A).mkdir(parents=True)
    (home / "cache" / "pages" / DOC_A / "1-150.png").write_bytes(b"Ginette")
    before = set(store.list())

    report = purge_document(store, DOC_A, home, queues=QUEUES)
    after = set(store.list())
    assert not [k for k in after if DOC_A in k]
    assert before - after == set(report.removed)
    assert learned.get_tenant(store, "77120456") is None  # taught by A: gone
    assert learned.get_tenant(store, "55500011")["tenant_name"] == "Paul Martin"  # taught by B: stays
    assert not (home / "cache" / "pages" / DOC_A).exists()
    # the file is B's too: its original and receipt stay, its outcome no longer holds A's line
    assert store.exists(layout.original(SHA)) and store.exists(layout.receipt(SHA))
    assert [x["document_id"] for x in json.loads(store.get(layout.outcome(SHA)))["lines"]] == [DOC_B]
    assert report.kept and report.rewritten == [layout.outcome(SHA)]
    (purged,) = [e for e in events(store, DOC_A) if e.kind == "purged"]
    assert purged.details["removed"]["queues"] >= 4 and "Ginette" not in json.dumps(purged.details)

    assert not purge_document(store, DOC_A, home, queues=QUEUES)  # twice is once: nothing more, no event
    assert len([e for e in events(store, DOC_A) if e.kind == "purged"]) == 1

    purge_document(store, DOC_B, home, queues=QUEUES)  # the last document of the file: the file goes too
    left = list(store.list())
    assert not [k for k in left if not k.startswith("audit/")], left
    for key in left:
        assert b"Ginette" not in store.get(key) and b"Lacombe" not in store.get(key)


def test_holds_cover_a_document_its_tenant_and_its_supplier(store):
    record = {"fields": {"tenant_reference": "77120456"}, "supplier_id": None}
    assert holds.covering(store, DOC_A, record) == []
    hold, placed = holds.place(store, "tenant", "77120456", "contentieux loyers", "vero.martin")
    assert placed and not holds.place(store, "tenant", "77120456", "autre", "paul")[1]  # one hold per target
    assert [h.reason for h in holds.covering(store, DOC_A, record)] == ["contentieux loyers"]
    assert holds.covering(store, DOC_B, {"fields": {"tenant_reference": "55500011"}}) == []
    holds.place(store, "document", DOC_B, "contrôle fiscal", "vero.martin")
    holds.place(store, "supplier", "F0001", "litige", "vero.martin")
    listed = holds.list_holds(store)
    assert {(h.scope, h.target) for h in listed} == {("tenant", "77120456"), ("document", DOC_B), ("supplier", "F0001")}
    assert [h.scope for h in holds.covering_in(listed, DOC_B, {"supplier_id": "F0001"})] == ["document", "supplier"]
    assert not [k for k in store.list(layout.HOLDS) if "77120456" in k]  # a reference is hashed in keys
    assert holds.release(store, "tenant", "77120456").user == "vero.martin"
    assert holds.covering(store, DOC_A, record) == [] and holds.release(store, "tenant", "77120456") is None
