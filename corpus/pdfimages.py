"""Image-only PDFs (what a scanner writes), deterministic: reportlab with ``invariant=1``."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas


def images_pdf(pages: list[Image.Image], dpi: int, quality: int = 70) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setCreator("aiguillage corpus scanner")
    for im in pages:
        w, h = im.width * 72 / dpi, im.height * 72 / dpi
        c.setPageSize((w, h))
        jpg = io.BytesIO()
        (im if im.mode in ("L", "RGB") else im.convert("RGB")).save(jpg, "JPEG", quality=quality)
        jpg.seek(0)
        c.drawImage(ImageReader(jpg), 0, 0, w, h)
        c.showPage()
    c.save()
    return buf.getvalue()
