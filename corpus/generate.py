"""Write a corpus: files of every format plus ``<file>.truth.json`` each and a ``manifest.json``.

Mix: ~55 % scans, ~30 % born-digital PDFs, ~5 % Factur-X, ~5 % batches, ~5 % bad inputs; small
counts favour coverage (every type, then every bad-input kind). Same seed, same bytes.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

from corpus import files
from corpus.texts import TYPES, type_sequence

EXTENSIONS = {"pdf": "pdf", "tiff": "tif", "png": "png", "jpeg": "jpg"}
DPI_CHOICES = (200, 240, 300)


def plan(count: int, rng: random.Random) -> list[str]:
    """The kind of each file: scan, digital, facturx, batch or bad."""
    def share(frac: float, minimum_from: int) -> int:
        return max(round(count * frac), 1 if count >= minimum_from else 0)

    n_bad, n_batch, n_fx = share(0.05, 4), share(0.05, 3), share(0.05, 2)
    n_single = max(count - n_bad - n_batch - n_fx, 0)
    n_scan = round(n_single * 55 / 85)
    kinds = ["scan"] * n_scan + ["digital"] * (n_single - n_scan) + ["facturx"] * n_fx + ["batch"] * n_batch \
        + ["bad"] * n_bad
    kinds = kinds[:count]
    rng.shuffle(kinds)
    return kinds


def _write(out: Path, name: str, data: bytes, truth: dict) -> dict:
    (out / name).write_bytes(data)
    truth = {"file": name, **truth}
    truth_name = name + ".truth.json"
    (out / truth_name).write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {"file": name, "truth": truth_name, "format": truth["format"], "bad_input": truth["bad_input"],
            "documents": len(truth["documents"]), "types": [d["type"] for d in truth["documents"]]}


def generate(out: Path, count: int, seed: int, dpi: int | None = None) -> dict:
    """Generate ``count`` files under ``out``; returns the manifest (also written as manifest.json)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    kinds = plan(count, rng)
    singles = iter(type_sequence(rng, sum(k in ("scan", "digital") for k in kinds)))
    batch_types = iter(type_sequence(rng, 4 * kinds.count("batch")))
    bad_kinds = iter(list(files.BAD_KINDS) * (count // len(files.BAD_KINDS) + 1))
    entries = []
    for i, kind in enumerate(kinds, 1):
        # One generator per file: a file's bytes depend only on the seed and its position.
        frng = random.Random(f"{seed}-{i}")
        page_dpi = dpi or frng.choice(DPI_CHOICES)
        if kind == "scan":
            data, fmt, truth = files.single_scan(frng, next(singles), page_dpi)
        elif kind == "digital":
            data, fmt, truth = files.single_digital(frng, next(singles))
        elif kind == "facturx":
            data, fmt, truth = files.single_facturx(frng)
        elif kind == "batch":
            n = frng.randint(2, 4)
            data, fmt, truth = files.batch(frng, [next(batch_types) for _ in range(n)], page_dpi)
        else:
            data, fmt, truth = files.bad_input(frng, next(bad_kinds), page_dpi)
        prefix = "lot" if kind == "batch" else "doc"
        entries.append(_write(out, f"{prefix}-{i:04d}.{EXTENSIONS[fmt]}", data, truth))
    types = Counter(t for e in entries for t in e["types"])
    manifest = {
        "seed": seed, "count": count, "files": entries,
        "summary": {"files": len(entries), "documents": sum(types.values()),
                    "kinds": dict(sorted(Counter(kinds).items())),
                    "types": {t: types.get(t, 0) for t in TYPES},
                    "formats": dict(sorted(Counter(e["format"] for e in entries).items())),
                    "bad_inputs": dict(sorted(Counter(e["bad_input"] for e in entries if e["bad_input"]).items()))},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest
