"""The real batch flow on some files, timed, in a process of its own.

    python bench/timed_run.py FILE...   (AIGUILLAGE_HOME and other settings from the environment)

Prefect's temporary server is started on an empty batch first, so its start-up is not part of
the timing. Prints one JSON object: wall_seconds, peak_rss_mb (this process), lines.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(files: list[Path], env: dict[str, str]) -> dict:
    """Run this script on ``files`` with ``env``; its JSON result."""
    out = subprocess.run([sys.executable, __file__, *map(str, files)], env=env, capture_output=True, text=True,
                         timeout=7200)
    if out.returncode != 0:
        raise SystemExit(f"pipeline failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(files: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    from cli.run_cmd import start_pipeline
    from config import load_settings

    _, quiet = start_pipeline(load_settings())
    from flows.batch import run_batch

    run_batch([])
    started = time.perf_counter()
    lines = run_batch(files)
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall_seconds": wall, "peak_rss_mb": peak, "lines": lines}))
    sys.stdout.flush()
    quiet()


if __name__ == "__main__":
    main(sys.argv[1:])
