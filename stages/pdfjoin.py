"""Joining the scanned pages' one-page PDFs into one PDF, written page after page to a file.

pikepdf (qpdf) copies every page's images into memory when pages move from one PDF to
another (pikepdf always asks for immediate copies), and keeps them until the joined PDF
is saved: as much memory as the PDF's size, twice that when saved to bytes (a 500-page
document: ~500 MB). This writer reads one page PDF at a time and writes its
objects out at once, renumbered, then the page tree, the cross-reference table and the
trailer: memory holds one page, whatever the document's length. Stream data is copied raw
(still compressed), so pages come out exactly as Tesseract made them.

The file is PDF/A-2b (extractors/pdfa.py): XMP metadata, an sRGB output intent and a file
identifier are written with the catalog; Tesseract's pages already embed their font. A page
that uses a font it does not embed makes the whole file a plain PDF (no PDF/A claim, a
warning naming the fonts): a claim the file could not keep would mislead the archive.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Callable

import pikepdf

from extractors import pdfa

_CATALOG, _PAGES = 1, 2  # object numbers, written last
log = logging.getLogger("aiguillage.pdfjoin")


def join_pdfs(parts: list[str], target: Path) -> int:
    """Write the pages of ``parts``, in order, as one PDF at ``target``; the page count."""
    with open(target, "wb") as fh:
        writer = _Writer(fh)
        for part in parts:
            writer.add(part)
        return writer.finish()


class _Writer:
    def __init__(self, fh: BinaryIO):
        self.fh = fh
        self.offsets: dict[int, int] = {}
        self.kids: list[int] = []
        self.unembedded: set[str] = set()  # fonts a page uses without embedding them: no PDF/A
        self.next = _PAGES + 1
        self.pos = 0
        self._out(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def _out(self, data: bytes) -> None:
        self.fh.write(data)
        self.pos += len(data)

    def add(self, path: str) -> None:
        """Every page of the PDF at ``path``, with everything it refers to (fonts, images)."""
        with pikepdf.open(path, access_mode=pikepdf.AccessMode.stream) as pdf:
            numbers: dict[tuple[int, int], int] = {}
            pending: list[pikepdf.Object] = []

            def ref(obj: pikepdf.Object) -> int:
                if obj.objgen not in numbers:
                    numbers[obj.objgen] = self.next
                    self.next += 1
                    pending.append(obj)
                return numbers[obj.objgen]

            for page in pdf.pages:  # inherited attributes are already on the page (pikepdf)
                self.unembedded |= pdfa.unembedded_fonts(page.obj)
                self.kids.append(ref(page.obj))
            while pending:
                obj = pending.pop()
                self._write(numbers[obj.objgen], obj, ref)

    def _write(self, number: int, obj: pikepdf.Object, ref: Callable[[pikepdf.Object], int]) -> None:
        self.offsets[number] = self.pos
        if isinstance(obj, pikepdf.Stream):
            raw = obj.read_raw_bytes()
            head = _dictionary(obj.stream_dict, ref, skip="/Length", extra=b"/Length %d" % len(raw))
            self._out(b"%d 0 obj\n%s\nstream\n" % (number, head) + raw + b"\nendstream\nendobj\n")
            return
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.Page:
            # an empty /Trans (reportlab writes one on every page) is the default transition
            skip = ("/Parent", "/Trans") if not obj.get("/Trans", True) else ("/Parent",)
            body = _dictionary(obj, ref, skip=skip, extra=b"/Parent %d 0 R" % _PAGES)
        else:
            body = _unparse(obj, ref, top=True)
        self._out(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def _stream(self, head: bytes, data: bytes) -> int:
        number, self.next = self.next, self.next + 1
        self.offsets[number] = self.pos
        self._out(b"%d 0 obj\n<<%s /Length %d>>\nstream\n" % (number, head, len(data)) + data
                  + b"\nendstream\nendobj\n")
        return number

    def _object(self, body: bytes) -> int:
        number, self.next = self.next, self.next + 1
        self.offsets[number] = self.pos
        self._out(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        return number

    def finish(self, now: datetime | None = None) -> int:
        now = now or datetime.now(timezone.utc)
        self.offsets[_PAGES] = self.pos
        kids = b" ".join(b"%d 0 R" % k for k in self.kids)
        self._out(b"%d 0 obj\n<</Type /Pages /Count %d /Kids [%s]>>\nendobj\n" % (_PAGES, len(self.kids), kids))
        info = self._object(b"<<%s>>" % pdfa.info_entries(now))
        archive = b""
        if self.unembedded:
            log.warning("PDF cherchable sans PDF/A : police(s) non incorporée(s) %s", ", ".join(sorted(self.unembedded)))
        else:
            icc = self._stream(b"/N 3", pdfa.srgb_profile())
            xmp = self._stream(b"/Type /Metadata /Subtype /XML", pdfa.xmp_packet(now))
            condition = pdfa.OUTPUT_CONDITION.encode()
            archive = (b" /Metadata %d 0 R /OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 "
                       b"/OutputConditionIdentifier (%s) /Info (%s) /DestOutputProfile %d 0 R>>]"
                       % (xmp, condition, condition, icc))
        self.offsets[_CATALOG] = self.pos
        self._out(b"%d 0 obj\n<</Type /Catalog /Pages %d 0 R%s>>\nendobj\n" % (_CATALOG, _PAGES, archive))
        xref = self.pos
        table = [b"xref\n0 %d\n0000000000 65535 f \n" % self.next]
        table += [b"%010d 00000 n \n" % self.offsets[n] for n in range(1, self.next)]
        self._out(b"".join(table))
        ident = pdfa.file_id(hashlib.sha256(b"%d:%d:%s" % (self.pos, len(self.kids), now.isoformat().encode())).digest())
        self._out(b"trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID %s>>\nstartxref\n%d\n%%%%EOF\n"
                  % (self.next, _CATALOG, info, ident, xref))
        return len(self.kids)


def _dictionary(d: pikepdf.Object, ref: Callable, skip: str | tuple[str, ...] = (), extra: bytes = b"") -> bytes:
    skip = (skip,) if isinstance(skip, str) else skip
    items = [pikepdf.Name(k).unparse() + b" " + _unparse(v, ref) for k, v in d.items() if k not in skip]
    return b"<<" + b" ".join(items + ([extra] if extra else [])) + b">>"


def _unparse(obj, ref: Callable, top: bool = False) -> bytes:
    """PDF syntax for ``obj``; objects of their own become references to their new numbers."""
    if isinstance(obj, pikepdf.Object):
        if obj.is_indirect and not top:
            return b"%d 0 R" % ref(obj)
        if isinstance(obj, pikepdf.Dictionary):
            return _dictionary(obj, ref)
        if isinstance(obj, pikepdf.Array):
            return b"[" + b" ".join(_unparse(x, ref) for x in obj) + b"]"
        return obj.unparse()  # name, string, number, boolean, null: no references inside
    if obj is None:  # pikepdf hands some scalars back as Python values
        return b"null"
    if isinstance(obj, bool):
        return b"true" if obj else b"false"
    if isinstance(obj, int):
        return b"%d" % obj
    if isinstance(obj, (Decimal, float)):
        return format(Decimal(obj), "f").encode()
    raise TypeError(f"objet PDF inattendu : {type(obj).__name__}")
