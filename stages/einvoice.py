"""An e-invoice received as XML made into a document: a readable PDF of the invoice (a bare XML
has no scan; the web app shows this as the document's ``searchable.pdf``), its pages' text and
word boxes read back from that PDF, and the XML itself, which gives every field.

    einvoice_document(path, source, folder) -> (DocumentText, pdf path)
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pikepdf
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from extractors.einvoice import invoice_view, read_einvoice_file
from extractors.einvoice_view import InvoiceView
from extractors.files import shown_path
from extractors.pdf_pages import pdf_page_text
from extractors.types import DocumentText, PageText

PAGE_METHOD = "xml"  # text.json's method of a page drawn from an e-invoice's XML
_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def _fonts() -> tuple[str, str]:
    """DejaVu Sans when installed (every accent and sign an invoice may hold), else Helvetica."""
    if "EInvoiceSans" in pdfmetrics.getRegisteredFontNames():
        return "EInvoiceSans", "EInvoiceSans-Bold"
    if all(Path(f).is_file() for f in _FONTS):
        pdfmetrics.registerFont(TTFont("EInvoiceSans", _FONTS[0]))
        pdfmetrics.registerFont(TTFont("EInvoiceSans-Bold", _FONTS[1]))
        return "EInvoiceSans", "EInvoiceSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _date(value: str | None) -> str:
    """``2020-06-04`` -> ``04/06/2020`` (as French readers expect)."""
    if not value:
        return ""
    y, m, d = value.split("-")
    return f"{d}/{m}/{y}"


def render_view(view: InvoiceView, target: Path) -> None:
    """Lay the invoice out on A4 pages at ``target``: parties, references, lines, VAT, totals."""
    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=11.5)
    strong = ParagraphStyle("strong", parent=body, fontName=bold)
    title = ParagraphStyle("title", parent=body, fontName=bold, fontSize=16, leading=20)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9, textColor=colors.grey)
    num = ParagraphStyle("num", parent=body, alignment=TA_RIGHT)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text or ""), style)

    def block(heading: str, lines: list[str]) -> list[Paragraph]:
        return [p(heading, strong)] + [p(line) for line in lines or ["—"]]

    story: list = [p(f"{view.title} n° {view.number}", title),
                   p(f"Facture électronique reçue au format {view.syntax} (code de type {view.type_code or '—'})",
                     small), Spacer(1, 4 * mm)]
    dates = [f"Date : {_date(view.issue_date)}"] if view.issue_date else []
    dates += [f"Échéance : {_date(view.due_date)}"] if view.due_date else []
    dates += [f"{label} : {value}" for label, value in view.references]
    dates += [f"Devise : {view.currency}"] if view.currency else []
    head = Table([[block("Fournisseur", view.seller), block("Client", view.buyer)]], colWidths=[90 * mm, 80 * mm])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("FONTNAME", (0, 0), (-1, -1), regular)]))
    story += [head, Spacer(1, 3 * mm)] + [p(line) for line in dates] + [Spacer(1, 5 * mm)]
    if view.lines:
        rows = [[p(h, strong) for h in ("Désignation", "Qté", "PU HT", "TVA %", "Montant HT")]]
        rows += [[p(item), p(qty, num), p(price, num), p(rate, num), p(amount, num)]
                 for item, qty, price, rate, amount in view.lines]
        story += [_table(rows, [80 * mm, 18 * mm, 26 * mm, 16 * mm, 30 * mm], regular), Spacer(1, 4 * mm)]
    if view.taxes:
        rows = [[p(h, strong) for h in ("TVA %", "Base HT", "Montant TVA")]]
        rows += [[p(rate, num), p(base, num), p(amount, num)] for rate, base, amount in view.taxes]
        story += [_table(rows, [30 * mm, 35 * mm, 35 * mm], regular), Spacer(1, 4 * mm)]
    if view.totals:
        rows = [[p(label, strong), p(f"{amount} {view.currency}".strip(), num)] for label, amount in view.totals]
        story += [_table(rows, [45 * mm, 40 * mm], regular), Spacer(1, 4 * mm)]
    if view.payment:
        story += block("Règlement", view.payment) + [Spacer(1, 3 * mm)]
    if view.notes:
        story += block("Notes", view.notes)
    doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=f"{view.title} {view.number}", invariant=True,
                            author="aiguillage", subject=f"Facture électronique {view.syntax}",
                            initialFontName=regular)  # else every page names Helvetica, never embedded (no PDF/A)
    doc.build(story)


def _table(rows: list[list], widths: list[float], font: str) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                               ("FONTNAME", (0, 0), (-1, -1), font)]))  # the cells' own font: embedded
    return table


def einvoice_document(path: Path, source: str, folder: Path) -> tuple[DocumentText, Path]:
    """The e-invoice XML file at ``path`` as a document: its view drawn as ``folder/view.pdf``,
    each page's text and word boxes read back from it (the web app lays them over the page),
    and the XML, which gives the fields. Raises EInvoiceError (French) when the file is no
    readable e-invoice."""
    syntax, xml = read_einvoice_file(path, shown_path(path.name))
    pdf = folder / "view.pdf"
    render_view(invoice_view(xml), pdf)
    with pikepdf.open(pdf) as drawn:
        count = len(drawn.pages)
    pages = []
    for number in range(1, count + 1):
        text, words, size = pdf_page_text(pdf, number)
        pages.append(PageText(number=number, text=text, words=words, method=PAGE_METHOD, width=size[0],
                              height=size[1]))
    return DocumentText(source, [1], pages, facturx_xml=xml, einvoice=syntax), pdf
