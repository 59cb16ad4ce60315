#!/usr/bin/env bash
# Starts what the tests need, runs pytest, stops it again. Called by `make test`.
set -uo pipefail
BIN=${1:-.venv/bin}
export OMP_THREAD_LIMIT=1 PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1
"$BIN/python" -m pytest "${@:2}"
