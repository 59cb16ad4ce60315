"""French ways of writing amounts, dates, phones and references, and writing registers.

Every ``fmt_*`` picks one of several real-world spellings with the given ``random.Random``;
ground truth always keeps the canonical form (SPEC.md), so readers must normalise.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

CENT = Decimal("0.01")


def money(value: float | Decimal | str) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def canon_amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _group(int_part: str, sep: str) -> str:
    out = []
    while len(int_part) > 3:
        out.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    out.insert(0, int_part)
    return sep.join(out)


def fmt_amount(rng: random.Random, value: Decimal, style: int | None = None, currency: bool = True) -> str:
    """``1 234,56 €`` and its cousins."""
    neg = value < 0
    int_part, dec = f"{abs(value):.2f}".split(".")
    style = rng.randrange(6) if style is None else style
    if style == 0:
        body, cur = f"{_group(int_part, ' ')},{dec}", " €"
    elif style == 1:
        body, cur = f"{int_part},{dec}", " €"
    elif style == 2:
        body, cur = f"{_group(int_part, '.')},{dec}", " €"
    elif style == 3:
        body, cur = f"{_group(int_part, ' ')},{dec}", " EUR"
    elif style == 4:
        body, cur = f"{int_part},{dec}", "€"
    else:
        body, cur = f"{_group(int_part, ' ')},{dec}", " euros"
    text = ("-" if neg else "") + body
    return text + cur if currency else text


def fmt_date(rng: random.Random, d: date, with_year: bool = True, style: int | None = None) -> str:
    """``04/06/2020``, ``4 juin 2020``, ``04.06.20``, ``jeudi 4 juin 2020``, ``le 4 juin``..."""
    if not with_year:
        return rng.choice((f"le {d.day} {MONTHS[d.month - 1]}", f"le {d.day:02d}/{d.month:02d}",
                           f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]}"))
    style = rng.randrange(7) if style is None else style
    day = "1er" if d.day == 1 and rng.random() < 0.5 else str(d.day)
    return (
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{day} {MONTHS[d.month - 1]} {d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
        f"{WEEKDAYS[d.weekday()]} {day} {MONTHS[d.month - 1]} {d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
    )[style]


def fmt_phone(rng: random.Random, phone: str) -> str:
    """``06.12.34.56.78``, ``06 12 34 56 78``, ``+33 6 12 34 56 78``..."""
    pairs = [phone[i:i + 2] for i in range(0, 10, 2)]
    style = rng.randrange(6)
    if style == 0:
        return " ".join(pairs)
    if style == 1:
        return ".".join(pairs)
    if style == 2:
        return "+33 " + phone[1] + " " + " ".join(pairs[1:])
    if style == 3:
        return phone
    if style == 4:
        return "-".join(pairs)
    return "+33" + phone[1:]


def fmt_reference(rng: random.Random, ref: str) -> str:
    return ref if rng.random() < 0.8 else f"{ref[:4]} {ref[4:]}"


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


_KEYS = "azertyuiopqsdfghjklmwxcvbn"


def add_typos(rng: random.Random, text: str, rate: float = 0.02) -> str:
    """Drop, double, swap or mistype letters in a few words (never digits or punctuation)."""
    words = text.split(" ")
    for i, w in enumerate(words):
        if len(w) < 4 or not w.isalpha() or rng.random() >= rate * 4:
            continue
        j = rng.randrange(1, len(w) - 1)
        kind = rng.randrange(4)
        if kind == 0:
            w = w[:j] + w[j + 1:]
        elif kind == 1:
            w = w[:j] + w[j] + w[j:]
        elif kind == 2:
            w = w[:j - 1] + w[j] + w[j - 1] + w[j + 1:]
        else:
            w = w[:j] + rng.choice(_KEYS) + w[j + 1:]
        words[i] = w
    return " ".join(words)


def apply_register(rng: random.Random, text: str, register: str) -> str:
    """Transform a body paragraph: ``plain``, ``typos``, ``noaccent``, ``caps``, ``sloppy``."""
    if register == "typos":
        return add_typos(rng, text)
    if register == "noaccent":
        return strip_accents(text)
    if register == "caps":
        return text.upper()
    if register == "sloppy":
        return add_typos(rng, strip_accents(text).lower(), 0.03)
    return text
