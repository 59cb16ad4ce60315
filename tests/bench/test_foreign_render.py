"""The written sets' renderer (bench/foreign_set.py): a hand writes every letter of the text."""

from __future__ import annotations

import random
import unicodedata

import pytest

from bench import foreign_set

HANDS = [base / rel for rel in foreign_set.FONTS["handwriting"] for base in foreign_set.FONT_DIRS if (base / rel).is_file()]
TEXT = "J'ÉCRIS POUR MA MÈRE, sœur âgée, garçon, 45 € à régler"


def _plain(text: str) -> str:
    text = text.replace("œ", "oe")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@pytest.mark.skipif(not HANDS, reason="handwriting fonts: make bench-setup")
@pytest.mark.parametrize("path", HANDS, ids=lambda p: p.stem)
def test_every_hand_writes_every_letter_at_worst_without_its_accent(path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "F-" + path.stem
    pdfmetrics.registerFont(TTFont(name, str(path)))
    glyphs = pdfmetrics.getFont(name).face.charToGlyph
    runs = foreign_set._runs(TEXT, name)
    written = "".join(text for text, _ in runs)
    assert _plain(written) == _plain(TEXT)
    for text, font in runs:  # nothing drawn in a font that lacks it
        assert all(ord(c) in pdfmetrics.getFont(font).face.charToGlyph for c in text if not c.isspace())
    if all(ord(c) in glyphs for c in "ÉÈé"):
        assert "MÈRE" in written  # a hand that has the accents keeps them


def test_a_handwritten_page_renders():
    doc = {"pages": ["Madame,\n>>Toulouse, le 3 mai 2020\nJe vous écris pour ma mère. 45 €"], "style": {"font": "handwriting"}}
    assert foreign_set.render_pdf(doc, random.Random(1)).startswith(b"%PDF")
