"""Phones printed otherwise than the pairs ``extractors.parsing.find_phones`` reads: handwriting
whose OCR read a digit or two as letters, and labelled numbers grouped in threes."""

from __future__ import annotations

import re

from extractors.parsing import HAND_DIGITS, Match, parse_phone

# handwriting read as print: a phone's digits taken for letters their strokes resemble (« 07 US 60 33 18 »,
# « 06 14°77 29 03 » with a speck, « 06°95 27 40 II », « 06 95 30 7) 12 »); only inside a run shaped as a phone
# (its leading 0 read as a degree sign: « Tél : °5 61 47 23 90 »)
_HAND_PHONE = re.compile(r"(?<![\w+°])(?:[0O]|°(?=[1-9]))(?:°?[ .\-]?°?[0-9OoDQIl|iSsBZzGUY)\]]){9}(?![\w°])")
MISREAD_DIGITS_MAX = 2  # of a phone's ten: more, and the number is a guess


def find_phones_misread(text: str) -> list[Match]:
    """Phones in handwriting whose OCR read up to two digits as letters or left a speck among them,
    when ``find_phones`` found none there."""
    out = []
    for m in _HAND_PHONE.finditer(text):
        run = re.sub(r"^°", "0", m.group(0))  # its leading 0 read as a degree sign
        symbols = [c for c in run if c not in "° .-"]
        # (its first, a 0 or an O by the pattern, is no guess: every French phone begins with 0)
        misread = sum(not c.isdigit() for c in symbols[1:])
        if "°" not in m.group(0) and not misread or misread > MISREAD_DIGITS_MAX:
            continue
        if symbols[-1] in ")]":
            continue  # a bracket closing a number of nine digits, no tenth digit of its own
        if not _by_pairs(run):
            continue  # « 0412-77851-B »: a contract's groups, not a phone's pairs
        value = parse_phone("".join(symbols).translate(HAND_DIGITS))
        if value:
            out.append(Match(value, m.start(), m.end(), m.group(0)))
    return out


def _by_pairs(run: str) -> bool:
    """Its gaps (spaces, dots, dashes, specks) fall between pairs of digits, as a phone's do."""
    count, gaps = 0, set()
    for c in run:
        if c in "° .-":
            gaps.add(count)
        else:
            count += 1
    return gaps <= {2, 4, 6, 8}


# a phone grouped otherwise than by pairs (« 06 12 345 678 », « 0612 345 678 »), after its label
_GROUPED_PHONE = re.compile(r"(?i)(?:\bt[ée]l(?:[ée]phone)?\.?|\bportable|\bmobile|\bgsm)\s*:?\s*"
                            r"(0[1-9](?:[ .]\d{2}[ .]\d{3}[ .]\d{3}|\d{2}[ .]\d{3}[ .]\d{3}))(?![\d])")


def find_phones_grouped(text: str) -> list[Match]:
    """Labelled phones printed in groups of three (which ``find_phones``, reading pairs, misses)."""
    out = []
    for m in _GROUPED_PHONE.finditer(text):
        value = parse_phone(re.sub(r"[ .]", "", m.group(1)))
        if value:
            out.append(Match(value, m.start(1), m.end(1), m.group(1)))
    return out
