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


def pytest_collection_modifyitems(items):
    """Files holding end-to-end tests (``slow``: real processes, servers, OCR) run first. With
    two workers taking one file at a time (``--dist loadfile``), a long file taken last kept
    one worker busy minutes after the other had finished; short files now fill the end."""
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)  # stable: file order kept otherwise
