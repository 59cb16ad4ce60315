"""A page's words as a person reads a form: rows, label words and the values printed beside
them. What extractors/layout_memory.py places fields with.

``read_value(kind, words)`` gives the canonical value some words print for a field of a kind
(an amount, a date, a SIRET, VAT number or IBAN with its check, a reference as printed), however
they print it: "1 234,50 €" is 1234.50, "15 janvier 2020" is 2020-01-15. ``label_token`` tells
a label word from a figure, a sign or what OCR makes of a dotted leader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from extractors import validators
from extractors.rows import word_rows
from extractors.parsing import find_dates, fix_digits, fold, parse_amount
from extractors.types import PageText, Word

KINDS = {"invoice_number": "reference", "order_reference": "reference", "invoice_date": "date",
         "due_date": "date", "total_excl_tax": "amount", "total_tax": "amount", "total_incl_tax": "amount",
         "supplier_siret": "siret", "supplier_vat": "vat", "iban": "iban"}
MAX_WORDS = {"reference": 3, "date": 4, "amount": 5, "siret": 5, "vat": 5, "iban": 10}
MIN_LABEL_CONFIDENCE = 65.0  # OCR's word confidence: below, what it read of dotted leaders
# What a supplier's template calls the document: the same place on its invoices, credit notes, quotes.
TITLE_WORDS = {"facture", "avoir", "devis", "proposition", "note", "invoice", "quote", "estimate", "memoire",
               "decompte", "situation"}


@dataclass
class Page:
    number: int
    rows: list[list[Word]]
    width: float
    height: float


def page_geometry(pages: list[PageText]) -> list[Page]:
    out = []
    for p in pages:
        words = [w for w in p.words if w.text.strip()]
        if not words:
            continue
        width = p.width or max(w.left + w.width for w in words)
        height = p.height or max(w.top + w.height for w in words)
        out.append(Page(p.number, word_rows(words), float(max(width, 1)), float(max(height, 1))))
    return out


def pages_from_json(text_json: dict) -> list[PageText]:
    """The pages of a document's ``text.json`` (flows/deliver.write_text_json) with their words."""
    pages = []
    for p in text_json.get("pages") or []:
        words = []
        for w in p.get("words") or []:
            try:
                words.append(Word(str(w["text"]), int(w["left"]), int(w["top"]), int(w["width"]), int(w["height"]),
                                  float(w.get("confidence", 100.0)), int(w.get("line", 0))))
            except (KeyError, TypeError, ValueError):
                continue  # a damaged word: the others still place the fields
        pages.append(PageText(int(p.get("number") or len(pages) + 1), str(p.get("text") or ""), words,
                              width=int(p.get("width") or 0), height=int(p.get("height") or 0)))
    return pages


def label_token(word: Word) -> str | None:
    """The word as a label: folded letters (``"N°"`` -> ``"n"``); None for figures, signs and
    what OCR makes of dotted leaders (``"........a"``, or ``"ho"`` read unsure)."""
    if word.confidence < MIN_LABEL_CONFIDENCE:
        return None
    core = fold(word.text).strip(" .:;,()°*-_/'")
    t = re.sub(r"[^a-z0-9]", "", core)
    if not t or any(c.isdigit() for c in t) or len(t) < 0.6 * len(core):
        return None
    return t


def same_token(a: str, b: str, any_title: bool = False) -> bool:
    """The same label word, give or take one letter misread; with ``any_title``, one title word
    for another ("Devis N°" where the invoice said "Facture N°")."""
    return (a == b or (min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) <= 1)
            or (any_title and a in TITLE_WORDS and b in TITLE_WORDS))


def read_value(kind: str, words: list[Word]) -> str | None:
    """The canonical value these words print for a field of ``kind``, or None."""
    text = " ".join(w.text for w in words).strip()
    if kind == "amount":
        core = text.strip(" :")
        if not re.search(r"\d[,.]\d{1,2}(?!\d)|€|(?i:eur)", core):
            return None  # "10" of "TVA 10 %" is no amount
        return parse_amount(core)
    if kind == "date":
        core = text.strip(" .,;:()")
        found = find_dates(core)
        return found[0].value if len(found) == 1 and found[0].start == 0 and found[0].end >= len(core) else None
    if kind in ("siret", "vat", "iban"):
        ident = validators.normalise_identifier(fix_digits(text) if kind == "siret" else text)
        check = {"siret": validators.is_valid_siret, "vat": validators.is_valid_vat,
                 "iban": validators.is_valid_iban}[kind]
        return ident if check(ident) else None
    core = text.strip(" :.,;#()")
    if (not core or len(core) > 40 or not any(c.isdigit() for c in core)
            or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9\-/_. ]*[A-Za-z0-9]|\d", core) or find_dates(core)):
        return None
    return core


def same_value(kind: str, printed: str, truth: str) -> tuple[bool, bool]:
    """(the printed value is the validated one, its sign was left out: a credit printed positive)."""
    if kind == "amount":
        try:
            a, b = float(printed), float(truth)
        except ValueError:
            return False, False
        return abs(abs(a) - abs(b)) < 0.005, b < 0 <= a and b != 0
    if kind == "reference":
        return validators.normalise_identifier(printed) == validators.normalise_identifier(truth), False
    return printed == truth, False


def rel(box: tuple[float, float, float, float], page: Page) -> list[float]:
    return [round(box[0] / page.width, 4), round(box[1] / page.height, 4),
            round(box[2] / page.width, 4), round(box[3] / page.height, 4)]


def box(words: list[Word]) -> tuple[float, float, float, float]:
    return (min(w.left for w in words), min(w.top for w in words),
            max(w.left + w.width for w in words), max(w.top + w.height for w in words))
