"""Accuracy of the automatic vidéocodage on a generated corpus the model never saw.

    .venv/bin/python bench/accuracy.py [--seed 9001] [--count 320] [--workers 2] [--model DIR]

Generates ``count`` files (scans, born-digital PDFs, Factur-X, batches, bad inputs) with
``corpus.generate.generate`` under a temporary folder, then runs the pipeline's own stages on
every file, as flows/batch.py composes them: ``extractors.reading.inspect``,
``flows.pages.process_page`` (real Tesseract OCR for scans), ``flows.split.split_pages``,
``flows.understand.understand`` and ``flows.deliver.decide``. Reading (the slow part) runs in a
process pool and is cached per seed and count under ``--cache``, so a new model can be
measured again in seconds.

Reports per-type precision and recall, per-field accuracy (all, scans, born-digital, Factur-X),
the straight-through share, the error rate among automatic routes, urgency against the truth,
and a reliability table (accuracy per confidence bin). Last line: one JSON object.
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
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

SUPPLIER_FIELDS = ("supplier_name", "supplier_siret", "supplier_siren", "supplier_vat", "invoice_number",
                   "invoice_date", "due_date", "total_excl_tax", "total_tax", "total_incl_tax", "iban",
                   "order_reference")
TENANT_FIELDS = ("tenant_name", "tenant_reference", "postal_code", "email", "phone", "amount")
BINS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0001)


def read_file(path: str, settings: dict) -> dict:
    """Everything the OCR side of the pipeline gives for one file (run in a worker process)."""
    from extractors.errors import UnreadableInput
    from extractors.facturx import read_facturx_xml
    from extractors.reading import inspect
    from extractors.types import DocumentText
    from flows.pages import process_page
    from flows.split import split_pages

    try:
        info = inspect(Path(path), settings["max_pages"], settings["max_pixels"], settings["dpi"])
    except UnreadableInput as exc:
        return {"quarantined": exc.reason, "documents": []}
    results = [process_page(info, n, settings["dpi"], settings["languages"], settings["timeout"])
               for n in range(1, info.page_count + 1)]
    for r in results:
        r.pdf = b""  # searchable PDFs are not measured here
    documents = split_pages(results)
    if not documents:
        return {"quarantined": "aucune page lisible", "documents": []}
    facturx = None
    if info.kind == "pdf" and info.text_pages:
        try:
            facturx = read_facturx_xml(Path(path).read_bytes())
        except Exception:
            facturx = None
    out = []
    for d in documents:
        readable = [p.page for p in d.pages if p.kind == "text" and p.page is not None]
        failed = {p.number: p.error or "illisible" for p in d.pages if p.kind == "failed"}
        doc = DocumentText(path, d.numbers, readable, facturx if len(documents) == 1 else None)
        out.append({"doc": doc, "failed": failed, "readable": bool(readable)})
    return {"quarantined": None, "documents": out}


def read_corpus(folder: Path, manifest: dict, workers: int) -> dict[str, dict]:
    from config import load_settings

    s = load_settings()
    settings = {"max_pages": s["ocr.max_pages"], "max_pixels": s["ocr.max_page_pixels"], "dpi": s["ocr.dpi"],
                "languages": s["ocr.languages"], "timeout": s["ocr.page_timeout_seconds"]}
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

    cache_file = cache / f"read-{seed}-{count}.pickle"
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
    for r in reads.values():  # sources as relative names, independent of the temp folder
        for d in r["documents"]:
            d["doc"].source = Path(d["doc"].source).name
    cache.mkdir(parents=True, exist_ok=True)
    with cache_file.open("wb") as fh:
        pickle.dump((truths, reads), fh)
    return truths, reads


def evaluate(truths: dict, reads: dict, rt) -> list[dict]:
    """One row per true document: truth, and what the pipeline decided."""
    from flows.deliver import decide
    from flows.understand import understand

    rows = []
    for name, truth in sorted(truths.items()):
        read = reads[name]
        if truth["bad_input"]:
            rows.append({"file": name, "bad": True, "quarantined": read["quarantined"] is not None})
            continue
        got = {tuple(d["doc"].source_pages): d for d in read["documents"]}
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


def ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def report(rows: list[dict], seed: int, count: int, model_meta: dict, threshold: float) -> dict:
    docs = [r for r in rows if not r["bad"]]
    bad = [r for r in rows if r["bad"]]
    typed = [r for r in docs if "type" in r]
    print(f"\n== Exactitude du vidéocodage automatique — graine {seed}, {count} fichiers, "
          f"{len(docs)} documents (+{len(bad)} entrées invalides) ==")
    print(f"modèle : graine {model_meta.get('seed')}, {model_meta.get('trained_on')} textes, "
          f"température {model_meta.get('temperature')} ; seuil de revue {threshold}")

    # Types
    print("\n-- Types (sur tous les documents, que la machine ait routé ou non) --")
    print(f"{'type':34} {'vrais':>5} {'préc.':>7} {'rappel':>7} {'auto':>5}")
    types = sorted({r["truth"]["type"] for r in docs})
    per_type = {}
    for t in types:
        tp = sum(1 for r in typed if r["type"] == t and r["truth"]["type"] == t)
        pred = sum(1 for r in typed if r["type"] == t)
        true = sum(1 for r in docs if r["truth"]["type"] == t)
        auto = sum(1 for r in docs if r["truth"]["type"] == t and r["status"] == "routed")
        per_type[t] = {"precision": ratio(tp, pred), "recall": ratio(tp, true), "n": true}
        print(f"{t:34} {true:5d} {ratio(tp, pred):7.1%} {ratio(tp, true):7.1%} {auto:5d}")
    type_acc = ratio(sum(r.get("type") == r["truth"]["type"] for r in docs), len(docs))

    # Routing
    routed = [r for r in docs if r["status"] == "routed"]
    wrong = [r for r in routed if r["type"] != r["truth"]["type"]]
    wrong_queue = [r for r in routed if r["queue"] != r["truth"]["queue"]]
    review = [r for r in docs if r["status"] == "review"]
    print("\n-- Aiguillage --")
    print(f"routés automatiquement (straight-through) : {len(routed)}/{len(docs)} = {ratio(len(routed), len(docs)):.1%}")
    non_other = [r for r in docs if r["truth"]["type"] != "other"]
    print(f"  hors type « autre » (qui va toujours en vidéocodage) : "
          f"{sum(r['status'] == 'routed' for r in non_other)}/{len(non_other)}")
    print(f"erreurs parmi les routés : type {len(wrong)} ({ratio(len(wrong), len(routed)):.2%}), "
          f"file {len(wrong_queue)} ({ratio(len(wrong_queue), len(routed)):.2%})")
    for r in wrong:
        print(f"  ! {r['file']} {r['truth']['type']} -> {r['type']} ({r['confidence']:.3f}, {r['method']})")
    print(f"en vidéocodage : {len(review)} ; erreurs de découpage/lecture : "
          f"{sum(r['status'] in ('split_error', 'unreadable', 'missing') for r in docs)}")
    reasons = Counter((r["reason"] or "").split(" (")[0].split(" 0.")[0] for r in review)
    for why, n in reasons.most_common(5):
        print(f"  {n:3d} × {why}")
    right_review = sum(r["type"] == r["truth"]["type"] for r in review)
    print(f"  dont meilleure supposition juste : {right_review}/{len(review)}")
    print(f"entrées invalides mises en quarantaine : {sum(r['quarantined'] for r in bad)}/{len(bad)}")

    # Reliability
    print("\n-- Fiabilité de la confiance (exactitude du type par tranche de confiance) --")
    ece = 0.0
    reliability = []
    for lo, hi in zip(BINS, BINS[1:]):
        b = [r for r in typed if lo <= r["confidence"] < hi]
        if not b:
            continue
        acc = sum(r["type"] == r["truth"]["type"] for r in b) / len(b)
        mean = sum(r["confidence"] for r in b) / len(b)
        ece += len(b) / len(typed) * abs(acc - mean)
        reliability.append({"bin": f"{lo:.2f}-{min(hi, 1):.2f}", "n": len(b), "mean_confidence": round(mean, 4),
                            "accuracy": round(acc, 4)})
        print(f"  [{lo:.2f}, {min(hi, 1.0):.2f}) n={len(b):4d}  confiance moyenne {mean:.3f}  exactitude {acc:.3f}")
    print(f"  erreur de calibration attendue (ECE) : {ece:.4f}")

    # Urgency
    ut = [r for r in typed if r["truth"]["urgent"]]
    up = [r for r in typed if r["urgent"]]
    both = sum(1 for r in ut if r["urgent"])
    print("\n-- Urgence (vérité du corpus) --")
    print(f"urgents vrais {len(ut)}, détectés {len(up)}, justes {both} : précision {ratio(both, len(up)):.1%}, "
          f"rappel {ratio(both, len(ut)):.1%}")
    for r in typed:
        if r["urgent"] != r["truth"]["urgent"]:
            print(f"  ! {r['file']} {r['truth']['type']} vérité urgent={r['truth']['urgent']} -> {r['urgent']}")

    # Fields
    print("\n-- Champs (valeur extraite = vérité ; « faux » = valeur fausse ou inventée) --")
    field_acc: dict[str, dict[str, float]] = {}
    print(f"{'champ':18} {'tous':>14} {'scans':>14} {'PDF natifs':>14} {'Factur-X':>14} {'faux':>5}")
    for f in SUPPLIER_FIELDS + TENANT_FIELDS:
        cells, accs = [], {}
        wrong_values = 0
        for group in ("all", "scan", "digital", "facturx"):
            rs = [r for r in docs if group == "all" or r["kind"] == group]
            have = [r for r in rs if f in r["truth"]["fields"]]
            ok = sum(str(r.get("fields", {}).get(f)) == str(r["truth"]["fields"][f]) for r in have)
            if group == "all":
                wrong_values = sum(1 for r in rs if f in r.get("fields", {})
                                   and str(r["fields"][f]) != str(r["truth"]["fields"].get(f)))
            if have:
                accs[group] = round(ok / len(have), 4)
            cells.append(f"{ok:4d}/{len(have):4d} {ok / len(have):5.1%}" if have else f"{'-':>14}")
        field_acc[f] = accs
        print(f"{f:18} {' '.join(cells)} {wrong_values:5d}")
        field_acc[f]["wrong_values"] = wrong_values
    inv = [r for r in docs if r["truth"]["type"] == "supplier_invoice"]
    misses = defaultdict(list)
    for r in docs:
        for f, v in r["truth"]["fields"].items():
            got = r.get("fields", {}).get(f)
            if str(got) != str(v):
                misses[f].append(f"{r['file']}[{r['kind']}] {v!r} -> {got!r}")
    print("\nexemples d'écarts :")
    for f, items in misses.items():
        for item in items[:3]:
            print(f"  {f}: {item}")
    scan_fields = [field_acc[f].get("scan") for f in SUPPLIER_FIELDS if field_acc[f].get("scan") is not None]
    fx_fields = [field_acc[f].get("facturx") for f in SUPPLIER_FIELDS if field_acc[f].get("facturx") is not None]
    summary = {
        "eval_seed": seed, "files": count, "documents": len(docs), "invoices": len(inv),
        "model_seed": model_meta.get("seed"), "review_threshold": threshold,
        "type_accuracy_ratio": type_acc,
        "straight_through_ratio": ratio(len(routed), len(docs)),
        "auto_route_error_ratio": ratio(len(wrong), len(routed)),
        "auto_route_wrong_queue_ratio": ratio(len(wrong_queue), len(routed)),
        "review_best_guess_right_ratio": ratio(right_review, len(review)),
        "expected_calibration_error": round(ece, 4),
        "urgency_precision_ratio": ratio(both, len(up)), "urgency_recall_ratio": ratio(both, len(ut)),
        "min_supplier_field_accuracy_scan_ratio": min(scan_fields) if scan_fields else None,
        "min_supplier_field_accuracy_facturx_ratio": min(fx_fields) if fx_fields else None,
        "field_accuracy_ratio": field_acc, "per_type": per_type, "reliability": reliability,
    }
    print("\nobjectifs : erreurs routées < 1 % : {}, straight-through > 85 % : {}, champs facture scans > 95 % : {}, "
          "Factur-X 100 % : {}".format(
              "OK" if summary["auto_route_error_ratio"] < 0.01 else "NON",
              "OK" if summary["straight_through_ratio"] > 0.85 else "NON",
              "OK" if scan_fields and min(scan_fields) > 0.95 else "NON",
              "OK" if fx_fields and min(fx_fields) == 1.0 else "NON"))
    return summary


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=9001, help="graine du corpus d'évaluation (jamais vue à l'entraînement)")
    p.add_argument("--count", type=int, default=320, help="fichiers générés")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--model", type=Path, default=None, help="dossier du modèle (défaut : modèle intégré)")
    p.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "aiguillage-bench-cache")
    args = p.parse_args(argv)

    home = tempfile.mkdtemp(prefix="aiguillage-bench-home-")
    os.environ["AIGUILLAGE_HOME"] = home  # embedded defaults, nothing shared with a real installation
    from classifiers.model import load_model
    from flows.runtime import runtime

    truths, reads = corpus_and_reads(args.seed, args.count, args.workers, args.cache)
    rt = runtime()
    if args.model:
        rt.__dict__["model"] = load_model(args.model)
    t0 = time.time()
    rows = evaluate(truths, reads, rt)
    print(f"classement et extraction : {time.time() - t0:.1f} s", file=sys.stderr)
    summary = report(rows, args.seed, args.count, rt.model.meta, rt.settings["classification.review_threshold"])
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
