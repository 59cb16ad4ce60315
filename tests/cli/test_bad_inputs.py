"""Issue 13, "one bad file never stops the others": every kind of corpus/bad_inputs.py between
good letters in ONE folder, one `aiguillage run --json` over it, then per kind: it has its
lines, the unreadable ones are quarantined, and every reason is plain French.

The folder reads good, bad, good, bad, … (``000-bon.pdf``, ``001-<kind>.pdf``, ``002-bon.pdf``…),
so a bad file that aborts the batch or spoils its neighbours shows on the good files too. A
folder walk skips names that are not scans (``.zip``): those kinds are named on the command
line as well, which takes any file.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus.bad_inputs import KINDS, QUARANTINED, good_pdf, good_scan_png, make_bad_inputs
from tests.spec import check_line

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SCAN_SUFFIXES = {".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"}
RUN_TIMEOUT = 420  # seconds: bounded, so that a hang fails the module instead of holding it
SCANNED_GOOD = {20, 80}  # these good files are scanned PNG letters, the others born-digital PDFs
ENGLISH = ["error", "Error", "invalid", "Invalid", "failed", "cannot", "unable", "exception", "Traceback",
           "object", "None", "stream", "xref"]
DOUBLED = re.compile(r"page (\d+) : page \1")
NUMBER = re.compile(r"^-?(\d{3})-")


def _number(name: str) -> int | None:
    m = NUMBER.match(name)
    return int(m.group(1)) if m else None


class Batch:
    def __init__(self, folder: Path, bad: list, good: list[Path], extra: list[Path], result: dict):
        self.folder, self.bad, self.good, self.extra = folder, bad, good, extra
        self.returncode = result["returncode"]
        self.stdout, self.stderr = result["stdout"], result["stderr"]
        self.seconds, self.timed_out = result["seconds"], result["timed_out"]
        self.lines, self.garbage = [], []
        for raw in self.stdout.splitlines():
            try:
                self.lines.append(json.loads(raw))
            except ValueError:
                self.garbage.append(raw)

    def lines_of(self, path: Path) -> list[dict]:
        """The lines whose source is ``path``: by name, or by the file's number when the name
        came back changed (a non-UTF-8 name may be printed another way)."""
        exact = [line for line in self.lines if os.path.basename(line.get("source", "")) == path.name]
        if exact:
            return exact
        n = _number(path.name)
        return [line for line in self.lines if n is not None and _number(os.path.basename(line.get("source", ""))) == n]

    def context(self) -> str:
        tail = "\n".join(self.stderr.splitlines()[-15:])
        timed_out = ", TIMED OUT" if self.timed_out else ""
        return f"(exit {self.returncode}, {self.seconds:.0f} s{timed_out}; stderr tail:\n{tail})"


def _run(home: Path, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIGUILLAGE_")}
    env["AIGUILLAGE_HOME"] = str(home)
    env.pop("PREFECT_HOME", None)
    env["OMP_THREAD_LIMIT"] = "1"
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", "run", *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            errors="surrogateescape")
    timed_out = False
    try:
        out, err = proc.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, signal.SIGKILL)  # the run and everything it started (Prefect's server, pdftoppm)
        out, err = proc.communicate()
    return {"returncode": proc.returncode, "stdout": out or "", "stderr": err or "",
            "seconds": time.monotonic() - started, "timed_out": timed_out}


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Batch:
    folder = tmp_path_factory.mktemp("bad-inputs") / "depot"
    bad = make_bad_inputs(folder, number_from=1, number_step=2)
    good = []
    for i in range(len(bad) + 1):
        n = 2 * i
        if n in SCANNED_GOOD:
            good.append(good_scan_png(folder / f"{n:03d}-bon-scanne.png", f"bon scanné {n}"))
        else:
            path = folder / f"{n:03d}-bon.pdf"
            path.write_bytes(good_pdf(f"bon {n}"))
            good.append(path)
    # A folder walk skips what is not named like a scan; name those on the command line too.
    extra = [b.path for b in bad if b.path.suffix.lower() not in SCAN_SUFFIXES]
    result = _run(tmp_path_factory.mktemp("home"), "--json", str(folder), *map(str, extra))
    return Batch(folder, bad, good, extra, result)


BY_NAME = {k.name: k for k in KINDS}
ALL = [k.name for k in KINDS]
MUST_QUARANTINE = [k.name for k in KINDS if k.expected == QUARANTINED]


def _bad(batch: Batch, name: str):
    (b,) = [b for b in batch.bad if b.name == name]
    return b


# --- the batch as a whole ---

def test_exit_status_is_zero(batch):
    assert not batch.timed_out, f"the run did not finish in {RUN_TIMEOUT} s {batch.context()}"
    assert batch.returncode == 0, batch.context()


def test_no_traceback(batch):
    assert "Traceback" not in batch.stderr, batch.stderr[-4000:]
    assert "Traceback" not in batch.stdout


def test_stdout_holds_json_lines_only(batch):
    assert not batch.garbage, batch.garbage[:5]


def test_every_good_file_is_read(batch):
    missing = [g.name for g in batch.good if not batch.lines_of(g)]
    quarantined = {g.name: [line["reason"] for line in batch.lines_of(g) if line["status"] == "quarantined"]
                   for g in batch.good}
    quarantined = {k: v for k, v in quarantined.items() if v}
    assert not missing, f"{len(missing)} good file(s) without a line: {missing[:10]} {batch.context()}"
    assert not quarantined, f"good files quarantined: {quarantined}"
    for g in batch.good:
        for line in batch.lines_of(g):
            check_line(line)


# --- each kind ---

@pytest.mark.parametrize("name", ALL)
def test_bad_file_has_lines_following_spec(batch, name):
    b = _bad(batch, name)
    lines = batch.lines_of(b.path)
    assert lines, f"no line for {b.path.name!r} ({b.note}) {batch.context()}"
    for line in lines:
        check_line(line)


@pytest.mark.parametrize("name", MUST_QUARANTINE)
def test_unreadable_kind_is_quarantined(batch, name):
    b = _bad(batch, name)
    lines = batch.lines_of(b.path)
    assert lines, f"no line for {b.path.name!r} {batch.context()}"
    got = [(line["status"], line["reason"]) for line in lines]
    assert all(status == "quarantined" for status, _ in got), f"{name} ({b.note}): {got}"


@pytest.mark.parametrize("name", ALL)
def test_reasons_are_plain_french(batch, name):
    b = _bad(batch, name)
    for line in batch.lines_of(b.path):
        if line["status"] != "quarantined":
            continue
        reason = line["reason"]
        assert isinstance(reason, str) and reason.strip(), f"empty reason: {line}"
        assert "/" not in reason, f"a path or library detail in the reason: {reason!r}"
        english = [w for w in ENGLISH if w in reason]
        assert not english, f"library words {english} in the reason: {reason!r}"
        assert not DOUBLED.search(reason), f"doubled prefix: {reason!r}"
        if name == "all-black":
            assert "vierge" not in reason, f"a black page is not blank: {reason!r}"


def test_outcome_table(batch):
    """Not a check: the outcome of every kind, printed for the report (pytest -rP or -s)."""
    rows = []
    for b in batch.bad:
        lines = batch.lines_of(b.path)
        got = "; ".join(f"{line['status']}" + (f" « {line['reason']} »" if line["reason"] else "")
                        for line in lines) or "NO LINE"
        rows.append(f"{b.name:28} {b.expected:12} {got}")
    print(f"\n{len(batch.bad)} kinds, {len(batch.good)} good files, {batch.seconds:.0f} s, exit {batch.returncode}")
    print("\n".join(rows))
