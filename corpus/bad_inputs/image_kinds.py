"""Broken, odd and hostile images."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
from PIL import Image

from corpus.bad_inputs.builders import (
    deflate_repeated,
    letter_grey,
    png_bytes,
    tiff_g4,
)
from corpus.bad_inputs.registry import HANDLED, QUARANTINED, kind

# --- images ---

@kind("png-1x1", ".png", QUARANTINED, "one white pixel")
def _png1(p): Image.new("L", (1, 1), 255).save(p)


@kind("jpeg-1x1", ".jpg", QUARANTINED, "one white pixel")
def _jpg1(p): Image.new("L", (1, 1), 255).save(p, "JPEG")


@kind("png-strip-2480x5", ".png", QUARANTINED, "a strip 2480 × 5 pixels")
def _strip_h(p): Image.fromarray(np.ascontiguousarray(letter_grey(300)[380:385, :2480])).save(p)


@kind("png-strip-5x3508", ".png", QUARANTINED, "a strip 5 × 3508 pixels")
def _strip_v(p): Image.fromarray(np.ascontiguousarray(letter_grey(300)[:3508, 300:305])).save(p)


@kind("truncated-png", ".png", QUARANTINED, "a scanned letter PNG cut in half")
def _trunc_png(p):
    data = png_bytes(Image.fromarray(letter_grey(200, "png-tronque")))
    p.write_bytes(data[: len(data) // 2])


@kind("png-bad-crc", ".png", QUARANTINED, "a scanned letter PNG with one IDAT byte changed (its CRC is wrong)")
def _bad_crc(p):
    data = bytearray(png_bytes(Image.fromarray(letter_grey(200, "png-crc"))))
    idat = data.index(b"IDAT")
    data[idat + 4 + 1000] ^= 0xFF
    p.write_bytes(bytes(data))


@kind("truncated-jpeg", ".jpg", QUARANTINED, "a scanned letter JPEG cut at 60 %: no end marker")
def _trunc_jpg(p):
    buf = io.BytesIO()
    Image.fromarray(letter_grey(200, "jpeg-tronque")).save(buf, "JPEG", quality=80)
    data = buf.getvalue()
    p.write_bytes(data[: len(data) * 6 // 10])


@kind("jpeg-soi-only", ".jpg", QUARANTINED, "only the start-of-image marker FF D8 FF")
def _soi(p): p.write_bytes(b"\xff\xd8\xff")


@kind("jpeg-pixel-bomb", ".jpg", QUARANTINED, "a 16 × 16 JPEG whose frame header claims 65000 × 65000 pixels")
def _jpeg_bomb(p):
    buf = io.BytesIO()
    Image.new("L", (16, 16), 255).save(buf, "JPEG")
    data = bytearray(buf.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", 65000, 65000)
    p.write_bytes(bytes(data))


@kind("png-bomb", ".png", QUARANTINED, "a 30000 × 30000 1-bit PNG (900 megapixels) of a few hundred KB")
def _png_bomb(p):
    w = h = 30000
    row = b"\x00" + b"\xff" * (w // 8)
    idat = deflate_repeated(row * 100, h // 100)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0)
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


@kind("tiff-bad-ifd-offset", ".tif", QUARANTINED, "a letter TIFF whose first IFD offset points past the end")
def _tiff_bad_ifd(p):
    data = bytearray(tiff_g4(letter_grey(200, "tiff-ifd")))
    fmt = "<I" if data[:2] == b"II" else ">I"
    data[4:8] = struct.pack(fmt, 0x7FFFFFF0)
    p.write_bytes(bytes(data))


@kind("truncated-tiff", ".tif", QUARANTINED, "a letter TIFF (uncompressed, 100 DPI) cut in half")
def _tiff_trunc(p):
    buf = io.BytesIO()
    Image.fromarray(letter_grey(100)).save(buf, "TIFF", dpi=(100, 100))
    data = buf.getvalue()
    p.write_bytes(data[: len(data) // 2])


@kind("tiff-second-page-truncated", ".tif", HANDLED, "a 2-page G4 TIFF cut in the middle of page 2's data, as "
      "a scanner dying mid-page leaves it (libtiff writes a page's directory after its data, so page 2's "
      "directory is lost too); page 1 is a whole letter. Routing page 1 or quarantining the file are both "
      "acceptable")
def _tiff_page2(p):
    pages = [Image.fromarray(letter_grey(200, f"tiff-page-{n}")).point(lambda v: 255 if v > 128 else 0).convert("1")
             for n in (1, 2)]
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", compression="group4", dpi=(200, 200), save_all=True, append_images=pages[1:])
    data = buf.getvalue()
    tif = Image.open(io.BytesIO(data))
    tif.seek(1)
    offsets, counts = tif.tag_v2[273], tif.tag_v2[279]
    end_of_first = min(offsets) + sum(counts) // 2
    if end_of_first < 200:  # keep the first page whole whatever the layout
        raise RuntimeError("unexpected TIFF layout")
    p.write_bytes(data[:end_of_first])


@kind("tiff-pixel-bomb", ".tif", QUARANTINED, "a TIFF whose header claims 60000 × 60000 grey pixels in one "
      "tiny strip")
def _tiff_bomb(p):
    buf = io.BytesIO()
    Image.new("L", (16, 16), 255).save(buf, "TIFF")
    data = bytearray(buf.getvalue())
    # Patch ImageWidth (256) and ImageLength (257) in the IFD in place.
    ifd = struct.unpack("<I", data[4:8])[0]
    n = struct.unpack("<H", data[ifd:ifd + 2])[0]
    for i in range(n):
        entry = ifd + 2 + 12 * i
        tag, typ = struct.unpack("<HH", data[entry:entry + 4])
        if tag in (256, 257, 278):
            if typ == 3:
                data[entry + 8:entry + 10] = struct.pack("<H", 60000)
            else:
                data[entry + 8:entry + 12] = struct.pack("<I", 60000)
    p.write_bytes(bytes(data))


@kind("all-white", ".png", QUARANTINED, "an A4 page at 200 DPI, all white: blank")
def _white(p): Image.new("L", (1654, 2339), 255).save(p, dpi=(200, 200))


@kind("all-black", ".png", QUARANTINED, "an A4 page at 200 DPI, all black: not blank (the reason must not say "
      "'vierge') but nothing to read")
def _black(p): Image.new("L", (1654, 2339), 0).save(p, dpi=(200, 200))


@kind("random-noise", ".png", HANDLED, "an A4 page at 300 DPI of 1-bit random noise: not a document; "
      "quarantine is best, review acceptable")
def _noise(p):
    bits = np.random.default_rng(4).integers(0, 2, (3508, 2480), dtype=np.uint8).astype(bool)
    Image.fromarray(bits).save(p, dpi=(300, 300))


@kind("png-16bit-letter", ".png", HANDLED, "a scanned letter as a 16-bit greyscale PNG")
def _png16(p):
    arr = letter_grey(200, "png-16-bits").astype(np.uint16) * 257
    Image.fromarray(arr).save(p, dpi=(200, 200))


@kind("cmyk-jpeg-letter", ".jpg", HANDLED, "a scanned letter as a CMYK JPEG")
def _cmyk(p): Image.fromarray(letter_grey(200, "jpeg-cmjn")).convert("CMYK").save(p, "JPEG", quality=85,
                                                                                   dpi=(200, 200))


@kind("palette-transparent-letter", ".png", HANDLED, "a letter as a 16-colour palette PNG whose background "
      "index is black and fully transparent (a naive conversion gives a black page)")
def _palette(p):
    grey = letter_grey(200, "palette-transparente")
    idx = (grey // 16).astype(np.uint8)  # 0 (ink) .. 15 (paper)
    im = Image.fromarray(idx, "P")
    palette = []
    for i in range(16):
        palette += [i * 17] * 3
    palette[15 * 3:15 * 3 + 3] = [0, 0, 0]  # the paper: black, but transparent
    im.putpalette(palette)
    im.save(p, transparency=15, dpi=(200, 200))


@kind("letter-rotated-180", ".png", HANDLED, "a scanned letter upside down")
def _rot180(p): Image.fromarray(np.rot90(letter_grey(200, "tete-en-bas"), 2).copy()).save(p, dpi=(200, 200))


@kind("jpeg-exif-rotated", ".jpg", HANDLED, "a letter stored sideways with EXIF Orientation 6 (displayed "
      "upright by viewers)")
def _exif(p):
    im = Image.fromarray(letter_grey(200, "exif")).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    im.save(p, "JPEG", quality=85, exif=exif, dpi=(200, 200))


@kind("png-named-pdf", ".pdf", HANDLED, "a scanned letter PNG named .pdf: the format comes from the content")
def _png_pdf(p): p.write_bytes(png_bytes(Image.fromarray(letter_grey(200, "png-nomme-pdf")), dpi=(200, 200)))
