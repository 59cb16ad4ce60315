"""Born-digital rendering of a ``DocContent`` with reportlab, returning the PDF and each page's text.

Layout happens first (wrapping, page breaks), then drawing, so the text returned for a page is
exactly what was printed on it, line by line, top to bottom.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from corpus.model import DocContent, Letterhead

FONT_DIR = Path("/usr/share/fonts/truetype")
# family -> (regular file, bold file)
FONT_FILES = {
    "DejaVuSans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "DejaVuSerif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "LiberationSans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    "LiberationSerif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    "FreeSans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    "FreeSerif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
    "LiberationSerifItalic": ("liberation/LiberationSerif-Italic.ttf", "liberation/LiberationSerif-BoldItalic.ttf"),
    "DejaVuSansOblique": ("dejavu/DejaVuSans-Oblique.ttf", "dejavu/DejaVuSans-BoldOblique.ttf"),
}
_registered: set[str] = set()


def available_families() -> list[str]:
    return [f for f, (reg, bold) in FONT_FILES.items() if (FONT_DIR / reg).is_file() and (FONT_DIR / bold).is_file()]


def font_names(family: str) -> tuple[str, str]:
    if family not in available_families():
        return "Helvetica", "Helvetica-Bold"
    if family not in _registered:
        reg, bold = FONT_FILES[family]
        pdfmetrics.registerFont(TTFont(family, str(FONT_DIR / reg)))
        pdfmetrics.registerFont(TTFont(family + "-Bold", str(FONT_DIR / bold)))
        _registered.add(family)
    return family, family + "-Bold"


@dataclass
class _Op:
    kind: str  # text | rule | box | letterhead
    x: float = 0
    y: float = 0
    text: str = ""
    font: str = ""
    size: float = 10
    w: float = 0
    h: float = 0


@dataclass
class _Page:
    ops: list[_Op] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def _pick_family(rng: random.Random, doc: DocContent) -> str:
    fams = available_families()
    if doc.meta.get("handwritten_like"):
        slanted = [f for f in fams if "Italic" in f or "Oblique" in f]
        if slanted:
            return rng.choice(slanted)
    upright = [f for f in fams if "Italic" not in f and "Oblique" not in f]
    return rng.choice(upright or ["Helvetica"])


def _letterhead_ops(lh: Letterhead, top: float, left: float, bold: str) -> tuple[list[_Op], list[str], float]:
    ops = [_Op("letterhead", left, top - 14 * mm, lh.shape, "", 0, 14 * mm, 14 * mm)]
    ops[0].text = lh.shape
    ops[0].font = ",".join(f"{c:.3f}" for c in lh.color)
    x = left + (17 * mm if lh.shape != "none" else 0)
    ops.append(_Op("text", x, top - 8 * mm, lh.name, bold, 15))
    lines = [lh.name]
    if lh.tagline:
        ops.append(_Op("text", x, top - 13 * mm, lh.tagline, bold.replace("-Bold", ""), 8))
        lines.append(lh.tagline)
    return ops, lines, top - 20 * mm


def layout(doc: DocContent, rng: random.Random, family: str | None = None) -> list[_Page]:
    family = family or _pick_family(rng, doc)
    regular, bold = font_names(family)
    width, height = A4
    left = rng.uniform(18, 25) * mm
    right = width - rng.uniform(15, 22) * mm
    top, bottom = height - rng.uniform(15, 22) * mm, 18 * mm
    text_w = right - left
    leading = rng.uniform(1.25, 1.45)
    base = rng.choice((9.5, 10, 10.5, 11)) if doc.family == "tenant" else rng.choice((9, 9.5, 10))
    pages = [_Page()]
    y = top
    if doc.letterhead:
        ops, lines, y = _letterhead_ops(doc.letterhead, top, left, bold)
        pages[0].ops += ops
        pages[0].lines += lines

    def new_page() -> None:
        nonlocal y
        pages.append(_Page())
        y = top

    for b in doc.blocks:
        size = b.size * base / 10
        step = size * leading
        if b.kind == "pagebreak":
            new_page()
            continue
        if b.kind == "space":
            y -= base * leading * b.size
            continue
        if b.kind == "rule":
            if y - 4 < bottom:
                new_page()
            pages[-1].ops.append(_Op("rule", left, y - 0.4 * base, w=text_w))
            y -= 0.4 * base + 1
            continue
        font = bold if b.bold else regular
        if b.kind == "row":
            if y - step < bottom:
                new_page()
            y -= step
            texts = []
            for frac, txt, align in b.cells:
                x = left + frac * text_w
                pages[-1].ops.append(_Op("text" if align == "left" else "rtext", x, y, txt, font, size))
                texts.append(txt)
            if b.box:
                pages[-1].ops.append(_Op("box", left + 0.58 * text_w, y - size * 0.4, w=0.42 * text_w + 3, h=step))
            pages[-1].lines.append(" ".join(t for t in texts if t))
            continue
        indent = left + b.indent * text_w
        avail = right - indent
        if b.kind == "para":
            wrapped = simpleSplit(b.text, font, size, avail) or [""]
        else:
            wrapped = [b.text]
            while pdfmetrics.stringWidth(b.text, font, size) > avail and size > 6:
                size -= 0.5
        for txt in wrapped:
            if y - step < bottom:
                new_page()
            y -= step
            if b.align == "center":
                pages[-1].ops.append(_Op("ctext", left + text_w / 2, y, txt, font, size))
            elif b.align == "right":
                pages[-1].ops.append(_Op("rtext", right, y, txt, font, size))
            else:
                pages[-1].ops.append(_Op("text", indent, y, txt, font, size))
            if b.box:
                pages[-1].ops.append(_Op("box", indent - 3, y - size * 0.4, w=avail + 3, h=step))
            pages[-1].lines.append(txt)
    pages = [p for p in pages if p.lines] or [_Page()]
    if len(pages) > 1:
        for i, p in enumerate(pages, 1):
            label = f"Page {i}/{len(pages)}"
            p.ops.append(_Op("ctext", left + text_w / 2, 10 * mm, label, regular, 8))
            p.lines.append(label)
    return pages


def _draw_letterhead(c: canvas.Canvas, op: _Op) -> None:
    r, g, b = (float(v) for v in op.font.split(","))
    c.setFillColorRGB(r, g, b)
    c.setStrokeColorRGB(r, g, b)
    x, y, s = op.x, op.y, op.w
    if op.text == "circle":
        c.circle(x + s / 2, y + s / 2, s / 2, fill=1, stroke=0)
        c.setFillColorRGB(1, 1, 1)
        c.circle(x + s / 2, y + s / 2, s / 4, fill=1, stroke=0)
    elif op.text == "square":
        c.rect(x, y, s, s, fill=1, stroke=0)
        c.setFillColorRGB(1, 1, 1)
        c.rect(x + s / 4, y + s / 4, s / 2, s / 2, fill=1, stroke=0)
    elif op.text == "triangle":
        p = c.beginPath()
        p.moveTo(x, y)
        p.lineTo(x + s, y)
        p.lineTo(x + s / 2, y + s)
        p.close()
        c.drawPath(p, fill=1, stroke=0)
    elif op.text == "bars":
        for i in range(4):
            c.rect(x + i * s / 4, y, s / 6, s * (0.4 + 0.2 * i), fill=1, stroke=0)
    c.setFillColorRGB(r * 0.8, g * 0.8, b * 0.8)


def render_pdf(doc: DocContent, rng: random.Random, title: str = "") -> tuple[bytes, list[str]]:
    """The PDF bytes (deterministic) and the printed text of each page."""
    pages = layout(doc, rng)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(title or doc.type)
    c.setAuthor("PATRIMOINE corpus")
    c.setCreator("aiguillage corpus")
    for page in pages:
        colored = False
        for op in page.ops:
            if op.kind == "letterhead":
                _draw_letterhead(c, op)
                colored = True
                continue
            if op.kind in ("text", "rtext", "ctext"):
                c.setFont(op.font, op.size)
                if op.size >= 15 and colored:
                    pass
                else:
                    c.setFillColorRGB(0, 0, 0)
                draw = {"text": c.drawString, "rtext": c.drawRightString, "ctext": c.drawCentredString}[op.kind]
                draw(op.x, op.y, op.text)
                colored = False
            elif op.kind == "rule":
                c.setStrokeColorRGB(0.3, 0.3, 0.3)
                c.setLineWidth(0.6)
                c.line(op.x, op.y, op.x + op.w, op.y)
            elif op.kind == "box":
                c.setStrokeColorRGB(0, 0, 0)
                c.setLineWidth(0.8)
                c.rect(op.x, op.y, op.w, op.h, fill=0, stroke=1)
        c.showPage()
    c.save()
    return buf.getvalue(), ["\n".join(p.lines) for p in pages]
