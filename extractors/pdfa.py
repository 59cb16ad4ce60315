"""What makes a searchable PDF archive-grade (PDF/A-2b, ISO 19005-2, level B), as OCRmyPDF
produces by default: XMP metadata naming the part and conformance, an sRGB output intent with
its ICC profile embedded, an Info dictionary that says the same as the XMP, and a file
identifier. Tesseract's pages qualify as they are: they embed their one font (GlyphLessFont,
TrueType) and draw the text invisibly over the image, with no transparency. A page made
elsewhere (the drawn view of an e-invoice) may use a font it does not embed, which PDF/A
forbids: ``unembedded_fonts`` names them, and a PDF holding such a page claims no PDF/A.

The pieces are built here as bytes: ``stages/pdfjoin.py`` writes them into the PDF it
assembles page after page.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from functools import lru_cache
from xml.sax.saxutils import escape

import pikepdf

PART, CONFORMANCE = 2, "B"
PRODUCER = "aiguillage"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """An sRGB ICC profile made once per process by LittleCMS (a display profile, ICC version 4,
    under 600 bytes: PDF/A-2 takes output profiles up to version 4)."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def pdf_date(moment: datetime) -> bytes:
    """``D:YYYYMMDDHHmmSS+00'00'``: the Info dictionary's date form."""
    return moment.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'").encode()


def xmp_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def xmp_packet(moment: datetime, title: str = "", producer: str = PRODUCER) -> bytes:
    """The XMP metadata of a PDF/A-2b file (UTF-8, uncompressed in the PDF, as the standard asks)."""
    title_xml = (f"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{escape(title)}</rdf:li></rdf:Alt></dc:title>"
                 if title else "")
    when = xmp_date(moment)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f"<pdfaid:part>{PART}</pdfaid:part><pdfaid:conformance>{CONFORMANCE}</pdfaid:conformance>\n"
        f"{title_xml}<dc:format>application/pdf</dc:format>\n"
        f"<xmp:CreateDate>{when}</xmp:CreateDate><xmp:ModifyDate>{when}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{when}</xmp:MetadataDate>\n"
        f"<pdf:Producer>{escape(producer)}</pdf:Producer>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        + " " * 200 + '\n<?xpacket end="w"?>'
    ).encode("utf-8")


def info_entries(moment: datetime, title: str = "", producer: str = PRODUCER) -> bytes:
    """The Info dictionary's entries, the same values as ``xmp_packet``'s (PDF/A requires they
    agree): give both the same arguments."""
    date = pdf_date(moment)
    entries = b"/Producer %s /CreationDate (%s) /ModDate (%s)" % (_text(producer), date, date)
    return entries + (b" /Title %s" % _text(title) if title else b"")


def _text(value: str) -> bytes:
    """A PDF text string holding any character: UTF-16BE with its byte order mark, in hex."""
    return b"<FEFF%s>" % value.encode("utf-16-be").hex().upper().encode()


def file_id(seed: bytes) -> bytes:
    """The trailer's ``/ID`` array: two equal 16-byte strings from ``seed`` (a new file)."""
    digest = hashlib.md5(seed, usedforsecurity=False).hexdigest().encode()
    return b"[<%s> <%s>]" % (digest, digest)


_EMBEDDED = ("/FontFile", "/FontFile2", "/FontFile3")


def unembedded_fonts(page: pikepdf.Dictionary) -> set[str]:
    """The names (``/BaseFont``) of the fonts ``page`` uses without embedding their program,
    in its own resources and in those of the forms it draws (reportlab's Helvetica, for one).
    A Type 3 font draws its glyphs itself: nothing to embed."""
    missing: set[str] = set()
    seen: set[tuple[int, int]] = set()
    pending = [page.get("/Resources")]
    while pending:
        resources = pending.pop()
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        if resources.is_indirect:
            if resources.objgen in seen:
                continue
            seen.add(resources.objgen)
        fonts = resources.get("/Font")
        for font in (fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ()):
            for program in font.get("/DescendantFonts", [font]):  # Type 0: the CID font holds it
                if program.get("/Subtype") == "/Type3":
                    continue
                descriptor = program.get("/FontDescriptor")
                if not (isinstance(descriptor, pikepdf.Dictionary) and any(k in descriptor for k in _EMBEDDED)):
                    missing.add(str(program.get("/BaseFont", font.get("/BaseFont", "?"))).lstrip("/"))
        xobjects = resources.get("/XObject")
        for xobject in (xobjects.values() if isinstance(xobjects, pikepdf.Dictionary) else ()):
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
                pending.append(xobject.get("/Resources"))
    return missing
