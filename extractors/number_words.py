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
# « vingt et un », « quatre-vingt-dix », a line's end, a hyphen ending a line (« quatre-vingt- / dix »)
_SEP = r"(?:[ \t\n]+|[ \t]*-[ \t]*\n?[ \t]*|[ \t\n]+et[ \t\n]+)"
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


_UNITS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9}
_TEENS = {"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16}
_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50}
_SPOKEN_PHONE = re.compile(r"\bzero" + r"(?:(?:[ \t\n,.\-]+|[ \t\n]+et[ \t\n]+)" + _WORD + r"\b)+")


def _two_digits(tokens: list[str], i: int) -> tuple[int, int] | None:
    """The number from 0 to 99 French words say from ``tokens[i]`` as a phone's pair is read out
    (« zéro six », « quarante-deux », « dix-huit », « soixante-quinze », « quatre-vingt-onze »), and
    the index after it."""
    t = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if t == "zero":
        return (_UNITS[nxt], i + 2) if nxt in _UNITS and nxt not in ("une",) else None
    if t == "dix" and nxt in ("sept", "huit", "neuf"):
        return 10 + _UNITS[nxt], i + 2
    if t in _TEENS:
        return _TEENS[t], i + 1
    if t in _TENS:
        return (_TENS[t] + _UNITS[nxt], i + 2) if nxt in _UNITS else (_TENS[t], i + 1)
    base, j = (60, i + 1) if t == "soixante" else (80, i + 2) if t == "quatre" and nxt in ("vingt", "vingts") else (None, i)
    if base is None:
        return None
    after = tokens[j] if j < len(tokens) else ""
    if after in _UNITS:
        return base + _UNITS[after], j + 1
    if after in _TEENS or after == "dix":
        rest = _two_digits(tokens, j)
        if rest and rest[0] < 20:
            return base + rest[0], rest[1]
    return base, j


def find_phones_in_words(text: str) -> list[Match]:
    """Phone numbers read out in words, pair by pair (« zéro six quarante-deux dix-huit
    soixante-quinze trente »), as ten digits."""
    folded = fold(text)
    out = []
    for m in _SPOKEN_PHONE.finditer(folded):
        tokens = [t for t in re.split(r"[\s,.\-]+", m.group(0)) if t and t != "et"]
        digits, i = "", 0
        while i < len(tokens) and len(digits) < 10:
            pair = _two_digits(tokens, i)
            if pair is None:
                break
            digits += f"{pair[0]:02d}"
            i = pair[1]
        if len(digits) == 10 and digits[1] != "0":
            out.append(Match(digits, m.start(), m.end(), text[m.start():m.end()]))
    return out
