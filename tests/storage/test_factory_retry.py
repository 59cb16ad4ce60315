"""open_store picks the back end from the settings; the retry policy backs off and stops."""

from __future__ import annotations

import pytest

from config.settings import load_settings
from storage.factory import open_store
from storage.local import LocalStore
from storage.retry import RetriesExhausted, Retryable, RetryPolicy, call_with_retry
from storage.s3 import S3Store


def test_local_backend_is_a_folder_under_home(tmp_path):
    settings = load_settings(env={"AIGUILLAGE_HOME": str(tmp_path)})
    store = open_store(settings)
    assert isinstance(store, LocalStore)
    store.put("x/y", b"1")
    assert (tmp_path / "store" / "x" / "y").read_bytes() == b"1"


def test_s3_backend_from_settings(tmp_path):
    settings = load_settings(env={
        "AIGUILLAGE_HOME": str(tmp_path), "AIGUILLAGE_STORAGE_BACKEND": "s3",
        "AIGUILLAGE_STORAGE_S3_ENDPOINT": "s3.example.org:9000", "AIGUILLAGE_STORAGE_S3_SECURE": "false",
        "AIGUILLAGE_STORAGE_S3_BUCKET": "patrimoine-docs", "AIGUILLAGE_STORAGE_S3_REGION": "eu-west-3",
        "AIGUILLAGE_STORAGE_S3_ACCESS_KEY": "AK", "AIGUILLAGE_STORAGE_S3_SECRET_KEY": "very-secret",
    })
    store = open_store(settings)
    assert isinstance(store, S3Store)
    assert (store.endpoint, store.bucket) == ("s3.example.org:9000", "patrimoine-docs")
    assert "very-secret" not in repr(store)
    assert open_store(settings, bucket="patrimoine-audit").bucket == "patrimoine-audit"


@pytest.mark.s3
def test_s3_backend_talks_to_the_server(tmp_path, s3_server, s3_bucket):
    env = {"AIGUILLAGE_HOME": str(tmp_path), "AIGUILLAGE_STORAGE_S3_BUCKET": s3_bucket, **s3_server.env()}
    store = open_store(load_settings(env=env))
    store.put("k", b"v")
    assert store.get("k") == b"v"


def test_retry_backs_off_exponentially_and_stops():
    waits: list[float] = []
    calls: list[int] = []

    def failing(attempt: int):
        calls.append(attempt)
        raise Retryable(OSError("down"), "down")

    policy = RetryPolicy(attempts=5, base_delay=1.0, max_delay=5.0)
    with pytest.raises(RetriesExhausted) as err:
        call_with_retry(failing, policy, sleep=waits.append)
    assert calls == [1, 2, 3, 4, 5] and err.value.attempts == 5
    assert len(waits) == 4
    for wait, full in zip(waits, [1.0, 2.0, 4.0, 5.0]):
        assert full / 2 <= wait <= full


def test_retry_returns_first_success_and_passes_other_errors():
    outcomes = iter([Retryable(OSError(), "x"), "ok"])

    def flaky(_attempt):
        item = next(outcomes)
        if isinstance(item, Exception):
            raise item
        return item

    assert call_with_retry(flaky, RetryPolicy(attempts=3), sleep=lambda _s: None) == "ok"
    with pytest.raises(KeyError):
        call_with_retry(lambda _a: {}["x"], RetryPolicy(attempts=3), sleep=lambda _s: None)
