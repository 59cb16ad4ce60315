"""The OCR's slips in a letter's or a form's text, mended before its fields are read."""

from __future__ import annotations

import re

# a form's dot leaders the OCR read partly as small round letters (« NOM ....cceeeeeeeees CARVALHO »,
# « Montant ..........ceeeeseseseseeeeeees 398,00 € », « cece cee eeee eee es »). Runs are parted by
# one space each, never by nothing: « (?:[ce]{2,} ?)+ » could cut a run of n letters 2^n ways,
# and a run the lookahead then refused (« …ceeeeneseeenees » ending a line) hung the reading.
_LEADER_MISREAD = re.compile(r"(?<=\.\.)[ \t]*[aceosun]{2,}(?:[ \t][aceosun]{2,})*(?=[ \t]*[A-ZÀ-Ý0-9+(])")


def _as_dots(m: re.Match) -> str:
    return "." * len(m.group(0).rstrip()) + " "


# a capital I the OCR read as « ! » at the end or inside a word in capitals (« Monsieur ZERROUK! Rachid »)
_OCR_BANG = re.compile(r"(?<=[A-ZÀ-Ý]{2})!(?=[A-ZÀ-Ý]|[ \t]+[A-ZÀ-Ý][a-zà-ÿ]|[ \t]*\n)")


# the title « M. » read « M- » before a surname in capitals (« Allocataire : M-QUERE GWENDAL »)
_TITLE_DASH = re.compile(r"(?<=[:\s])M-(?=[A-ZÀ-Ý]{2,}[ \t]+[A-ZÀ-Ý])")


def mend_slips(text: str) -> str:
    """A capital I read « ! » inside a name in capitals; a form's dot leaders read as letters;
    the title « M. » read « M- »."""
    return _TITLE_DASH.sub("M. ", _OCR_BANG.sub("I", _LEADER_MISREAD.sub(_as_dots, text)))
