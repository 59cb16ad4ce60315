"""A throwaway S3 server for the test suite and the benchmarks (``bench/queues.py``), with
nothing of pytest: the server named by AIGUILLAGE_TEST_S3_ENDPOINT (with
AIGUILLAGE_TEST_S3_ACCESS_KEY, _SECRET_KEY, _SECURE) when set; otherwise a one-node Ceph
RADOS Gateway started with scripts/s3-test-server.sh on loopback and stopped at exit.
Not used by the product itself.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "s3-test-server.sh"
CEPH_PROGRAMS = ("ceph-mon", "ceph-osd", "radosgw", "radosgw-admin", "ceph", "ceph-authtool", "monmaptool")


@dataclass(frozen=True)
class S3Server:
    endpoint: str
    access_key: str
    secret_key: str
    secure: bool = False

    def store(self, bucket: str, **kwargs):
        from storage.s3 import S3Store

        return S3Store(self.endpoint, self.access_key, self.secret_key, bucket,
                       secure=self.secure, **kwargs)

    def client(self):
        from minio import Minio

        return Minio(self.endpoint, access_key=self.access_key, secret_key=self.secret_key,
                     secure=self.secure)

    def env(self) -> dict[str, str]:
        """AIGUILLAGE_* variables that point the product at this server."""
        return {
            "AIGUILLAGE_STORAGE_BACKEND": "s3",
            "AIGUILLAGE_STORAGE_S3_ENDPOINT": self.endpoint,
            "AIGUILLAGE_STORAGE_S3_ACCESS_KEY": self.access_key,
            "AIGUILLAGE_STORAGE_S3_SECRET_KEY": self.secret_key,
            "AIGUILLAGE_STORAGE_S3_SECURE": "true" if self.secure else "false",
        }


def unique_bucket(prefix: str = "aig-test") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def server_from_env(env=os.environ) -> S3Server | None:
    endpoint = env.get("AIGUILLAGE_TEST_S3_ENDPOINT")
    if not endpoint:
        return None
    secure = env.get("AIGUILLAGE_TEST_S3_SECURE", "false").strip().lower() in ("1", "true", "yes", "oui", "on")
    return S3Server(endpoint, env.get("AIGUILLAGE_TEST_S3_ACCESS_KEY", ""),
                    env.get("AIGUILLAGE_TEST_S3_SECRET_KEY", ""), secure)


def missing_programs() -> list[str]:
    return [p for p in CEPH_PROGRAMS if shutil.which(p) is None]


def start_server(scratch: Path) -> S3Server:
    """Start a gateway whose files live in ``scratch``; raise RuntimeError on failure."""
    proc = subprocess.run(["bash", str(SCRIPT), "start", str(scratch)], capture_output=True,
                          text=True, timeout=180)
    if proc.returncode != 0:
        raise RuntimeError(f"scripts/s3-test-server.sh start a échoué (code {proc.returncode}) :\n"
                           f"{proc.stderr[-3000:]}")
    values = {}
    for line in proc.stdout.splitlines():
        if line.startswith("export ") and "=" in line:
            name, _, value = line[len("export "):].partition("=")
            values[name] = value
    server = server_from_env(values)
    if server is None:
        raise RuntimeError(f"sortie inattendue de s3-test-server.sh :\n{proc.stdout}")
    return server


def stop_server(scratch: Path) -> None:
    subprocess.run(["bash", str(SCRIPT), "stop", str(scratch)], capture_output=True, timeout=60)


def remove_bucket(server: S3Server, bucket: str) -> None:
    """Best effort: empty and delete a test bucket (matters on a long-lived server)."""
    from minio.deleteobjects import DeleteObject

    try:
        client = server.client()
        if not client.bucket_exists(bucket):
            return
        names = [DeleteObject(o.object_name, o.version_id)
                 for o in client.list_objects(bucket, recursive=True, include_version=True)]
        for _ in client.remove_objects(bucket, names):
            pass
        client.remove_bucket(bucket)
    except Exception:  # noqa: BLE001 - cleanup must not hide the test's own result
        pass


# One gateway per test process, even when several conftest.py files import the fixture
# (each import registers its own session fixture): the first use starts it, exit stops it.
_SHARED: dict[str, object] = {}


class NoTestServer(RuntimeError):
    """No S3 server for the tests (French message saying what to install or set)."""


def shared_server() -> S3Server:
    """The session's S3 server, started on first call; NoTestServer with a clear message if none."""
    if "server" in _SHARED:
        return _SHARED["server"]  # type: ignore[return-value]
    if "error" in _SHARED:
        raise NoTestServer(str(_SHARED["error"]))
    external = server_from_env()
    if external is not None:
        _SHARED["server"] = external
        return external
    missing = missing_programs()
    if missing:
        _SHARED["error"] = (
            "tests S3 : aucun serveur S3. Installez les paquets Debian ceph-mon ceph-osd radosgw "
            f"ceph-common (`make setup-test`; manquent : {', '.join(missing)}) ou indiquez un serveur "
            "avec AIGUILLAGE_TEST_S3_ENDPOINT, AIGUILLAGE_TEST_S3_ACCESS_KEY, AIGUILLAGE_TEST_S3_SECRET_KEY "
            "(et AIGUILLAGE_TEST_S3_SECURE). Pour ne lancer que le reste : pytest -m 'not s3'.")
        raise NoTestServer(str(_SHARED["error"]))
    scratch = Path(tempfile.mkdtemp(prefix="aig-s3-"))  # short path: socket names have a length limit
    atexit.register(_cleanup, scratch)
    try:
        _SHARED["server"] = start_server(scratch)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        _SHARED["error"] = f"tests S3 : la passerelle Ceph n'a pas démarré : {exc}"
        raise NoTestServer(str(_SHARED["error"]))
    return _SHARED["server"]  # type: ignore[return-value]


def _cleanup(scratch: Path) -> None:
    stop_server(scratch)
    shutil.rmtree(scratch, ignore_errors=True)
