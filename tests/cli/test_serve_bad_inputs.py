"""Issue 13 through the scanning station's hot folder: `aiguillage serve` keeps running when bad
files arrive among good ones, routes the good ones and moves every file out of the way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus.bad_inputs import good_pdf, good_scan_png, make_bad_inputs
from stages.hotfolder import DONE_FOLDER

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
KINDS = ["png-1x1", "flate-bomb", "image-bomb", "zip-named-pdf", "symlink-etc-hostname", "page-595x1",
         "encrypted-user-password", "truncated-png", "all-black", "empty", "html-as-pdf",
         "long-non-utf8-name"]  # a station's share may hand over names in Latin-1
START_TIMEOUT = 90  # seconds for the service to start (Prefect's temporary server)
WORK_TIMEOUT = 120  # seconds for every dropped file to be handled


def _wait_for(predicate, seconds: float, proc: subprocess.Popen) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        if proc.poll() is not None:
            return predicate()
        time.sleep(0.5)
    return predicate()


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def test_serve_survives_bad_files_in_the_hot_folder(tmp_path):
    hot = tmp_path / "depot"
    staging = tmp_path / "preparation"
    hot.mkdir()
    bad = make_bad_inputs(staging, only=KINDS, number_from=1, number_step=2)
    good = [staging / "000-bon.pdf", staging / "002-bon.pdf", staging / "004-bon-scanne.png", staging / "006-bon.pdf"]
    for path in good:
        if path.suffix == ".png":
            good_scan_png(path, f"service {path.name}")
        else:
            path.write_bytes(good_pdf(f"service {path.name}"))

    env = {k: v for k, v in os.environ.items() if not k.startswith("AIGUILLAGE_")}
    env.pop("PREFECT_HOME", None)
    env.update(AIGUILLAGE_HOME=str(tmp_path / "home"), AIGUILLAGE_INTAKE_HOT_FOLDER=str(hot),
               AIGUILLAGE_INTAKE_SETTLE_SECONDS="0.5", OMP_THREAD_LIMIT="1")
    out_path, err_path = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out_path.open("w") as out, err_path.open("w") as err:
        # started with SIGINT ignored, as by a parent that ignores it: Ctrl-C must stop it all the same
        proc = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--interval", "0.5"], cwd=ROOT, env=env,
                                stdout=out, stderr=err, start_new_session=True,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        started = _wait_for(lambda: "service démarré" in err_path.read_text(errors="replace"), START_TIMEOUT, proc)
        assert started, f"not started in {START_TIMEOUT} s:\n{err_path.read_text(errors='replace')[-3000:]}"

        dropped = []
        for path in [*good, *(b.path for b in bad)]:
            os.rename(path, hot / path.name)  # a link moves as a link
            dropped.append(hot / path.name)

        def all_taken() -> bool:
            return not any(os.path.lexists(p) for p in dropped)

        t0 = time.monotonic()
        finished = _wait_for(all_taken, WORK_TIMEOUT, proc)
        elapsed = time.monotonic() - t0
        stdout = out_path.read_text(errors="replace")
        stderr = err_path.read_text(errors="replace")
        left = sorted(p.name for p in dropped if os.path.lexists(p))

        assert proc.poll() is None, f"the service stopped (exit {proc.returncode}):\n{stderr[-3000:]}"
        assert finished, f"files still in the hot folder after {WORK_TIMEOUT} s: {left}\n{stderr[-2000:]}"
        moved = {p.name for p in (hot / DONE_FOLDER).rglob("*") if p.is_file() or p.is_symlink()}
        not_moved = sorted({p.name for p in dropped} - moved)
        assert not not_moved, f"not moved to {DONE_FOLDER}/: {not_moved}"
        for g in good:
            handled = [line for line in stdout.splitlines()
                       if line.startswith(f"{hot / g.name} ") and line.endswith(("(routed)", "(review)"))]
            assert handled, f"{g.name} not routed; service output:\n{stdout}"
        assert "Traceback" not in stderr, stderr[-3000:]
        print(f"\nevery file handled in {elapsed:.0f} s\n{stdout}")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # as Ctrl-C: the service stops Prefect's server and says so
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                pytest.fail("the service did not stop within 60 s of SIGINT")
        _kill_group(proc)  # whatever it may have left behind (Prefect's server)
    stderr = err_path.read_text(errors="replace")
    assert proc.returncode == 0, f"exit {proc.returncode}:\n{stderr[-3000:]}"
    assert "service arrêté" in stderr
