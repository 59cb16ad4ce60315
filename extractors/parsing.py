"""Read French amounts, dates and identifiers out of (possibly noisy) OCR text.

Every ``parse_*`` takes one raw value and returns its SPEC.md form (amount ``"1234.56"``,
date ``"2020-06-04"``, phone ``"0612345678"``, identifiers without spaces) or None. Every
``find_*`` scans a whole text and returns ``Match`` objects with their offsets, so callers can
relate a value to the label printed before it.

Offsets are kept stable: :func:`clean` and :func:`fold` return strings of the same length as
their input, so a position found in the folded text is the same position in the original.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from extractors import validators

_SPACES = "\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a\t"
_DASHES = "\u2212\u2013\u2014\u2010\u2011"
_TRANSLATE = {ord(c): " " for c in _SPACES} | {ord(c): "-" for c in _DASHES} | {
    ord("\u2019"): "'", ord("\u2018"): "'", ord("\u00ba"): "°"}

# Letters OCR engines print for digits, when the token around them is clearly numeric.
OCR_DIGITS = {"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1", "i": "1",
               "!": "1", "S": "5", "B": "8", "Z": "2"}
# handwriting read as print: digits taken for the letters or signs their strokes resemble (a 4 open at
# the top read as Y or U, a 1's stroke as a bracket); used only inside a run shaped as a number
HAND_DIGITS = str.maketrans({**OCR_DIGITS, "G": "6", "U": "4", "u": "4", "Y": "4", "s": "5", "z": "2", ")": "1", "]": "1"})
_NUMERIC_PUNCT = set(",.:/-+'")


@dataclass(frozen=True)
class Match:
    """A value found in a text: its normalised form and where it was printed."""

    value: str
    start: int
    end: int
    raw: str = ""


def clean(text: str) -> str:
    """Unify exotic spaces, dashes and apostrophes; same length as ``text``."""
    return text.translate(_TRANSLATE)


# letters with a stroke, which Unicode does not decompose (« Paweł », « Đorđe », « Yıldız »)
_STROKED = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ø": "o", "Ø": "O", "ħ": "h"}


@lru_cache(maxsize=64)  # a document's text is folded by several readers: once is enough
def fold(text: str) -> str:
    """Lower-case, accent-free copy of ``text`` with the same length (for label search)."""
    out = []
    for ch in clean(text):
        ch = _STROKED.get(ch, ch)
        base = unicodedata.normalize("NFD", ch)[0] if ord(ch) > 127 else ch
        if len(base.lower()) != 1:
            base = ch
        out.append(base.lower() if len(base.lower()) == 1 else base)
    return "".join(out)


def _fix_token(token: str) -> str:
    core = [c for c in token if c not in _NUMERIC_PUNCT and c not in "€%"]
    digits = sum(c.isdigit() for c in core)
    if not digits:
        if re.fullmatch(r"[0-9OoIl|]{1,3}[,.][0-9Oo]{2}€?", token):  # "lOO,OO"
            return "".join(OCR_DIGITS.get(c, c) for c in token)
        return token
    confusable = sum(c in OCR_DIGITS for c in core)
    others = len(core) - digits - confusable
    # "2O2O" or "l5/O6" yes; "FR76" or "F2020" (other letters) no; never mostly letters.
    if confusable == 0 or others or (confusable > digits and digits < 2):
        return token
    return "".join(OCR_DIGITS.get(c, c) for c in token)


@lru_cache(maxsize=64)
def fix_digits(text: str) -> str:
    """Undo OCR letter/digit confusions inside numeric tokens; same length as ``text``."""
    text = clean(text)
    # each piece between dashes and slashes on its own: the « B » of « B-31-2018-0662 » stays a letter
    text = re.sub(r"[^\s\-/]+", lambda m: _fix_token(m.group(0)), text)
    # a lone "l" or "O" before a group of three digits: "l 204,50" is "1 204,50"
    return re.sub(r"(?<![\w'])[lIO|](?= \d{3}(?:[ ,.]\d|\b))", lambda m: OCR_DIGITS[m.group(0)], text)


# --------------------------------------------------------------------------- amounts

# English "1,234.50" first (a comma then three digits then a dot: never French), then French
_NUM = r"\d{1,3}(?:,\d{3})+\.\d{2}|\d{1,3}(?:[ .']\d{3})+(?:[,.]\d{1,2})?|\d+(?:[,.]\d{1,2})?"
_AMOUNT_RE = re.compile(
    r"(?<![\w,])(?<!\d\.)(?<![^.]\.)(?P<sign>[-+]\s?)?(?P<cur1>(?:€|\beur\b)\s?)?(?P<sign2>-\s?)?(?P<num>" + _NUM + r")(?![\d])"
    r"(?P<cur2>\s?(?:€|eur(?:os?)?\b|euros?\b))?(?P<cr>\s?(?:cr\b|c\.r\.))?(?!\s?%)(?![.,]?\d)",
    re.IGNORECASE)


def _number_to_str(num: str) -> str | None:
    num = num.replace(" ", "").replace("'", "")
    m = re.fullmatch(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:[,.](\d{1,2}))?", num)
    if not m:
        # "1.234" with a dot as thousands separator but no decimals, or "1,234.56" (English)
        m2 = re.fullmatch(r"(\d{1,3}(?:,\d{3})+)\.(\d{2})", num)
        if not m2:
            return None
        return f"{m2.group(1).replace(',', '')}.{m2.group(2)}"
    whole = m.group(1).replace(".", "")
    dec = (m.group(2) or "").ljust(2, "0")
    return f"{int(whole)}.{dec}"


def parse_amount(raw: str) -> str | None:
    """``"1 234,56 €"`` -> ``"1234.56"``; ``"45,00 CR"`` or ``"-45,00"`` -> ``"-45.00"``."""
    if raw is None:
        return None
    text = fix_digits(raw).strip()
    negative = False
    m = re.fullmatch(r"\((.*)\)", text)
    if m:  # accounting style (45,00)
        text, negative = m.group(1).strip(), True
    text = re.sub(r"(?i)\s*(?:€|eur(?:os?)?|euros?)\s*$", "", text)
    text = re.sub(r"(?i)^\s*(?:€|eur)\s*", "", text)
    m = re.fullmatch(r"(?i)(.*?)\s*(?:cr|c\.r\.|\(avoir\)|avoir)$", text)
    if m and m.group(1):
        text, negative = m.group(1), True
    m = re.fullmatch(r"([-+])\s*(.*)", text)
    if m:
        negative = negative or m.group(1) == "-"
        text = m.group(2)
    text = re.sub(r"(?i)\s*(?:€|eur(?:os?)?)\s*$", "", text)
    value = _number_to_str(text)
    if value is None:
        return None
    if negative and float(value) != 0:
        value = "-" + value
    return value


# "3006, 69€", "6 000, 00" at the end of a line: OCR put a space after the decimal comma
# (or before the next amount of a row: « 434,18 86, 84 521,02 EUR »)
_SPACE_BEFORE_CENTS = re.compile(r"(\d) ,(\d{2})(-?)(?![\d,])")
_SPACED_CENTS = re.compile(r"(\d),[ ](\d{2})(?=[ ]?(?:€|EUR|eur|euros?)\b|€|[ \t]*$|[ ]\d{1,3},\d{2}\b)", re.M)


def find_amounts(text: str, need_currency: bool = False) -> list[Match]:
    """Every amount in ``text``; numbers without decimals count only with a currency sign.

    Percentages (``20 %``) are skipped. With ``need_currency`` only amounts written with
    ``€``/``EUR``/``euros`` are returned.
    """
    # "3006, 69€": OCR put a space after the decimal comma (moved after the cents: same length)
    fixed = _SPACED_CENTS.sub(r"\1,\2 ", fix_digits(text))
    # « 303 ,50- »: a space before the decimal comma (moved after the cents and their sign: same length)
    fixed = _SPACE_BEFORE_CENTS.sub(r"\1,\2\3 ", fixed)
    out = []
    for m in _AMOUNT_RE.finditer(fixed):
        has_cur = bool(m.group("cur1") or m.group("cur2"))
        has_dec = bool(re.search(r"[,.]\d{2}$", m.group("num")))
        if need_currency and not has_cur:
            continue
        if not has_dec and not has_cur:
            continue
        value = _number_to_str(m.group("num"))
        if value is None:
            continue
        # "(1 234,50)": accounting style, a credit
        paren = fixed[m.start() - 1:m.start()] == "(" and fixed[m.end():m.end() + 1] == ")"
        if (m.group("sign") or "").strip() == "-" or m.group("sign2") or m.group("cr") or paren:
            value = "-" + value if float(value) else value
        out.append(Match(value, m.start(), m.end(), text[m.start():m.end()]))
    return out


# --------------------------------------------------------------------------- dates
# French and English dates live in extractors/fields_dates.py (imported lazily: it uses this
# module's fold and fix_digits).

def find_dates(text: str, reference_date: dt.date | None = None) -> list[Match]:
    """Every full date in ``text`` as ISO strings, in reading order (see fields_dates)."""
    from extractors.fields_dates import find_dates as _find_dates

    return _find_dates(text, reference_date)


def parse_date(raw: str, reference_date: dt.date | None = None) -> str | None:
    """One French or English date in any usual form -> ``YYYY-MM-DD``; None when not a full, real date."""
    from extractors.fields_dates import parse_date as _parse_date

    return _parse_date(raw, reference_date)


def month_number(word: str) -> int | None:
    from extractors.fields_dates import month_number as _month_number

    return _month_number(word)


# a reception stamp's line, on folded text (« REÇU LE 14 JAN. 2021 », « COURRIER ARRIVÉE »)
RECEIVED_STAMP = re.compile(r"^\s*(?:recue?\s+le\b|courrier\s+(?:arrivee?|recue?)|arrivee?\s+le\b)")


# --------------------------------------------------------------------------- phones

# a French phone as printed: « 06 12 34 56 78 », « 06.12.34.56.78 », « +33 (0)6 12… », « 0033 6… »
PHONE = r"(?:(?:\+|00)\s?33\s?\)?\s?(?:\(0\)\s?)?[1-9]|0[1-9])(?:(?: ?[.\-/,] ?| )?\d{2}){4}"
_PHONE_RE = re.compile(r"(?<![\d+])" + PHONE + r"(?![\d])(?!,\d)")


def parse_phone(raw: str) -> str | None:
    """``06.12.34.56.78``, ``+33 6 12 34 56 78``, ``0033 6...`` -> ``0612345678``."""
    if not raw:
        return None
    text = fix_digits(raw).replace("(0)", "")
    return validators.normalise_phone(text)


_DATE_START = re.compile(r"(?:0[1-9]|[12]\d|3[01])([/.\-])(?:0[1-9]|1[0-2])\1(?:19|20)\d{2}(?!\d)")


# ten digits in two groups of four, or a group of three: a reference (« 0150 3376 01 »); phones
# are printed whole or by pairs, two of which the OCR may join (« 07 8462 03 11 »)
_NOT_BY_PAIRS = re.compile(r"^0\d{3}[ .\-/]\d{4}|\d[ .\-/]\d{3}[ .\-/]")


# the dots between pairs read as colons by the OCR (« Tel : 05:63:59:21:40 »): all four alike, no time
# (or one of its spaces read as a colon: « 06 58 23 09:76 »)
_COLON_PHONE_RE = re.compile(r"(?<![\d:])0[1-9](?::\d{2}){4}(?![\d:])|"
                             r"(?<![\d:])0[1-9](?= (?:\d{2}[ :]){3}\d{2}(?![\d:]))(?:[ ]\d{2}){0,3}:\d{2}(?:[ ]\d{2}){0,3}(?![\d:])")


# the overseas departments dial their own country codes (« +262 692 41 08 77 » in La Réunion,
# « +590 », « +594 », « +596 », « +269 »): the national number is 0 and the nine digits after it
_OVERSEAS_PHONE_RE = re.compile(r"(?<![\d+])(?:\+|00)\s?(?:262|269|590|594|596)\s?(?:\(0\)\s?)?"
                                r"([1-9]\d{2})[ .\-]?(\d{2})[ .\-]?(\d{2})[ .\-]?(\d{2})(?![\d])")


def find_phones(text: str) -> list[Match]:
    fixed = fix_digits(text)
    out = [Match("0" + "".join(m.groups()), m.start(), m.end(), text[m.start():m.end()])
           for m in _OVERSEAS_PHONE_RE.finditer(fixed)]
    for m in sorted([*_PHONE_RE.finditer(fixed), *_COLON_PHONE_RE.finditer(fixed)], key=lambda m: m.start()):
        if _DATE_START.match(m.group(0)):
            continue  # "07/04/2021 11:05": a date and a time, not a phone number
        if _NOT_BY_PAIRS.search(m.group(0)):
            continue  # « 0150 3376 01 », « 0177-2309-02 »: a contract number, not a phone by pairs
        value = parse_phone(m.group(0))
        if value:
            out.append(Match(value, m.start(), m.end(), text[m.start():m.end()]))
    return sorted(out, key=lambda m: m.start)


# --------------------------------------------------------------------------- identifiers

def digits_only(raw: str) -> str:
    return re.sub(r"[\s.\-]", "", fix_digits(raw))


def parse_siret(raw: str) -> str | None:
    """14 digits (spaces, dots allowed in the print) -> digits; no check of the key here."""
    d = digits_only(raw or "")
    return d if re.fullmatch(r"\d{14}", d) else None


def parse_siren(raw: str) -> str | None:
    d = digits_only(raw or "")
    return d if re.fullmatch(r"\d{9}", d) else None


_DIGIT_RUN_RE = re.compile(r"(?<![\w])\d(?:[ .]?\d){8,16}(?![\w])")


def find_digit_runs(text: str, lengths: tuple[int, ...]) -> list[Match]:
    """Digit groups (spaces or dots inside allowed) whose digit count is in ``lengths``."""
    fixed = fix_digits(text)
    out = []
    for m in _DIGIT_RUN_RE.finditer(fixed):
        d = re.sub(r"\D", "", m.group(0))
        if len(d) in lengths:
            out.append(Match(d, m.start(), m.end(), text[m.start():m.end()]))
    return out


# --------------------------------------------------------------------------- accents

def _bare(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).lower()


def restore_accents(name: str, text: str) -> str:
    """``Eric Cabanes`` -> ``Éric Cabanes`` when the text also prints ``ÉRIC`` or ``Éric`` (a name, a
    company's: ``Elévation`` -> ``Élévation``): OCR
    (and some keyboards) drop accents far more often than they add them, so among the spellings
    of a word that differ only by accents the accented one (capitalised, as names are) is the name."""
    words: dict[str, Counter] = {}
    for w in re.findall(r"[^\W\d_]+", text):
        if not w.isascii() and w[0].isupper():  # a name is capitalised: « marié » is not « Marie »
            words.setdefault(_bare(w), Counter())[w.lower()] += 1

    def accents(w: str) -> int:
        return sum(not c.isascii() for c in w)

    def fixed(part: str) -> str:
        found = words.get(_bare(part))
        if not found:
            return part
        best = max(found.items(), key=lambda kv: (accents(kv[0]), kv[1]))[0]
        if accents(best) <= accents(part):
            return part
        return best.upper() if part.isupper() else (best[:1].upper() + best[1:] if part[:1].isupper() else best)

    return _SLAVIC_END.sub("ić", re.sub(r"[^\W\d_]+", lambda m: fixed(m.group(0)), name))


# the South Slavic « -ović », « -ević », whose « ć » Tesseract's French model reads as « é »: no
# French name ends so (« -lié » does: « Soulié »)
_SLAVIC_END = re.compile(r"(?<=[oeOE][vV])ié\b")
