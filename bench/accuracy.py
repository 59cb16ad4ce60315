"""Accuracy of the automatic vidéocodage on two sets side by side: a generated corpus the model
never saw, and the foreign set, mail our generator did not write (``bench/foreign_set.py``).

    .venv/bin/python bench/accuracy.py [--seed 9001] [--count 320] [--workers 2] [--model DIR]
                                       [--only generated|foreign] [--fresh]

Generates ``count`` files (scans, born-digital PDFs, Factur-X, batches, bad inputs) with
``corpus.generate.generate`` under a temporary folder, renders the foreign set (cached), then
runs the pipeline's own stages on
every file, as flows/batch.py composes them: ``extractors.reading.inspect``,
``stages.pages.process_page`` (real Tesseract OCR for scans), ``stages.split.split_pages``,
``stages.understand.understand`` and ``flows.deliver.decide``. Reading (the slow part) runs in a
process pool and is cached per seed and count under ``--cache``, so a new model can be
measured again in seconds.

Reports per-type precision and recall, per-field accuracy (all, scans, born-digital, Factur-X),
the straight-through share, the error rate among automatic routes, urgency against the truth,
a reliability table (accuracy per confidence bin) and its expected calibration error, the F1 of
document starts in files holding several documents without separator sheets, and the share of
non-documents quarantined; then both sets side by side. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pickle
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

sys.path.insert(0, str(ROOT / "bench"))

from accuracy_report import report, side_by_side  # noqa: E402

READING_CODE = ("extractors/reading.py", "extractors/prepare.py", "extractors/ocr.py", "extractors/separator.py",
                "extractors/stamps.py", "extractors/grey_stamps.py", "extractors/stamp_text.py",
                "extractors/tesseract_lib.py", "extractors/layout.py", "extractors/pdf_limits.py",
                "extractors/imaging.py", "extractors/pdf_pages.py", "extractors/lost_lines.py", "stages/pages.py")


def reading_settings() -> dict:
    """The settings that shape how pages are read (``AIGUILLAGE_OCR_*`` included)."""
    from config import load_settings

    s = load_settings()
    return {"max_pages": s["ocr.max_pages"], "max_pixels": s["ocr.max_page_pixels"], "dpi": s["ocr.dpi"],
            "languages": s["ocr.languages"], "timeout": s["ocr.page_timeout_seconds"]}


def reading_version() -> str:
    """Changes with the code and the settings that read pages (``AIGUILLAGE_OCR_LANGUAGES=fra``
    reads every set again): cached pages are read again after either changes."""
    import hashlib

    h = hashlib.sha256()
    for name in READING_CODE:
        h.update((ROOT / name).read_bytes())
    settings = reading_settings()
    h.update(json.dumps({k: settings[k] for k in ("dpi", "languages", "max_pixels")}, sort_keys=True).encode())
    return h.hexdigest()[:10]


def corpus_version() -> str:
    """Changes with the generator (its texts and its labels): the generated set is made again.
    The mail written by other hands (corpus/written.py and its data) is no part of it."""
    import hashlib

    h = hashlib.sha256()
    written = (ROOT / "corpus" / "data" / "written", ROOT / "corpus" / "written.py")
    for path in sorted((ROOT / "corpus").rglob("*")):
        if any(path == w or w in path.parents for w in written):
            continue
        if path.is_file() and path.suffix in (".py", ".txt", ".yaml", ".csv", ".json"):
            h.update(path.read_bytes())
    return h.hexdigest()[:8]


def read_file(path: str, settings: dict) -> dict:
    """Everything the OCR side of the pipeline gives for one file (run in a worker process):
    its pages as read, before they are cut into documents (cutting is measured each run)."""
    from extractors.errors import UnreadableInput
    from extractors.facturx import read_facturx_xml
    from extractors.reading import inspect
    from stages.pages import ReadOptions, process_page

    try:
        info = inspect(Path(path), settings["max_pages"], settings["max_pixels"], settings["dpi"])
    except UnreadableInput as exc:
        return {"quarantined": exc.reason, "results": [], "facturx": None}
    options = ReadOptions(settings["dpi"], settings["languages"], settings["timeout"])
    results = [process_page(info, n, options)
               for n in range(1, info.page_count + 1)]
    for r in results:
        r.pdf = b""  # searchable PDFs are not measured here
    facturx = None
    if info.kind == "pdf" and info.text_pages:
        try:
            facturx = read_facturx_xml(Path(path).read_bytes())
        except Exception:
            facturx = None
    return {"quarantined": None, "results": results, "facturx": facturx}


def documents_of(name: str, read: dict) -> tuple[str | None, list[dict]]:
    """The file cut into documents as the pipeline cuts it: (why quarantined, documents)."""
    from extractors.types import DocumentText
    from stages.split import split_pages

    if read["quarantined"]:
        return read["quarantined"], []
    documents = split_pages(read["results"])
    if not documents:
        return "aucune page lisible", []
    out = []
    for d in documents:
        readable = [p.page for p in d.pages if p.kind == "text" and p.page is not None]
        failed = {p.number: p.error or "illisible" for p in d.pages if p.kind == "failed"}
        doc = DocumentText(name, d.numbers, readable, read["facturx"] if len(documents) == 1 else None)
        out.append({"doc": doc, "failed": failed, "readable": bool(readable)})
    return None, out


def read_corpus(folder: Path, manifest: dict, workers: int) -> dict[str, dict]:
    settings = reading_settings()
    names = [e["file"] for e in manifest["files"]]
    out: dict[str, dict] = {}
    # spawn, not fork: the parent has used OpenCV's threads (corpus rendering), a forked
    # child could wait forever on a lock held by a thread that does not exist in it
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {n: pool.submit(read_file, str(folder / n), settings) for n in names}
        for i, (n, f) in enumerate(futures.items(), 1):
            out[n] = f.result()
            if i % 25 == 0:
                print(f"  lu {i}/{len(names)} fichiers", file=sys.stderr)
    return out


def corpus_and_reads(seed: int, count: int, workers: int, cache: Path) -> tuple[dict, dict]:
    from corpus.generate import generate

    cache_file = cache / f"pages-{seed}-{count}-{reading_version()}-{corpus_version()}.pickle"
    if cache_file.is_file():
        with cache_file.open("rb") as fh:
            return pickle.load(fh)
    with tempfile.TemporaryDirectory(prefix="aiguillage-bench-") as tmp:
        t0 = time.time()
        manifest = generate(Path(tmp), count, seed)
        truths = {e["file"]: json.loads((Path(tmp) / e["truth"]).read_text()) for e in manifest["files"]}
        print(f"corpus généré ({count} fichiers, graine {seed}) en {time.time() - t0:.0f} s", file=sys.stderr)
        t0 = time.time()
        reads = read_corpus(Path(tmp), manifest, workers)
        print(f"lecture/OCR en {time.time() - t0:.0f} s", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    with cache_file.open("wb") as fh:
        pickle.dump((truths, reads), fh)
    return truths, reads


def written_sets() -> dict[str, tuple[Path, int, int]]:
    """Each set written by other hands: its folder, its rendering seed, its files of several
    documents without separator sheets. The foreign set and the development sets are read to
    write rules once graded on arrival (README, « Reading mail that nobody here wrote », tells
    each session's sets); the blind set and the ``UNREAD`` sets never are, and never show their misses.
    The model learns the sets under ``corpus/data/written/`` (``LEARNED``): their type figures
    are training figures; foreign, blind and the sets still under ``bench/`` grade it."""
    from corpus.written import WRITTEN_DIR
    from foreign_set import BLIND_ROOT, ROOT

    return {"foreign": (ROOT, 2026, 12), "dev2": (WRITTEN_DIR / "dev2", 2028, 6),
            "dev3": (WRITTEN_DIR / "dev3", 2029, 6), "dev4": (WRITTEN_DIR / "dev4", 2030, 6),
            "dev5": (WRITTEN_DIR / "dev5", 2031, 6), "dev6": (WRITTEN_DIR / "dev6", 2032, 6),
            "dev7": (WRITTEN_DIR / "dev7", 2033, 6), "dev8": (WRITTEN_DIR / "dev8", 2034, 6),
            "dev9": (WRITTEN_DIR / "dev9", 2035, 6), "dev10": (WRITTEN_DIR / "dev10", 2036, 6),
            "dev11": (WRITTEN_DIR / "dev11", 2037, 6), "dev12": (WRITTEN_DIR / "dev12", 2038, 6),
            "dev13": (WRITTEN_DIR / "dev13", 2039, 6), "dev14": (WRITTEN_DIR / "dev14", 2040, 6),
            "dev15": (WRITTEN_DIR / "dev15", 2041, 6), "dev16": (WRITTEN_DIR / "dev16", 2042, 6),
            "dev17": (WRITTEN_DIR / "dev17", 2043, 6),
            "dev18": (WRITTEN_DIR / "dev18", 2044, 6), "dev19": (WRITTEN_DIR / "dev19", 2045, 6),
            "dev20": (WRITTEN_DIR / "dev20", 2046, 6), "dev21": (WRITTEN_DIR / "dev21", 2047, 6),
            "dev22": (WRITTEN_DIR / "dev22", 2048, 6), "dev23": (WRITTEN_DIR / "dev23", 2049, 6),
            "dev24": (WRITTEN_DIR / "dev24", 2050, 6), "dev25": (WRITTEN_DIR / "dev25", 2051, 6),
            "dev26": (WRITTEN_DIR / "dev26", 2052, 6), "dev27": (WRITTEN_DIR / "dev27", 2053, 6),
            "dev28": (WRITTEN_DIR / "dev28", 2054, 6), "dev29": (WRITTEN_DIR / "dev29", 2055, 6),
            "dev30": (WRITTEN_DIR / "dev30", 2056, 6), "dev31": (WRITTEN_DIR / "dev31", 2057, 6),
            "dev32": (WRITTEN_DIR / "dev32", 2058, 6), "dev33": (ROOT.parent / "dev33", 2059, 6),
            "dev34": (ROOT.parent / "dev34", 2060, 6), "dev35": (ROOT.parent / "dev35", 2061, 6),
            "dev36": (ROOT.parent / "dev36", 2062, 6), "dev37": (ROOT.parent / "dev37", 2063, 6),
            "dev38": (ROOT.parent / "dev38", 2064, 6), "dev39": (ROOT.parent / "dev39", 2065, 6),
            "dev40": (ROOT.parent / "dev40", 2066, 6), "dev41": (ROOT.parent / "dev41", 2067, 6),
            "dev42": (ROOT.parent / "dev42", 2068, 6), "dev43": (ROOT.parent / "dev43", 2069, 6),
            "dev44": (ROOT.parent / "dev44", 2070, 6), "dev45": (ROOT.parent / "dev45", 2071, 6),
            "dev46": (ROOT.parent / "dev46", 2072, 6), "dev47": (ROOT.parent / "dev47", 2073, 6),
            "dev48": (ROOT.parent / "dev48", 2074, 6), "dev49": (ROOT.parent / "dev49", 2075, 6),
            "dev50": (ROOT.parent / "dev50", 2076, 6), "dev51": (ROOT.parent / "dev51", 2077, 6),
            "dev52": (ROOT.parent / "dev52", 2078, 6),
            "blind": (BLIND_ROOT, 2027, 6)}


# the development sets written by other hands: key, ordinal (the report's title), key of the JSON line
DEV_SETS = (("dev2", "second", "second_dev"), ("dev3", "troisième", "third_dev"), ("dev4", "quatrième", "fourth_dev"),
            ("dev5", "cinquième", "fifth_dev"), ("dev6", "sixième", "sixth_dev"), ("dev7", "septième", "seventh_dev"),
            ("dev8", "huitième", "eighth_dev"), ("dev9", "neuvième", "ninth_dev"),
            ("dev10", "dixième", "tenth_dev"), ("dev11", "onzième", "eleventh_dev"),
            ("dev12", "douzième", "twelfth_dev"), ("dev13", "treizième", "thirteenth_dev"),
            ("dev14", "quatorzième", "fourteenth_dev"), ("dev15", "quinzième", "fifteenth_dev"),
            ("dev16", "seizième", "sixteenth_dev"), ("dev17", "dix-septième", "seventeenth_dev"),
            ("dev18", "dix-huitième", "eighteenth_dev"), ("dev19", "dix-neuvième", "nineteenth_dev"),
            ("dev20", "vingtième", "twentieth_dev"), ("dev21", "vingt-et-unième", "twenty_first_dev"),
            ("dev22", "vingt-deuxième", "twenty_second_dev"), ("dev23", "vingt-troisième", "twenty_third_dev"),
            ("dev24", "vingt-quatrième", "twenty_fourth_dev"), ("dev25", "vingt-cinquième", "twenty_fifth_dev"),
            ("dev26", "vingt-sixième", "twenty_sixth_dev"), ("dev27", "vingt-septième", "twenty_seventh_dev"),
            ("dev28", "vingt-huitième", "twenty_eighth_dev"), ("dev29", "vingt-neuvième", "twenty_ninth_dev"),
            ("dev30", "trentième", "thirtieth_dev"), ("dev31", "trente-et-unième", "thirty_first_dev"),
            ("dev32", "trente-deuxième", "thirty_second_dev"), ("dev33", "trente-troisième", "thirty_third_dev"),
            ("dev34", "trente-quatrième", "thirty_fourth_dev"), ("dev35", "trente-cinquième", "thirty_fifth_dev"),
            ("dev36", "trente-sixième", "thirty_sixth_dev"), ("dev37", "trente-septième", "thirty_seventh_dev"),
            ("dev38", "trente-huitième", "thirty_eighth_dev"), ("dev39", "trente-neuvième", "thirty_ninth_dev"),
            ("dev40", "quarantième", "fortieth_dev"), ("dev41", "quarante-et-unième", "forty_first_dev"),
            ("dev42", "quarante-deuxième", "forty_second_dev"),
            ("dev43", "quarante-troisième", "forty_third_dev"), ("dev44", "quarante-quatrième", "forty_fourth_dev"),
            ("dev45", "quarante-cinquième", "forty_fifth_dev"), ("dev46", "quarante-sixième", "forty_sixth_dev"),
            ("dev47", "quarante-septième", "forty_seventh_dev"), ("dev48", "quarante-huitième", "forty_eighth_dev"),
            ("dev49", "quarante-neuvième", "forty_ninth_dev"), ("dev50", "cinquantième", "fiftieth_dev"),
            ("dev51", "cinquante-et-unième", "fifty_first_dev"), ("dev52", "cinquante-deuxième", "fifty_second_dev"))
LEARNED = tuple(f"dev{k}" for k in range(2, 33))  # in the model's training data (corpus/data/written/)
UNREAD = ("dev51", "dev52")  # never read, like the blind set: their misses are not shown


def foreign_and_reads(workers: int, cache: Path, fresh: bool = False, which: str = "foreign") -> tuple[dict, dict]:
    """One of the sets written by other hands (``written_sets()``: the foreign set, the
    second development set, the blind one) rendered (cached by its sources' digest) and read
    like the generated one."""
    from foreign_set import digest, rendered

    root, seed, multi = written_sets()[which]
    cache_file = cache / f"pages-{root.name}-{digest(seed, root)}-{reading_version()}.pickle"
    if cache_file.is_file() and not fresh:
        with cache_file.open("rb") as fh:
            return pickle.load(fh)
    t0 = time.time()
    folder, manifest = rendered(cache, seed, root, multi)
    print(f"jeu {root.name} rendu ({len(manifest['files'])} fichiers) en {time.time() - t0:.0f} s", file=sys.stderr)
    truths = {e["file"]: json.loads((folder / e["truth"]).read_text()) for e in manifest["files"]}
    t0 = time.time()
    reads = read_corpus(folder, manifest, workers)
    print(f"lecture/OCR en {time.time() - t0:.0f} s", file=sys.stderr)
    with cache_file.open("wb") as fh:
        pickle.dump((truths, reads), fh)
    return truths, reads


def foreign_half(name: str) -> str:
    """The foreign set in two halves by file name: "dev", where choices (model variants, rule
    changes) may be compared, and "test", reported and never used to choose."""
    import hashlib

    return "dev" if hashlib.sha1(name.encode()).hexdigest()[0] in "01234567" else "test"


def boundaries(truths: dict, reads: dict) -> dict:
    """For each file of several pages: (true first pages, first pages found). Files of one
    document count too: a cut inside one is a false start."""
    return {name: ([d["pages"][0] for d in t["documents"]],
                   [d["doc"].source_pages[0] for d in documents_of(name, reads[name])[1] if d["doc"].source_pages])
            for name, t in truths.items() if sum(len(d["pages"]) for d in t["documents"]) > 1}


def evaluate(truths: dict, reads: dict, rt) -> list[dict]:
    """One row per true document: truth, and what the pipeline decided."""
    from flows.deliver import decide
    from stages.understand import understand

    rows = []
    for name, truth in sorted(truths.items()):
        quarantined, documents = documents_of(name, reads[name])
        if truth["bad_input"]:
            rows.append({"file": name, "bad": True, "quarantined": quarantined is not None})
            continue
        got = {tuple(d["doc"].source_pages): d for d in documents}
        for t in truth["documents"]:
            kind = "facturx" if t["facturx"] else "scan" if t["scanned"] else "digital"
            row = {"file": name, "bad": False, "kind": kind, "truth": t, "status": "missing"}
            d = got.get(tuple(t["pages"]))
            if d is None or not d["readable"]:
                row["status"] = "split_error" if d is None else "unreadable"
            else:
                u = understand(d["doc"], rt)
                _, status, reason = decide(rt, u, d["failed"])
                c = u.classification
                row.update(status=status, type=c.type, confidence=c.confidence, urgent=c.urgent,
                           method=c.method, reason=reason, fields=u.extraction.fields,
                           queue=rt.routing.decide(_facts(c, u), review=False).queue)
            rows.append(row)
    return rows


def _facts(c, u):
    from config.routing import Facts

    return Facts(c.type, c.confidence, c.urgent, u.extraction.fields)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=9001, help="graine du corpus d'évaluation (jamais vue à l'entraînement)")
    p.add_argument("--count", type=int, default=320, help="fichiers générés")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--model", type=Path, default=None, help="dossier du modèle (défaut : modèle intégré)")
    p.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "aiguillage-bench-cache")
    p.add_argument("--only", choices=("generated", "foreign", *(key for key, _, _ in DEV_SETS), "blind"), default=None,
                   help="un seul des jeux")
    p.add_argument("--fresh", action="store_true", help="relire le jeu étranger (OCR) même s'il est en cache")
    p.add_argument("--dev", action="store_true", help="montrer aussi la moitié « dev » du jeu étranger")
    p.add_argument("--misses", type=int, default=3, help="exemples d'écarts montrés par champ")
    p.add_argument("--blind-misses", action="store_true",
                   help="montrer aussi les écarts du jeu aveugle (il cesse alors d'être aveugle : à ne faire "
                        "qu'après l'avoir remplacé par un nouveau)")
    args = p.parse_args(argv)

    home = tempfile.mkdtemp(prefix="aiguillage-bench-home-")
    os.environ["AIGUILLAGE_HOME"] = home  # embedded defaults, nothing shared with a real installation
    from classifiers.model import load_model
    from wiring.runtime import runtime

    args.cache.mkdir(parents=True, exist_ok=True)
    sets = {}
    if args.only in (None, "generated"):
        sets["généré"] = (f"corpus généré, graine {args.seed}",
                          corpus_and_reads(args.seed, args.count, args.workers, args.cache))
    if args.only in (None, "foreign"):
        truths, reads = foreign_and_reads(args.workers, args.cache, args.fresh)
        sets["étranger"] = ("jeu étranger (écrit hors du générateur)", (truths, reads))
        if args.dev:
            dev = {n: t for n, t in truths.items() if foreign_half(n) == "dev"}
            sets["étranger-dev"] = ("moitié « dev » du jeu étranger (où les variantes sont comparées)", (dev, reads))
        test = {n: t for n, t in truths.items() if foreign_half(n) == "test"}
        sets["étranger-test"] = ("moitié « test » du jeu étranger (rien n'y est réglé ; une exception notée dans README)",
                                 (test, reads))
    for key, ordinal, _ in DEV_SETS:
        if args.only in (None, key) and any(written_sets()[key][0].glob("*/*.json")):
            use = ("jamais lu, jamais appris : ses écarts ne sont pas montrés" if key in UNREAD else
                   "lu pour écrire des règles, appris par le modèle : son type n'y est plus une mesure" if key in LEARNED
                   else "jamais appris par le modèle")
            sets[f"dev {key[3:]}"] = (f"{ordinal} jeu de développement (écrit par d'autres mains, {use})",
                                      foreign_and_reads(args.workers, args.cache, args.fresh, key))
    if args.only in (None, "blind") and any(written_sets()["blind"][0].glob("*/*.json")):
        sets["aveugle"] = ("jeu aveugle (écrit après les règles, jamais lu pour en écrire)",
                           foreign_and_reads(args.workers, args.cache, args.fresh, "blind"))
    rt = runtime()
    if args.model:
        rt.use_model(load_model(args.model))
    summaries = {}
    for name, (title, (truths, reads)) in sets.items():
        t0 = time.time()
        rows = evaluate(truths, reads, rt)
        print(f"classement et extraction ({name}) : {time.time() - t0:.1f} s", file=sys.stderr)
        summaries[name] = report(rows, title, len(truths), rt.model.meta,
                                 rt.settings["classification.review_threshold"], boundaries(truths, reads),
                                 shown_misses=args.misses if name not in ("aveugle", *(f"dev {k[3:]}" for k in UNREAD)) or args.blind_misses else 0)
    if len(summaries) > 1:
        side_by_side(summaries)
    print(json.dumps({"generated": summaries.get("généré"), "foreign": summaries.get("étranger"),
                      "foreign_test_half": summaries.get("étranger-test"),
                      **{json_key: summaries.get(f"dev {key[3:]}") for key, _, json_key in DEV_SETS},
                      "blind": summaries.get("aveugle")},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
