"""Fixtures for the storage tests: the S3 server comes from tests/s3server.py."""

import sys
from pathlib import Path

try:
    import tests.s3server  # noqa: F401
except ImportError:  # pytest run without the repository root on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.s3server import s3_bucket, s3_server  # noqa: E402,F401
