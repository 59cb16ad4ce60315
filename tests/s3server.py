"""The real S3 server of the tests as pytest fixtures (the server itself is in
storage/testserver.py, which the benchmarks use too).

``s3_server`` (session fixture) is the server named by AIGUILLAGE_TEST_S3_ENDPOINT when set;
otherwise a one-node Ceph RADOS Gateway started for the session. Without the Ceph programs and
without that variable, S3 tests fail with a message saying what to install: they never skip
silently.

Use from a conftest.py:  ``from tests.s3server import s3_server, s3_bucket  # noqa: F401``
"""

from __future__ import annotations

from typing import Iterator

import pytest

from storage.testserver import (NoTestServer, S3Server, missing_programs, remove_bucket,  # noqa: F401
                                server_from_env, shared_server, start_server, stop_server, unique_bucket)


@pytest.fixture(scope="session")
def s3_server() -> S3Server:
    try:
        return shared_server()
    except NoTestServer as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture
def s3_bucket(s3_server: S3Server) -> Iterator[str]:
    """A fresh bucket name for one test (created by the store on first use), removed afterwards."""
    name = unique_bucket()
    yield name
    remove_bucket(s3_server, name)
