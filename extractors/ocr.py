"""OCR of one prepared page with Tesseract: words, boxes, confidences, orientation and a
searchable PDF page, all from a single Tesseract run.

Tesseract runs with automatic page segmentation *and* orientation detection (``--psm 1``):
one pass finds a page scanned sideways or upside down and reads it, cheaper than a separate
OSD pass. On handwriting that detection may turn an upright page over: a page it turned and
read poorly is read once more as scanned, and the clearer reading kept; a page read as noise
(handwriting fed upside down, which the detection missed) is read turned every other way. The hOCR output gives
each line's ``textangle``; the page's rotation is their majority, and word boxes are turned
into the upright page's coordinates.

Tesseract reads with one thread (OMP_THREAD_LIMIT=1): pages run in parallel, one engine each,
never threads inside Tesseract, which oversubscribe the cores. By default the engine is
Tesseract's library with its models loaded once (``extractors.tesseract_lib``); the
``tesseract`` command through pytesseract (a process per page) is the fallback and the
``ocr.engine: command`` setting.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image

from extractors import commands, tesseract_lib
from extractors.errors import LanguageMissing, OcrFailed
from extractors.layout import reading_lines
from extractors.lost_lines import crop_box, missed_regions, place_words
from extractors.prepare import rotate_right_angle
from extractors.types import PageText, Word, mean_confidence

log = logging.getLogger("aiguillage.ocr")

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ORIENTATION_CHECK_BELOW = 60.0  # mean word confidence of a page Tesseract turned, under which it is read as scanned too…
ORIENTATION_CHECK_GAIN = 10.0  # …and that reading kept when its confidence is this much higher
ANY_WAY_UP_BELOW = 50.0  # mean word confidence under which a page is read turned every other way too (0.3 % of pages)
# …or under ORIENTATION_CHECK_BELOW when so few of its words are the little words of any French
# or English text: handwriting fed upside down whose mirrored capitals read as words
# (« 3NOHd37931 », « SIVSSS N3 SAON »). Letters and invoices read upright, even poorly, have
# 13 % and more of them; tables of figures read well enough not to be asked.
FUNCTION_WORDS_BELOW = 0.06
_FUNCTION_WORDS = frozenset(
    "de la le les et des du un une à a en pour que qui je vous nous il elle est pas ne ce se au aux par sur dans "
    "avec mon ma mes votre vos notre nos sa son ses the of and to in for is on you your we our this that with".split())

_SPAN = re.compile(r"<span class='(ocr_line|ocr_header|ocr_caption|ocr_textfloat|ocrx_word)'[^>]*?"
                   r"title=[\"']([^\"']*)[\"'][^>]*>(.*?)(?=<span class='oc|</span>\s*</span>|$)", re.S)
_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_WCONF = re.compile(r"x_wconf (\d+)")
_ANGLE = re.compile(r"textangle (\d+)")
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class OcrResult:
    page: PageText
    pdf: bytes  # one-page PDF: the image with an invisible text layer, shown upright


def ocr_page(image: np.ndarray, number: int, dpi: int, languages: str = "fra+eng",
             timeout: float = 120, with_pdf: bool = True, engine: str = "library") -> OcrResult:
    """Read one page; raise OcrFailed on a Tesseract error or timeout. ``engine``: "library"
    (Tesseract's C API, models loaded once: see ``extractors.tesseract_lib``) or "command"
    (one ``tesseract`` run through pytesseract); the library falls back to the command when
    libtesseract cannot be loaded. Both give the same hOCR and PDF."""
    started = time.perf_counter()
    outputs = ("hocr", "pdf") if with_pdf else ("hocr",)
    use_library = tesseract_lib.wanted(engine)
    if not use_library:
        commands.require("tesseract")
    hocr, pdf = _read(image, outputs, number, dpi, languages, timeout, use_library, psm=1)
    h, w = image.shape[:2]
    words, rotation = parse_hocr(hocr)
    tried = {rotation}
    if rotation and words and mean_confidence(words) < ORIENTATION_CHECK_BELOW:
        # Handwriting read poorly whichever way up: Tesseract may turn an upright page over.
        # Read as scanned (no orientation detection); keep what reads clearly better.
        hocr2, pdf2 = _read(image, outputs, number, dpi, languages, timeout, use_library, psm=3)
        words2, _ = parse_hocr(hocr2)
        tried.add(0)
        if words2 and mean_confidence(words2) >= mean_confidence(words) + ORIENTATION_CHECK_GAIN:
            words, rotation, pdf = words2, 0, pdf2
    turned = False
    if words and (mean_confidence(words) < ANY_WAY_UP_BELOW or (mean_confidence(words) < ORIENTATION_CHECK_BELOW
                                                               and function_word_share(words) < FUNCTION_WORDS_BELOW)):
        # Read as noise (a handwritten page fed upside down, which Tesseract's detection missed):
        # read the page turned each other way; keep the clearly better reading, upright already.
        best = (mean_confidence(words) + ORIENTATION_CHECK_GAIN, None)
        for turn in (t for t in (180, 90, 270, 0) if t not in tried):
            hocr3, pdf3 = _read(rotate_right_angle(image, turn), outputs, number, dpi, languages, timeout,
                                use_library, psm=3)
            words3, _ = parse_hocr(hocr3)
            if words3 and mean_confidence(words3) >= best[0]:
                best = (mean_confidence(words3), (turn, words3, pdf3))
        if best[1]:
            (rotation, words, pdf), turned = best[1], True
    if not rotation:  # the boxes are the image's: blocks the layout dropped are read again
        words = _read_lost_lines(image, words, number, dpi, languages, timeout, use_library)
    if rotation and not turned:
        words = [upright_box(wd, rotation, w, h) for wd in words]
        if pdf:
            pdf = rotate_pdf_page(pdf, rotation)
    up_w, up_h = (h, w) if rotation in (90, 270) else (w, h)
    page = PageText(number=number, text=words_to_text(words), words=words, method="ocr",
                    rotation=rotation, width=up_w, height=up_h, seconds=time.perf_counter() - started)
    return OcrResult(page, pdf)


def function_word_share(words: list[Word]) -> float:
    """The share of a page's words that are French or English little words (« de », « vous », « the »)."""
    tokens = [t for t in (w.text.lower().strip(".,;:!?()«»\"'") for w in words) if t]
    return sum(t in _FUNCTION_WORDS for t in tokens) / len(tokens) if tokens else 0.0


def _read_lost_lines(image: np.ndarray, words: list[Word], number: int, dpi: int, languages: str, timeout: float,
                     use_library: bool) -> list[Word]:
    """The page's words, with those of print the page layout left out (``extractors.lost_lines``)
    read again, each region as sparse text. The searchable PDF keeps Tesseract's own layer."""
    for box in missed_regions(image, words):
        left, top, right, bottom = crop_box(box, words, image.shape)
        hocr, _ = _read(np.ascontiguousarray(image[top:bottom, left:right]), ("hocr",), number, dpi, languages,
                        timeout, use_library, psm=11)
        words = place_words(words, parse_hocr(hocr)[0], (left, top))
    return words


def _read(image: np.ndarray, outputs: tuple[str, ...], number: int, dpi: int, languages: str, timeout: float,
          use_library: bool, psm: int) -> tuple[str, bytes]:
    """One Tesseract run on ``image``: its hOCR and, when asked, its one-page PDF."""
    with tempfile.TemporaryDirectory(prefix="aiguillage-ocr-") as tmp:
        base = str(Path(tmp) / "out")
        if use_library:  # the image is handed over in memory
            _read_with_library(image, base, outputs, number, dpi, languages, timeout, psm)
        else:
            # Uncompressed TIFF: written in milliseconds (PNG costs ~0.1 s a page), read fastest
            # by Leptonica, and Tesseract's PDF embeds it as JPEG (a third of a PNG's size).
            src = Path(tmp) / "page.tif"
            Image.fromarray(image).save(src, dpi=(dpi, dpi))
            _read_with_command(src, base, outputs, number, dpi, languages, timeout, psm)
        hocr = Path(base + ".hocr").read_text(encoding="utf-8", errors="replace")
        pdf = Path(base + ".pdf").read_bytes() if "pdf" in outputs else b""
    return hocr, pdf


def check_languages(languages: str, engine: str = "library") -> None:
    """Raise ToolMissing (LanguageMissing) when Tesseract or one of ``languages`` ("fra+eng")
    is not installed: a set-up fault that stops a run before any work, instead of every scan
    failing its OCR. Asks ``tesseract --list-langs`` (the same data folder as the library);
    without the command, the library tries to load them."""
    wanted = [lang for lang in languages.split("+") if lang]
    use_library = tesseract_lib.wanted(engine)
    if not use_library or shutil.which("tesseract"):
        commands.require("tesseract")
        try:
            done = commands.run(["tesseract", "--list-langs"], timeout=60)
            out = done.stdout.decode("utf-8", "replace").splitlines()
            installed = {line.strip() for line in out[1:] if line.strip()}
        except (OSError, subprocess.SubprocessError) as exc:  # cannot tell: the pages will say
            log.warning("liste des langues Tesseract illisible : %s", exc)
            return
        missing = [lang for lang in wanted if lang not in installed]
        if missing:
            raise LanguageMissing(missing, languages)
        return
    try:
        with tesseract_lib.engine(languages):
            pass
    except tesseract_lib.EngineFailed:
        raise LanguageMissing(wanted, languages) from None


def _read_with_library(image: np.ndarray, base: str, outputs: tuple[str, ...], number: int, dpi: int,
                       languages: str, timeout: float, psm: int = 1) -> None:
    try:
        with tesseract_lib.engine(languages) as e:
            e.render(image, Path(base), outputs, psm=psm, dpi=dpi, timeout=timeout)
    except tesseract_lib.EngineFailed as exc:
        log.info("page %d : Tesseract a échoué (%s)", number, exc)
        raise OcrFailed(number, f"lecture OCR impossible : {exc}") from exc  # our own French words


def _read_with_command(src: Path, base: str, outputs: tuple[str, ...], number: int, dpi: int,
                       languages: str, timeout: float, psm: int = 1) -> None:
    try:
        pytesseract.pytesseract.run_tesseract(str(src), base, " ".join(outputs), languages,
                                              config=f"--psm {psm} --dpi {dpi}", timeout=timeout)
    except RuntimeError as exc:  # pytesseract's timeout
        raise OcrFailed(number, f"lecture OCR trop longue (délai de {timeout:.0f} s dépassé)") from exc
    except pytesseract.TesseractError as exc:
        log.info("page %d : Tesseract a échoué (%s)", number, exc.message.strip()[:500])
        raise OcrFailed(number, "lecture OCR impossible (Tesseract a échoué)") from exc


def parse_hocr(hocr: str) -> tuple[list[Word], int]:
    """Words (reading order, line numbers) and the page's rotation (clockwise degrees that
    make it upright: the majority of the lines' textangle, weighted by their words)."""
    words: list[Word] = []
    angles: Counter[int] = Counter()
    line, angle = -1, 0
    for cls, title, body in _SPAN.findall(hocr):
        if cls != "ocrx_word":
            line += 1
            m = _ANGLE.search(title)
            angle = int(m.group(1)) % 360 if m else 0
            continue
        # A box's or a table's vertical rule is read as "|": not text.
        text = unescape(_TAGS.sub("", body)).strip().strip("|").strip()
        box = _BBOX.search(title)
        if not text or not box:
            continue
        x0, y0, x1, y1 = (int(v) for v in box.groups())
        conf = _WCONF.search(title)
        words.append(Word(text, x0, y0, x1 - x0, y1 - y0, float(conf.group(1)) if conf else 0.0, max(line, 0)))
        angles[angle] += 1
    rotation = angles.most_common(1)[0][0] if angles else 0
    return words, rotation if rotation in (90, 180, 270) else 0


def upright_box(w: Word, rotation: int, width: int, height: int) -> Word:
    """The word's box in the page turned ``rotation`` degrees clockwise."""
    if rotation == 90:
        return Word(w.text, height - (w.top + w.height), w.left, w.height, w.width, w.confidence, w.line)
    if rotation == 180:
        return Word(w.text, width - (w.left + w.width), height - (w.top + w.height), w.width, w.height,
                    w.confidence, w.line)
    if rotation == 270:
        return Word(w.text, w.top, width - (w.left + w.width), w.height, w.width, w.confidence, w.line)
    return w


def rotate_pdf_page(pdf: bytes, rotation: int) -> bytes:
    """Mark the page to be shown turned ``rotation`` degrees clockwise (text layer included)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            page.Rotate = (int(page.get("/Rotate", 0)) + rotation) % 360
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def words_to_text(words: list[Word]) -> str:
    """One line of text a line, in reading order (a table read column by column put back row
    by row: see ``extractors.layout.reading_lines``)."""
    lines = reading_lines(words)
    return "\n".join(" ".join(w.text for w in line) for line in lines) + ("\n" if lines else "")
