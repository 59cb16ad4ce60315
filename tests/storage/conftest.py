"""Fixtures for the storage tests: the S3 server comes from tests/s3server.py."""

import sys
from pathlib import Path

import pytest

try:
    import tests.s3server  # noqa: F401
except ImportError:  # pytest run without the repository root on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.s3server import s3_bucket, s3_server  # noqa: E402,F401


@pytest.fixture(params=["local", pytest.param("s3", marks=pytest.mark.s3)])
def store(request, tmp_path):
    """The same tests on both back ends: a folder, and a fresh bucket on the real S3 server."""
    from storage.local import LocalStore

    if request.param == "local":
        return LocalStore(tmp_path / "store")
    server = request.getfixturevalue("s3_server")
    return server.store(request.getfixturevalue("s3_bucket"))


@pytest.fixture
def short_audit_lock(monkeypatch):
    """The audit chain's objects locked in GOVERNANCE mode for a day: a test bucket can still be
    removed afterwards (COMPLIANCE would keep it for the real retention)."""
    from storage.audit import lock as audit_lock

    monkeypatch.setattr(audit_lock, "RETENTION_MODE", "GOVERNANCE")
    monkeypatch.setattr(audit_lock, "RETENTION_DAYS", 1)
