"""Bounds on what a PDF may make us inflate, checked before anything parses its pages.

A PDF's streams are compressed: a 1 MB file can hold a content stream that inflates to
gigabytes (a decompression bomb), which a parser would hold whole in memory for minutes.
``check_pages`` walks each page's content streams and the forms it draws, inflating them in
pieces and counting, never keeping more than a piece; it stops at the first page whose
content exceeds the limit. Images are checked by their declared size only (their pixels are
decoded later, one page at a time, and a page's pixels are already bounded). A stream shared
by many pages is checked once.

While it inflates, it notes whether a page shows text (text operators, or a form that may), so
that the caller needs no second pass to know whether to look for a text layer.
"""

from __future__ import annotations

import re
import time
import zlib
from dataclasses import dataclass, field

from extractors.errors import UnreadableInput

CHUNK = 1 << 16
# Filters whose worst expansion is bounded by this ratio (LZW's is ~2,700, run length's 64);
# Flate, the one that makes bombs, is inflated in pieces instead.
_BOUNDED_RATIO = 3000
_TEXT_OPS = re.compile(rb"(?:^|[\s\)\]>])(?:Tj|TJ|'|\")(?=[\s]|$)")
_FLATE = ("/FlateDecode", "/Fl")


@dataclass
class PageContent:
    """What ``check_pages`` learnt: the pages that may show text."""

    text_pages: set[int] = field(default_factory=set)


def bomb(detail: str) -> UnreadableInput:
    return UnreadableInput(f"bombe de décompression : {detail}", "bomb")


class _Walker:
    def __init__(self, limit: int, max_pixels: int, deadline: float):
        self.limit = limit
        self.max_pixels = max_pixels
        self.deadline = deadline
        self.seen: dict[tuple[int, int], tuple[int, bool]] = {}  # objgen -> (bytes, shows text)

    def page(self, page, number: int) -> tuple[int, bool]:
        total, text = 0, False
        contents = page.obj.get("/Contents")
        for stream in _as_list(contents):
            size, shows = self.stream(stream, number)
            total, text = total + size, text or shows
            self._over(total, number)
        size, shows = self.resources(page.obj.get("/Resources"), number, depth=0)
        self._over(total + size, number)
        return total + size, text or shows

    def resources(self, resources, number: int, depth: int) -> tuple[int, bool]:
        """Forms drawn through the page's resources (nested forms too, to a sane depth)."""
        import pikepdf

        if depth > 8 or not isinstance(resources, pikepdf.Dictionary):
            return 0, False
        xobjects = resources.get("/XObject")
        if not isinstance(xobjects, pikepdf.Dictionary):
            return 0, False
        total, text = 0, False
        for name in list(xobjects.keys()):
            xobj = xobjects.get(name)
            if not isinstance(xobj, pikepdf.Stream):
                continue
            subtype = str(xobj.get("/Subtype", ""))
            if subtype == "/Image":
                self.image(xobj, number)
            elif subtype == "/Form":
                key = xobj.objgen
                if key in self.seen and key != (0, 0):
                    continue  # a form drawn twice (or drawing itself) counts once
                size, _ = self.stream(xobj, number)
                nested, _ = self.resources(xobj.get("/Resources"), number, depth + 1)
                total += size + nested
                text = True  # a form may carry text: pdftotext decides
                self._over(total, number)
        return total, text

    def image(self, xobj, number: int) -> None:
        try:
            w, h = int(xobj.get("/Width", 0)), int(xobj.get("/Height", 0))
        except (TypeError, ValueError):
            raise UnreadableInput(f"page {number} : image aux dimensions illisibles", "corrupt") from None
        if w <= 0 or h <= 0:
            raise UnreadableInput(f"page {number} : image aux dimensions nulles", "corrupt")
        if w * h > self.max_pixels:
            raise bomb(f"page {number}, image de {w}×{h} pixels "
                       f"(maximum {self.max_pixels / 1e6:.0f} mégapixels)")

    def stream(self, stream, number: int) -> tuple[int, bool]:
        import pikepdf

        if not isinstance(stream, pikepdf.Stream):
            return 0, False
        key = stream.objgen
        if key in self.seen and key != (0, 0):
            return self.seen[key]
        filters = [str(f) for f in _as_list(stream.get("/Filter"))]
        raw = stream.read_raw_bytes()
        if not filters:
            result = len(raw), bool(_TEXT_OPS.search(raw))
        elif len(filters) == 1 and filters[0] in _FLATE:
            result = self._inflate(raw, number)
        elif len(raw) * _BOUNDED_RATIO <= self.limit:
            data = stream.read_bytes()
            result = len(data), bool(_TEXT_OPS.search(data))
        else:
            raise bomb(f"page {number}, flux compressé de {len(raw) // 1024} Ko par des filtres "
                       "qui ne peuvent pas être vérifiés par morceaux")
        self.seen[key] = result
        return result

    def _inflate(self, raw: bytes, number: int) -> tuple[int, bool]:
        """Inflate ``raw`` a piece at a time, counting, looking for text operators."""
        d = zlib.decompressobj()
        total, text, tail = 0, False, b""
        data = raw
        try:
            while data:
                piece = d.decompress(data, CHUNK)
                data = d.unconsumed_tail
                total += len(piece)
                if not text:
                    text = bool(_TEXT_OPS.search(tail + piece))
                    tail = piece[-8:]
                self._over(total, number)
                if not piece and not data:
                    break
        except zlib.error:
            pass  # a damaged stream: the renderer decides what it can draw; size so far counts
        return total, text

    def _over(self, total: int, number: int) -> None:
        if total > self.limit:
            raise bomb(f"le contenu de la page {number} dépasse {self.limit // (1 << 20)} Mo une fois "
                       "décompressé")
        if time.monotonic() > self.deadline:
            raise UnreadableInput("lecture du PDF trop longue (délai dépassé) : fichier anormal", "too_slow")


def check_pages(pdf, pages: int, limit_bytes: int, max_pixels: int, seconds: float) -> PageContent:
    """Check the first ``pages`` pages of an open pikepdf ``pdf``; raise UnreadableInput
    ("bombe de décompression…") when one inflates past ``limit_bytes`` or draws an image over
    ``max_pixels``, or when the check takes longer than ``seconds``."""
    walker = _Walker(limit_bytes, max_pixels, time.monotonic() + seconds)
    out = PageContent()
    for number, page in enumerate(pdf.pages[:pages], start=1):
        _, text = walker.page(page, number)
        if text:
            out.text_pages.add(number)
    return out


def _as_list(value) -> list:
    import pikepdf

    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]
