"""Scale-out for real: `prefect server` on loopback, a work pool, two workers sharing one S3
bucket (the Ceph gateway of the test suite), a batch dropped in the hot folder, dispatched
by `aiguillage serve`. Both workers take part; every document is routed exactly once."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.s3server import s3_bucket, s3_server  # noqa: F401
from tests.spec import main_queue_items

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
BIN = Path(sys.executable).parent
pytestmark = [pytest.mark.slow, pytest.mark.s3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn(args, env, log: Path) -> subprocess.Popen:
    return subprocess.Popen(args, env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture()
def prefect_server(tmp_path):
    port = free_port()
    home = tmp_path / "prefect-server"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "AIGUILLAGE_"))}
    env |= {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false"}
    proc = spawn([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)], env,
                 tmp_path / "server.log")
    url = f"http://127.0.0.1:{port}/api"
    import httpx
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert proc.poll() is None, (tmp_path / "server.log").read_text()[-2000:]
        time.sleep(0.3)
    else:
        pytest.fail("prefect server did not start: " + (tmp_path / "server.log").read_text()[-2000:])
    yield url
    stop(proc)


def test_two_workers_share_a_batch(tmp_path, prefect_server, s3_server, s3_bucket):  # noqa: F811
    from flows.health import check_prefect

    assert check_prefect(prefect_server) == {"ok": True, "detail": "API Prefect joignable"}  # readiness, real API
    hot = tmp_path / "depot"
    hot.mkdir()
    names = ["doc-0002.pdf", "doc-0003.pdf", "doc-0007.pdf", "doc-0011.pdf", "doc-0014.pdf", "doc-0015.pdf"]
    for name in names:
        shutil.copy(SAMPLES / name, hot / name)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "AIGUILLAGE_"))}
    base |= s3_server.env() | {
        "AIGUILLAGE_STORAGE_S3_BUCKET": s3_bucket, "PREFECT_API_URL": prefect_server,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_WORKER_QUERY_SECONDS": "1",
        "PREFECT_HOME": str(tmp_path / "prefect-client"), "OMP_THREAD_LIMIT": "1",
        "AIGUILLAGE_SERVE_BATCH_FILES": "1"}

    dispatcher = base | {"AIGUILLAGE_HOME": str(tmp_path / "station"), "AIGUILLAGE_INTAKE_HOT_FOLDER": str(hot),
                         "AIGUILLAGE_INTAKE_SETTLE_SECONDS": "0"}
    served = subprocess.run([str(BIN / "aiguillage"), "serve", "--pool", "essai", "--once"], env=dispatcher,
                            cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert served.returncode == 0, served.stderr
    assert "6 fichier(s) confié(s) aux workers" in served.stdout
    assert "Traceback" not in served.stderr
    assert not list(hot.glob("*.pdf"))  # taken from the hot folder, kept in storage

    workers = [spawn([str(BIN / "prefect"), "worker", "start", "--pool", "essai", "--name", name, "--limit", "1"],
                     base | {"AIGUILLAGE_HOME": str(tmp_path / name)}, tmp_path / f"{name}.log")
               for name in ("machine-a", "machine-b")]
    store = s3_server.store(s3_bucket)
    try:
        deadline = time.time() + 400
        while time.time() < deadline:
            routed = len([k for k in store.list("documents/") if k.endswith("/routed.json")])
            if routed >= len(names) and not list(store.list("intake/")):  # the last run clears its file
                break
            for w in workers:
                assert w.poll() is None, "a worker stopped"
            time.sleep(1)
    finally:
        for w in workers:
            stop(w)
    records = [json.loads(store.get(k)) for k in store.list("documents/") if k.endswith("/record.json")]
    assert len(records) == len(names), "every document routed"
    homes = Counter(Path(r["processed_by"]["home"]).name for r in records)
    assert set(homes) == {"machine-a", "machine-b"}, homes
    main_items = Counter(item["document_id"] for item in main_queue_items(store))
    assert sorted(main_items.values()) == [1] * len(names)
    assert not list(store.list("intake/"))  # the intake is cleared
