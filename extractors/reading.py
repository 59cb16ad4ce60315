"""Opening an input file: what it is, how many pages, and each page as an image or text.

``inspect`` checks the whole file up front (format, encryption, page count, page sizes), so
that a bad file is refused before any work; ``read_page`` then reads one page on its own, so
pages can be read in any order by any worker process.
"""

from __future__ import annotations

import logging
import stat
import struct
import subprocess
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from extractors import commands
from extractors.einvoice import read_einvoice_file
from extractors.einvoice_xml import EInvoiceError, looks_like_xml
from extractors.errors import UnreadableInput
from extractors.files import LINK_REASON, NOT_REGULAR_REASON, local_path, os_reason, shown_path
from extractors.pdf_limits import check_pages
from extractors.pdf_pages import embedded_page_image, pdf_page_text, rasterise_pdf_page
from extractors.types import Word

log = logging.getLogger("aiguillage.reading")

SUPPORTED = ("pdf", "tiff", "png", "jpeg", "xml")  # xml: an e-invoice (UBL, CII), read by extractors/einvoice.py
_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
# A page with at least this many letters or digits in its text layer is born-digital.
MIN_TEXT_LAYER_CHARS = 25
# Archives and compressed files: what they hold must be taken out first (a PDF stored inside
# a ZIP shows its own header a few bytes in, and must not be read as that PDF).
_ARCHIVES = (
    (b"PK\x03\x04", "archive ZIP"), (b"PK\x05\x06", "archive ZIP"), (b"\x1f\x8b", "fichier compressé gzip"),
    (b"7z\xbc\xaf\x27\x1c", "archive 7-Zip"), (b"Rar!", "archive RAR"), (b"BZh", "fichier compressé bzip2"),
    (b"\xfd7zXZ\x00", "fichier compressé xz"), (b"\x28\xb5\x2f\xfd", "fichier compressé zstd"),
)
# Smallest side of a page that can hold mail: 2 cm (a till receipt is 5.8 cm wide).
MIN_PAGE_MM = 20
# Inflated content of one PDF page beyond which it is taken for a decompression bomb, and the
# time the whole check may take.
MAX_PAGE_CONTENT_BYTES = 128 << 20
INSPECT_SECONDS = 30.0


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
    if archive(head):
        return None
    if looks_like_xml(head):
        return "xml"
    # Some PDFs carry a little garbage before the header; the format allows 1024 bytes.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


def archive(head: bytes) -> str | None:
    """The kind of archive or compressed file ``head`` starts, or None."""
    for magic, name in _ARCHIVES:
        if head.startswith(magic):
            return name
    return None


def inspect(path: Path, max_pages: int, max_page_pixels: int, dpi: int,
            max_page_content: int = MAX_PAGE_CONTENT_BYTES, seconds: float = INSPECT_SECONDS) -> SourceInfo:
    """Check that ``path`` is a readable document; raise UnreadableInput saying why not.

    ``max_page_content`` bounds what one PDF page may inflate to, ``seconds`` the check's time."""
    path = Path(path)
    try:
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode):
            raise UnreadableInput(LINK_REASON, "link")
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableInput(NOT_REGULAR_REASON, "not_regular")
        size = st.st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise UnreadableInput(os_reason(exc), "unreadable") from None
    if size == 0:
        raise UnreadableInput("fichier vide (0 octet)", "empty")
    kind = sniff(head)
    if kind is None:
        packed = archive(head)
        if packed:
            raise UnreadableInput(f"{packed} : extrayez-en les documents et déposez-les un par un", "archive")
        raise UnreadableInput("format non pris en charge : ni PDF, ni TIFF, ni PNG, ni JPEG, ni facture "
                              "électronique XML (UBL, CII)", "unsupported")
    if kind == "xml":
        return _inspect_xml(path, size)
    if kind == "pdf":
        return _inspect_pdf(path, size, max_pages, max_page_pixels, dpi, max_page_content, seconds)
    return _inspect_image(path, kind, size, max_pages, max_page_pixels)


def _inspect_xml(path: Path, size: int) -> SourceInfo:
    """An XML file: an e-invoice (UBL 2.1 or CII, parsed safely) is one document of one page;
    anything else is refused with a reason naming the file."""
    try:
        read_einvoice_file(path, shown_path(path.name))
    except EInvoiceError as exc:
        raise UnreadableInput(str(exc), exc.kind) from None
    except OSError as exc:
        raise UnreadableInput(os_reason(exc), "unreadable") from None
    return SourceInfo(str(path), "xml", 1, size)


def _inspect_pdf(path: Path, size: int, max_pages: int, max_pixels: int, dpi: int,
                 max_content: int, seconds: float) -> SourceInfo:
    import pikepdf

    try:
        with open(path, "rb") as fh, pikepdf.open(fh) as pdf:  # a handle: any bytes in the name
            count = len(pdf.pages)
            if count == 0:
                raise UnreadableInput("PDF sans aucune page", "no_pages")
            if count > max_pages:
                raise UnreadableInput(f"trop de pages ({count}, maximum {max_pages})", "too_large")
            boxes = [tuple(float(v) for v in page.mediabox) for page in pdf.pages]
            _check_pdf_boxes(boxes, dpi, max_pixels)
            content = check_pages(pdf, count, max_content, max_pixels, seconds)
    except pikepdf.PasswordError:
        raise UnreadableInput("PDF chiffré, protégé par un mot de passe", "encrypted") from None
    except UnreadableInput:
        raise
    except (pikepdf.PdfError, ValueError, TypeError, KeyError, IndexError, RecursionError, OverflowError) as exc:
        log.info("%s : PDF refusé (%s: %s)", path.name, type(exc).__name__, exc)
        raise UnreadableInput("PDF endommagé ou tronqué : sa structure ne peut pas être lue", "corrupt") from None
    texts = bool(content.text_pages)
    return SourceInfo(str(path), "pdf", count, size, _text_layer_pages(path, count) if texts else frozenset())


def _check_pdf_boxes(boxes: list[tuple[float, ...]], dpi: int, max_pixels: int) -> None:
    least = MIN_PAGE_MM / 25.4 * 72
    for number, box in enumerate(boxes, start=1):
        if len(box) != 4:
            raise UnreadableInput(f"page {number} sans dimensions lisibles", "corrupt")
        x0, y0, x1, y1 = box
        width, height = abs(x1 - x0), abs(y1 - y0)
        if min(width, height) < least:
            raise UnreadableInput(f"page {number} trop petite pour être un courrier "
                                  f"({width * 25.4 / 72:.0f} × {height * 25.4 / 72:.0f} mm)", "too_small")
        pixels = width / 72 * dpi * height / 72 * dpi
        if pixels > max_pixels:
            raise UnreadableInput(f"page {number} démesurée ({pixels / 1e6:.0f} mégapixels à {dpi} DPI, "
                                  f"maximum {max_pixels / 1e6:.0f})", "too_large")


def _inspect_image(path: Path, kind: str, size: int, max_pages: int, max_pixels: int) -> SourceInfo:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            warnings.simplefilter("ignore", UserWarning)  # "Corrupt EXIF data": our own error says it
            with Image.open(path) as im:
                w, h = im.size
                _check_small(w, h)
                if w * h > max_pixels:
                    raise UnreadableInput(f"image démesurée ({w}×{h} pixels, maximum "
                                          f"{max_pixels / 1e6:.0f} mégapixels)", "too_large")
                count = getattr(im, "n_frames", 1)
                if count > max_pages:
                    raise UnreadableInput(f"trop de pages ({count}, maximum {max_pages})", "too_large")
                for frame in ImageSequence.Iterator(im):
                    fw, fh = frame.size
                    _check_small(fw, fh)
                    if fw * fh > max_pixels:
                        raise UnreadableInput(f"page démesurée ({fw}×{fh} pixels)", "too_large")
                _check_complete(im, kind, path, size)
    except UnreadableInput:
        raise
    except Image.DecompressionBombError:
        raise UnreadableInput("image démesurée (bombe de décompression)", "too_large") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error,
            IndexError, KeyError, TypeError, ZeroDivisionError) as exc:
        log.info("%s : image refusée (%s: %s)", path.name, type(exc).__name__, exc)
        raise UnreadableInput(f"image endommagée ou tronquée : {image_reason(exc)}", "corrupt") from None
    return SourceInfo(str(path), kind, count, size)


MIN_IMAGE_SIDE = 100  # pixels: 8 mm at 300 DPI; smaller is a thumbnail or a strip, not a page


def _check_small(width: int, height: int) -> None:
    if min(width, height) < MIN_IMAGE_SIDE:
        raise UnreadableInput(f"image trop petite pour être un courrier ({width}×{height} pixels)", "too_small")


def image_reason(exc: BaseException) -> str:
    """What went wrong in decoding an image, in French (the library's own words go to the log)."""
    text = str(exc).lower()
    if isinstance(exc, UnreadableInput):
        return exc.reason
    if "truncat" in text or "tronqu" in text or isinstance(exc, EOFError):
        return "données incomplètes (fichier tronqué)"
    if "crc" in text or "checksum" in text:
        return "somme de contrôle fausse (données altérées)"
    if isinstance(exc, UnidentifiedImageError) or "cannot identify" in text:
        return "format d'image non reconnu"
    return "données d'image incohérentes"


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
    path = local_path(info.path)
    if info.kind == "xml":  # no page to read: stages/einvoice.py draws the e-invoice's own
        raise ValueError("une facture électronique XML n'a pas de page à lire")
    if info.kind == "pdf":
        if number in info.text_pages:
            text, words, size = pdf_page_text(path, number, timeout)
            return SourcePage(number, None, text, words, dpi, size)
        embedded = embedded_page_image(path, number)
        if embedded is not None:
            try:
                grey, colour = grey_and_colour(embedded[0])
            except (OSError, ValueError, EOFError) as exc:
                log.info("%s p.%d : image illisible (%s)", path.name, number, exc)
                raise UnreadableInput(f"image de la page illisible : {image_reason(exc)}", "corrupt") from None
            return SourcePage(number, grey, dpi=embedded[1], colour=colour)
        return SourcePage(number, rasterise_pdf_page(path, number, dpi, timeout), dpi=dpi)
    try:
        with Image.open(path) as im:
            im.seek(number - 1)
            page_dpi = _image_dpi(im)
            grey, colour = grey_and_colour(im)
    except (OSError, ValueError, EOFError, struct.error, IndexError, KeyError, TypeError) as exc:
        log.info("%s p.%d : image illisible (%s)", path.name, number, exc)
        raise UnreadableInput(f"image illisible : {image_reason(exc)}", "corrupt") from None
    return SourcePage(number, grey, dpi=page_dpi, colour=colour)


def grey_and_colour(im: Image.Image) -> tuple[np.ndarray, np.ndarray | None]:
    """The page in 8-bit grey, and in RGB when it was scanned in colour (else None)."""
    if im.mode == "L":
        return np.asarray(im), None
    if im.mode == "1":
        return np.asarray(im.convert("L")), None
    if im.mode in ("I", "F") or im.mode.startswith("I;16"):
        # 16- or 32-bit grey: scaled down to 8 bits (a plain conversion would clip it to white)
        deep = np.asarray(im).astype(np.float32)
        top = 65535.0 if im.mode.startswith("I;16") else max(float(deep.max()), 1.0)
        return np.clip(deep * (255.0 / top), 0, 255).astype(np.uint8), None
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


def _text_layer_pages(path: Path, count: int) -> frozenset[int]:
    """Pages with a usable text layer, from one pdftotext run (pages end with a form feed)."""
    try:
        out = commands.run(["pdftotext", "-q", str(path), "-"], timeout=60 + count).stdout
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return frozenset()
    pages = out.decode("utf-8", "replace").split("\f")
    return frozenset(n for n, text in enumerate(pages[:count], start=1)
                     if sum(ch.isalnum() for ch in text) >= MIN_TEXT_LAYER_CHARS)
