"""OCR of one prepared page with Tesseract: words, boxes, confidences and a searchable PDF page.

One Tesseract process per page with one thread (OMP_THREAD_LIMIT=1): pages run in parallel
across processes, never threads inside Tesseract, which oversubscribe the cores.
"""

from __future__ import annotations

import csv
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image

from extractors import commands
from extractors.errors import OcrFailed
from extractors.types import PageText, Word

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass
class OcrResult:
    page: PageText
    pdf: bytes  # one-page PDF: the image with an invisible text layer


def ocr_page(image: np.ndarray, number: int, dpi: int, languages: str = "fra+eng",
             timeout: float = 120, with_pdf: bool = True) -> OcrResult:
    """Read one page; raise OcrFailed on a Tesseract error or timeout."""
    commands.require("tesseract")
    started = time.perf_counter()
    outputs = ["tsv", "pdf"] if with_pdf else ["tsv"]
    with tempfile.TemporaryDirectory(prefix="aiguillage-ocr-") as tmp:
        src = Path(tmp) / "page.png"
        Image.fromarray(image).save(src, dpi=(dpi, dpi))
        base = str(Path(tmp) / "out")
        config = f"--psm 3 --dpi {dpi} -c tessedit_create_tsv=1"
        if with_pdf:
            config += " -c tessedit_create_pdf=1 -c textonly_pdf=0"
        try:
            pytesseract.pytesseract.run_tesseract(str(src), base, " ".join(outputs), languages,
                                                  config=config, timeout=timeout)
        except RuntimeError as exc:  # pytesseract's timeout
            raise OcrFailed(number, f"délai dépassé ({timeout:.0f} s)") from exc
        except pytesseract.TesseractError as exc:
            raise OcrFailed(number, f"Tesseract a échoué ({exc.message.strip()[:200]})") from exc
        tsv = Path(base + ".tsv").read_text(encoding="utf-8", errors="replace")
        pdf = Path(base + ".pdf").read_bytes() if with_pdf else b""
    words = parse_tsv(tsv)
    h, w = image.shape[:2]
    page = PageText(number=number, text=words_to_text(words), words=words, method="ocr",
                    width=w, height=h, seconds=time.perf_counter() - started)
    return OcrResult(page, pdf)


def parse_tsv(tsv: str) -> list[Word]:
    words: list[Word] = []
    line_ids: dict[tuple[int, int, int], int] = {}
    reader = csv.DictReader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        if row.get("level") != "5":
            continue
        text = (row.get("text") or "").strip()
        if not text:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        line = line_ids.setdefault(key, len(line_ids))
        words.append(Word(text, int(row["left"]), int(row["top"]), int(row["width"]),
                          int(row["height"]), max(0.0, float(row["conf"])), line))
    return words


def words_to_text(words: list[Word]) -> str:
    lines: dict[int, list[str]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w.text)
    return "\n".join(" ".join(ws) for _, ws in sorted(lines.items())) + ("\n" if lines else "")
