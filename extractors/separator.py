"""Separator sheets: an A4 page with a large QR code that splits a scanned batch into documents.

The scanning station slips one between documents; ``is_separator_page`` recognises it on a
scanned page (skewed, rotated, noisy, any resolution) and the splitter drops it.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
import qrcode
import zxingcpp
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from extractors.imaging import shrink

SEPARATOR_PAYLOAD = "AIGUILLAGE-SEPARATEUR"
SEPARATOR_TITLE = "Feuille de séparation — ne pas retirer"
_MAX_SIDE = 1400  # pixels: decoding a downscaled page is faster and as reliable for a big code


def separator_sheet_pdf() -> bytes:
    """One A4 page: title, a 120 mm QR code of the payload (drawn as vector squares), instructions."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_H, border=0)
    qr.add_data(SEPARATOR_PAYLOAD)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("Feuille de séparation aiguillage")
    width, height = A4
    c.setFont("Helvetica-Bold", 22)
    c.drawCentredString(width / 2, height - 35 * mm, SEPARATOR_TITLE)
    c.setFont("Helvetica", 12)
    c.drawCentredString(width / 2, height - 45 * mm, "Placez cette feuille entre deux documents du lot à numériser.")
    side = 120 * mm
    cell = side / len(matrix)
    x0, y0 = (width - side) / 2, (height - side) / 2 - 10 * mm
    c.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(matrix):
        for col, dark in enumerate(row):
            if dark:
                c.rect(x0 + col * cell, y0 + side - (r + 1) * cell, cell, cell, stroke=0, fill=1)
    c.setFont("Helvetica", 14)
    c.drawCentredString(width / 2, y0 - 15 * mm, SEPARATOR_PAYLOAD)
    c.setFont("Helvetica-Oblique", 10)
    c.drawCentredString(width / 2, 25 * mm, "aiguillage - PATRIMOINE - cette page n'est pas archivée")
    c.showPage()
    c.save()
    return buf.getvalue()


def _grey(image: np.ndarray) -> np.ndarray:
    img = np.asarray(image)
    if img.ndim == 3:
        img = cv2.cvtColor(img[..., :3], cv2.COLOR_RGB2GRAY)
    if img.dtype != np.uint8:
        img = np.clip(img, 0, 255).astype(np.uint8)
    scale = _MAX_SIDE / max(img.shape[:2])
    if scale < 1:
        img = shrink(img, scale)
    return np.ascontiguousarray(img)


def _has_payload(img: np.ndarray) -> bool:
    results = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)
    return any(r.text == SEPARATOR_PAYLOAD for r in results)


def may_be_separator(grey: np.ndarray, dpi: int) -> bool:
    """A cheap first look (a millisecond on a downscaled page): False when no square of the
    page is dark enough to hold the sheet's 120 mm code, about half of whose surface is ink.
    Printed text covers a fifth of its area at most; only pages that pass are decoded."""
    scale = 20 / dpi
    tiny = shrink(grey, scale) if scale < 1 else grey
    if tiny.size == 0:
        return False
    paper = float(np.percentile(tiny, 90)) or 1.0
    ink = np.clip((paper - tiny.astype(np.float32)) / paper, 0, 1)
    side = max(3, int(round(60 / 25.4 * min(dpi, 20))))  # a 60 mm window, inside the code
    if min(ink.shape) < side:
        return True
    darkness = cv2.boxFilter(ink, -1, (side, side), normalize=True, borderType=cv2.BORDER_REFLECT)
    return float(darkness.max()) >= 0.28


def is_separator_page(image: np.ndarray) -> bool:
    """True when the page carries the separator QR code (RGB or grey array, any orientation)."""
    grey = _grey(image)
    if grey.size == 0:
        return False
    if _has_payload(grey):
        return True
    # Noisy or blurred scans: smooth, then let Otsu pick the threshold.
    smooth = cv2.medianBlur(grey, 5)
    _, binary = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return _has_payload(binary)
