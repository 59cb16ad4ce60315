"""docs/grafana/aiguillage.json: a dashboard Grafana imports, whose every expression names
metrics the product really exposes, and which shows each measure issue 20 asks for."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from flows import metrics
from flows.status import mailroom_state
from storage import daybook
from storage.local import LocalStore
from storage.queues import WorkItem, enqueue

DASHBOARD = Path(__file__).resolve().parents[2] / "docs" / "grafana" / "aiguillage.json"
SUFFIXES = ("_bucket", "_sum", "_count", "_total")


def dashboard() -> dict:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))


def exposed_names(tmp_path) -> set[str]:
    store = LocalStore(tmp_path / "store")
    enqueue(store, WorkItem(document_id="a" * 24, queue="technique", status="routed", type="repair_request",
                            confidence=0.9, reason=None, priority=1, deadline=None, urgent=True, restricted=False,
                            sha256="0" * 64, source="x.pdf", source_pages=[1]))
    daybook.note(store, daybook.Line(time.time(), "b" * 24, "quarantined", 0, None, "encrypted"))
    metrics.install_collector(lambda: mailroom_state(store, {"technique": "Service technique"}), lambda: "v1",
                              cache_seconds=0)
    metrics.count_document("routed", 1, [0.5])
    metrics.count_quarantine("encrypted")
    metrics.count_error("daybook")
    names = set()
    for family in text_string_to_metric_families(metrics.exposition().decode()):
        names |= {s.name for s in family.samples}
    return names


def used_names() -> set[str]:
    return {n for p in dashboard()["panels"] for t in p["targets"] for n in re.findall(r"\baiguillage_\w+", t["expr"])}


def test_every_metric_the_dashboard_queries_is_exposed(tmp_path):
    exposed = exposed_names(tmp_path)
    missing = {n for n in used_names() if n not in exposed}
    assert not missing, missing


def test_it_is_a_grafana_dashboard_with_a_datasource_input():
    d = dashboard()
    assert d["schemaVersion"] >= 36 and d["__inputs"][0]["name"] == "DS_PROMETHEUS"
    ids = [p["id"] for p in d["panels"]]
    assert len(ids) == len(set(ids))
    for p in d["panels"]:
        assert set(p["gridPos"]) == {"x", "y", "w", "h"} and p["gridPos"]["x"] + p["gridPos"]["w"] <= 24
        assert p["targets"] and all(t["datasource"]["uid"] == "${DS_PROMETHEUS}" and t["expr"] for t in p["targets"])


def test_each_measure_of_the_issue_has_a_panel():
    names = used_names()
    for wanted in ("aiguillage_documents_per_minute", "aiguillage_pages_per_minute", "aiguillage_documents_total",
                   "aiguillage_today_straight_through_ratio", "aiguillage_today_review_ratio",
                   "aiguillage_today_quarantined", "aiguillage_queue_depth", "aiguillage_queue_oldest_age_seconds",
                   "aiguillage_ocr_seconds_bucket", "aiguillage_errors_total", "aiguillage_model_info"):
        assert wanted in names, wanted
