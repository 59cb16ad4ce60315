"""Counting what the pipeline handled: the day book's line in the store (the whole system's
tally, read by ``aiguillage status`` and the metrics) and this process's counters. A failure
to count never fails a delivery: it is logged."""

from __future__ import annotations

import hashlib
import logging
import time

from flows import metrics
from storage import daybook

log = logging.getLogger("aiguillage.tally")


def delivered(store, line: dict, ocr_seconds: list[float]) -> None:
    pages = len(line.get("source_pages") or [])
    metrics.count_document(line["status"], pages, ocr_seconds)
    _note(store, daybook.Line(time.time(), line["document_id"], line["status"], pages, line.get("type"), None))


def quarantined(store, document_id: str, kind: str, pages: list[int] | None) -> None:
    metrics.count_quarantine(kind)
    _note(store, daybook.Line(time.time(), document_id, "quarantined", len(pages or []), None, kind))


def duplicates(store, lines: list[dict]) -> None:
    """A file received again: one line per document it holds, under the first copy's id (so a
    purge of that document finds it) and a short hash of the new file's name (two copies
    under two names count twice, one copy noted twice once)."""
    for line in lines:
        metrics.count_document("duplicate")
        which = hashlib.sha256(str(line.get("source")).encode()).hexdigest()[:12]
        _note(store, daybook.Line(time.time(), line["document_id"], "duplicate", 0, line.get("type"), which))


def _note(store, line: daybook.Line) -> None:
    try:
        daybook.note(store, line)
    except Exception as exc:  # noqa: BLE001 - the tally must not stop the mail
        metrics.count_error("daybook")
        log.warning("registre du jour : ligne de %s non écrite (%s)", line.document_id, exc)
