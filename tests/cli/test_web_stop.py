"""Issue 18, item 9: stopping ``aiguillage web`` (SIGTERM from a service manager, or Ctrl+C)
stops the Prefect server it started: no process of it survives and its port is closed.
Processes are read from /proc (Linux)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 120  # seconds for the web app and Prefect's temporary server to come up


def descendants(pid: int) -> dict[int, str]:
    """Every process below ``pid``: pid -> command line."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = {}, [pid]
    while todo:
        parent = todo.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in found:
                try:
                    found[child] = (Path("/proc") / str(child) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                except OSError:
                    continue
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def answers(port: int, path: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_prefect(proc: subprocess.Popen, err_path: Path, ready) -> tuple[int, int]:
    """(pid, port) of the Prefect server below ``proc``, once it answers and ``ready()`` holds."""
    prefect_pid = prefect_port = None
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and proc.poll() is None:
        servers = {pid: cmd for pid, cmd in descendants(proc.pid).items() if "prefect.server" in cmd}
        if servers and prefect_port is None:
            prefect_pid, cmd = next(iter(servers.items()))
            prefect_port = int(re.search(r"--port (\d+)", cmd).group(1))
        if prefect_port and answers(prefect_port, "/api/health") and ready():
            return prefect_pid, prefect_port
        time.sleep(0.5)
    pytest.fail(f"not up in {START_TIMEOUT} s:\n{err_path.read_text(errors='replace')[-3000:]}")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_sigterm_stops_the_web_app_and_its_prefect_server(tmp_path):
    """Before: uvicorn raised SIGTERM again once shut down, the process died without running
    Prefect's exit hook (exit 143) and the server's uvicorn lived on. Ctrl+C (SIGINT) ends
    through KeyboardInterrupt, which always ran the hook."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIGUILLAGE_", "PREFECT_"))}
    env.update(AIGUILLAGE_HOME=str(tmp_path / "home"), OMP_THREAD_LIMIT="1", PREFECT_SERVER_ANALYTICS_ENABLED="false")
    err_path = tmp_path / "stderr.txt"
    with err_path.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "cli.main", "web", "--port", str(port)], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    try:
        prefect_pid, prefect_port = wait_for_prefect(proc, err_path, lambda: answers(port, "/connexion"))
        below = descendants(proc.pid)
        assert prefect_pid in below

        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        survivors = {pid: cmd for pid, cmd in below.items() if alive(pid)}
        assert survivors == {}, survivors
        assert not port_open(prefect_port) and not port_open(port)
        stderr = err_path.read_text(errors="replace")
        assert "Traceback" not in stderr, stderr[-3000:]
        assert proc.returncode == 0 and "guichet arrêté" in stderr, (proc.returncode, stderr[-2000:])
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # its process group: whatever it left behind
        except ProcessLookupError:
            pass
        proc.wait()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_sigterm_stops_the_service_and_its_prefect_server(tmp_path):
    """``aiguillage serve`` under a service manager: SIGTERM ends it like Ctrl+C (exit 0,
    « service arrêté ») and its Prefect server with it. Before: the process died on the signal
    (exit 143) and the server lived on as an orphan."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIGUILLAGE_", "PREFECT_"))}
    from corpus.bad_inputs import good_pdf

    hot = tmp_path / "depot"
    hot.mkdir()
    (hot / "lettre.pdf").write_bytes(good_pdf("service arrêté proprement"))  # a flow runs: Prefect's server starts
    env.update(AIGUILLAGE_HOME=str(tmp_path / "home"), AIGUILLAGE_INTAKE_HOT_FOLDER=str(hot), OMP_THREAD_LIMIT="1",
               AIGUILLAGE_INTAKE_SETTLE_SECONDS="0.5", PREFECT_SERVER_ANALYTICS_ENABLED="false")
    err_path = tmp_path / "stderr.txt"
    with err_path.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--interval", "0.5"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    try:
        prefect_pid, prefect_port = wait_for_prefect(
            proc, err_path, lambda: "service démarré" in err_path.read_text(errors="replace"))
        below = descendants(proc.pid)
        assert prefect_pid in below

        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        survivors = {pid: cmd for pid, cmd in below.items() if alive(pid)}
        assert survivors == {}, survivors
        assert not port_open(prefect_port)
        stderr = err_path.read_text(errors="replace")
        assert "Traceback" not in stderr, stderr[-3000:]
        assert proc.returncode == 0 and "service arrêté" in stderr, (proc.returncode, stderr[-2000:])
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
