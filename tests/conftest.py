"""Test-wide set-up: an isolated AIGUILLAGE_HOME per test, Prefect offline and quiet, and
one Prefect test harness for the whole session (its start costs ~15 s)."""

from __future__ import annotations

import os
import tempfile

import pytest

_PREFECT_HOME = tempfile.mkdtemp(prefix="aiguillage-prefect-")
os.environ.setdefault("PREFECT_HOME", _PREFECT_HOME)
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
os.environ["OMP_THREAD_LIMIT"] = "1"
for name in [k for k in os.environ if k.startswith("AIGUILLAGE_") and not k.startswith("AIGUILLAGE_TEST_")]:
    del os.environ[name]


@pytest.fixture(autouse=True)
def aiguillage_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("AIGUILLAGE_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield
