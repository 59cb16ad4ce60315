"""Good pages and small builders shared by the kinds."""

from __future__ import annotations

import functools
import io
import struct
import sys
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from corpus.bad_inputs.registry import A4, GIB  # noqa: F401

# ---------------------------------------------------------------------------------------------
# Good pages and small builders


def pages_fixtures():
    try:
        from tests import pages
    except ImportError:  # run from elsewhere than the repository's root
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from tests import pages
    return pages


def letter_lines(tag: str) -> list[str]:
    """The test letter with one more line naming ``tag``, so that no two files are the same."""
    lines = list(pages_fixtures().LETTER)
    return lines[:-1] + [f"Dossier suivi sous le repère {tag}.", lines[-1]]


def good_pdf(tag: str) -> bytes:
    """A one-page born-digital letter, unique to ``tag``."""
    return pages_fixtures().letter_pdf(letter_lines(tag))


@functools.lru_cache(maxsize=8)
def letter_grey_cached(dpi: int = 200, tag: str = "scan") -> np.ndarray:
    return pages_fixtures().letter_image(dpi=dpi, lines=letter_lines(tag))


def letter_grey(dpi: int = 200, tag: str = "scan") -> np.ndarray:
    """A scanned letter in 8-bit grey (a copy: callers may change it)."""
    return letter_grey_cached(dpi, tag).copy()


def good_scan_png(path: Path, tag: str) -> Path:
    """A scanned letter saved as a PNG at 200 DPI, unique to ``tag``."""
    Image.fromarray(letter_grey_cached(200, tag)).save(path, dpi=(200, 200))
    return path


def png_bytes(im: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG", **kw)
    return buf.getvalue()


def deflate_repeated(chunk: bytes, times: int) -> bytes:
    """A zlib stream inflating to ``chunk * times``, built without compressing it all: the
    chunk is deflated once, ending on a full flush (no back-reference crosses it), and that
    block is repeated; the Adler-32 trailer is the real one, so the stream checks out."""
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(times):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + block * times + b"\x03\x00" + struct.pack(">I", adler & 0xFFFFFFFF)


@functools.lru_cache(maxsize=1)
def content_bomb_bytes() -> bytes:
    """About 1 MB of Flate data inflating to 1 GiB of ``0 0 m`` path operators."""
    line = b"0 0 m\n"
    chunk = line * ((1 << 20) // len(line) + 1)
    return deflate_repeated(chunk, GIB // len(chunk) + 1)


def pdf_bytes(pdf, **kw) -> bytes:
    buf = io.BytesIO()
    pdf.save(buf, **kw)
    return buf.getvalue()


def page_pdf(content: bytes, *, size=A4, resources=None, **page_keys):
    """A new one-page PDF (pikepdf) drawing ``content``."""
    import pikepdf

    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=A4)
    page.MediaBox = pikepdf.Array([0, 0, *size])  # pikepdf's own check refuses odd sizes
    page.Contents = pdf.make_stream(content)
    if resources is not None:
        page.Resources = resources
    for key, value in page_keys.items():
        page.obj[f"/{key}"] = value
    return pdf, page


def pdf_text(s: str) -> bytes:
    """A PDF literal string in WinAnsi (Latin-1 for the letters used here)."""
    raw = s.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_ops(lines: list[str], font: str = "/F1", x: int = 72, y: int = 780) -> bytes:
    ops = [b"BT", f"{font} 12 Tf 14 TL {x} {y} Td".encode()]
    for line in lines:
        ops.append(pdf_text(line) + b" Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def helvetica(pdf):
    import pikepdf

    return pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                              BaseFont=pikepdf.Name.Helvetica, Encoding=pikepdf.Name.WinAnsiEncoding)


def image_pdf(arr: np.ndarray, dpi: int = 200) -> bytes:
    """A scanned page as a PDF (one full-page greyscale image), as a scanner makes it."""
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "PDF", resolution=dpi)
    return buf.getvalue()


def tiff_g4(arr: np.ndarray, dpi: int = 200) -> bytes:
    buf = io.BytesIO()
    im = Image.fromarray(arr).point(lambda v: 255 if v > 128 else 0).convert("1")
    im.save(buf, "TIFF", compression="group4", dpi=(dpi, dpi))
    return buf.getvalue()


def image_page(pdf, data: bytes, filter_name: str, width: int, height: int, bits: int):
    """A new A4 page of ``pdf`` drawing one full-page grey image XObject whose stream is
    ``data``, already encoded with ``filter_name`` (declared as is: the size may lie)."""
    import pikepdf

    page = pdf.add_blank_page(page_size=A4)
    img = pikepdf.Stream(pdf, b"")
    img.write(data, filter=pikepdf.Name("/" + filter_name))
    for key, value in dict(Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=width, Height=height,
                           BitsPerComponent=bits, ColorSpace=pikepdf.Name.DeviceGray).items():
        img[f"/{key}"] = value
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=img))
    page.Contents = pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    return page


def jbig2_generic_mmr(bilevel: Image.Image) -> bytes:
    """A JBIG2 embedded stream (PDF flavour: no file header) of ``bilevel``: a page information
    segment and one immediate lossless generic region coded with MMR, whose data is the image's
    CCITT Group 4 coding (taken from a TIFF written by libtiff)."""
    w, h = bilevel.size
    inverted = ImageOps.invert(bilevel.convert("L")).convert("1")  # G4's "white" runs are JBIG2's 0 bits
    buf = io.BytesIO()
    inverted.save(buf, "TIFF", compression="group4", tiffinfo={278: h})
    tif = Image.open(io.BytesIO(buf.getvalue()))
    (offset,), (count,) = tif.tag_v2[273], tif.tag_v2[279]
    g4 = buf.getvalue()[offset:offset + count]

    def segment(number: int, kind_: int, data: bytes) -> bytes:
        return struct.pack(">IBBBI", number, kind_, 0, 1, len(data)) + data

    page_info = struct.pack(">IIIIBH", w, h, 7874, 7874, 0, 0)  # 200 DPI in pixels per metre
    region = struct.pack(">IIIIB", w, h, 0, 0, 0) + b"\x01" + g4  # generic region flags: MMR
    return segment(0, 48, page_info) + segment(1, 38, region)
