"""The pages of a PDF: a born-digital page's text and word boxes (pdftotext), a scanned
page's embedded image taken as it is stored, or the page rendered (pdftoppm)."""

from __future__ import annotations

import logging
import re
import subprocess
from html import unescape
from pathlib import Path

import numpy as np
from PIL import Image

from extractors import commands
from extractors.errors import UnreadableInput
from extractors.types import Word

log = logging.getLogger("aiguillage.reading")


def rasterise_pdf_page(path: Path, number: int, dpi: int, timeout: float) -> np.ndarray:
    from pdf2image import convert_from_path
    from pdf2image.exceptions import PDFPageCountError, PDFSyntaxError

    commands.require("pdftoppm")
    try:
        images = convert_from_path(str(path), dpi=dpi, first_page=number, last_page=number,
                                   grayscale=True, timeout=int(timeout))
    except subprocess.TimeoutExpired:
        raise UnreadableInput(f"rendu de la page trop long (plus de {timeout:.0f} s)", "too_slow") from None
    except (PDFPageCountError, PDFSyntaxError, OSError, ValueError) as exc:
        log.info("%s p.%d : rendu impossible (%s)", path.name, number, exc)
        raise UnreadableInput("impossible de dessiner la page (contenu PDF endommagé)", "corrupt") from None
    if not images:
        raise UnreadableInput("impossible de dessiner la page (contenu PDF endommagé)", "corrupt")
    return np.asarray(images[0].convert("L"))


# Content-stream operators a plain scanned page may use around its one image.
_SCAN_PAGE_OPS = {"q", "Q", "cm", "Do", "gs", "BT", "ET", "Tf", "TL", "Td", "TD", "Tm", "Tc", "Tw", "Tz", "Tr"}


def embedded_page_image(path: Path, number: int) -> tuple[Image.Image, int] | None:
    """The scanned image of a page made of one full-page picture, decoded as it is stored
    (no re-rendering, so faster and lossless), with its resolution; None for any other page."""
    import pikepdf

    try:
        with open(path, "rb") as fh, pikepdf.open(fh) as pdf:
            page = pdf.pages[number - 1]
            if int(page.get("/Rotate", 0)) % 360:
                return None
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            xobjects = page.get("/Resources", {}).get("/XObject", {})
            contents = page.obj.get("/Contents")
            streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
            if sum(len(s.read_raw_bytes()) for s in streams if isinstance(s, pikepdf.Stream)) > 4096:
                return None  # a scanner's page draws its image in a few operators
            drawn, matrix = [], None
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                if name not in _SCAN_PAGE_OPS:
                    return None
                if name == "cm":
                    matrix = [float(v) for v in operands]
                elif name == "Do":
                    drawn.append((str(operands[0]), matrix))
            if len(drawn) != 1:
                return None
            xname, m = drawn[0]
            xobj = xobjects.get(xname)
            if xobj is None or xobj.get("/Subtype") != "/Image" or m is None:
                return None
            a, b, c, d = m[:4]
            if b or c or abs(a - (x1 - x0)) > 2 or abs(d - (y1 - y0)) > 2:
                return None
            image = pikepdf.PdfImage(xobj).as_pil_image()
    except Exception:  # noqa: BLE001 - any oddity: fall back to rendering the page
        return None
    dpi = int(round(image.width / ((x1 - x0) / 72)))
    return image, max(72, min(1200, dpi))


_PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)"')
_WORD_RE = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def pdf_page_text(path: Path, number: int, timeout: float = 60) -> tuple[str, list[Word], tuple[int, int]]:
    """Text (in reading layout), word boxes and page size (in points) of a born-digital page."""
    page = ["-f", str(number), "-l", str(number), str(path), "-"]
    try:
        text = commands.run(["pdftotext", "-q", "-layout", *page], timeout).stdout.decode("utf-8", "replace")
        html = commands.run(["pdftotext", "-q", "-bbox", *page], timeout).stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        raise UnreadableInput(f"lecture du texte trop longue (plus de {timeout:.0f} s)", "too_slow") from None
    except subprocess.CalledProcessError as exc:
        log.info("%s p.%d : pdftotext a échoué (%s)", path.name, number, exc)
        raise UnreadableInput("texte de la page illisible (contenu PDF endommagé)", "corrupt") from None
    words, line, last_y = [], 0, None
    for x0, y0, x1, y1, w in _WORD_RE.findall(html):
        x0, y0, x1, y1 = float(x0), float(y0), float(x1), float(y1)
        if last_y is not None and abs(y0 - last_y) > (y1 - y0) * 0.5:
            line += 1
        last_y = y0
        words.append(Word(unescape(w), int(x0), int(y0), int(x1 - x0), int(y1 - y0), 100.0, line))
    page = _PAGE_RE.search(html)
    size = (round(float(page.group(1))), round(float(page.group(2)))) if page else (0, 0)
    return text.replace("\f", "").rstrip() + "\n", words, size
