"""What makes a searchable PDF archive-grade (PDF/A-2b, ISO 19005-2, level B), as OCRmyPDF
produces by default: XMP metadata naming the part and conformance, an sRGB output intent with
its ICC profile embedded, an Info dictionary that says the same as the XMP, and a file
identifier. The pages themselves already qualify: Tesseract embeds its one font (GlyphLessFont,
TrueType) and draws the text invisibly over the image, with no transparency.

Only the pieces are built here (bytes, no PDF library): ``stages/pdfjoin.py`` writes them into
the PDF it assembles page after page.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from functools import lru_cache
from xml.sax.saxutils import escape

PART, CONFORMANCE = 2, "B"
PRODUCER = "aiguillage"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """An sRGB ICC profile (v2, a few hundred bytes), made once per process by LittleCMS."""
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


def info_entries(moment: datetime, producer: str = PRODUCER) -> bytes:
    """The Info dictionary's entries, the same values as the XMP (PDF/A requires they agree)."""
    date = pdf_date(moment)
    return b"/Producer (%s) /CreationDate (%s) /ModDate (%s)" % (producer.encode("ascii"), date, date)


def file_id(seed: bytes) -> bytes:
    """The trailer's ``/ID`` array: two equal 16-byte strings from ``seed`` (a new file)."""
    digest = hashlib.md5(seed, usedforsecurity=False).hexdigest().encode()
    return b"[<%s> <%s>]" % (digest, digest)
