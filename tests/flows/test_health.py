"""Readiness (flows/health.py): the store, the Prefect API and the type model, each said."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from flows import health
from tests.s3server import s3_bucket, s3_server  # noqa: F401


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


def test_ready_once_the_model_is_loaded(aiguillage_home):
    from wiring.runtime import runtime

    rt = runtime()
    before = health.readiness(rt, api_url="")
    assert not before.ready and not before.checks["modele"]["ok"] and before.checks["stockage"]["ok"]
    health.load_model_in_background(rt).join(timeout=120)
    after = health.readiness(rt, api_url="")
    assert after.ready, after.checks
    assert after.to_json()["status"] == "pret" and "intégré" in after.checks["modele"]["detail"]


def s3_settings(monkeypatch, endpoint: str, env: dict[str, str] | None = None):
    from config import load_settings

    for k, v in (env or {}).items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("AIGUILLAGE_STORAGE_BACKEND", "s3")
    monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_ENDPOINT", endpoint)
    monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_SECURE", "false")
    monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_ACCESS_KEY", (env or {}).get("AIGUILLAGE_STORAGE_S3_ACCESS_KEY", "k"))
    monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_SECRET_KEY", (env or {}).get("AIGUILLAGE_STORAGE_S3_SECRET_KEY", "s"))
    return load_settings()


@pytest.mark.s3
def test_the_store_check_follows_the_s3_server(aiguillage_home, monkeypatch, s3_server, s3_bucket):  # noqa: F811
    up = s3_settings(monkeypatch, s3_server.endpoint, {**s3_server.env(), "AIGUILLAGE_STORAGE_S3_BUCKET": s3_bucket})
    assert health.check_store(up) == {"ok": True, "detail": "stockage joignable"}
    down = s3_settings(monkeypatch, f"127.0.0.1:{closed_port()}")
    check = health.check_store(down)
    assert not check["ok"] and "stockage injoignable" in check["detail"]


class _Health(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self):  # noqa: N802
        self.send_response(self.status if self.path == "/api/health" else 404)
        self.end_headers()
        self.wfile.write(b"true")

    def log_message(self, *_):
        pass


def test_the_prefect_check_asks_the_api_health(monkeypatch):
    assert health.check_prefect(None)["ok"]  # no server configured: flows run in the process
    down = health.check_prefect(f"http://127.0.0.1:{closed_port()}/api")
    assert not down["ok"] and "injoignable" in down["detail"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/api"
        assert health.check_prefect(url)["ok"]
        _Health.status = 503
        failing = health.check_prefect(url)
        assert not failing["ok"] and "503" in failing["detail"]
    finally:
        _Health.status = 200
        server.shutdown()


def test_readiness_is_false_when_the_store_is_down(aiguillage_home, monkeypatch):
    from wiring.runtime import runtime

    s3_settings(monkeypatch, f"127.0.0.1:{closed_port()}")
    rt = runtime()
    outcome = health.readiness(rt, api_url="")
    assert not outcome.ready and not outcome.checks["stockage"]["ok"]
    assert outcome.to_json()["status"] == "pas pret"
