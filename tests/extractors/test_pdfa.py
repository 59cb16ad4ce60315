"""The pieces of a PDF/A-2b file (extractors/pdfa.py): XMP metadata, Info entries agreeing with
it, the sRGB output profile, the file identifier, and the check that finds fonts a page uses
without embedding them (such a PDF claims no PDF/A; stages/pdfjoin.py)."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree

import pikepdf
import pytest
from PIL import ImageCms

from extractors import pdfa

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
      "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/"}
# a moment not in UTC: both forms must give the same UTC instant
MOMENT = datetime(2026, 3, 2, 9, 30, 5, tzinfo=timezone(timedelta(hours=1)))


def description(packet: bytes) -> ElementTree.Element:
    body = packet.decode("utf-8")
    assert body.startswith('<?xpacket begin="\ufeff"') and body.endswith('<?xpacket end="w"?>')
    return ElementTree.fromstring(re.sub(r"<\?xpacket[^>]*\?>", "", body).strip()).find(".//rdf:Description", NS)


def test_the_xmp_names_part_2_level_b_and_agrees_with_the_info_dictionary():
    desc = description(pdfa.xmp_packet(MOMENT, title="Facture n° 12 <R&D>"))
    assert desc.findtext("pdfaid:part", namespaces=NS) == "2"
    assert desc.findtext("pdfaid:conformance", namespaces=NS) == "B"
    assert desc.findtext("dc:title/rdf:Alt/rdf:li", namespaces=NS) == "Facture n° 12 <R&D>"  # escaped, read back
    info = info_dictionary(pdfa.info_entries(MOMENT, title="Facture n° 12 <R&D>"))
    created = str(info["/CreationDate"])
    for tag in ("xmp:CreateDate", "xmp:ModifyDate"):
        when = datetime.fromisoformat(desc.findtext(tag, namespaces=NS))
        assert when == MOMENT and f"D:{when.astimezone(timezone.utc):%Y%m%d%H%M%S}+00'00'" == created
    assert str(info["/ModDate"]) == created
    assert str(info["/Producer"]) == desc.findtext("pdf:Producer", namespaces=NS)
    assert str(info["/Title"]) == desc.findtext("dc:title/rdf:Alt/rdf:li", namespaces=NS)
    untitled = info_dictionary(pdfa.info_entries(MOMENT))  # no title in one without the other
    assert description(pdfa.xmp_packet(MOMENT)).find("dc:title", NS) is None and "/Title" not in untitled


def info_dictionary(entries: bytes) -> pikepdf.Dictionary:
    """The entries as a PDF reader parses them (qpdf decodes the text strings)."""
    return pikepdf.Object.parse(b"<<" + entries + b">>")


def test_the_output_profile_is_an_srgb_display_profile_pdfa_2_accepts():
    data = pdfa.srgb_profile()
    profile = ImageCms.ImageCmsProfile(io.BytesIO(data))  # LittleCMS reads it back, or this raises
    assert ImageCms.getProfileDescription(profile).strip() == "sRGB built-in"
    assert data[12:20] == b"mntrRGB " and data[36:40] == b"acsp"  # display class, RGB: N 3
    assert data[8] <= 4  # PDF/A-2 takes output profiles up to ICC version 4
    assert pdfa.srgb_profile() is data  # made once per process


def test_the_file_identifier_is_two_equal_16_byte_strings():
    ident = pdfa.file_id(b"seed")
    first, second = re.fullmatch(rb"\[<([0-9a-f]{32})> <([0-9a-f]{32})>\]", ident).groups()
    assert first == second and pdfa.file_id(b"other seed") != ident


def drawn_pdf(path: Path, font: str, in_form: bool = False) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if font == "DejaVuTest" and font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font, FONT))
    c = canvas.Canvas(str(path), pagesize=(300, 200), initialFontName=font)
    if in_form:  # the text inside a form XObject the page draws
        c.beginForm("tampon")
        c.setFont(font, 12)
        c.drawString(20, 100, "Reçu le 2 mars")
        c.endForm()
        c.doForm("tampon")
    else:
        c.setFont(font, 12)
        c.drawString(20, 100, "Reçu le 2 mars")
    c.save()
    return path


@pytest.mark.parametrize("in_form", [False, True])
def test_a_standard_font_drawn_without_its_program_is_found(tmp_path, in_form):
    with pikepdf.open(drawn_pdf(tmp_path / "helvetica.pdf", "Helvetica", in_form)) as pdf:
        assert pdfa.unembedded_fonts(pdf.pages[0].obj) == {"Helvetica"}


@pytest.mark.parametrize("in_form", [False, True])
def test_an_embedded_truetype_font_is_fine(tmp_path, in_form):
    with pikepdf.open(drawn_pdf(tmp_path / "dejavu.pdf", "DejaVuTest", in_form)) as pdf:
        assert pdfa.unembedded_fonts(pdf.pages[0].obj) == set()


def test_a_type0_font_is_judged_by_its_cid_font():
    pdf = pikepdf.new()
    cid = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2,
                                               BaseFont=pikepdf.Name("/MSGothic"),
                                               FontDescriptor=pikepdf.Dictionary(FontName=pikepdf.Name("/MSGothic"))))
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=pikepdf.Name("/MSGothic"),
                              DescendantFonts=[cid])
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, Resources=pikepdf.Dictionary(Font={"/F1": font}))
    assert pdfa.unembedded_fonts(page) == {"MSGothic"}
    cid.FontDescriptor.FontFile2 = pdf.make_stream(b"\0\1\0\0")
    assert pdfa.unembedded_fonts(page) == set()
