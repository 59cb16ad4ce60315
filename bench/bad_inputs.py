"""Bad inputs one by one (issue 13): for each kind of corpus/bad_inputs.py, the real batch on
[good letter, bad file, good letter] in its own AIGUILLAGE_HOME, timed and measured.

    python bench/bad_inputs.py [--quick] [--only KIND[,KIND...]] [--timeout SECONDS]

Each run goes through bench/timed_run.py in a process of its own: Prefect's temporary server
is started and the model loaded first, so the timing is the batch alone; peak memory is that
process's VmHWM (``peak MB``) and the sampled peak of it with everything it started (``tree MB``:
pdftoppm, Tesseract commands, Prefect's server). A baseline run on [good, good] comes first; a
kind's ``+s`` is its batch's time less the baseline's, what the bad file cost.

A run that exits non-zero, prints a traceback or exceeds the timeout is an ``ABORT``; the good
letters must each have a line and not be quarantined; a "quarantined" kind must be quarantined.
``--quick`` runs a dozen of the riskiest kinds with a shorter timeout.

Prints a table, then one JSON object on the last line: kinds, all_handled (no abort, every file
has its lines, good letters read), all_as_expected (also: every "quarantined" kind quarantined),
failures, max_seconds_per_file (the largest ``+s``), max_batch_seconds, max_peak_rss_mb,
max_peak_tree_rss_mb, baseline_seconds, baseline_peak_rss_mb, slowest_kind, largest_kind.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import clean_env, load  # noqa: E402

from corpus.bad_inputs import QUARANTINED, good_pdf, kind_names, make_bad_inputs  # noqa: E402

TIMED_RUN = Path(__file__).resolve().parent / "timed_run.py"
QUICK = ["empty", "zip-named-pdf", "symlink-etc-hostname", "fifo", "encrypted-user-password", "page-595x1",
         "png-strip-2480x5", "flate-bomb", "flate-bomb-20-pages", "image-bomb", "png-bomb", "all-black",
         "tiff-second-page-truncated", "long-non-utf8-name"]


def run_files(files: list[Path], home: Path, timeout: float) -> dict:
    """timed_run.py on ``files``: its JSON, or what went wrong (abort, timeout)."""
    env = clean_env(AIGUILLAGE_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    proc = subprocess.Popen([sys.executable, str(TIMED_RUN), *map(str, files)], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            errors="surrogateescape")
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"error": f"plus de {timeout:.0f} s", "wall_seconds": timeout}  # at least that long
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # anything left behind
    except ProcessLookupError:
        pass
    result = None
    for raw in reversed(out.strip().splitlines()):
        try:
            result = json.loads(raw)
            break
        except ValueError:
            continue
    if proc.returncode != 0 or result is None or "Traceback" in err:
        last = [x for x in err.strip().splitlines() if x.strip()][-1:] or [f"exit {proc.returncode}"]
        return {"error": f"exit {proc.returncode}: {last[0][:160]}", "partial": result}
    return result


def _lines_of(lines: list[dict], path: Path) -> list[dict]:
    return [line for line in lines if os.path.basename(line["source"]) == path.name]


def judge(result: dict, bad, goods: list[Path]) -> dict:
    """What the run made of the bad file, and whether it is acceptable."""
    if "error" in result:
        return {"outcome": "TIMEOUT" if "wall_seconds" in result else "ABORT", "reason": result["error"],
                "handled": False, "as_expected": False}
    lines = result["lines"]
    mine = _lines_of(lines, bad.path)
    goods_ok = all(_lines_of(lines, g) and all(x["status"] != "quarantined" for x in _lines_of(lines, g))
                   for g in goods)
    statuses = sorted({x["status"] for x in mine})
    reasons = "; ".join(dict.fromkeys(x["reason"] for x in mine if x["reason"]))
    handled = bool(mine) and goods_ok
    as_expected = handled and (bad.expected != QUARANTINED or statuses == ["quarantined"])
    outcome = "+".join(statuses) if mine else "NO LINE"
    if not goods_ok:
        outcome += " (good letters spoilt)"
    return {"outcome": outcome, "reason": reasons, "handled": handled, "as_expected": as_expected}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", action="append", default=[], help="kind(s) to run, comma-separated or repeated")
    ap.add_argument("--quick", action="store_true", help=f"only {len(QUICK)} of the riskiest kinds, timeout 180 s")
    ap.add_argument("--timeout", type=float, default=None, help="seconds per run (default 600, quick 180)")
    args = ap.parse_args()
    only = [n for item in args.only for n in item.split(",") if n]
    unknown = sorted(set(only) - set(kind_names()))
    if unknown:
        ap.error(f"unknown kind(s) {unknown}; known: {', '.join(kind_names())}")
    names = only or (QUICK if args.quick else kind_names())
    timeout = args.timeout or (180.0 if args.quick else 600.0)

    with tempfile.TemporaryDirectory(prefix="aiguillage-bad-inputs-") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        bad_inputs = make_bad_inputs(tmp / "bad", only=names)
        print(f"{len(bad_inputs)} kinds written in {time.perf_counter() - t0:.1f} s; {load()}", flush=True)

        base_goods = []
        for tag in ("avant", "après"):
            path = tmp / f"reference-{tag}.pdf"
            path.write_bytes(good_pdf(f"référence {tag}"))
            base_goods.append(path)
        baseline = run_files(base_goods, tmp / "home-baseline", timeout)
        if "error" in baseline:
            print(f"baseline run failed: {baseline['error']}", file=sys.stderr)
            return 1
        base_s = baseline["wall_seconds"]
        print(f"baseline [good, good]: {base_s:.1f} s, peak {baseline['peak_rss_mb']:.0f} MB "
              f"(tree {baseline['peak_tree_rss_mb']:.0f} MB)\n", flush=True)

        header = f"{'kind':28} {'expected':11} {'outcome':22} {'s':>6} {'+s':>6} {'peak MB':>8} {'tree MB':>8}  reason"
        print(header)
        print("-" * len(header))
        rows = []
        for bad in bad_inputs:
            goods = []
            for tag in ("avant", "après"):
                path = tmp / "good" / bad.name / f"{tag}.pdf"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(good_pdf(f"{bad.name} {tag}"))
                goods.append(path)
            result = run_files([goods[0], bad.path, goods[1]], tmp / f"home-{bad.name}", timeout)
            verdict = judge(result, bad, goods)
            seconds = result.get("wall_seconds")  # None: aborted before the end, no timing
            row = {"kind": bad.name, "expected": bad.expected, **verdict,
                   "seconds": None if seconds is None else round(seconds, 2),
                   "extra_seconds": round(max(0.0, seconds - base_s), 2) if seconds is not None else None,
                   "peak_rss_mb": round(result["peak_rss_mb"], 1) if "peak_rss_mb" in result else None,
                   "peak_tree_rss_mb": round(result["peak_tree_rss_mb"], 1) if "peak_tree_rss_mb" in result else None}
            rows.append(row)
            flag = "" if row["as_expected"] else " <<"
            extra = "-" if row["extra_seconds"] is None else f"{row['extra_seconds']:.1f}"
            secs = "-" if seconds is None else f"{seconds:.1f}"
            peak, tree = (("-" if v is None else f"{v:.0f}") for v in (row["peak_rss_mb"], row["peak_tree_rss_mb"]))
            print(f"{bad.name:28} {bad.expected:11} {verdict['outcome'][:22]:22} {secs:>6} {extra:>6} "
                  f"{peak:>8} {tree:>8}  {verdict['reason'][:110]}{flag}",
                  flush=True)

    failures = [r["kind"] for r in rows if not r["as_expected"]]
    timed = [r for r in rows if r["extra_seconds"] is not None]
    slowest = max((r for r in rows if r["seconds"] is not None), key=lambda r: r["seconds"], default=None)
    largest = max((r for r in rows if r["peak_rss_mb"] is not None), key=lambda r: r["peak_rss_mb"], default=None)
    print(f"\n{len(rows) - len(failures)}/{len(rows)} kinds as expected"
          + (f"; not: {', '.join(failures)}" if failures else "") + f"; {load()}")
    print(json.dumps({
        "kinds": len(rows),
        "all_handled": all(r["handled"] for r in rows),
        "all_as_expected": not failures,
        "failures": failures,
        "max_seconds_per_file": max((r["extra_seconds"] for r in timed), default=None),
        "max_batch_seconds": max((r["seconds"] for r in rows if r["seconds"] is not None), default=None),
        "max_peak_rss_mb": max((r["peak_rss_mb"] for r in rows if r["peak_rss_mb"] is not None), default=None),
        "max_peak_tree_rss_mb": max((r["peak_tree_rss_mb"] for r in rows if r["peak_tree_rss_mb"] is not None),
                                    default=None),
        "baseline_seconds": round(base_s, 2),
        "baseline_peak_rss_mb": round(baseline["peak_rss_mb"], 1),
        "slowest_kind": slowest["kind"] if slowest else None,
        "largest_kind": largest["kind"] if largest else None,
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
