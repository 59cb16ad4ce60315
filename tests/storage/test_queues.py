"""Team queues, one contract on every back end: a local folder and a real S3 server (Ceph RGW)."""

from __future__ import annotations

import json
import threading
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from storage import claims, queues, workitems
from storage.audit import events
from storage.queues import WorkItem
from storage.workitems import (
    AlreadyClaimed,
    BadTarget,
    Closed,
    ItemNotFound,
    Member,
    NotHolder,
)

TEAM = "technique"
T0 = 1_900_000_000.0  # a fixed "now" for lease arithmetic


def doc_id(n: int) -> str:
    return f"{n:024x}"


def item(n: int, queue: str = TEAM, priority: int = 3, deadline_h: float | None = 120, age_s: float = 0,
         restricted: bool = False, doc_type: str = "repair_request") -> WorkItem:
    created = datetime(2030, 1, 1, tzinfo=timezone.utc) - timedelta(seconds=age_s)
    deadline = None if deadline_h is None else (datetime(2030, 1, 1, tzinfo=timezone.utc)
                                               + timedelta(hours=deadline_h)).isoformat(timespec="seconds")
    return WorkItem(document_id=doc_id(n), queue=queue, status="routed", type=doc_type, confidence=0.93,
                    reason=None, priority=priority, deadline=deadline, urgent=priority == 1,
                    restricted=restricted, sha256="ab" * 32, source="scan.pdf", source_pages=[1],
                    fields={"tenant_reference": "20451237"},
                    created_at=created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                    history=[{"actor": "pipeline", "action": "routed", "queue": queue, "note": "règle"}])


def kinds(store, document_id):
    return [e.kind for e in events(store, document_id)]


def test_enqueue_is_idempotent(store):
    assert queues.enqueue(store, item(1)) is True
    again = item(1, priority=1)  # a second routing of the same document, different decision
    assert queues.enqueue(store, again) is False
    got = queues.get_item(store, TEAM, doc_id(1))
    assert got.priority == 3
    assert [e.document_id for e in queues.entries(store, TEAM)] == [doc_id(1)]
    assert len(list(queues.list_items(store, TEAM))) == 1


def test_enqueue_again_repairs_a_lost_index_entry(store):
    queues.enqueue(store, item(1))
    store.delete(queues.index_key(item(1)))  # as if the process died between the two writes
    assert queues.entries(store, TEAM) == []
    assert queues.enqueue(store, item(1)) is False
    assert [e.document_id for e in queues.entries(store, TEAM)] == [doc_id(1)]


def test_listing_order_priority_then_deadline_then_age(store):
    specs = {  # n: (priority, deadline hours, age seconds)
        1: (3, 120, 10), 2: (1, 24, 0), 3: (3, 48, 0), 4: (3, 120, 500), 5: (2, 200, 0),
        6: (3, None, 9999), 7: (1, 24, 60),
    }
    for n, (p, d, a) in specs.items():
        queues.enqueue(store, item(n, priority=p, deadline_h=d, age_s=a))
    got = [line.entry.document_id for line in workitems.list_queue(store, Member(TEAM, "marie"))]
    assert got == [doc_id(n) for n in (7, 2, 5, 3, 4, 1, 6)]
    first = workitems.list_queue(store, Member(TEAM, "marie"))[0].entry
    assert (first.priority, first.type, first.urgent, first.restricted) == (1, "repair_request", True, False)


def test_claim_complete_and_the_audit_trail(store):
    queues.enqueue(store, item(1))
    marie = Member(TEAM, "marie")
    it, mark = workitems.claim(store, marie, doc_id(1), lease_seconds=600, now=T0)
    assert it.document_id == doc_id(1) and mark.actor == "marie" and mark.expires == T0 + 600
    line = workitems.list_queue(store, marie, now=T0 + 1)[0]
    assert (line.holder, line.expires) == ("marie", T0 + 600)
    with pytest.raises(AlreadyClaimed, match="marie"):
        workitems.claim(store, Member(TEAM, "paul"), doc_id(1), now=T0 + 1)
    with pytest.raises(NotHolder):
        workitems.complete(store, Member(TEAM, "paul"), doc_id(1), now=T0 + 1)
    done = workitems.complete(store, marie, doc_id(1), note="plombier envoyé", now=T0 + 2)
    assert done.state == "completed" and done.history[-1]["action"] == "completed"
    assert workitems.list_queue(store, marie) == []
    assert queues.get_item(store, TEAM, doc_id(1)).state == "completed"
    with pytest.raises(Closed):
        workitems.claim(store, Member(TEAM, "paul"), doc_id(1))
    assert queues.enqueue(store, item(1)) is False  # routed again: still done, not back in the list
    assert workitems.list_queue(store, marie) == []
    evs = [e for e in events(store, doc_id(1))]
    assert [e.kind for e in evs] == ["claimed", "completed"]
    assert all(e.actor == "marie" and e.queue == TEAM for e in evs)


def test_release_gives_the_item_back(store):
    queues.enqueue(store, item(1))
    marie, paul = Member(TEAM, "marie"), Member(TEAM, "paul")
    workitems.claim(store, marie, doc_id(1), now=T0)
    with pytest.raises(NotHolder):
        workitems.release(store, paul, doc_id(1), now=T0)
    workitems.release(store, marie, doc_id(1), now=T0 + 1)
    assert workitems.list_queue(store, paul, now=T0 + 2)[0].holder is None
    _, mark = workitems.claim(store, paul, doc_id(1), now=T0 + 2)
    assert mark.gen == 3
    assert kinds(store, doc_id(1)) == ["claimed", "released", "claimed"]


def test_lease_expiry_returns_the_item(store):
    queues.enqueue(store, item(1))
    marie, paul, lea = Member(TEAM, "marie"), Member(TEAM, "paul"), Member(TEAM, "lea")
    workitems.claim(store, marie, doc_id(1), lease_seconds=60, now=T0)
    with pytest.raises(AlreadyClaimed):
        workitems.claim(store, paul, doc_id(1), now=T0 + 59)
    assert workitems.list_queue(store, paul, now=T0 + 61)[0].holder is None  # shown free again
    _, mark = workitems.claim(store, paul, doc_id(1), lease_seconds=60, now=T0 + 61)
    assert mark.actor == "paul"
    with pytest.raises(AlreadyClaimed):
        workitems.claim(store, lea, doc_id(1), now=T0 + 62)
    # Marie's lease is gone: she can no longer complete, and nothing changes.
    with pytest.raises((NotHolder, AlreadyClaimed)):
        workitems.complete(store, marie, doc_id(1), now=T0 + 62)
    assert queues.get_item(store, TEAM, doc_id(1)).is_open
    ev = [e for e in events(store, doc_id(1)) if e.kind == "claimed"]
    assert ev[-1].details.get("taken_over_from") == "marie"
    assert [line.holder for line in workitems.list_queue(store, lea, now=T0 + 62)] == ["paul"]


def test_a_kept_lease_completes_only_while_it_is_the_head(store):
    for n in (1, 2):
        queues.enqueue(store, item(n))
    marie, paul = Member(TEAM, "marie"), Member(TEAM, "paul")
    it, lease = workitems.claim(store, marie, doc_id(1), lease_seconds=60, now=T0)
    workitems.claim(store, paul, doc_id(1), now=T0 + 61)  # marie's lease expired and was taken over
    with pytest.raises(NotHolder, match="changé de main"):
        workitems.complete(store, marie, doc_id(1), lease=lease, item=it, now=T0 + 62)
    assert queues.get_item(store, TEAM, doc_id(1)).is_open
    it2, lease2 = workitems.claim(store, marie, doc_id(2), now=T0)
    done = workitems.complete(store, marie, doc_id(2), lease=lease2, item=it2, now=T0 + 1)
    assert done.state == "completed" and queues.get_item(store, TEAM, doc_id(2)).state == "completed"
    assert [line.entry.document_id for line in workitems.list_queue(store, marie, now=T0 + 2)] == [doc_id(1)]


def test_expired_lease_taken_over_by_two_at_once_has_one_winner(store):
    queues.enqueue(store, item(1))
    workitems.claim(store, Member(TEAM, "marie"), doc_id(1), lease_seconds=60, now=T0)
    results, barrier = {}, threading.Barrier(6)

    def take(name):
        barrier.wait()
        try:
            workitems.claim(store, Member(TEAM, name), doc_id(1), now=T0 + 120)
            results[name] = True
        except AlreadyClaimed:
            results[name] = False

    threads = [threading.Thread(target=take, args=(f"p{i}",)) for i in range(6)]
    [t.start() for t in threads]
    [t.join(60) for t in threads]
    assert sorted(results.values()) == [False] * 5 + [True]
    winner = next(n for n, won in results.items() if won)
    assert claims.head(store, TEAM, doc_id(1)).actor == winner


def test_eight_concurrent_claimers_each_item_claimed_exactly_once(store):
    n_items = 24
    for n in range(n_items):
        queues.enqueue(store, item(n, priority=1 + n % 3, age_s=n))
    won: dict[str, list[str]] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def worker(name: str):
        me = Member(TEAM, name)
        mine = won.setdefault(name, [])
        try:
            barrier.wait()
            while True:
                try:
                    it, _ = workitems.claim(store, me)
                except workitems.InboxError as exc:
                    if "aucun document libre" in str(exc):
                        return
                    raise
                mine.append(it.document_id)
                workitems.complete(store, me, it.document_id)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(f"agent{i}",)) for i in range(8)]
    [t.start() for t in threads]
    [t.join(120) for t in threads]
    assert not errors, errors
    claimed = Counter(d for ids in won.values() for d in ids)
    assert set(claimed) == {doc_id(n) for n in range(n_items)}
    assert set(claimed.values()) == {1}
    audit = Counter((e.document_id, e.kind) for e in events(store))
    for n in range(n_items):
        assert audit[(doc_id(n), "claimed")] == 1 and audit[(doc_id(n), "completed")] == 1
    assert workitems.list_queue(store, Member(TEAM, "x")) == []


def test_reroute_keeps_the_history_and_can_come_back(store):
    queues.enqueue(store, item(1))
    marie = Member(TEAM, "marie")
    workitems.claim(store, marie, doc_id(1))
    moved = workitems.reroute(store, marie, doc_id(1), "gestion-locative", "c'est un congé, pas une fuite")
    assert moved.queue == "gestion-locative" and moved.is_open
    assert [h["action"] for h in moved.history] == ["routed", "rerouted"]
    assert moved.history[-1]["to"] == "gestion-locative" and "congé" in moved.history[-1]["note"]
    assert moved.history[-1]["actor"] == "marie"
    assert workitems.list_queue(store, marie) == []
    assert queues.get_item(store, TEAM, doc_id(1)).state == "rerouted"
    paul = Member("gestion-locative", "paul")
    assert [line.entry.document_id for line in workitems.list_queue(store, paul)] == [doc_id(1)]
    # No claim needed while nobody holds it; back to videocodage, then back to technique.
    back = workitems.return_to_review(store, paul, doc_id(1), "type à vérifier", "videocodage")
    assert back.queue == "videocodage" and back.status == "review"
    op = Member("videocodage", "op1")
    again = workitems.reroute(store, op, doc_id(1), TEAM, "bien une fuite finalement")
    assert again.queue == TEAM and again.is_open
    assert [h["action"] for h in again.history] == ["routed", "rerouted", "returned", "rerouted"]
    assert [line.entry.document_id for line in workitems.list_queue(store, marie)] == [doc_id(1)]
    workitems.claim(store, marie, doc_id(1))  # reopened: claimable again
    assert kinds(store, doc_id(1)) == ["claimed", "rerouted", "returned_to_review", "rerouted", "claimed"]


def test_reroute_refusals(store):
    queues.enqueue(store, item(1))
    queues.enqueue(store, item(1, queue="recouvrement"))
    marie = Member(TEAM, "marie")
    with pytest.raises(BadTarget, match="motif"):
        workitems.reroute(store, marie, doc_id(1), "contentieux", "  ")
    with pytest.raises(BadTarget, match="déjà dans la file"):
        workitems.reroute(store, marie, doc_id(1), "recouvrement", "doublon")
    workitems.claim(store, Member(TEAM, "paul"), doc_id(1))
    with pytest.raises(AlreadyClaimed):
        workitems.reroute(store, marie, doc_id(1), "contentieux", "huissier")
    assert queues.get_item(store, TEAM, doc_id(1)).is_open


def test_restricted_items_only_for_social_support(store):
    queues.enqueue(store, item(1, queue="videocodage", restricted=True, doc_type="social_distress"))
    queues.enqueue(store, item(2, queue="videocodage"))
    op = Member("videocodage", "op1")
    assert [line.entry.document_id for line in workitems.list_queue(store, op)] == [doc_id(2)]
    for action in (lambda: workitems.show(store, op, doc_id(1)), lambda: workitems.claim(store, op, doc_id(1))):
        with pytest.raises(ItemNotFound) as err:
            action()
        assert "introuvable" in str(err.value)
    social = Member("videocodage", "as1", sees_restricted=True)
    assert len(workitems.list_queue(store, social)) == 2
    it, _ = workitems.show(store, social, doc_id(1))
    assert it.type == "social_distress"
    assert [(e.kind, e.actor) for e in events(store, doc_id(1))] == [("viewed", "as1")]


def test_show_logs_a_view_and_unknown_documents_are_not_found(store):
    queues.enqueue(store, item(1))
    it, mark = workitems.show(store, Member(TEAM, "marie"), doc_id(1))
    assert it.fields == {"tenant_reference": "20451237"} and mark is None
    with pytest.raises(ItemNotFound):
        workitems.show(store, Member("contentieux", "marie"), doc_id(1))  # another team's queue
    with pytest.raises(ItemNotFound):
        workitems.show(store, Member(TEAM, "marie"), doc_id(2))
    assert kinds(store, doc_id(1)) == ["viewed"]


def test_a_crash_after_the_commit_mark_heals_on_next_touch(store):
    queues.enqueue(store, item(1))
    marie = Member(TEAM, "marie")
    _, head = workitems.claim(store, marie, doc_id(1))
    # Marie's process writes the closing mark, then dies before applying it.
    claims.append(store, TEAM, doc_id(1), head, "rerouted", "marie", details={"to": "contentieux", "reason": "x"})
    assert queues.get_item(store, TEAM, doc_id(1)).is_open
    with pytest.raises(Closed):
        workitems.claim(store, Member(TEAM, "paul"), doc_id(1))
    assert queues.get_item(store, TEAM, doc_id(1)).state == "rerouted"
    assert workitems.list_queue(store, marie) == []
    assert queues.get_item(store, "contentieux", doc_id(1)).is_open


def test_work_item_json_is_a_versioned_envelope(store):
    queues.enqueue(store, item(1))
    raw = json.loads(store.get(f"queues/{TEAM}/items/{doc_id(1)}.json"))
    assert raw["schema"] == "aiguillage.work-item/1" and raw["state"] == "open"
    with pytest.raises(ValueError, match="minuscules"):
        Member(TEAM, "Marie Dupont")
    with pytest.raises(ValueError):
        Member("../etc", "marie")


def test_reindex_repairs_the_index_from_the_items(store):
    for n in (1, 2, 3):
        queues.enqueue(store, item(n))
    marie = Member(TEAM, "marie")
    workitems.claim(store, marie, doc_id(3))
    workitems.complete(store, marie, doc_id(3))
    store.delete(queues.index_key(item(1)))  # lost entry
    store.put(queues.index_key(item(3)), b"")  # stale entry of a completed item
    assert queues.reindex(store, TEAM) == (1, 1)
    assert [e.document_id for e in queues.entries(store, TEAM)] == [doc_id(1), doc_id(2)]
    assert [i.document_id for i in queues.list_items(store, TEAM, open_only=True)] == [doc_id(1), doc_id(2)]
    assert queues.reindex(store, TEAM) == (0, 0)
