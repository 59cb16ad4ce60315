"""Text normalisation shared by training and prediction, so both see the same tokens."""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")


def normalise(text: str, max_chars: int = 6000) -> str:
    """Lower case, accents folded, digit runs collapsed: robust to OCR and to writers."""
    text = unicodedata.normalize("NFKD", text[:max_chars])
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _DIGITS.sub("0", text)
    return _SPACES.sub(" ", text)
