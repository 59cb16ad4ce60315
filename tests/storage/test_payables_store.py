"""Accounts payable's memory (storage/payables.py) and the export journal (storage/exports.py)
on both back ends: duplicates found across writers, decisions never overwritten, each invoice
claimed by one export only, a crashed run found again, one export at a time."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest

from storage import exports, layout, payables

A, B, C = "a" * 24, "b" * 24, "c" * 24
FACTS = {"type": "supplier_invoice", "number": "F2024-0412"}


def test_an_invoice_sees_the_others_under_its_keys_and_keeps_its_first_reception(store):
    keys = {"number": "supplier_invoice:F20240412", "digits": "supplier_invoice:20240412"}
    mine, others = payables.register_invoice(store, "id:F0001", keys, A, FACTS, at="2024-03-12T10:00:00+00:00")
    assert others == [] and mine.at == "2024-03-12T10:00:00+00:00"
    mine, others = payables.register_invoice(store, "id:F0001", {"digits": "supplier_invoice:20240412"}, B, FACTS,
                                             at="2024-03-13T09:00:00+00:00")
    assert [o.document_id for o in others] == [A] and others[0].facts == FACTS
    # a rerun of A keeps its first time and sees B once, though B shares one key only
    mine, others = payables.register_invoice(store, "id:F0001", keys, A, FACTS, at="2024-03-20T00:00:00+00:00")
    assert mine.at == "2024-03-12T10:00:00+00:00" and [o.document_id for o in others] == [B]
    # another supplier's invoice with the same number sees nothing
    assert payables.register_invoice(store, "id:F0002", keys, C, FACTS)[1] == []
    # no invoice number or supplier in clear in any key
    assert not any("0412" in k or "F0001" in k for k in store.list(layout.PAYABLES_INDEX))


def test_concurrent_copies_each_see_the_other(store):
    seen = {}
    keys = {"number": "supplier_invoice:F20240412"}

    def receive(doc):
        seen[doc] = payables.register_invoice(store, "id:F0001", keys, doc, FACTS)[1]

    threads = [threading.Thread(target=receive, args=(d,)) for d in (A, B)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # whatever the interleaving, the later of the two sees the earlier
    assert any(others for others in seen.values())


def test_a_decision_is_taken_once(store):
    assert payables.decide(store, A, "bank_details_changed", payables.VOUCHED, "paul", "vu au téléphone")
    assert not payables.decide(store, A, "bank_details_changed", payables.VOUCHED, "marie")
    assert payables.decide(store, A, "bank_details_changed", payables.CONFIRMED, "marie")
    got = [(d.code, d.step, d.actor) for d in payables.decisions(store, A)]
    assert sorted(got) == [("bank_details_changed", "confirmed", "marie"), ("bank_details_changed", "vouched", "paul")]
    assert payables.decisions(store, B) == []


def test_each_invoice_is_claimed_by_one_export_only(store):
    runs = [exports.new_run_id() for _ in range(4)]
    won = {}

    def export(run):
        won[run] = [d for d in (A, B, C) if exports.claim(store, d, run)]

    threads = [threading.Thread(target=export, args=(r,)) for r in runs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    claimed = sorted(d for docs in won.values() for d in docs)
    assert claimed == [A, B, C]
    for d in (A, B, C):
        assert d in won[exports.claimed_by(store, d)]
    assert exports.claimed_by(store, "d" * 24) is None


def test_a_run_that_never_finished_is_found_again(store):
    old, new = "20240312T100000Z-0a1b2c3d", "20240313T100000Z-0a1b2c3e"
    exports.start_run(store, old, [A, B], "paul", ["csv"])
    exports.claim(store, A, old)
    exports.start_run(store, new, [C], "paul", ["csv"])
    exports.claim(store, C, new)
    exports.put_file(store, new, "x.csv", b"x", "text/csv")
    exports.finish_run(store, new, [C], ["x.csv"])
    assert exports.unfinished(store) == [old]
    assert exports.started(store, old)["candidates"] == [A, B]
    assert exports.finished(store, new)["documents"] == [C]
    assert exports.get_file(store, new, "x.csv") == b"x"


def test_one_export_at_a_time_and_a_dead_holder_is_replaced(store):
    now = datetime(2024, 3, 12, 10, 0, tzinfo=timezone.utc)
    lock = exports.acquire(store, "paul", 30, now=now)
    with pytest.raises(exports.ExportBusy) as busy:
        exports.acquire(store, "marie", 30, now=now + timedelta(minutes=5))
    assert busy.value.holder == "paul"
    # paul's process died: after the expiry, marie takes over; paul's release leaves hers alone
    theirs = exports.acquire(store, "marie", 30, now=now + timedelta(minutes=31))
    exports.release(store, lock)
    with pytest.raises(exports.ExportBusy):
        exports.acquire(store, "jean", 30, now=now + timedelta(minutes=32))
    exports.release(store, theirs)
    exports.release(store, exports.acquire(store, "jean", 30, now=now + timedelta(minutes=33)))
