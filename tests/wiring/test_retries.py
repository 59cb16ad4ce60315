"""Waiting out a storage outage: what is retried, how often, and what is not."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from storage.errors import StorageAuthError, StorageError, StorageUnavailable
from wiring.retries import (
    OTHER_RETRIES,
    TASK_RETRIES,
    WAITS,
    patiently,
    retry_condition,
)


def test_patiently_waits_with_growing_pauses_until_storage_is_back():
    calls, waits = [], []

    def flaky(x, y=0):
        calls.append((x, y))
        if len(calls) < 4:
            raise StorageUnavailable("serveur S3 injoignable")
        return x + y

    assert patiently(flaky, 2, y=3, sleep=waits.append) == 5
    assert calls == [(2, 3)] * 4
    assert waits == list(WAITS[:3]) and waits == sorted(waits)


def test_patiently_gives_up_after_the_last_pause():
    waits = []

    def down():
        raise StorageUnavailable("toujours en panne")

    with pytest.raises(StorageUnavailable, match="toujours en panne"):
        patiently(down, waits=(1, 2), sleep=waits.append)
    assert waits == [1, 2]


@pytest.mark.parametrize("exc", [StorageAuthError("identifiants refusés"), StorageError("refusé"), KeyError("x")])
def test_patiently_does_not_retry_other_failures(exc):
    waits = []

    def fails():
        raise exc

    with pytest.raises(type(exc)):
        patiently(fails, sleep=waits.append)
    assert waits == []


def _state(exc):
    return SimpleNamespace(data=exc)


def test_task_retry_condition():
    task = SimpleNamespace(name="comprendre-et-aiguiller")
    late = SimpleNamespace(run_count=len(WAITS))
    assert retry_condition(task, late, _state(StorageUnavailable("panne"))) is True
    assert retry_condition(task, SimpleNamespace(run_count=1), _state(StorageAuthError("refusé"))) is False
    assert retry_condition(task, SimpleNamespace(run_count=OTHER_RETRIES), _state(ValueError())) is True
    assert retry_condition(task, SimpleNamespace(run_count=OTHER_RETRIES + 1), _state(ValueError())) is False
    assert TASK_RETRIES["retries"] == len(WAITS) and TASK_RETRIES["retry_condition_fn"] is retry_condition
