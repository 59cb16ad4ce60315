"""When `aiguillage serve` retrains: every night at ``serve.retrain_at`` (Paris time)."""

from __future__ import annotations

from datetime import datetime

import pytest

from cli.serve_cmd import next_daily
from config.clock import PARIS
from config.errors import ConfigError
from config.settings import load_settings


def paris(*args) -> float:
    return datetime(*args, tzinfo=PARIS).timestamp()


def test_the_next_run_is_today_before_the_time_and_tomorrow_after_it():
    assert next_daily("02:30", paris(2026, 12, 4, 1, 0)) == paris(2026, 12, 4, 2, 30)
    assert next_daily("02:30", paris(2026, 12, 4, 2, 30)) == paris(2026, 12, 5, 2, 30)
    assert next_daily("23:05", paris(2026, 12, 31, 23, 10)) == paris(2027, 1, 1, 23, 5)
    # across the change to summer time, still 02:30 by the clock on the wall (or just after the gap)
    assert next_daily("04:00", paris(2026, 3, 28, 5, 0)) == paris(2026, 3, 29, 4, 0)


@pytest.mark.parametrize("value", ["25:00", "2h30", "02:3", "150"])
def test_a_time_that_is_not_hh_mm_is_refused_naming_the_setting(tmp_path, value):
    with pytest.raises(ConfigError, match="serve.retrain_at"):
        load_settings(env={"AIGUILLAGE_HOME": str(tmp_path), "AIGUILLAGE_SERVE_RETRAIN_AT": value})
    assert load_settings(env={"AIGUILLAGE_HOME": str(tmp_path), "AIGUILLAGE_SERVE_RETRAIN_AT": "02:30"})[
        "serve.retrain_at"] == "02:30"
