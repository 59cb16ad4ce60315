"""The small HTTP server of ``aiguillage serve`` for operations: ``/metrics`` (Prometheus),
``/healthz`` (alive) and ``/readyz`` (store, Prefect API, model), on ``serve.metrics_port``.
A thread of the service: it stops with it."""

from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from flows import health, metrics
from flows.status import mailroom_state

log = logging.getLogger("aiguillage.ops")


def start(rt, host: str, port: int) -> ThreadingHTTPServer:
    """Serve the three endpoints on ``host:port`` in a daemon thread; returns the server
    (``server_address`` has the port when 0 asked for any free one)."""
    metrics.install_collector(lambda: mailroom_state(rt.store, rt.taxonomy.queues), lambda: rt.loaded_model_version)
    server = ThreadingHTTPServer((host, port), _handler(rt))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="ops-http", daemon=True).start()
    return server


def _handler(rt):
    class Handler(BaseHTTPRequestHandler):
        server_version = "aiguillage"

        def do_GET(self):  # noqa: N802 - http.server's name
            path = self.path.split("?", 1)[0]
            if path == "/metrics":
                self._send(200, metrics.exposition(), metrics.CONTENT_TYPE)
            elif path == "/healthz":
                self._json(200, {"status": "vivant"})
            elif path == "/readyz":
                outcome = health.readiness(rt)
                self._json(200 if outcome.ready else 503, outcome.to_json())
            else:
                self._json(404, {"erreur": "introuvable : /metrics, /healthz ou /readyz"})

        def _json(self, status: int, body: dict) -> None:
            self._send(status, json.dumps(body, ensure_ascii=False).encode(), "application/json; charset=utf-8")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt, *args):  # scrapes every few seconds: debug, not the service's log
            log.debug("%s %s", self.address_string(), fmt % args)

    return Handler
