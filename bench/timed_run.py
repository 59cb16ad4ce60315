"""The real batch flow on some files, timed, in a process of its own.

    python bench/timed_run.py FILE...   (AIGUILLAGE_HOME and other settings from the environment)

Prefect's temporary server is started and the classification model loaded on an empty batch
first, as in a running service, so that start-up is not part of the timing. Prints one JSON
object: wall_seconds; peak_rss_mb (this process, VmHWM) and peak_tree_rss_mb (with every process it
started: Tesseract runs, Prefect's server), sampled every 0.1 s, and this process's sampled peak
over the first and the second half of the run; CPU seconds of this process
(less what Tesseract's library engines spent in it), of those engines, of the commands it ran
(pdftoppm; tesseract with ``ocr.engine: command``) and of Prefect's server; lines.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_TICK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def run(files: list[Path], env: dict[str, str]) -> dict:
    """Run this script on ``files`` with ``env``; its JSON result."""
    out = subprocess.run([sys.executable, __file__, *map(str, files)], env=env, capture_output=True, text=True,
                         timeout=7200)
    if out.returncode != 0:
        raise SystemExit(f"pipeline failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _peak_rss_kb() -> int:
    """This process's peak resident memory since it started its program (VmHWM). Not
    ru_maxrss: that one keeps the high-water mark of the parent copied at fork, so a child of a
    big process (the benchmark holding its page images) would report the parent's size."""
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))


def _processes() -> dict[int, tuple[int, int, float]]:
    """pid -> (parent pid, resident bytes, CPU seconds) for every process."""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(entry)] = (int(fields[1]), int(fields[21]) * _PAGE, (int(fields[11]) + int(fields[12])) / _TICK)
    return out


def _descendants(procs: dict[int, tuple[int, int, float]], root: int) -> list[int]:
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        kids = [pid for pid, (ppid, _, _) in procs.items() if ppid == parent]
        found.extend(kids)
        frontier.extend(kids)
    return found


class TreeSampler(threading.Thread):
    """Peak resident memory of this process and its descendants; CPU of long-lived descendants."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self.own: list[tuple[float, int]] = []  # (time, this process's resident bytes)
        self.stop = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.1):
            procs = _processes()
            tree = [me, *_descendants(procs, me)]
            self.peak = max(self.peak, sum(procs[p][1] for p in tree if p in procs))
            self.own.append((time.perf_counter(), procs[me][1] if me in procs else 0))
            for p in tree[1:]:
                if p in procs:
                    self.cpu[p] = procs[p][2]


def main(files: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    from cli.run_cmd import start_pipeline
    from config import load_settings

    _, quiet = start_pipeline(load_settings())
    from flows.batch import run_batch
    from wiring.runtime import runtime

    run_batch([])
    runtime().model  # noqa: B018 - loaded once, as in `aiguillage serve`
    from extractors import tesseract_lib

    procs = _processes()
    server = {p: procs[p][2] for p in _descendants(procs, os.getpid())}
    sampler = TreeSampler()
    self0 = resource.getrusage(resource.RUSAGE_SELF)
    engines0 = tesseract_lib.cpu_seconds()
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    sampler.start()
    started = time.perf_counter()
    lines = run_batch(files)
    wall = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    self1 = resource.getrusage(resource.RUSAGE_SELF)
    engines = tesseract_lib.cpu_seconds() - engines0
    kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    others = sum(cpu - server.get(pid, 0.0) for pid, cpu in sampler.cpu.items() if pid in server)
    # Flat memory shows as the same peak over the run's second half as over its first.
    middle = started + wall / 2
    halves = [max((rss for t, rss in sampler.own if (t < middle) == first), default=0) for first in (True, False)]
    print(json.dumps({
        "wall_seconds": wall,
        "peak_rss_mb": _peak_rss_kb() / 1024,
        "peak_tree_rss_mb": sampler.peak / 2**20,
        "peak_rss_mb_first_half": halves[0] / 2**20,
        "peak_rss_mb_second_half": halves[1] / 2**20,
        # The process's own CPU less what Tesseract's library engines spent in it.
        "cpu_seconds_pipeline_process": self1.ru_utime + self1.ru_stime - self0.ru_utime - self0.ru_stime - engines,
        "cpu_seconds_tesseract_library": engines,
        "cpu_seconds_commands": kids1.ru_utime + kids1.ru_stime - kids0.ru_utime - kids0.ru_stime,
        "cpu_seconds_prefect_server": others,
        "tesseract_engines": tesseract_lib.engines_loaded(),
        "lines": lines}))
    sys.stdout.flush()
    quiet()


if __name__ == "__main__":
    main(sys.argv[1:])
