"""Opening an input file: what it is, how many pages, and each page as an image or text.

``inspect`` checks the whole file up front (format, encryption, page count, page sizes), so
that a bad file is refused before any work; ``read_page`` then reads one page on its own, so
pages can be read in any order by any worker process.
"""

from __future__ import annotations

import re
import subprocess
import warnings
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from extractors import commands
from extractors.errors import UnreadableInput
from extractors.types import Word

SUPPORTED = ("pdf", "tiff", "png", "jpeg")
_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
# A page with at least this many letters or digits in its text layer is born-digital.
MIN_TEXT_LAYER_CHARS = 25


@dataclass(frozen=True)
class SourceInfo:
    path: str
    kind: str  # one of SUPPORTED
    page_count: int
    size_bytes: int
    text_pages: frozenset[int] = frozenset()  # 1-based pages with a usable text layer


@dataclass
class SourcePage:
    number: int  # 1-based
    image: np.ndarray | None  # 8-bit greyscale, None for a text-layer page
    text: str | None = None
    words: list[Word] = field(default_factory=list)
    dpi: int = 300
    size: tuple[int, int] = (0, 0)  # a text-layer page's width and height in points (word boxes' unit)
    colour: np.ndarray | None = None  # H x W x 3 RGB when the page was scanned in colour (stamps)


def sniff(head: bytes) -> str | None:
    """The format from the first bytes, whatever the file's name says."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    # Some PDFs carry a little garbage before the header; the format allows 1024 bytes.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


def inspect(path: Path, max_pages: int, max_page_pixels: int, dpi: int) -> SourceInfo:
    """Check that ``path`` is a readable document; raise UnreadableInput saying why not."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise UnreadableInput(f"fichier illisible ({exc.strerror})", "unreadable") from exc
    if size == 0:
        raise UnreadableInput("fichier vide (0 octet)", "empty")
    kind = sniff(head)
    if kind is None:
        raise UnreadableInput("format non pris en charge : ni PDF, ni TIFF, ni PNG, ni JPEG", "unsupported")
    if kind == "pdf":
        return _inspect_pdf(path, size, max_pages, max_page_pixels, dpi)
    return _inspect_image(path, kind, size, max_pages, max_page_pixels)


def _inspect_pdf(path: Path, size: int, max_pages: int, max_pixels: int, dpi: int) -> SourceInfo:
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            count = len(pdf.pages)
            boxes = [tuple(float(v) for v in page.mediabox) for page in pdf.pages[:max_pages]]
            texts = any(_shows_text(page) for page in pdf.pages[:max_pages])
    except pikepdf.PasswordError:
        raise UnreadableInput("PDF chiffré, protégé par un mot de passe", "encrypted") from None
    except (pikepdf.PdfError, ValueError, RecursionError) as exc:
        raise UnreadableInput(f"PDF endommagé ou tronqué ({_short(exc)})", "corrupt") from None
    if count == 0:
        raise UnreadableInput("PDF sans aucune page", "no_pages")
    if count > max_pages:
        raise UnreadableInput(f"trop de pages ({count}, maximum {max_pages})", "too_large")
    for number, (x0, y0, x1, y1) in enumerate(boxes, start=1):
        pixels = abs(x1 - x0) / 72 * dpi * abs(y1 - y0) / 72 * dpi
        if pixels > max_pixels:
            raise UnreadableInput(f"page {number} démesurée ({pixels / 1e6:.0f} mégapixels à {dpi} DPI, "
                                  f"maximum {max_pixels / 1e6:.0f})", "too_large")
    return SourceInfo(str(path), "pdf", count, size, _text_layer_pages(path, count) if texts else frozenset())


def _shows_text(page) -> bool:
    """True when the page may carry a text layer: it shows text, or draws a form that might
    (a scanner's page only draws its image, and needs no pdftotext run)."""
    import pikepdf

    try:
        for operands, op in pikepdf.parse_content_stream(page, "Tj TJ ' \" Do"):
            if str(op) != "Do":
                return True
            xobject = page.get("/Resources", {}).get("/XObject", {}).get(str(operands[0]))
            if xobject is None or xobject.get("/Subtype") != "/Image":
                return True
        return False
    except Exception:  # noqa: BLE001 - odd structure: let pdftotext decide
        return True


def _inspect_image(path: Path, kind: str, size: int, max_pages: int, max_pixels: int) -> SourceInfo:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            warnings.simplefilter("ignore", UserWarning)  # "Corrupt EXIF data": our own error says it
            with Image.open(path) as im:
                w, h = im.size
                if w * h > max_pixels:
                    raise UnreadableInput(f"image démesurée ({w}×{h} pixels, maximum "
                                          f"{max_pixels / 1e6:.0f} mégapixels)", "too_large")
                count = getattr(im, "n_frames", 1)
                if count > max_pages:
                    raise UnreadableInput(f"trop de pages ({count}, maximum {max_pages})", "too_large")
                for frame in ImageSequence.Iterator(im):
                    fw, fh = frame.size
                    if fw * fh > max_pixels:
                        raise UnreadableInput(f"page démesurée ({fw}×{fh} pixels)", "too_large")
                _check_complete(im, kind, path, size)
    except UnreadableInput:
        raise
    except Image.DecompressionBombError:
        raise UnreadableInput("image démesurée (bombe de décompression)", "too_large") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise UnreadableInput(f"image endommagée ou tronquée ({_short(exc)})", "corrupt") from None
    return SourceInfo(str(path), kind, count, size)


def _check_complete(im: Image.Image, kind: str, path: Path, size: int) -> None:
    """Catch a truncated image without decoding it (decoding is the page worker's job, and
    doing it twice costs as much as preparing the page): the data must reach its end marker."""
    if kind == "png":
        im.verify()  # walks the chunks and their checksums up to IEND, without inflating pixels
    elif kind == "jpeg":
        with path.open("rb") as fh:
            fh.seek(max(0, size - 4096))
            if b"\xff\xd9" not in fh.read():
                raise OSError("image tronquée : fin des données JPEG absente")
    elif kind == "tiff":
        for frame in ImageSequence.Iterator(im):
            offsets = frame.tag_v2.get(273) or frame.tag_v2.get(324) or ()
            counts = frame.tag_v2.get(279) or frame.tag_v2.get(325) or ()
            if any(o + c > size for o, c in zip(offsets, counts)):
                raise OSError("image tronquée : données TIFF au-delà de la fin du fichier")


def read_page(info: SourceInfo, number: int, dpi: int, timeout: float = 120) -> SourcePage:
    """Page ``number`` (1-based): its text layer if born-digital, else its image in grey."""
    if not 1 <= number <= info.page_count:
        raise ValueError(f"page {number} hors du document ({info.page_count} pages)")
    if info.kind == "pdf":
        if number in info.text_pages:
            text, words, size = pdf_page_text(Path(info.path), number, timeout)
            return SourcePage(number, None, text, words, dpi, size)
        embedded = embedded_page_image(Path(info.path), number)
        if embedded is not None:
            try:
                grey, colour = grey_and_colour(embedded[0])
            except (OSError, ValueError, EOFError) as exc:
                raise UnreadableInput(f"page {number} illisible ({_short(exc)})", "corrupt") from None
            return SourcePage(number, grey, dpi=embedded[1], colour=colour)
        return SourcePage(number, _rasterise_pdf_page(Path(info.path), number, dpi, timeout), dpi=dpi)
    try:
        with Image.open(info.path) as im:
            im.seek(number - 1)
            page_dpi = _image_dpi(im)
            grey, colour = grey_and_colour(im)
    except (OSError, ValueError, EOFError) as exc:
        raise UnreadableInput(f"page {number} illisible ({_short(exc)})", "corrupt") from None
    return SourcePage(number, grey, dpi=page_dpi, colour=colour)


def grey_and_colour(im: Image.Image) -> tuple[np.ndarray, np.ndarray | None]:
    """The page in 8-bit grey, and in RGB when it was scanned in colour (else None)."""
    if im.mode == "L":
        return np.asarray(im), None
    if im.mode in ("1", "I", "I;16", "F"):
        return np.asarray(im.convert("L")), None
    if im.mode in ("RGBA", "LA", "P", "PA"):
        im = im.convert("RGBA")
        background = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(background, im)
    rgb = np.asarray(im if im.mode == "RGB" else im.convert("RGB"))
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), rgb


def _image_dpi(im: Image.Image) -> int:
    dpi = im.info.get("dpi")
    if dpi and dpi[0] and 72 <= float(dpi[0]) <= 1200:
        return int(round(float(dpi[0])))
    # No resolution recorded: assume the page is A4 (8.27 inches wide).
    return max(72, min(600, int(round(min(im.size) / 8.27))))


def _rasterise_pdf_page(path: Path, number: int, dpi: int, timeout: float) -> np.ndarray:
    from pdf2image import convert_from_path
    from pdf2image.exceptions import PDFPageCountError, PDFSyntaxError

    commands.require("pdftoppm")
    try:
        images = convert_from_path(str(path), dpi=dpi, first_page=number, last_page=number,
                                   grayscale=True, timeout=int(timeout))
    except (PDFPageCountError, PDFSyntaxError, subprocess.TimeoutExpired) as exc:
        raise UnreadableInput(f"page {number} impossible à lire ({_short(exc)})", "corrupt") from None
    if not images:
        raise UnreadableInput(f"page {number} impossible à lire", "corrupt")
    return np.asarray(images[0].convert("L"))


# Content-stream operators a plain scanned page may use around its one image.
_SCAN_PAGE_OPS = {"q", "Q", "cm", "Do", "gs", "BT", "ET", "Tf", "TL", "Td", "TD", "Tm", "Tc", "Tw", "Tz", "Tr"}


def embedded_page_image(path: Path, number: int) -> tuple[Image.Image, int] | None:
    """The scanned image of a page made of one full-page picture, decoded as it is stored
    (no re-rendering, so faster and lossless), with its resolution; None for any other page."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            page = pdf.pages[number - 1]
            if int(page.get("/Rotate", 0)) % 360:
                return None
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            xobjects = page.get("/Resources", {}).get("/XObject", {})
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


def _text_layer_pages(path: Path, count: int) -> frozenset[int]:
    """Pages with a usable text layer, from one pdftotext run (pages end with a form feed)."""
    try:
        out = commands.run(["pdftotext", "-q", str(path), "-"], timeout=60 + count).stdout
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return frozenset()
    pages = out.decode("utf-8", "replace").split("\f")
    return frozenset(n for n, text in enumerate(pages[:count], start=1)
                     if sum(ch.isalnum() for ch in text) >= MIN_TEXT_LAYER_CHARS)


_PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)"')
_WORD_RE = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def pdf_page_text(path: Path, number: int, timeout: float = 60) -> tuple[str, list[Word], tuple[int, int]]:
    """Text (in reading layout), word boxes and page size (in points) of a born-digital page."""
    page = ["-f", str(number), "-l", str(number), str(path), "-"]
    try:
        text = commands.run(["pdftotext", "-q", "-layout", *page], timeout).stdout.decode("utf-8", "replace")
        html = commands.run(["pdftotext", "-q", "-bbox", *page], timeout).stdout.decode("utf-8", "replace")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise UnreadableInput(f"texte de la page {number} illisible ({_short(exc)})", "corrupt") from None
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


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
