"""How the mail room stands (flows/status.py) and its Prometheus exposition (flows/metrics.py),
from queues and a day book written here, parsed as a scraper parses them."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from prometheus_client.parser import text_string_to_metric_families

from config.clock import PARIS
from flows import metrics
from flows.status import mailroom_state, shown_age, shown_rate
from storage import daybook
from storage.daybook import Line
from storage.local import LocalStore
from storage.queues import WorkItem, enqueue, iso

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=PARIS).timestamp()
QUEUES = {"technique": "Service technique", "accompagnement-social": "Accompagnement social",
          "quarantaine": "Quarantaine"}


def item(doc_id: str, queue: str, age_h: float, deadline_h: float | None, urgent=False, restricted=False):
    return WorkItem(document_id=doc_id, queue=queue, status="routed", type="repair_request", confidence=0.9,
                    reason=None, priority=1 if urgent else 3,
                    deadline=iso(NOW + deadline_h * 3600) if deadline_h is not None else None, urgent=urgent,
                    restricted=restricted, sha256="0" * 64, source="x.pdf", source_pages=[1],
                    created_at=datetime.fromtimestamp(NOW - age_h * 3600, timezone.utc).isoformat())


@pytest.fixture
def store(tmp_path):
    s = LocalStore(tmp_path / "store")
    enqueue(s, item("a" * 24, "technique", age_h=30, deadline_h=-6, urgent=True))  # overdue
    enqueue(s, item("b" * 24, "technique", age_h=2, deadline_h=20))
    enqueue(s, item("c" * 24, "accompagnement-social", age_h=1, deadline_h=None, urgent=True, restricted=True))
    at = NOW - 3600
    for n, (status, pages, kind) in enumerate([("routed", 2, None), ("routed", 1, None), ("routed", 1, None),
                                               ("review", 3, None), ("quarantined", 0, "encrypted"),
                                               ("duplicate", 0, None)]):
        daybook.note(s, Line(at + n, f"{n:02d}" * 12, status, pages, None, kind))
    daybook.note(s, Line(NOW - 60, "d" * 24, "routed", 4, "supplier_invoice", None))  # in the last quarter hour
    daybook.note(s, Line(NOW - 86400, "e" * 24, "routed", 9, None, None))  # yesterday: not today's
    return s


def test_queues_and_today(store):
    state = mailroom_state(store, QUEUES, now=NOW)
    tech, social, quarantine = state.queues
    assert (tech.depth, tech.overdue, tech.urgent, tech.restricted) == (2, 1, 1, 0)
    assert tech.oldest_age_seconds == pytest.approx(30 * 3600, abs=2)
    assert (social.depth, social.urgent, social.restricted, social.overdue) == (1, 1, 1, 0)
    assert (quarantine.depth, quarantine.oldest_age_seconds) == (0, None)
    d = state.today
    assert d.date == "2026-03-02" and d.documents == 7 and d.pages == 11
    assert d.by_status == {"routed": 4, "review": 1, "quarantined": 1, "duplicate": 1}
    assert d.straight_through_rate == pytest.approx(4 / 6, abs=1e-4)  # duplicates were not read
    assert d.review_rate == pytest.approx(1 / 6, abs=1e-4)
    assert d.quarantined_by_reason == {"encrypted": 1}
    assert state.documents_per_minute == pytest.approx(1 / 15, abs=1e-3)
    assert state.pages_per_minute == pytest.approx(4 / 15, abs=1e-3)
    assert state.to_json()["at"].startswith("2026-03-02T15:00:00+01:00")


def test_a_person_without_restricted_access_does_not_count_restricted_items(store):
    from flows.status import queue_state

    assert queue_state(store, "accompagnement-social", "", NOW, with_restricted=False).depth == 0
    assert queue_state(store, "accompagnement-social", "", NOW).depth == 1


def test_shown_in_french():
    assert (shown_age(None), shown_age(59), shown_age(125), shown_age(3 * 3600 + 7 * 60),
            shown_age(2 * 86400 + 4 * 3600)) == ("-", "0 min", "2 min", "3 h 07", "2 j 4 h")
    assert (shown_rate(None), shown_rate(0.8824)) == ("-", "88,2 %")


def scrape() -> dict:
    out = {}
    for family in text_string_to_metric_families(metrics.exposition().decode()):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def test_the_exposition_carries_the_store_state_and_this_process_counters(store):
    metrics.install_collector(lambda: mailroom_state(store, QUEUES, now=NOW), lambda: "20260301T101010Z-abcdef12",
                              cache_seconds=0)
    before = scrape()
    routed_before = before.get(("aiguillage_documents_total", (("status", "routed"),)), 0.0)
    metrics.count_document("routed", pages=2, ocr_seconds=[0.4, 0.6])
    metrics.count_quarantine("encrypted")
    metrics.count_error("StorageUnavailable")
    got = scrape()
    assert got[("aiguillage_documents_total", (("status", "routed"),))] == routed_before + 1
    assert got[("aiguillage_quarantined_total", (("reason", "encrypted"),))] >= 1
    assert got[("aiguillage_errors_total", (("kind", "StorageUnavailable"),))] >= 1
    assert got[("aiguillage_ocr_seconds_count", ())] >= 2
    assert got[("aiguillage_store_up", ())] == 1
    assert got[("aiguillage_queue_depth", (("queue", "technique"),))] == 2
    assert got[("aiguillage_queue_overdue", (("queue", "technique"),))] == 1
    assert got[("aiguillage_queue_oldest_age_seconds", (("queue", "technique"),))] == pytest.approx(108000, abs=2)
    assert got[("aiguillage_today_documents", (("status", "duplicate"),))] == 1
    assert got[("aiguillage_today_straight_through_ratio", ())] == pytest.approx(0.6667, abs=1e-4)
    assert got[("aiguillage_today_quarantined", (("reason", "encrypted"),))] == 1
    assert got[("aiguillage_pages_per_minute", ())] == pytest.approx(0.267, abs=1e-3)
    assert got[("aiguillage_model_info", (("version", "20260301T101010Z-abcdef12"),))] == 1


def test_a_store_that_does_not_answer_is_a_metric_not_a_failed_scrape():
    def down():
        raise ConnectionError("injoignable")

    metrics.install_collector(down, lambda: None, cache_seconds=0)
    got = scrape()
    assert got[("aiguillage_store_up", ())] == 0
    assert got[("aiguillage_model_info", (("version", "integre"),))] == 1
    assert not any(name == "aiguillage_queue_depth" for name, _ in got)
    assert scrape()[("aiguillage_errors_total", (("kind", "store_unreachable"),))] >= 1  # counted at the first
