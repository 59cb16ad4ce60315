"""Hot folder to queue: one-page letters dropped into the hot folder of `aiguillage serve`,
each timed until its work item is in the queue (bench/pipeline.py's second part)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

from common import BIN, clean_env

GAP_SECONDS = (1.0, 3.0)  # pause between an item's arrival in its queue and the next drop


def wait_for_item(store: Path, doc_id: str, timeout: float, proc: subprocess.Popen) -> float | None:
    """perf_counter() when queues/*/items/<doc_id>.json appears; None on timeout or exit."""
    deadline = time.perf_counter() + timeout
    queues = store / "queues"
    while time.perf_counter() < deadline:
        if queues.is_dir():
            for q in queues.iterdir():
                if (q / "items" / f"{doc_id}.json").exists():
                    return time.perf_counter()
        if proc.poll() is not None:
            return None
        time.sleep(0.02)
    return None


def drop(path: Path, hot: Path) -> float:
    """Write under a hidden name (ignored by the hot folder), rename in; returns the rename time."""
    tmp = hot / f".{path.name}.part"
    tmp.write_bytes(path.read_bytes())
    target = hot / path.name
    os.replace(tmp, target)
    return time.perf_counter()


def stop(proc: subprocess.Popen) -> str:
    if proc.poll() is not None:
        return f"already exited ({proc.returncode})"
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=30)
        how = f"stopped by SIGINT (exit {proc.returncode})"
    except subprocess.TimeoutExpired:
        how = "did not stop within 30 s of SIGINT: killed"
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # its own group (start_new_session): Prefect's server too
    except ProcessLookupError:
        pass
    proc.wait()
    return how


def hot_folder_latency(work: Path, letters: list[Path], cores: int, seed: int) -> dict:
    from stages.ids import document_id, file_sha256

    home, hot = work / "home-serve", work / "hot"
    for d in (home, hot):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    mode, cmd = "serve", [str(BIN / "aiguillage"), "serve", "--interval", "0.5"]
    env = clean_env(AIGUILLAGE_HOME=str(home), AIGUILLAGE_INTAKE_HOT_FOLDER=str(hot),
                    AIGUILLAGE_INTAKE_SETTLE_SECONDS="1", AIGUILLAGE_OCR_WORKERS=str(cores))
    log = (work / f"{mode}.log").open("wb")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    store = home / "store"
    seconds: list[float] = []
    gaps = random.Random(f"{seed}-gaps")
    try:
        warm, *timed = letters
        t0 = drop(warm, hot)
        t1 = wait_for_item(store, document_id(file_sha256(warm), [1]), 300, proc)
        if t1 is None:
            raise SystemExit(f"aiguillage {mode}: no work item for the warm-up file (see {work / (mode + '.log')})")
        warm_seconds, ready_seconds = t1 - t0, t1 - started
        for letter in timed:
            time.sleep(gaps.uniform(*GAP_SECONDS))  # lands anywhere in the service's polling cycle
            t0 = drop(letter, hot)
            t1 = wait_for_item(store, document_id(file_sha256(letter), [1]), 120, proc)
            if t1 is None:
                raise SystemExit(f"aiguillage {mode}: no work item for {letter.name} within 120 s "
                                 f"(see {work / (mode + '.log')})")
            seconds.append(t1 - t0)
    finally:
        how = stop(proc)
        log.close()
    return {"mode": mode, "command": " ".join(Path(cmd[0]).name if i == 0 else a for i, a in enumerate(cmd)),
            "seconds": seconds, "warm_up_seconds": warm_seconds, "first_item_after_start_seconds": ready_seconds,
            "stopped": how}
