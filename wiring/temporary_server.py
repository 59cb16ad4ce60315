"""Prefect's temporary API server, started by the command itself.

Without PREFECT_API_URL, Prefect starts a temporary API server as a child process on the first
flow run. To do so it first imports its whole server code into the command (~4 s of CPU, for a
process that only talks to the server) and starts the child only then, when the batch is about
to begin. ``start`` runs the same server (same program, same settings) as soon as the command
knows it needs one, without importing Prefect: the child boots on the other core while the
command loads its model, and Prefect, imported afterwards, finds it in PREFECT_API_URL.

``configured_api_url`` tells a server the user configured from this one: ``aiguillage serve``
hands its files to workers only with the former.
"""

from __future__ import annotations

import atexit
import ctypes
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from config.errors import AiguillageError

_child: subprocess.Popen | None = None
_url: str | None = None
_log: Path | None = None


class TemporaryServerFailed(AiguillageError):
    """Prefect's temporary server did not answer."""


def configured_api_url() -> str | None:
    """PREFECT_API_URL as the user set it: None when unset or naming this command's own server."""
    url = os.environ.get("PREFECT_API_URL") or None
    return None if url is not None and url == _url else url


def start(log_file: Path) -> bool:
    """Start the temporary server now if this command is to use one: no PREFECT_API_URL, and
    Prefect not imported yet (its settings are read once, on import). Its messages go to
    ``log_file``. Returns whether it was started; ``wait`` for it before the first flow run."""
    global _child, _url, _log
    if _child is not None:
        return True
    if os.environ.get("PREFECT_API_URL") or "prefect" in sys.modules:
        return False
    if os.environ.get("PREFECT_SERVER_EPHEMERAL_ENABLED", "").lower() in ("0", "false", "no"):
        return False
    spec = importlib.util.find_spec("prefect")
    if spec is None or not spec.submodule_search_locations:
        return False  # Prefect is not installed: the flow run will say so
    app_dir = Path(list(spec.submodule_search_locations)[0]).parent
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env |= {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("ab") as out:
        _child = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "error", "--lifespan", "on"],
            env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out, preexec_fn=_die_with_parent)
    _url, _log = f"http://127.0.0.1:{port}/api", log_file
    os.environ["PREFECT_API_URL"] = _url
    atexit.register(stop)
    return True


def wait(timeout: float | None = None) -> None:
    """Until the temporary server answers (nothing to wait for without one). Raises
    ``TemporaryServerFailed`` if it ends or stays silent for ``timeout`` seconds
    (PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, 60 by default)."""
    if _child is None:
        return
    import httpx

    timeout = timeout or float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or 60)
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=2) as client:
        while True:
            code = _child.poll()
            if code is not None:
                raise TemporaryServerFailed(
                    f"le serveur temporaire de Prefect s'est arrêté au démarrage (code {code}) : voir {_log} ; "
                    "ou réglez PREFECT_API_URL vers un serveur Prefect")
            try:
                if client.get(f"{_url}/health").status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise TemporaryServerFailed(
                    f"le serveur temporaire de Prefect ne répond pas après {timeout:.0f} s : voir {_log} ; "
                    "augmentez PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ou réglez PREFECT_API_URL")
            time.sleep(0.1)


def stop() -> None:
    """Stop the temporary server, if this command started one."""
    global _child
    child, _child = _child, None
    if child is None or child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(timeout=5)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """The server ends with the command even when the command is killed (SIGKILL runs no
    ``atexit`` hook): Linux sends it SIGTERM when its parent ends."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
