"""Page images for the browser, rendered once with pdftoppm and cached on disk.

A scanned page is drawn from ``documents/<id>/searchable.pdf`` (the upright page the OCR
read); a born-digital page from the original PDF. The word boxes of text.json are in the
upright page's pixels (OCR) or in PDF points (text layer); ``frame`` gives the size of that
coordinate space so the browser can lay the boxes over the image at any scale.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from storage import layout
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore

RENDER_DPI = 110


class NoImage(Exception):
    """The page cannot be drawn (no stored PDF, unreadable original)."""


@dataclass(frozen=True)
class PageImage:
    path: Path
    width: int  # rendered pixels
    height: int
    frame: tuple[float, float]  # size of the word boxes' coordinate space


def page_count(text: dict) -> int:
    return len(text.get("pages") or [])


def render(store: ObjectStore, cache: Path, document_id: str, index: int, text: dict, record: dict,
           ocr_dpi: int) -> PageImage:
    """Page ``index`` (1-based, in the document) of ``document_id`` as a PNG in ``cache``."""
    layout.check_id(document_id)
    pages = text.get("pages") or []
    if not 1 <= index <= len(pages):
        raise NoImage(f"page {index} absente")
    page = pages[index - 1]
    folder = Path(cache) / document_id
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{index}-{RENDER_DPI}.png"
    if not out.exists():
        src, number = _source(store, folder, document_id, pages, index, record)
        _pdftoppm(src, number, out)
    with Image.open(out) as im:
        w, h = im.size
    if page.get("method") != "pdf-text" and not page.get("width"):
        ocr_dpi = _scan_dpi(store, folder, record, page, ocr_dpi)
    return PageImage(out, w, h, _frame(page, w, h, ocr_dpi))


def _source(store, folder: Path, document_id: str, pages: list[dict], index: int, record: dict) -> tuple[Path, int]:
    page = pages[index - 1]
    if page.get("method") != "pdf-text":
        n = sum(1 for p in pages[:index] if p.get("method") != "pdf-text")
        try:
            return _fetch(store, folder / "searchable.pdf", layout.document(document_id, "searchable.pdf")), n
        except ObjectNotFound:
            pass
    sha = record.get("sha256") or ""
    try:
        src = _fetch(store, folder / "original", layout.original(sha))
    except (ObjectNotFound, ValueError):
        raise NoImage("ni PDF consultable ni original") from None
    number = int(page.get("number") or index)
    with open(src, "rb") as f:
        is_pdf = f.read(5) == b"%PDF-"
    if is_pdf:
        return src, number
    return _image_as_pdf(src, folder, number), 1


def _scan_dpi(store, folder: Path, record: dict, page: dict, default: int) -> int:
    """The resolution the OCR read a scanned page at: an image file's own (as
    extractors/reading.py takes it), else the pipeline's rasterisation resolution."""
    try:
        src = _fetch(store, folder / "original", layout.original(record.get("sha256") or ""))
        with open(src, "rb") as f:
            if f.read(5) == b"%PDF-":
                return default
        with Image.open(src) as im:
            im.seek(int(page.get("number") or 1) - 1)
            dpi = im.info.get("dpi")
            if dpi and dpi[0] and 72 <= float(dpi[0]) <= 1200:
                return int(round(float(dpi[0])))
            return max(72, min(600, int(round(min(im.size) / 8.27))))  # A4 assumed, as reading.py does
    except (ObjectNotFound, ValueError, OSError, EOFError):
        return default


def _fetch(store: ObjectStore, path: Path, key: str) -> Path:
    if not path.exists():
        _atomic_write(path, store.get(key))
    return path


def _image_as_pdf(src: Path, folder: Path, number: int) -> Path:
    out = folder / f"original-{number}.pdf"
    if not out.exists():
        try:
            with Image.open(src) as im:
                im.seek(number - 1)
                frame = im.convert("RGB")
        except (OSError, EOFError, ValueError):
            raise NoImage("original illisible") from None
        tmp = out.with_name(f".{out.name}.{threading.get_ident()}.tmp")
        frame.save(tmp, "PDF", resolution=RENDER_DPI)
        os.replace(tmp, out)
    return out


def _pdftoppm(src: Path, number: int, out: Path) -> None:
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        base = Path(tmp) / "page"
        try:
            subprocess.run(["pdftoppm", "-q", "-r", str(RENDER_DPI), "-f", str(number), "-l", str(number),
                            "-png", "-singlefile", str(src), str(base)],
                           check=True, timeout=60, capture_output=True)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
            raise NoImage("rendu de la page impossible") from None
        os.replace(base.with_suffix(".png"), out)


def _frame(page: dict, w: int, h: int, ocr_dpi: int) -> tuple[float, float]:
    if page.get("width") and page.get("height"):
        return float(page["width"]), float(page["height"])
    if page.get("method") == "pdf-text":  # points
        return w * 72 / RENDER_DPI, h * 72 / RENDER_DPI
    return w * ocr_dpi / RENDER_DPI, h * ocr_dpi / RENDER_DPI  # pixels at the OCR resolution


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
