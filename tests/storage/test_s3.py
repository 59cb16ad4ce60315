"""S3-only behaviour: refused credentials, unreachable or failing servers, bucket handling."""

from __future__ import annotations

import logging
import socket
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from minio.commonconfig import ENABLED
from minio.versioningconfig import VersioningConfig

from storage.errors import StorageAuthError, StorageError, StorageUnavailable
from storage.retry import RetryPolicy
from storage.s3 import S3Store

FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.s3
def test_wrong_secret_key_is_an_auth_error_without_the_secret(s3_server, s3_bucket):
    secret = "faux-secret-Zq9xW2"
    store = S3Store(s3_server.endpoint, s3_server.access_key, secret, s3_bucket,
                    secure=s3_server.secure, retry=FAST)
    with pytest.raises(StorageAuthError) as err:
        store.put("doc", b"x")
    message = str(err.value)
    assert s3_server.endpoint in message
    assert "storage.s3.secret_key" in message
    assert secret not in message and secret not in repr(store)
    assert s3_server.access_key not in message
    assert secret not in "".join(traceback.format_exception(err.value))


@pytest.mark.s3
def test_unknown_access_key_is_an_auth_error(s3_server, s3_bucket):
    store = S3Store(s3_server.endpoint, "AKIAUNKNOWN000000000", s3_server.secret_key, s3_bucket,
                    secure=s3_server.secure, retry=FAST)
    with pytest.raises(StorageAuthError) as err:
        store.get("doc")
    assert "storage.s3.access_key" in str(err.value)
    assert s3_server.secret_key not in str(err.value)


def test_unreachable_endpoint_is_unavailable_after_bounded_retries(caplog):
    endpoint = f"127.0.0.1:{_closed_port()}"
    store = S3Store(endpoint, "access", "secret-value-123", "aig-test-bucket", secure=False,
                    retry=FAST, connect_timeout=1)
    with caplog.at_level(logging.WARNING, logger="aiguillage.storage.s3"):
        with pytest.raises(StorageUnavailable) as err:
            store.put("doc", b"x")
    message = str(err.value)
    assert endpoint in message and "3 tentative" in message and "connexion refusée" in message
    assert "secret-value-123" not in message + caplog.text
    assert len([r for r in caplog.records if "nouvelle tentative" in r.getMessage()]) == 2
    assert err.value.exit_code == 4


class _Always503(BaseHTTPRequestHandler):
    hits = 0

    def _answer(self):
        type(self).hits += 1
        body = b"<?xml version='1.0'?><Error><Code>SlowDown</Code><Message>busy</Message></Error>"
        self.send_response(503)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_PUT = do_HEAD = _answer

    def log_message(self, *args):
        pass


def test_server_errors_are_retried_then_unavailable():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Always503)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        endpoint = f"127.0.0.1:{httpd.server_address[1]}"
        store = S3Store(endpoint, "access", "secret", "aig-test-bucket", secure=False,
                        region="us-east-1", retry=FAST)
        with pytest.raises(StorageUnavailable) as err:
            store.get("doc")
        assert "503" in str(err.value)
        assert _Always503.hits == 3  # one request per attempt, no hidden retries below us
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.s3
def test_bucket_created_on_first_use_and_again_if_removed(s3_server, s3_bucket):
    client = s3_server.client()
    assert not client.bucket_exists(s3_bucket)
    store = s3_server.store(s3_bucket)
    assert list(store.list()) == []
    assert client.bucket_exists(s3_bucket)
    store.put("a", b"1")
    client.remove_object(s3_bucket, "a")
    client.remove_bucket(s3_bucket)
    store.put("b", b"2")
    assert store.get("b") == b"2"


@pytest.mark.s3
def test_put_if_absent_refuses_a_versioned_bucket(s3_server, s3_bucket):
    client = s3_server.client()
    client.make_bucket(s3_bucket)
    client.set_bucket_versioning(s3_bucket, VersioningConfig(ENABLED))
    store = s3_server.store(s3_bucket)
    store.put("plain", b"ok")  # ordinary writes are fine
    with pytest.raises(StorageError, match="versionnage"):
        store.put_if_absent("claim", b"x")


def test_invalid_endpoint_and_bucket_are_named():
    with pytest.raises(StorageError, match="storage.s3.endpoint"):
        S3Store("http://minio.local:9000", "a", "b", "aiguillage")
    with pytest.raises(StorageError, match="storage.s3.bucket"):
        S3Store("127.0.0.1:9000", "a", "b", "Bad_Bucket")


@pytest.mark.parametrize("key", ["", "/", "a/../b", "./x"])
def test_invalid_keys_refused(key):
    store = S3Store("127.0.0.1:9", "a", "b", "aiguillage", secure=False, retry=FAST)
    with pytest.raises(StorageError, match="clé d'objet invalide"):
        store.put(key, b"x")
