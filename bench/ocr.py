"""OCR benchmark: the page pipeline (read, prepare, OCR, bookkeeping) on generated 300-DPI
scans, against the raw `tesseract` command on the same prepared pages with the same cores.

    .venv/bin/python bench/ocr.py [--pages 100] [--seed 303] [--big 500]

The pipeline is the real batch flow (Prefect, classification, routing included) run twice:
on the scans as one file a document, then on the same pages as the scanning station sends
them, multi-page batches with separator sheets. The raw command is `tesseract` with the
pipeline's own options on the pages exactly as the pipeline prepares them (written as
uncompressed TIFFs; the pipeline's library engine takes them in memory), run two ways: one
command a page (as pytesseract and OCRmyPDF run it), and one command a core given its pages
as a list (models loaded once a process, as the pipeline's library engines do: the stricter
baseline). Reports pages per minute, median and p95 seconds per page, the CPU each process
spends per page, the character error rate against the generator's ground truth, and peak
memory on a 10-page, a 100-page and a --big-page file. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import timed_run  # noqa: E402

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

TYPES = ["repair_request", "supplier_invoice", "lease_termination", "payment_difficulty", "legal_notice",
         "housing_benefit", "insurance_certificate", "supplier_quote", "neighbour_dispute", "social_distress"]


def generate_scans(folder: Path, pages: int, seed: int) -> list[tuple[Path, dict]]:
    """Single scanned documents at 300 DPI until ``pages`` text pages (cached per seed)."""
    from corpus import files

    manifest = folder / f"scans-{seed}-{pages}.json"
    if manifest.exists():
        return [(folder / f, t) for f, t in json.loads(manifest.read_text())]
    rng = random.Random(seed)
    out, count, i = [], 0, 0
    while count < pages:
        data, fmt, truth = files.single_scan(rng, TYPES[i % len(TYPES)], 300)
        name = f"scan-{seed}-{i:04d}.{ {'pdf': 'pdf', 'tiff': 'tif', 'png': 'png', 'jpeg': 'jpg'}[fmt] }"
        (folder / name).write_bytes(data)
        out.append((name, truth))
        count += sum(len(d["pages"]) for d in truth["documents"])
        i += 1
    manifest.write_text(json.dumps(out))
    return [(folder / f, t) for f, t in out]


def cer(ocr: str, truth: str) -> tuple[int, int]:
    """Edits and length, after folding runs of white space (layout is not text)."""
    from rapidfuzz.distance import Levenshtein

    a = re.sub(r"\s+", " ", ocr).strip()
    b = re.sub(r"\s+", " ", truth).strip()
    return Levenshtein.distance(a, b), len(b)


def run_pipeline(files: list[Path], home: Path) -> dict:
    """Run the real batch flow in a child process; returns its timings and peak memory."""
    env = dict(os.environ, AIGUILLAGE_HOME=str(home))
    env.pop("PREFECT_HOME", None)
    return timed_run.run(files, env)


def page_texts(home: Path, lines: list[dict]) -> dict[tuple[str, int], dict]:
    out = {}
    for line in lines:
        if not line.get("document_id") or line["status"] == "quarantined":
            continue
        text = json.loads((home / "store" / "documents" / line["document_id"] / "text.json").read_text())
        for p in text["pages"]:
            out[(Path(line["source"]).name, p["number"])] = p
    return out


def scanned_pages(files: list[tuple[Path, dict]]):
    """(file, page number, page as read by the pipeline) for every text page of the scans."""
    from extractors.reading import inspect, read_page

    for path, truth in files:
        info = inspect(path, 500, 150_000_000, 300)
        for doc in truth["documents"]:
            for n in doc["pages"]:
                yield path, n, read_page(info, n, 300)


def prepared_pages(files: list[tuple[Path, dict]], folder: Path) -> list[Path]:
    """Every text page read and prepared as the pipeline does it, written as the pipeline hands
    it to Tesseract's command (an uncompressed TIFF, see extractors/ocr.py)."""
    from PIL import Image

    from stages.pages import prepare_for_ocr

    out = []
    for path, n, page in scanned_pages(files):
        prepared, _ = prepare_for_ocr(page)
        target = folder / f"{path.stem}-{n}.tif"
        Image.fromarray(prepared.image).save(target, dpi=(page.dpi, page.dpi))
        out.append(target)
    return out


def raw_tesseract(pngs: list[Path], out: Path, cores: int, outputs: str) -> tuple[float, float]:
    """`tesseract` itself on the prepared pages, `cores` at a time (xargs -P), with the options
    the pipeline gives it: wall and CPU seconds."""
    out.mkdir(parents=True, exist_ok=True)
    listing = "\n".join(str(p) for p in pngs).encode()
    cmd = (f"xargs -P {cores} -I{{}} sh -c 'tesseract \"$1\" \"{out}/$(basename \"$1\" .tif)\" "
           f"-l fra+eng --psm 1 --dpi 300 {outputs} >/dev/null 2>&1' _ {{}}")
    return _timed_children(lambda: subprocess.run(["bash", "-c", cmd], input=listing, check=True,
                                                  env=dict(os.environ, OMP_THREAD_LIMIT="1")))


def raw_tesseract_listed(pages: list[Path], out: Path, cores: int, outputs: str) -> tuple[float, float]:
    """The stricter raw baseline: `tesseract LIST OUT` (models loaded once a process), the pages
    dealt over `cores` processes, each given its share as a list file: wall and CPU seconds."""
    out.mkdir(parents=True, exist_ok=True)
    for k in range(cores):
        (out / f"list-{k}.txt").write_text("".join(f"{p}\n" for p in pages[k::cores]))

    def run() -> None:
        procs = [subprocess.Popen(["tesseract", str(out / f"list-{k}.txt"), str(out / f"all-{k}"), "-l", "fra+eng",
                                   "--psm", "1", "--dpi", "300", *outputs.split()],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env=dict(os.environ, OMP_THREAD_LIMIT="1")) for k in range(cores)]
        for proc in procs:
            proc.wait()

    return _timed_children(run)


def _timed_children(run) -> tuple[float, float]:
    """Wall seconds of ``run()`` and the CPU seconds of the programs it ran."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def station_batches(files: list[tuple[Path, dict]], folder: Path, per_batch: int = 10) -> list[Path]:
    """The same scanned pages as the station sends them: multi-page TIFF batches (LZW, the
    pixels unchanged, colour kept) of ``per_batch`` documents, a scanned separator sheet
    between two documents (cached)."""
    import random

    from PIL import Image

    from corpus.scan import degrade, rasterise
    from extractors.separator import separator_sheet_pdf

    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / "done.json"
    if marker.exists():
        return [folder / name for name in json.loads(marker.read_text())]
    sheet = rasterise(separator_sheet_pdf(), 300)[0]
    rng = random.Random(7)
    names = []
    for b in range(0, len(files), per_batch):
        frames: list[Image.Image] = []
        for path, truth in files[b:b + per_batch]:
            if frames:
                scan = degrade(rng, sheet, 300, allow_rotation=False).image
                frames.append(Image.fromarray(scan).convert("L"))
            for _, _, page in scanned_pages([(path, truth)]):
                frames.append(Image.fromarray(page.colour if page.colour is not None else page.image))
        name = f"lot-{b // per_batch:02d}.tif"
        frames[0].save(folder / name, save_all=True, append_images=frames[1:], dpi=(300, 300),
                       compression="tiff_lzw")
        names.append(name)
    marker.write_text(json.dumps(names))
    return [folder / name for name in names]


def big_batch(files: list[tuple[Path, dict]], target: Path, pages: int) -> Path:
    """One multi-page scanned PDF of ``pages`` pages, made from the generated scans."""
    import pikepdf
    from PIL import Image

    images = [page.image for _, _, page in scanned_pages(files)]
    one = target.parent / "one.pdf"
    pdf = pikepdf.new()
    i = 0
    while len(pdf.pages) < pages:
        Image.fromarray(images[i % len(images)]).save(one, "PDF", resolution=300, quality=75)
        with pikepdf.open(one) as src:
            pdf.pages.extend(src.pages)
        i += 1
    pdf.save(target)
    return target


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--seed", type=int, default=303)
    ap.add_argument("--big", type=int, default=500, help="pages of the large batch for the memory check")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "aiguillage-bench-ocr")
    args = ap.parse_args()

    cores = os.cpu_count() or 1
    work = args.work
    (work / "scans").mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    files = generate_scans(work / "scans", args.pages, args.seed)
    print(f"{len(files)} generated scans, {args.pages}+ pages at 300 DPI (seed {args.seed}), "
          f"{time.perf_counter() - t:.0f} s")

    home = work / "home"
    shutil.rmtree(home, ignore_errors=True)
    result = run_pipeline([p for p, _ in files], home)
    read = page_texts(home, result["lines"])
    edits = {"all": [0, 0], "plain": [0, 0], "stamped": [0, 0]}
    per_page = []
    for path, truth in files:
        for doc in truth["documents"]:
            stamps = doc.get("page_stamps") or [""] * len(doc["pages"])
            for n, expected, stamp in zip(doc["pages"], doc["page_texts"], stamps):
                got = read.get((path.name, n))
                e, n_chars = cer(got["text"] if got else "", expected)
                for key in ("all", "stamped" if stamp else "plain"):
                    edits[key][0] += e
                    edits[key][1] += n_chars
                if got:
                    per_page.append(got["seconds"])
    n_pages = len(per_page)
    ppm = n_pages / result["wall_seconds"] * 60

    batches = station_batches(files, work / "station")
    shutil.rmtree(work / "home-station", ignore_errors=True)
    station = run_pipeline(batches, work / "home-station")
    station_pages = sum(len(line["source_pages"]) for line in station["lines"])
    station_ppm = station_pages / station["wall_seconds"] * 60

    prep_dir = work / "prepared"
    shutil.rmtree(prep_dir, ignore_errors=True)
    prep_dir.mkdir()
    pngs = prepared_pages(files, prep_dir)
    raw_same, raw_cpu = raw_tesseract(pngs, work / "raw-hocr-pdf", cores, "hocr pdf")
    raw_txt, _ = raw_tesseract(pngs, work / "raw-txt", cores, "txt")
    listed, listed_cpu = raw_tesseract_listed(pngs, work / "raw-listed", cores, "hocr pdf")
    raw_ppm = len(pngs) / raw_same * 60
    listed_ppm = len(pngs) / listed * 60
    raw_txt_ppm = len(pngs) / raw_txt * 60

    print("\nMemory: peak RSS on one scanned PDF of 10, 100 and --big pages (one document each)")
    sizes = sorted({10, 100, args.big} if args.big > 100 else {10, args.big})
    mem, tree, engines, halves = {}, {}, {}, {}
    for size in sizes:
        label, f = str(size), big_batch(files, work / f"batch-{size}.pdf", size)
        shutil.rmtree(work / f"home-{label}", ignore_errors=True)
        r = run_pipeline([f], work / f"home-{label}")
        mem[label], tree[label] = r["peak_rss_mb"], r["peak_tree_rss_mb"]
        engines[label] = r["tesseract_engines"]
        halves[label] = (r["peak_rss_mb_first_half"], r["peak_rss_mb_second_half"])
        print(f"  {label:>4} pages: pipeline process {r['peak_rss_mb']:.0f} MB ({engines[label]} Tesseract engines "
              f"loaded; sampled peak {halves[label][0]:.0f} MB over the run's first half, {halves[label][1]:.0f} MB "
              f"over its second), with Prefect's server {r['peak_tree_rss_mb']:.0f} MB; "
              f"{int(label) / r['wall_seconds'] * 60:.1f} pages/min")
    cpu = {k: result[f"cpu_seconds_{k}"] / n_pages
           for k in ("tesseract_library", "commands", "pipeline_process", "prefect_server")}
    # The same comparison in CPU seconds a page: steadier than wall time when other work shares
    # the machine (with every core busy, pages per minute follow CPU seconds per page).
    raw_cpu_page = raw_cpu / len(pngs)
    cpu_ratio = raw_cpu_page / sum(cpu.values())
    listed_cpu_page = listed_cpu / len(pngs)
    station_cpu_ratio = raw_cpu_page / (sum(station[f"cpu_seconds_{k}"] for k in cpu) / station_pages)

    figures = {
        "pages": n_pages,
        "cores": cores,
        "pages_per_minute": round(ppm, 1),
        "median_seconds_per_page": round(statistics.median(per_page), 3),
        "p95_seconds_per_page": round(statistics.quantiles(per_page, n=20)[18], 3),
        "raw_tesseract_pages_per_minute": round(raw_ppm, 1),
        "raw_tesseract_txt_pages_per_minute": round(raw_txt_ppm, 1),
        "throughput_ratio_vs_raw_tesseract": round(ppm / raw_ppm, 3),
        "raw_tesseract_cpu_seconds_per_page": round(raw_cpu_page, 3),
        "cpu_ratio_vs_raw_tesseract": round(cpu_ratio, 3),
        "raw_tesseract_listed_pages_per_minute": round(listed_ppm, 1),
        "throughput_ratio_vs_raw_tesseract_listed": round(ppm / listed_ppm, 3),
        "raw_tesseract_listed_cpu_seconds_per_page": round(listed_cpu_page, 3),
        "cpu_ratio_vs_raw_tesseract_listed": round(listed_cpu_page / sum(cpu.values()), 3),
        "station_batches_pages_per_minute": round(station_ppm, 1),
        "station_batches_throughput_ratio_vs_raw_tesseract": round(station_ppm / raw_ppm, 3),
        "station_batches_cpu_ratio_vs_raw_tesseract": round(station_cpu_ratio, 3),
        "character_error_rate": round(edits["all"][0] / max(1, edits["all"][1]), 4),
        "character_error_rate_unstamped_pages": round(edits["plain"][0] / max(1, edits["plain"][1]), 4),
        "character_error_rate_stamped_pages": round(edits["stamped"][0] / max(1, edits["stamped"][1]), 4),
        "cpu_seconds_per_page_tesseract_library": round(cpu["tesseract_library"], 3),
        "cpu_seconds_per_page_commands": round(cpu["commands"], 3),
        "cpu_seconds_per_page_pipeline_process": round(cpu["pipeline_process"], 3),
        "cpu_seconds_per_page_prefect_server": round(cpu["prefect_server"], 3),
        **{f"peak_rss_mb_{k}_pages": round(v, 1) for k, v in mem.items()},
        **{f"tesseract_engines_{k}_pages": v for k, v in engines.items()},
        f"peak_rss_mb_{args.big}_pages_first_half": round(halves[str(args.big)][0], 1),
        f"peak_rss_mb_{args.big}_pages_second_half": round(halves[str(args.big)][1], 1),
        **{f"peak_tree_rss_mb_{k}_pages": round(v, 1) for k, v in tree.items()},
        "seed": args.seed,
    }
    print(f"""
OCR benchmark on {n_pages} scanned pages (300 DPI, degraded), {cores} cores
  pipeline on {len(files)} files, one scanned document each (read, prepare, OCR, classify, route):
                                                    {ppm:6.1f} pages/min
  per page (read + prepare + OCR, in a worker):     median {figures['median_seconds_per_page']:.2f} s, p95 {figures['p95_seconds_per_page']:.2f} s
  raw tesseract on the prepared pages (hOCR + PDF),
      one command a page:                           {raw_ppm:6.1f} pages/min  -> ratio {figures['throughput_ratio_vs_raw_tesseract']:.2f}
      one command a core, pages listed (models
      loaded once, the stricter baseline):          {listed_ppm:6.1f} pages/min  -> ratio {figures['throughput_ratio_vs_raw_tesseract_listed']:.2f}
  the same pages as {len(batches)} station batches (multi-page TIFF, separator sheets), cut into
  {len(station['lines'])} documents ({len(files)} expected):
                                                    {station_ppm:6.1f} pages/min  -> ratio {station_ppm / raw_ppm:.2f} (CPU ratio {station_cpu_ratio:.2f})
  CPU per page (one file a document): Tesseract {cpu['tesseract_library']:.3f} s (library) + {cpu['commands']:.3f} s (commands),
      rest of the pipeline process {cpu['pipeline_process']:.3f} s, Prefect server {cpu['prefect_server']:.3f} s
      against raw tesseract's {raw_cpu_page:.3f} s a page (one command a page) -> CPU ratio {cpu_ratio:.2f}
      and {listed_cpu_page:.3f} s a page (pages listed) -> CPU ratio {figures['cpu_ratio_vs_raw_tesseract_listed']:.2f}
  raw tesseract, text only (for reference):         {raw_txt_ppm:6.1f} pages/min
  character error rate vs ground truth:             {figures['character_error_rate']:.2%} (all pages)
      pages without a stamp: {figures['character_error_rate_unstamped_pages']:.2%}; pages with a "REÇU LE" stamp: {figures['character_error_rate_stamped_pages']:.2%}
  peak memory of the pipeline process: {', '.join(f"{mem[str(n)]:.0f} MB at {n} pages" for n in sizes)}
      (Tesseract engines loaded: {', '.join(str(engines[str(n)]) for n in sizes)}; at most two a page worker, one
      for pages and one for stamps, whatever the batch's length); over the {args.big}-page run's
      first and second halves: {halves[str(args.big)][0]:.0f} MB and {halves[str(args.big)][1]:.0f} MB
      with Prefect's server (and any command run): {', '.join(f"{tree[str(n)]:.0f} MB" for n in sizes)}""")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
