"""The day book (storage/daybook.py): one line per document, its facts in its key, on the
local folder and on real S3."""

from __future__ import annotations

from datetime import datetime

from config.clock import PARIS
from storage import daybook
from storage.daybook import Line

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=PARIS).timestamp()


def test_a_line_comes_back_from_one_listing(store):
    assert daybook.note(store, Line(NOON, "a" * 24, "routed", 3, "supplier_invoice", None))
    assert daybook.note(store, Line(NOON + 5, "b" * 24, "quarantined", 0, None, "encrypted"))
    lines = daybook.day_lines(store, "2026-03-02")
    assert [(x.document_id, x.status, x.pages, x.type, x.detail) for x in lines] == [
        ("a" * 24, "routed", 3, "supplier_invoice", None), ("b" * 24, "quarantined", 0, None, "encrypted")]
    assert abs(lines[0].at - NOON) < 0.002


def test_a_document_is_counted_once_a_day_however_often_it_is_noted(store):
    line = Line(NOON, "c" * 24, "review", 2, "other", None)
    assert daybook.note(store, line)
    assert not daybook.note(store, line)  # a rerun after a crash
    daybook.note(store, Line(NOON + 60, "c" * 24, "review", 2, "other", None))  # another instant: other key
    assert len(daybook.day_lines(store, "2026-03-02")) == 1


def test_the_day_is_the_paris_day_and_lines_since_spans_midnight(store):
    before_midnight = datetime(2026, 3, 2, 23, 58, tzinfo=PARIS).timestamp()
    daybook.note(store, Line(before_midnight, "d" * 24, "routed", 1, "repair_request", None))
    daybook.note(store, Line(before_midnight + 240, "e" * 24, "routed", 1, "repair_request", None))
    assert [x.document_id for x in daybook.day_lines(store, "2026-03-03")] == ["e" * 24]
    since = daybook.lines_since(store, before_midnight - 1, before_midnight + 300)
    assert [x.document_id for x in since] == ["d" * 24, "e" * 24]


def test_prune_drops_old_days_only(store):
    old = datetime(2026, 1, 1, 9, 0, tzinfo=PARIS).timestamp()
    daybook.note(store, Line(old, "f" * 24, "routed", 1, None, None))
    daybook.note(store, Line(NOON, "a" * 24, "routed", 1, None, None))
    assert daybook.days(store) == ["2026-01-01", "2026-03-02"]
    assert daybook.prune(store, keep_days=30, now=NOON) == 1
    assert daybook.days(store) == ["2026-03-02"]


def test_keys_refuse_what_they_cannot_hold():
    import pytest

    with pytest.raises(ValueError):
        daybook.line_key(Line(NOON, "a" * 24, "lost", 1, None, None))
    with pytest.raises(ValueError):
        daybook.line_key(Line(NOON, "../etc", "routed", 1, None, None))
    assert daybook.parse_key("daybook/2026-03-02/garbage") is None
    odd = daybook.line_key(Line(NOON, "a" * 24, "quarantined", 0, None, "Weird-Kind!"))
    assert daybook.parse_key(odd).detail == "weird_kind_"


def test_duplicates_count_once_per_file_and_keys_of_finds_every_line(store):
    daybook.note(store, Line(NOON, "a" * 24, "routed", 1, None, None))
    daybook.note(store, Line(NOON + 9, "a" * 24, "duplicate", 0, None, "0f0f0f0f0f0f"))
    daybook.note(store, Line(NOON + 10, "a" * 24, "duplicate", 0, None, "0f0f0f0f0f0f"))  # the same file again
    daybook.note(store, Line(NOON + 11, "a" * 24, "duplicate", 0, None, "1a1a1a1a1a1a"))  # under another name
    assert [x.status for x in daybook.day_lines(store, "2026-03-02")] == ["routed", "duplicate", "duplicate"]
    assert len(daybook.keys_of(store)["a" * 24]) == 4
