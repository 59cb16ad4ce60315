#!/usr/bin/env bash
# Runs the test suite; called by `make test`. The S3 server, Prefect's test server and
# Chromium are started by the tests' own session fixtures (tests/conftest.py, tests/s3server.py).
# Two pytest workers (pytest-xdist), one test file each at a time, so that module fixtures are
# shared within a file: the suite waits on processes starting (Prefect, Ceph, the CLI) as much
# as it computes. AIGUILLAGE_TEST_WORKERS=0 runs it in one process.
set -uo pipefail
BIN=${1:-.venv/bin}
export OMP_THREAD_LIMIT=1 PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1
workers=${AIGUILLAGE_TEST_WORKERS:-2}
unset AIGUILLAGE_TEST_WORKERS  # not a setting: the tests' settings would refuse it
if [[ "$workers" == "0" ]]; then
  exec "$BIN/python" -m pytest "${@:2}"
fi
exec "$BIN/python" -m pytest -n "$workers" --dist loadfile "${@:2}"
