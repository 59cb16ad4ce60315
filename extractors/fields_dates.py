"""Dates as French and English mail prints them, read with regular expressions (no dateparser:
these run on every document and are some 100 times faster for the forms that matter).

Forms: ``12/03/2020``, ``12.03.20``, ``12-03-2020``, ``2020-03-12``, ``2020/03/12``,
``12 mars 2020``, ``12 Mars 2020``, ``1er mars 2020``, ``jeudi 12 mars 2020``, ``le 12 mars``
(the reference year), ``12 March 2020``, ``12th March 2020``, ``12-Mar-2020``,
``March 12, 2020``, ``Mar 12th 2020``, ``Thursday, March 12, 2020``. A numeric date is read
day first (French), never month first: ``12/13/2020`` is a misread, not an American date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from extractors.invoice_labels_eu import MONTHS as EU_MONTHS
from extractors.parsing import Match, fix_digits, fold

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "mar": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}
ENGLISH_MONTHS = {
    "january": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4, "may": 5, "june": 6,
    "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "october": 10,
    "november": 11, "december": 12,
}
ALL_MONTHS = EU_MONTHS | MONTHS | ENGLISH_MONTHS  # German, Dutch, Spanish, Italian vendors' dates too
# OCR-damaged names are compared with the full French names and the long English ones only
# ("march" is not fuzzy: "marche" would become a month).
_FUZZY_MONTHS = [k for k in MONTHS if len(k) > 4 or k in ("mars", "mai", "juin", "aout")] + [
    k for k in ENGLISH_MONTHS if len(k) >= 6]


@lru_cache(maxsize=4096)
def month_number(word: str) -> int | None:
    """French or English month name (any case, accents or not, OCR-damaged) -> 1..12."""
    w = fold(word).strip(".").replace(" ", "")
    if w in ALL_MONTHS:
        return ALL_MONTHS[w]
    if len(w) < 4 or not w.isalpha():
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(w, _FUZZY_MONTHS, scorer=fuzz.ratio, score_cutoff=76)
    return ALL_MONTHS[best[0]] if best else None


def make_date(year: int, month: int, day: int) -> str | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_NUMERIC_DATE_RE = re.compile(
    # (not a number going on past it, « 12.05.2020.3 »; « 15/05/2020 - 30 jours » is a date and a delay)
    r"(?<![\d./-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d])(?!\s?[./]\s?\d|-\s?\d|\s-\d)")
_YMD_DATE_RE = re.compile(r"(?<![\d./-])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])(?![./-]\d)")
_ORDINAL = r"(?:st|nd|rd|th|er|eme|e)?"
_YEAR_AFTER = r"(\d{4}|\d{2}(?![\d/]))(?![\d])(?!\s?h\s?\d|\s?h\b|:\d)"
# day, month, year: "12 mars 2020", "1er mars", "12th of March, 2020", "12-Mar-2020"
_TEXT_DATE_RE = re.compile(
    r"(?<![\w])(\d{1,2}|[1li]\s?er)" + _ORDINAL + r"(?:\s*|\s?[\-/.]\s?)(?:of\s+|de\s+)?([a-z]{3,10})\.?"
    r"(?:(?:,?\s+(?:de\s+)?|\s?[\-/]\s?)" + _YEAR_AFTER + r")?")
# month, day, year: "March 12, 2020", "Mar. 12th 2020" (the year is required)
_MONTH_FIRST_RE = re.compile(
    r"(?<![\w])([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d])\s*,?\s+(\d{4})(?![\d])")


def find_dates(text: str, reference_date: dt.date | None = None) -> list[Match]:
    """Every full date in ``text`` (day, month, year), as ISO strings, in reading order.

    ``4 juin`` without a year takes the year of ``reference_date`` when one is given;
    ``juin 2020`` (no day) and impossible dates (``31/02/2020``) are not dates.
    """
    fixed = fold(fix_digits(text))
    found: list[Match] = []
    for m in _NUMERIC_DATE_RE.finditer(fixed):
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        iso = make_date(year, b, a)  # day first; "12/13/2020" is no date (an OCR misread, not US)
        if iso:
            found.append(Match(iso, m.start(), m.end(), text[m.start():m.end()]))
    for m in _YMD_DATE_RE.finditer(fixed):
        iso = make_date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if iso:
            found.append(Match(iso, m.start(), m.end(), text[m.start():m.end()]))
    for m in _MONTH_FIRST_RE.finditer(fixed):
        word = m.group(1)
        month = ALL_MONTHS.get(word) or (month_number(word) if len(word) >= 6 else None)
        iso = make_date(int(m.group(3)), month, int(m.group(2))) if month else None
        if iso:
            found.append(Match(iso, m.start(), m.end(), text[m.start():m.end()]))
    for m in _TEXT_DATE_RE.finditer(fixed):
        month = month_number(m.group(2))
        if month is None:
            continue
        day_txt = m.group(1).replace(" ", "")
        day = 1 if day_txt.endswith("er") else int(day_txt)
        end = m.end()
        if m.group(3):
            year = int(m.group(3))
        elif reference_date is not None:
            year = reference_date.year
            end = m.end(2) + (1 if fixed[m.end(2):m.end(2) + 1] == "." else 0)
        else:
            continue
        iso = make_date(year, month, day)
        if iso:
            found.append(Match(iso, m.start(), end, text[m.start():end]))
    # one date per place: the longest reading wins ("12 mars 2020" over "12 mars")
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Match] = []
    for d in found:
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out


def parse_date(raw: str, reference_date: dt.date | None = None) -> str | None:
    """One date in any usual French or English form -> ``YYYY-MM-DD``; None when not a full, real date."""
    if not raw:
        return None
    found = find_dates(raw, reference_date)
    return found[0].value if found else None
