"""Pipeline benchmark: end-to-end pages per minute against OCRmyPDF, and hot folder to queue.

    .venv/bin/python bench/pipeline.py [--pages 200] [--seed 606] [--drops 10] [--cores N]

Needs OCRmyPDF in the venv: `make bench-setup` (the `bench` extra of pyproject.toml).

1. Throughput. Generated 300-DPI scans (``corpus.files.single_scan``, every 20th file a
   ``corpus.files.batch`` of three documents with separator sheets and blank backs), all as
   image-only PDFs (TIFF/PNG/JPEG scans converted once, the way a scanner writes PDFs), cached
   per seed under --work. The same PDFs go:
   - to the whole pipeline (``flows.batch.run_batch``: intake, split, OCR, classify, extract,
     route, audit, searchable PDF) in a child process under a fresh AIGUILLAGE_HOME; Prefect is
     warmed up on an empty batch first, then the batch is timed;
   - to ``ocrmypdf --jobs N --output-type pdf --optimize 0 --skip-text -l fra+eng`` (OCR only,
     a searchable PDF out), one invocation per file, N files at a time (``xargs -P N``), so
     one-page files keep every core busy as they do in the pipeline.
   Each tool runs on both halves of the files (equal pages), in the order pipeline A,
   OCRmyPDF A, OCRmyPDF B, pipeline B, so a load change during the run weighs on both alike.
   For reference (not the target), OCRmyPDF also runs once on one PDF of all the pages, its
   best case: no start-up per file. OMP_THREAD_LIMIT=1 for both; N = the cores used (``--cores``, default all). The ratio is our
   pages per minute over OCRmyPDF's (target >= 1.0). Every PDF page counts, blank backs and
   separator sheets included: both tools are given them.
2. Hot folder to queue (bench/hot_folder.py). `aiguillage serve` in a subprocess with
   AIGUILLAGE_INTAKE_HOT_FOLDER, settle time 1 s and
   ``--interval 0.5``. Once a warm-up file has been routed, one-page documents are dropped one
   at a time (written under a dot-name, then renamed into the folder), each 1 to 3 s (random,
   seeded) after the previous one's work item appeared, so drops land anywhere in the polling
   cycle of an idle service; for each, the seconds from the rename to its work item under
   store/queues/*/items/<document_id>.json (target < 5 s). The service is stopped with
   SIGINT, then its process group is killed.

Other work on the machine slows both sides: the report gives the load average around each
measurement. Prints a readable report, then one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import timed_run  # noqa: E402
from common import BIN, clean_env, load  # noqa: E402
from hot_folder import hot_folder_latency  # noqa: E402

os.environ["OMP_THREAD_LIMIT"] = "1"
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

TYPES = ["repair_request", "supplier_invoice", "lease_termination", "payment_difficulty", "legal_notice",
         "housing_benefit", "insurance_certificate", "supplier_quote", "neighbour_dispute", "social_distress"]


# ---------------------------------------------------------------- corpus

def as_pdf(data: bytes, fmt: str) -> bytes:
    """A scan as an image-only PDF (a TIFF's every page; PNG/JPEG are one page)."""
    if fmt == "pdf":
        return data
    from PIL import Image, ImageSequence

    from corpus.pdfimages import images_pdf

    with Image.open(io.BytesIO(data)) as im:
        pages = [p.copy() for p in ImageSequence.Iterator(im)]
    return images_pdf(pages, 300)


BATCH_EVERY = 20  # every 20th file: three documents with separator sheets (and blank backs when duplex)


def _make_file(seed: int, i: int, folder: str) -> dict:
    """File ``i`` of the corpus of ``seed`` (made once: a sidecar JSON keeps its counts)."""
    batch = i % BATCH_EVERY == BATCH_EVERY - 1
    name = f"{'batch' if batch else 'scan'}-{seed}-{i:04d}.pdf"
    sidecar = Path(folder) / f"{name}.json"
    if sidecar.exists() and (Path(folder) / name).exists():
        return json.loads(sidecar.read_text())
    from corpus import files

    rng = random.Random(f"{seed}-{i}")
    if batch:
        data, fmt, truth = files.batch(rng, rng.sample(TYPES, 3), 300)
    else:
        data, fmt, truth = files.single_scan(rng, TYPES[i % len(TYPES)], 300)
    (Path(folder) / name).write_bytes(as_pdf(data, fmt))
    docs = truth["documents"]
    entry = {"name": name, "pages": truth["page_count"], "documents": len(docs),
             "text_pages": sum(len(d["pages"]) for d in docs)}
    sidecar.write_text(json.dumps(entry))
    return entry


def generate_pdfs(folder: Path, pages: int, seed: int, cores: int) -> list[dict]:
    """Image-only PDFs until at least ``pages`` pages; files are cached one by one per seed."""
    entries: list[dict] = []
    i = 0
    with ProcessPoolExecutor(max_workers=cores) as pool:
        while sum(e["pages"] for e in entries) < pages:
            wave = [pool.submit(_make_file, seed, j, str(folder)) for j in range(i, i + 2 * cores)]
            i += 2 * cores
            for f in wave:
                entry = f.result()
                if sum(e["pages"] for e in entries) < pages:
                    entries.append(entry)
    return entries


def one_page_pdfs(folder: Path, count: int, seed: int) -> list[Path]:
    """``count`` distinct one-page scanned letters as PDFs (cached)."""
    from corpus import files

    folder.mkdir(parents=True, exist_ok=True)
    out = [folder / f"letter-{seed}-{k:02d}.pdf" for k in range(count)]
    if all(p.exists() for p in out):
        return out
    rng = random.Random(f"{seed}-hot")
    k = 0
    while k < count:
        data, fmt, truth = files.single_scan(rng, TYPES[k % len(TYPES)], 300)
        if truth["page_count"] != 1:
            continue
        out[k].write_bytes(as_pdf(data, fmt))
        k += 1
    return out


# ---------------------------------------------------------------- throughput

def run_pipeline(files: list[Path], home: Path, cores: int) -> dict:
    env = clean_env(AIGUILLAGE_HOME=str(home), AIGUILLAGE_OCR_WORKERS=str(cores))
    return timed_run.run(files, env)


def ocrmypdf_version() -> str:
    exe = BIN / "ocrmypdf"
    if not exe.exists():
        raise SystemExit("OCRmyPDF manque dans le venv : lancez `make bench-setup` "
                         "(ou .venv/bin/pip install -e '.[bench]')")
    return subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True).stdout.strip()


def run_ocrmypdf(files: list[Path], out: Path, cores: int) -> float:
    """One `ocrmypdf --jobs N` per file, N files at a time; returns the wall seconds."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    listing = "\n".join(str(p) for p in files).encode()
    cmd = (f"xargs -P {cores} -I{{}} sh -c '\"{BIN}/ocrmypdf\" --jobs {cores} --output-type pdf --optimize 0 "
           f"--skip-text -l fra+eng --quiet \"$1\" \"{out}/$(basename \"$1\")\" || echo \"FAILED $1\" >&2' _ {{}}")
    started = time.perf_counter()
    done = subprocess.run(["bash", "-c", cmd], input=listing, env=clean_env(), capture_output=True)
    wall = time.perf_counter() - started
    failed = [line for line in done.stderr.decode(errors="replace").splitlines() if line.startswith("FAILED")]
    made = sum(1 for f in files if (out / f.name).exists())
    if failed or made != len(files):
        raise SystemExit(f"ocrmypdf failed on {len(failed)} file(s) ({made}/{len(files)} made):\n"
                         + done.stderr.decode(errors="replace")[-3000:])
    return wall


def run_ocrmypdf_one_file(files: list[Path], work: Path, cores: int) -> float:
    """OCRmyPDF at its best: every page in one PDF, one `ocrmypdf --jobs N` (no start-up per file)."""
    import pikepdf

    combined, out = work / "all-pages.pdf", work / "all-pages-ocr.pdf"
    pdf = pikepdf.new()
    for f in files:
        with pikepdf.open(f) as src:
            pdf.pages.extend(src.pages)
    pdf.save(combined)
    started = time.perf_counter()
    done = subprocess.run([str(BIN / "ocrmypdf"), "--jobs", str(cores), "--output-type", "pdf", "--optimize", "0",
                           "--skip-text", "-l", "fra+eng", "--quiet", str(combined), str(out)],
                          env=clean_env(), capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"ocrmypdf failed on {combined}:\n{done.stderr[-3000:]}")
    return wall


# ---------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=200, help="at least this many PDF pages (default 200)")
    ap.add_argument("--seed", type=int, default=606)
    ap.add_argument("--drops", type=int, default=10, help="one-page files timed through the hot folder")
    ap.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "aiguillage-bench-pipeline")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--skip-hot-folder", action="store_true")
    ap.add_argument("--skip-one-file", action="store_true", help="no reference run of OCRmyPDF on one combined PDF")
    ap.add_argument("--keep", action="store_true", help="keep the runs' homes and OCRmyPDF outputs (the scans stay anyway)")
    args = ap.parse_args()

    cores, work = args.cores, args.work
    loads = {"start": os.getloadavg()[0]}
    print(f"Pipeline benchmark, {cores} cores, seed {args.seed}; {load()}")
    (work / "pdfs").mkdir(parents=True, exist_ok=True)
    figures: dict = {}

    if not args.skip_throughput:
        version = ocrmypdf_version()
        t = time.perf_counter()
        entries = generate_pdfs(work / "pdfs", args.pages, args.seed, cores)
        files = [work / "pdfs" / e["name"] for e in entries]
        pages = sum(e["pages"] for e in entries)
        text_pages = sum(e["text_pages"] for e in entries)
        print(f"\n{len(files)} image-only PDFs, {pages} pages at 300 DPI ({text_pages} with text, the rest blank "
              f"backs and separator sheets), {sum(e['documents'] for e in entries)} documents; "
              f"ready in {time.perf_counter() - t:.0f} s")

        # A-B-B-A: each tool on both halves of the files, in mirrored order, so a change
        # of the machine's load during the run weighs on both sides alike.
        halves: dict[str, list[Path]] = {"A": [], "B": []}
        half_pages = {"A": 0, "B": 0}
        for e in entries:  # each file to the half with fewer pages so far: halves of equal size
            h = min(half_pages, key=lambda k: (half_pages[k], k))
            halves[h].append(work / "pdfs" / e["name"])
            half_pages[h] += e["pages"]
        walls: dict[str, float] = {}
        statuses: dict[str, int] = {}
        step = 0
        for tool, half in (("pipeline", "A"), ("ocrmypdf", "A"), ("ocrmypdf", "B"), ("pipeline", "B")):
            step += 1
            label = "whole pipeline (run_batch)" if tool == "pipeline" else f"OCRmyPDF {version}"
            print(f"[{step}/5] {label}, half {half} ({len(halves[half])} files, {half_pages[half]} pages) ... {load()}")
            loads[f"{tool}_{half}"] = os.getloadavg()[0]
            if tool == "pipeline":
                home = work / f"home-{half}"
                shutil.rmtree(home, ignore_errors=True)
                result = run_pipeline(halves[half], home, cores)
                wall = result["wall_seconds"]
                for line in result["lines"]:
                    statuses[line["status"]] = statuses.get(line["status"], 0) + 1
            else:
                wall = run_ocrmypdf(halves[half], work / f"ocrmypdf-out-{half}", cores)
            walls[f"{tool}_{half}"] = wall
            print(f"      {wall:.1f} s, {half_pages[half] / wall * 60:.1f} pages/min")
        one_file = None
        if not args.skip_one_file:
            print(f"[+] for reference, OCRmyPDF on the same {pages} pages in ONE PDF ... {load()}")
            loads["ocrmypdf_one_file"] = os.getloadavg()[0]
            one_file = run_ocrmypdf_one_file(files, work, cores)
            print(f"      {one_file:.1f} s, {pages / one_file * 60:.1f} pages/min")
        loads["throughput_end"] = os.getloadavg()[0]
        pipe_wall = walls["pipeline_A"] + walls["pipeline_B"]
        ocr_wall = walls["ocrmypdf_A"] + walls["ocrmypdf_B"]
        ppm, ocr_ppm = pages / pipe_wall * 60, pages / ocr_wall * 60
        print(f"      pipeline: {sum(statuses.values())} documents: "
              + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
        figures.update({
            "pages": pages, "text_pages": text_pages, "files": len(files),
            "pages_per_minute": round(ppm, 1), "pipeline_wall_seconds": round(pipe_wall, 1),
            "ocrmypdf_pages_per_minute": round(ocr_ppm, 1), "ocrmypdf_wall_seconds": round(ocr_wall, 1),
            "ratio_vs_ocrmypdf": round(ppm / ocr_ppm, 3), "ocrmypdf_version": version,
            "wall_seconds_by_step": {k: round(v, 1) for k, v in walls.items()},
            "pipeline_documents_by_status": statuses,
        })
        if one_file:
            figures["ocrmypdf_one_file_pages_per_minute"] = round(pages / one_file * 60, 1)
            figures["ratio_vs_ocrmypdf_one_file"] = round(ppm / (pages / one_file * 60), 3)

    if not args.skip_hot_folder:
        letters = one_page_pdfs(work / "letters", args.drops + 1, args.seed)
        print(f"[5/5] hot folder to queue, {args.drops} one-page letters ... {load()}")
        loads["hot_folder"] = os.getloadavg()[0]
        hot = hot_folder_latency(work, letters, cores, args.seed)
        loads["hot_folder_end"] = os.getloadavg()[0]
        secs = hot["seconds"]
        print(f"      `{hot['command']}`: warm-up file routed {hot['warm_up_seconds']:.1f} s after its drop "
              f"({hot['first_item_after_start_seconds']:.1f} s after start); {hot['stopped']}")
        print("      per file: " + ", ".join(f"{s:.2f}" for s in secs) + " s")
        figures.update({
            "hot_folder_to_queue_median_seconds": round(statistics.median(secs), 2),
            "hot_folder_to_queue_max_seconds": round(max(secs), 2),
            "hot_folder_mode": hot["mode"], "hot_folder_drops": len(secs),
        })

    if not args.keep:  # about 1 GB; the generated scans stay, for the next run
        for name in ("home-A", "home-B", "home-serve", "hot", "ocrmypdf-out-A", "ocrmypdf-out-B"):
            shutil.rmtree(work / name, ignore_errors=True)
        for name in ("all-pages.pdf", "all-pages-ocr.pdf"):
            (work / name).unlink(missing_ok=True)
    loads["end"] = os.getloadavg()[0]
    figures.update({"cores": cores, "seed": args.seed,
                    "load_average_1min": {k: round(v, 2) for k, v in loads.items()}})
    print("\nSummary")
    if "pages_per_minute" in figures:
        f = figures
        print(f"  whole pipeline:  {f['pages_per_minute']:7.1f} pages/min  ({f['pages']} pages, {f['files']} files, "
              f"{cores} cores)")
        print(f"  OCRmyPDF alone:  {f['ocrmypdf_pages_per_minute']:7.1f} pages/min  (OCR only, --jobs {cores}, "
              f"{cores} files at a time)")
        print(f"  ratio:           {f['ratio_vs_ocrmypdf']:7.3f}            (target >= 1.0)")
        if "ocrmypdf_one_file_pages_per_minute" in f:
            print(f"  reference, OCRmyPDF on one PDF of all the pages: {f['ocrmypdf_one_file_pages_per_minute']:.1f} "
                  f"pages/min (ratio {f['ratio_vs_ocrmypdf_one_file']:.3f}; no start-up per file, not ABBA-paired)")
    if "hot_folder_to_queue_median_seconds" in figures:
        f = figures
        print(f"  hot folder -> queue ({f['hot_folder_mode']}): median {f['hot_folder_to_queue_median_seconds']:.2f} s, "
              f"max {f['hot_folder_to_queue_max_seconds']:.2f} s  (target < 5 s; settle time 1 s, interval 0.5 s)")
    print("  load average (1 min): " + ", ".join(f"{k} {v:.1f}" for k, v in loads.items())
          + "  (other work on the machine slows both sides)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
