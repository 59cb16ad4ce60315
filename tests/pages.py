"""Small page fixtures made on the fly: a rendered French letter as a PDF or an image."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

LETTER = [
    "Madame, Monsieur,",
    "Je vous informe qu'une fuite d'eau importante s'est déclarée",
    "dans ma salle de bains depuis le 4 juin 2020.",
    "Référence locataire : 20451237",
    "Merci de faire intervenir un plombier rapidement.",
    "Veuillez agréer mes salutations distinguées.",
    "Jean Dupont",
]


def letter_pdf(lines: list[str] = LETTER, pages: int = 1) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for _ in range(pages):
        y = 780
        c.setFont("Helvetica", 12)
        for line in lines:
            c.drawString(72, y, line)
            y -= 20
        c.showPage()
    c.save()
    return buf.getvalue()


def letter_image(dpi: int = 300, lines: list[str] = LETTER) -> np.ndarray:
    from pdf2image import convert_from_bytes

    return np.asarray(convert_from_bytes(letter_pdf(lines), dpi=dpi, grayscale=True)[0].convert("L"))


def save_image(arr: np.ndarray, path: Path, dpi: int = 300, **kw) -> Path:
    Image.fromarray(arr).save(path, dpi=(dpi, dpi), **kw)
    return path


def scanned_pdf(arr_pages: list[np.ndarray], path: Path, dpi: int = 300) -> Path:
    ims = [Image.fromarray(a).convert("L") for a in arr_pages]
    ims[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=ims[1:])
    return path
