"""Broken, odd and hostile PDFs."""

from __future__ import annotations

import io
import random

import numpy as np
from PIL import Image

from corpus.bad_inputs.builders import (
    content_bomb_bytes,
    deflate_repeated,
    good_pdf,
    helvetica,
    image_page,
    image_pdf,
    jbig2_generic_mmr,
    letter_grey,
    letter_lines,
    page_pdf,
    pages_fixtures,
    pdf_bytes,
    text_ops,
)
from corpus.bad_inputs.registry import A4, HANDLED, QUARANTINED, kind

# --- broken PDFs ---

@kind("pdf-header-only", ".pdf", QUARANTINED, "just '%PDF-1.7'")
def _header_only(p): p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")


@kind("truncated-pdf", ".pdf", HANDLED, "a 3-page born-digital letter cut in half (qpdf may recover the "
      "first page or pages; routing what is left or quarantine are both acceptable)")
def _truncated(p):
    data = pages_fixtures().letter_pdf(letter_lines("tronque"), pages=3)
    p.write_bytes(data[: len(data) // 2])


@kind("truncated-scan-pdf", ".pdf", QUARANTINED, "a scanned page's PDF cut inside its image data, no trailer")
def _truncated_scan(p):
    data = image_pdf(letter_grey(100))
    p.write_bytes(data[: len(data) // 2])


def _xref_junk(data: bytes, eol: bool) -> bytes:
    """``data`` with its xref table (from ``xref`` up to ``trailer``) replaced by junk of the same
    length: digits and letters in lines of 20 bytes when ``eol``, else one run glued to ``trailer``."""
    start = data.rindex(b"\nxref") + 1
    end = data.index(b"trailer", start)
    rng = random.Random(7)
    junk = bytes(rng.choice(b"0123456789 fnxz") for _ in range(end - start))
    if eol:
        junk = bytes(10 if i % 20 == 19 or i == len(junk) - 1 else c for i, c in enumerate(junk))
    return data[:start] + junk + data[end:]


@kind("garbage-xref", ".pdf", HANDLED, "a born-digital letter whose xref table is lines of junk: qpdf and "
      "Poppler both rebuild it, the letter is readable")
def _garbage_xref(p): p.write_bytes(_xref_junk(good_pdf("xref"), eol=True))


@kind("garbage-xref-fused-trailer", ".pdf", HANDLED, "the same, the junk glued to the 'trailer' keyword: qpdf "
      "rebuilds it, Poppler (pdftotext, pdftoppm) finds no trailer; a qpdf-repaired copy would read")
def _garbage_xref_fused(p): p.write_bytes(_xref_junk(good_pdf("xref-colle"), eol=False))


@kind("zero-pages", ".pdf", QUARANTINED, "a valid PDF with an empty page tree")
def _zero_pages(p):
    import pikepdf

    p.write_bytes(pdf_bytes(pikepdf.new()))


@kind("encrypted-user-password", ".pdf", QUARANTINED, "AES-256, user password 'secret'")
def _encrypted(p):
    import pikepdf

    with pikepdf.open(io.BytesIO(good_pdf("chiffre"))) as pdf:
        p.write_bytes(pdf_bytes(pdf, encryption=pikepdf.Encryption(user="secret", owner="proprio", R=6)))


@kind("encrypted-owner-only", ".pdf", HANDLED, "encrypted with an empty user password and an owner password "
      "(printing allowed, copying forbidden): opens without a password, a readable letter")
def _owner_only(p):
    import pikepdf

    with pikepdf.open(io.BytesIO(good_pdf("proprietaire"))) as pdf:
        perms = pikepdf.Permissions(extract=False, modify_other=False)
        p.write_bytes(pdf_bytes(pdf, encryption=pikepdf.Encryption(user="", owner="proprio", R=4,
                                                                     allow=perms)))


@kind("page-595x1", ".pdf", QUARANTINED, "a page 595 × 1 pt (a scan of a hair)")
def _page_595x1(p):
    pdf, _ = page_pdf(b"0 0 595 1 re f", size=(595, 1))
    p.write_bytes(pdf_bytes(pdf))


@kind("page-1x842", ".pdf", QUARANTINED, "a page 1 × 842 pt")
def _page_1x842(p):
    pdf, _ = page_pdf(b"0 0 1 842 re f", size=(1, 842))
    p.write_bytes(pdf_bytes(pdf))


@kind("mediabox-zero", ".pdf", QUARANTINED, "MediaBox [0 0 0 0]")
def _mediabox_zero(p):
    import pikepdf

    pdf, page = page_pdf(b"0 0 m")
    page.MediaBox = pikepdf.Array([0, 0, 0, 0])
    p.write_bytes(pdf_bytes(pdf))


@kind("mediabox-inverted", ".pdf", HANDLED, "a letter whose MediaBox is [595 842 0 0] (corners swapped: "
      "legal, means A4)")
def _mediabox_inverted(p):
    import pikepdf

    with pikepdf.open(io.BytesIO(good_pdf("boite-inversee"))) as pdf:
        pdf.pages[0].MediaBox = pikepdf.Array([595, 842, 0, 0])
        p.write_bytes(pdf_bytes(pdf))


@kind("huge-mediabox", ".pdf", QUARANTINED, "a letter on a 200 × 200 inch page (14400 pt: 3.6 gigapixels at "
      "300 DPI)")
def _huge_mediabox(p):
    import pikepdf

    pdf, page = page_pdf(text_ops(letter_lines("immense"), y=14000), size=(14400, 14400))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=helvetica(pdf)))
    p.write_bytes(pdf_bytes(pdf))


@kind("too-many-pages", ".pdf", QUARANTINED, "501 blank pages sharing one content stream (ocr.max_pages is "
      "500)")
def _too_many(p):
    import pikepdf

    pdf = pikepdf.new()
    content = pdf.make_stream(b"")
    for _ in range(501):
        page = pdf.add_blank_page(page_size=A4)
        page.Contents = content
    p.write_bytes(pdf_bytes(pdf, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate))


@kind("flate-bomb", ".pdf", QUARANTINED, "a ~1 MB FlateDecode content stream inflating to 1 GiB of "
      "'0 0 m' operators")
def _flate_bomb(p):
    import pikepdf

    pdf, page = page_pdf(b"")
    page.Contents.write(content_bomb_bytes(), filter=pikepdf.Name.FlateDecode)
    p.write_bytes(pdf_bytes(pdf, compress_streams=False))


@kind("flate-bomb-20-pages", ".pdf", QUARANTINED, "the same 1 GiB bomb stream drawn by 20 pages (20 GiB to "
      "inflate if each page inflates it again)")
def _flate_bomb_shared(p):
    import pikepdf

    pdf = pikepdf.new()
    bomb = pikepdf.Stream(pdf, b"")
    bomb.write(content_bomb_bytes(), filter=pikepdf.Name.FlateDecode)
    bomb = pdf.make_indirect(bomb)
    for _ in range(20):
        pdf.add_blank_page(page_size=A4).Contents = bomb
    p.write_bytes(pdf_bytes(pdf, compress_streams=False))


@kind("image-bomb", ".pdf", QUARANTINED, "a full-page image XObject declared 100000 × 100000 8-bit grey "
      "(10 GB of pixels) with a 8 KB Flate stream")
def _image_bomb(p):
    import pikepdf

    pdf = pikepdf.new()
    image_page(pdf, deflate_repeated(b"\xff" * (1 << 20), 8), "FlateDecode", 100000, 100000, 8)
    p.write_bytes(pdf_bytes(pdf, compress_streams=False))


@kind("jbig2-letter", ".pdf", HANDLED, "a scanned letter stored as a real JBIG2 (generic region, MMR) image: "
      "Poppler decodes it; pikepdf needs jbig2dec, which may be missing")
def _jbig2_letter(p):
    import pikepdf

    im = Image.fromarray(letter_grey(200)).point(lambda v: 255 if v > 128 else 0).convert("1")
    pdf = pikepdf.new()
    image_page(pdf, jbig2_generic_mmr(im), "JBIG2Decode", *im.size, 1)
    p.write_bytes(pdf_bytes(pdf, compress_streams=False))


@kind("jbig2-garbage", ".pdf", QUARANTINED, "a full-page JBIG2Decode image whose data is random bytes: "
      "nothing can be drawn")
def _jbig2_garbage(p):
    import pikepdf

    pdf = pikepdf.new()
    image_page(pdf, random.Random(2).randbytes(4000), "JBIG2Decode", 1654, 2339, 1)
    p.write_bytes(pdf_bytes(pdf, compress_streams=False))


@kind("broken-font", ".pdf", HANDLED, "the letter drawn with Tj in a Type1 font whose embedded program is "
      "random bytes: the text layer (WinAnsi codes) is still readable; the renderer substitutes a font")
def _broken_font(p):
    import pikepdf

    pdf, page = page_pdf(text_ops(letter_lines("police-cassee")))
    fontfile = pdf.make_stream(random.Random(3).randbytes(6000))
    fontfile.Length1 = 3000
    fontfile.Length2 = 3000
    fontfile.Length3 = 0
    descriptor = pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name.Cassee, Flags=32,
                                    FontBBox=[0, -200, 1000, 900], ItalicAngle=0, Ascent=900, Descent=-200,
                                    CapHeight=700, StemV=80, FontFile=fontfile)
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Cassee,
                              FirstChar=32, LastChar=255, Widths=[500] * 224,
                              Encoding=pikepdf.Name.WinAnsiEncoding, FontDescriptor=descriptor)
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    p.write_bytes(pdf_bytes(pdf))


@kind("garbage-operators", ".pdf", QUARANTINED, "a content stream of unknown operators, stray brackets and "
      "binary noise that paints nothing (blank to the eye)")
def _garbage_ops(p):
    rng = random.Random(5)
    words = [b"zork", b"]]", b"<<", b">>", b"}", b"{", b"/Nom", b"42", b"-3.5", b"(texte", b"BX", b"EX", b"frob",
             b"Qq", b"TjX", b"q", b"Q", b"1 0 0 1 0 0 cm", b"true", b"null", b"%%", b"\x00\x01\x02"]
    body = b" ".join(rng.choice(words) for _ in range(4000))
    pdf, _ = page_pdf(body)
    p.write_bytes(pdf_bytes(pdf))


@kind("empty-content-stream", ".pdf", QUARANTINED, "a page whose only content stream is 0 bytes: blank")
def _empty_content(p):
    pdf, _ = page_pdf(b"")
    p.write_bytes(pdf_bytes(pdf))


@kind("rotate-90-letter", ".pdf", HANDLED, "a born-digital letter on a page with /Rotate 90")
def _rotate90(p):
    import pikepdf

    with pikepdf.open(io.BytesIO(good_pdf("rotation-90"))) as pdf:
        pdf.pages[0].Rotate = 90
        p.write_bytes(pdf_bytes(pdf))


@kind("rotate-90-scan", ".pdf", HANDLED, "a scanned letter (image PDF) whose page says /Rotate 90 while the "
      "image is upright: shown sideways, OSD must turn it back")
def _rotate90_scan(p):
    import pikepdf

    with pikepdf.open(io.BytesIO(image_pdf(letter_grey(200, "scan-rotation-90")))) as pdf:
        pdf.pages[0].Rotate = 90
        p.write_bytes(pdf_bytes(pdf))


@kind("pages-kids-loop", ".pdf", HANDLED, "the page tree's /Kids holds the tree itself besides the letter's "
      "page (qpdf drops the loop, or the file is quarantined as damaged)")
def _kids_loop(p):
    import pikepdf

    with pikepdf.open(io.BytesIO(good_pdf("boucle-kids"))) as pdf:
        root = pdf.Root.Pages
        root.Kids.append(root)
        root.Count = 2
        p.write_bytes(pdf_bytes(pdf))


@kind("parent-loop", ".pdf", HANDLED, "the letter's page inherits its MediaBox and Resources through a "
      "/Parent chain that loops (node -> node)")
def _parent_loop(p):
    import pikepdf

    with pikepdf.open(io.BytesIO(good_pdf("boucle-parent"))) as pdf:
        page = pdf.pages[0].obj
        root = pdf.Root.Pages
        middle = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Pages, Kids=[page], Count=1,
                                                      MediaBox=page.MediaBox, Resources=page.Resources))
        middle.Parent = middle
        del page["/MediaBox"]
        del page["/Resources"]
        page.Parent = middle
        root.Kids = pikepdf.Array([middle])
        p.write_bytes(pdf_bytes(pdf, fix_metadata_version=False))


@kind("form-xobject-loop", ".pdf", HANDLED, "the letter's text, plus a form XObject that draws itself "
      "(infinite recursion for a naive renderer or checker)")
def _form_loop(p):
    import pikepdf

    pdf, page = page_pdf(text_ops(letter_lines("forme-recursive")) + b"\nq /Fm0 Do Q")
    form = pdf.make_stream(b"q 0.5 0 0 0.5 10 10 cm /Fm0 Do Q")
    form.Type = pikepdf.Name.XObject
    form.Subtype = pikepdf.Name.Form
    form.BBox = [0, 0, 595, 842]
    form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=helvetica(pdf)),
                                        XObject=pikepdf.Dictionary(Fm0=form))
    p.write_bytes(pdf_bytes(pdf))


@kind("junk-before-header", ".pdf", HANDLED, "a letter PDF after 300 bytes of junk (the format allows the "
      "header within the first 1024 bytes)")
def _junk_prefix(p): p.write_bytes(b"X-Mailer: numeriseur\r\n" * 13 + b"\r\n" + good_pdf("prefixe"))


@kind("uppercase-extension", ".PDF", HANDLED, "a good letter named .PDF")
def _upper(p): p.write_bytes(good_pdf("majuscules"))


@kind("javascript-openaction", ".pdf", HANDLED, "a letter with an /OpenAction JavaScript (never run)")
def _javascript(p):
    import pikepdf

    with pikepdf.open(io.BytesIO(good_pdf("javascript"))) as pdf:
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x');"))
        p.write_bytes(pdf_bytes(pdf))


@kind("xfa-form-only", ".pdf", HANDLED, "a dynamic XFA form: the page only says 'Please wait...' (English); "
      "the content is in the XFA packet. Quarantine would be best; review is acceptable")
def _xfa(p):
    import pikepdf

    msg = ["Please wait...", "If this message is not eventually replaced by the proper contents of the document,",
           "your PDF viewer may not be able to display this type of document."]
    pdf, page = page_pdf(text_ops(msg))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=helvetica(pdf)))
    xdp = ('<?xml version="1.0" encoding="UTF-8"?><xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/">'
           '<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="lettre">'
           '<draw><value><text>Madame, Monsieur, une fuite d\'eau dans ma salle de bains.</text></value></draw>'
           '</subform></template></xdp:xdp>').encode()
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[], XFA=pdf.make_stream(xdp), NeedsRendering=True)
    p.write_bytes(pdf_bytes(pdf))


@kind("annotations-only", ".pdf", HANDLED, "no page content: the letter is a FreeText annotation with an "
      "appearance stream (visible once rendered, absent from the text layer)")
def _annotations(p):
    import pikepdf

    pdf, page = page_pdf(b"")
    ap = pdf.make_stream(text_ops(letter_lines("annotation"), x=10, y=190))
    ap.Type = pikepdf.Name.XObject
    ap.Subtype = pikepdf.Name.Form
    ap.BBox = [0, 0, 500, 200]
    ap.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=helvetica(pdf)))
    annot = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FreeText, Rect=[60, 580, 560, 780], F=4,
        Contents=pikepdf.String("\n".join(letter_lines("annotation"))), DA=pikepdf.String("/Helv 12 Tf 0 g"),
        AP=pikepdf.Dictionary(N=ap)))
    page.Annots = pdf.make_indirect(pikepdf.Array([annot]))
    p.write_bytes(pdf_bytes(pdf))


@kind("portfolio-embedded-only", ".pdf", QUARANTINED, "a PDF portfolio (/Collection): a blank cover page, "
      "the letter only as an embedded file")
def _portfolio(p):
    import pikepdf

    pdf, _ = page_pdf(b"")
    pdf.attachments["lettre.pdf"] = pikepdf.AttachedFileSpec(pdf, good_pdf("portfolio"), mime_type="application/pdf")
    pdf.Root.Collection = pikepdf.Dictionary(View=pikepdf.Name.D)
    p.write_bytes(pdf_bytes(pdf))


@kind("blank-scan-pdf", ".pdf", QUARANTINED, "a scanned blank page (white with dust specks) as an image PDF")
def _blank_scan(p):
    rng = np.random.default_rng(11)
    arr = np.full((1169, 827), 250, np.uint8)  # A4 at 100 DPI
    ys, xs = rng.integers(0, arr.shape[0], 60), rng.integers(0, arr.shape[1], 60)
    arr[ys, xs] = 120
    p.write_bytes(image_pdf(arr, dpi=100))
