"""Sums written out in French words: « deux mille cent quatre euros et trente centimes »,
« quatre-vingt-dix euros », « mille deux cent cinquante euros » (a debt a guardian or a tenant
spells out in a letter, as on a cheque)."""

from __future__ import annotations

import re

from extractors.parsing import Match, fold

_VALUES = {"zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
           "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
           "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
_SCALES = {"cent": 100, "cents": 100, "mille": 1000, "million": 1_000_000, "millions": 1_000_000}
_WORD = r"(?:" + "|".join(sorted(list(_VALUES) + list(_SCALES), key=len, reverse=True)) + r")"
_SEP = r"(?:[ \t\n]+|[ \t]*-[ \t]*|[ \t\n]+et[ \t\n]+)"  # « vingt et un », « quatre-vingt-dix », a line's end
_NUMBER = r"\b" + _WORD + r"(?:" + _SEP + _WORD + r")*"
_SUM = re.compile(r"(?P<euros>" + _NUMBER + r")[ \t\n]+euros?\b"
                  r"(?:[ \t\n]+(?:et[ \t\n]+)?(?P<cents>" + _NUMBER + r")[ \t\n]+centimes?\b)?")


def words_value(words: str) -> int | None:
    """The number French words say (« deux mille cent quatre » -> 2104), None when they make none."""
    total, current = 0, 0
    tokens = [t for t in re.split(r"[\s\-]+", words.strip()) if t and t != "et"]
    if not tokens:
        return None
    for tok in tokens:
        if tok in ("vingt", "vingts") and current % 100 == 4:  # « quatre-vingt(s) »: 80
            current += 76
        elif tok in _VALUES:
            current += _VALUES[tok]
        elif tok in ("cent", "cents"):
            current = (current or 1) * 100
        elif tok in _SCALES:
            total += (current or 1) * _SCALES[tok]
            current = 0
        else:
            return None
    return total + current


def find_sums_in_words(text: str) -> list[Match]:
    """Every sum in euros written out in words, as an amount (« 2104.30 »)."""
    folded = fold(text)
    out = []
    for m in _SUM.finditer(folded):
        euros = words_value(m.group("euros"))
        if euros is None or (euros <= 1 and m.group("euros").strip() in ("un", "une")):
            continue  # « un euro symbolique »: no sum at stake
        cents = words_value(m.group("cents")) if m.group("cents") else 0
        if cents is None or cents > 99:
            continue
        out.append(Match(f"{euros}.{cents:02d}", m.start(), m.end(), text[m.start():m.end()]))
    return out
