"""``aiguillage serve --metrics-port``: a real service scraped as Prometheus would, its
readiness turning true, its counters and the store's day book following a file routed from
the hot folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.cli.test_web_stop import free_port

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def samples(text: str) -> dict:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for f in text_string_to_metric_families(text) for s in f.samples}


def test_serve_exposes_metrics_health_and_readiness(tmp_path):
    from tests.pages import letter_image, save_image

    hot = tmp_path / "depot"
    hot.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIGUILLAGE_", "PREFECT_"))}
    env.update(AIGUILLAGE_HOME=str(tmp_path / "home"), AIGUILLAGE_INTAKE_HOT_FOLDER=str(hot), OMP_THREAD_LIMIT="1",
               AIGUILLAGE_INTAKE_SETTLE_SECONDS="0.5", PREFECT_SERVER_ANALYTICS_ENABLED="false")
    err_path = tmp_path / "stderr.txt"
    with err_path.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--interval", "0.5",
                                 "--metrics-port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=err, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, err_path.read_text()
            try:
                status, body = get(port, "/readyz")
            except OSError:
                status, body = 0, ""
            if status == 200:
                break
            assert time.monotonic() < deadline, (status, body, err_path.read_text()[-2000:])
            time.sleep(0.5)
        assert json.loads(body)["checks"]["modele"]["ok"]
        assert get(port, "/healthz") == (200, '{"status": "vivant"}')
        assert get(port, "/ailleurs")[0] == 404

        image = letter_image(dpi=200)  # a scan: its page goes through OCR
        save_image(image, tmp_path / "lettre.jpg", dpi=200, quality=80)
        (tmp_path / "lettre.jpg").rename(hot / "lettre.jpg")
        deadline = time.monotonic() + 180
        while True:  # this process's counters at once, the store's view within its 10 s cache
            got = samples(get(port, "/metrics")[1])
            read = sum(got.get(("aiguillage_today_documents", (("status", s),)), 0) for s in ("routed", "review"))
            if read >= 1 and got.get(("aiguillage_pages_total", ()), 0) >= 1:
                break
            assert time.monotonic() < deadline, err_path.read_text()[-2000:]
            time.sleep(1)
        assert read == 1  # the store's day book, whole system
        assert sum(got.get(("aiguillage_documents_total", (("status", s),)), 0) for s in ("routed", "review")) == 1
        assert got[("aiguillage_pages_total", ())] >= 1
        assert got[("aiguillage_ocr_seconds_count", ())] >= 1
        assert sum(v for (name, _), v in got.items() if name == "aiguillage_queue_depth") == 1
        assert got[("aiguillage_store_up", ())] == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert "Traceback" not in err_path.read_text()
