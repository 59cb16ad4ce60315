"""Times shown and printed in JSON are Paris time with their offset, whatever they were stored as."""

from __future__ import annotations

from datetime import datetime, timezone

from config import clock


def test_stored_utc_is_shown_and_printed_in_paris_time():
    winter, summer = "2026-01-15T08:00:00.123Z", datetime(2026, 7, 1, 8, 0, tzinfo=timezone.utc)
    assert clock.iso(winter) == "2026-01-15T09:00:00+01:00"
    assert clock.iso(summer) == "2026-07-01T10:00:00+02:00"
    assert clock.iso(summer.timestamp()) == "2026-07-01T10:00:00+02:00"
    assert clock.iso("2026-07-01T08:00:00") == "2026-07-01T10:00:00+02:00"  # naive = UTC, as stored
    assert clock.shown(winter) == "15/01/2026 09:00"
    assert clock.shown(None) == "-" and clock.iso(None) is None
    assert clock.shown("pas une date") == "pas une date"
