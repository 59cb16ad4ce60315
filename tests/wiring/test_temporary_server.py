"""Prefect's temporary server started by the command itself (wiring/temporary_server.py): it
boots beside the command, Prefect finds it, the command never imports Prefect's server code,
and it ends with the command, even one killed by SIGKILL. Each case runs in a fresh process:
the test process has imported Prefect already."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # Prefect servers started for real


def python(script: str, home: Path, **env: str) -> subprocess.Popen:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AIGUILLAGE_", "PREFECT_"))}
    clean |= {"AIGUILLAGE_HOME": str(home), "PREFECT_HOME": str(home / "prefect"),
              "PREFECT_SERVER_ANALYTICS_ENABLED": "false"} | env
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)], cwd=REPO, env=clean, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


STARTED = """
    import json, os, sys, time
    from pathlib import Path
    from wiring import temporary_server
    started = temporary_server.start(Path(os.environ["AIGUILLAGE_HOME"]) / "logs" / "aiguillage.log")
    temporary_server.wait()
    from prefect.client.orchestration import get_client
    with get_client(sync_client=True) as client:
        answer = client.api_healthcheck()
    print(json.dumps({"started": started, "env": os.environ.get("PREFECT_API_URL"),
                      "configured": temporary_server.configured_api_url(),
                      "client": str(client.api_url), "healthy": answer is None,
                      "server_code_here": "prefect.server.api.server" in sys.modules,
                      "server_pid": temporary_server._child.pid}), flush=True)
    time.sleep(600)
"""


def test_started_before_prefect_prefect_uses_it_and_it_ends_with_the_command_killed_outright(tmp_path):
    """Prefect finds the server in PREFECT_API_URL, this process never imports its server code,
    and ``serve`` does not take it for a server the user configured. SIGKILL runs no exit hook:
    before, Prefect's server outlived the command that started it."""
    proc = python(STARTED, tmp_path / "home")
    try:
        seen = json.loads(proc.stdout.readline() or "null")
        assert seen, proc.communicate(timeout=30)[1]
        assert seen["started"] and seen["env"].startswith("http://127.0.0.1:") and seen["env"].endswith("/api")
        assert seen["client"].rstrip("/") == seen["env"] and seen["healthy"]
        assert seen["configured"] is None  # `serve` works alone: the server is the command's own
        assert not seen["server_code_here"]
        server = seen["server_pid"]
        assert alive(server)
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # the command alone, not its process group
        proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while alive(server) and time.monotonic() < deadline:
        time.sleep(0.2)
    if alive(server):
        os.kill(server, signal.SIGKILL)
        pytest.fail("le serveur temporaire de Prefect a survécu à la commande")


def test_a_users_server_is_left_alone(tmp_path):
    script = """
        import json
        from pathlib import Path
        from wiring import temporary_server
        print(json.dumps([temporary_server.start(Path("unused.log")), temporary_server.configured_api_url()]))
    """
    proc = python(script, tmp_path / "home", PREFECT_API_URL="http://prefect.example:4200/api")
    out, err = proc.communicate(timeout=60)
    assert json.loads(out) == [False, "http://prefect.example:4200/api"], err


def test_a_server_that_cannot_start_is_said_in_one_line(tmp_path):
    script = """
        import os
        from pathlib import Path
        from wiring import temporary_server
        temporary_server.start(Path(os.environ["AIGUILLAGE_HOME"]) / "logs" / "aiguillage.log")
        try:
            temporary_server.wait()
        except temporary_server.TemporaryServerFailed as exc:
            print(exc)
    """
    # a database URL the server cannot open: it stops during its start
    proc = python(script, tmp_path / "home",
                  PREFECT_SERVER_DATABASE_CONNECTION_URL="sqlite+aiosqlite:////nonexistent/dir/prefect.db")
    out, err = proc.communicate(timeout=180)
    assert "serveur temporaire de Prefect" in out and "aiguillage.log" in out, out + err
    assert "PREFECT_API_URL" in out
