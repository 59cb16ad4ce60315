"""Prometheus metrics of ``aiguillage serve`` and ``aiguillage web``.

Two kinds, said apart in their help texts:
- this process's own work, as counters and a histogram (documents by status, pages, OCR
  seconds per page, quarantine by reason, errors by kind): Prometheus' ``rate()`` turns them
  into documents and pages per minute;
- the whole system's state, read from the store at each scrape (``MailroomCollector``):
  each queue's depth, oldest item age and overdue items, today's intake with its
  straight-through and review rates, quarantine by reason, documents and pages per minute
  over the last quarter hour — true whichever machine (station, Prefect worker) did the work.
The model version in service and whether the store answered complete them.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

log = logging.getLogger("aiguillage.metrics")

REGISTRY = CollectorRegistry(auto_describe=True)
DOCUMENTS = Counter("aiguillage_documents", "Documents handled by this process, by status "
                    "(routed, review, quarantined, duplicate)", ["status"], registry=REGISTRY)
PAGES = Counter("aiguillage_pages", "Pages read by this process", registry=REGISTRY)
QUARANTINED = Counter("aiguillage_quarantined", "Documents this process quarantined, by reason",
                      ["reason"], registry=REGISTRY)
OCR_SECONDS = Histogram("aiguillage_ocr_seconds", "Seconds to read one page (prepare and OCR), pages of this process",
                        buckets=(0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0), registry=REGISTRY)
ERRORS = Counter("aiguillage_errors", "Failures in this process, by kind", ["kind"], registry=REGISTRY)
CONTENT_TYPE = CONTENT_TYPE_LATEST
disable_created_metrics()  # no *_created series: noise on a dashboard


def count_document(status: str, pages: int = 0, ocr_seconds: list[float] | None = None) -> None:
    DOCUMENTS.labels(status).inc()
    if pages:
        PAGES.inc(pages)
    for s in ocr_seconds or ():
        if s and s > 0:
            OCR_SECONDS.observe(s)


def count_quarantine(kind: str) -> None:
    DOCUMENTS.labels("quarantined").inc()
    QUARANTINED.labels(kind or "autre").inc()


def count_error(kind: str) -> None:
    ERRORS.labels(kind).inc()


class MailroomCollector:
    """The store's view, computed at scrape time; kept ``cache_seconds`` so that several
    scrapers (or a refreshing dashboard) cost one LIST per queue at most that often."""

    def __init__(self, state: Callable[[], object], model_version: Callable[[], str | None],
                 cache_seconds: float = 10.0):
        self._state, self._model_version, self._cache_seconds = state, model_version, cache_seconds
        self._lock = threading.Lock()
        self._cached: tuple[float, list] | None = None

    def describe(self):
        return []  # computed families: not checked at registration

    def collect(self):
        with self._lock:
            if self._cached is None or time.monotonic() - self._cached[0] >= self._cache_seconds:
                self._cached = (time.monotonic(), self._families())
            return list(self._cached[1])

    def _families(self) -> list:
        up = GaugeMetricFamily("aiguillage_store_up", "1 when the object store answered the last scrape")
        try:
            state = self._state()
        except Exception as exc:  # noqa: BLE001 - a scrape never fails: the store's absence is a metric
            log.warning("métriques : stockage injoignable (%s)", exc)
            count_error("store_unreachable")
            up.add_metric([], 0)
            return [up, self._model()]
        up.add_metric([], 1)
        depth = GaugeMetricFamily("aiguillage_queue_depth", "Open items in each queue", labels=["queue"])
        oldest = GaugeMetricFamily("aiguillage_queue_oldest_age_seconds", "Age of each queue's oldest open item",
                                   labels=["queue"])
        overdue = GaugeMetricFamily("aiguillage_queue_overdue", "Open items past their deadline", labels=["queue"])
        urgent = GaugeMetricFamily("aiguillage_queue_urgent", "Open urgent items", labels=["queue"])
        for q in state.queues:
            depth.add_metric([q.queue], q.depth)
            oldest.add_metric([q.queue], q.oldest_age_seconds or 0.0)
            overdue.add_metric([q.queue], q.overdue)
            urgent.add_metric([q.queue], q.urgent)
        day = state.today
        docs = GaugeMetricFamily("aiguillage_today_documents", "Documents received today (Paris), whole system, "
                                 "by status", labels=["status"])
        for status, n in day.by_status.items():
            docs.add_metric([status], n)
        pages = GaugeMetricFamily("aiguillage_today_pages", "Pages received today (Paris), whole system")
        pages.add_metric([], day.pages)
        st = GaugeMetricFamily("aiguillage_today_straight_through_ratio",
                               "Share of today's documents routed with no person (0-1)")
        st.add_metric([], day.straight_through_rate or 0.0)
        review = GaugeMetricFamily("aiguillage_today_review_ratio", "Share of today's documents sent to vidéocodage")
        review.add_metric([], day.review_rate or 0.0)
        quarantine = GaugeMetricFamily("aiguillage_today_quarantined", "Documents quarantined today, by reason",
                                       labels=["reason"])
        for reason, n in day.quarantined_by_reason.items():
            quarantine.add_metric([reason], n)
        dpm = GaugeMetricFamily("aiguillage_documents_per_minute", "Documents received per minute, whole "
                                "system, over the last 15 minutes")
        dpm.add_metric([], state.documents_per_minute)
        ppm = GaugeMetricFamily("aiguillage_pages_per_minute", "Pages received per minute, whole system, "
                                "over the last 15 minutes")
        ppm.add_metric([], state.pages_per_minute)
        return [up, depth, oldest, overdue, urgent, docs, pages, st, review, quarantine, dpm, ppm, self._model()]

    def _model(self):
        info = GaugeMetricFamily("aiguillage_model_info", "Type model in service (version label; "
                                 "'integre' for the embedded one)", labels=["version"])
        try:
            version = self._model_version()
        except Exception as exc:  # noqa: BLE001
            log.warning("métriques : version du modèle inconnue (%s)", exc)
            version = "inconnu"
        info.add_metric([version or "integre"], 1)
        return info


_installed: list[MailroomCollector] = []


def install_collector(state: Callable[[], object], model_version: Callable[[], str | None],
                      cache_seconds: float = 10.0) -> MailroomCollector:
    """Register the store collector once per process (the latest call's sources win)."""
    for old in _installed:
        REGISTRY.unregister(old)
    _installed.clear()
    collector = MailroomCollector(state, model_version, cache_seconds)
    REGISTRY.register(collector)
    _installed.append(collector)
    return collector


def exposition() -> bytes:
    return generate_latest(REGISTRY)
