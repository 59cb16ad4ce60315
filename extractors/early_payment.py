"""The early-payment discount (escompte) an invoice prints, read from its text. Pure.

    « escompte de 2 % pour paiement sous 10 jours »           {"percent": "2.00", "within_days": 10}
    « escompte 1,5 % si règlement avant le 15/03/2020 »       {"percent": "1.50", "until": "2020-03-15"}
    « 3 % d'escompte pour règlement sous huitaine »           {"percent": "3.00", "within_days": 8}
    « Escompte pour paiement anticipé : 2 % »                 {"percent": "2.00"}
    « Pas d'escompte pour paiement anticipé »                 None (no discount)

Each mention of « escompte » is read within its sentence; a rate of 0 %, or a mention denied
(« pas d' », « aucun », « sans », « néant »), is no discount. The first discount offered wins.
It is noted for accounts payable (record and work item), never a field: SPEC's list is fixed.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from extractors.parsing import find_dates, fold

_MENTION = re.compile(r"escompte")
_SENTENCE_END = re.compile(r"\.(?=\s|$)|\n\s*\n|\f")
_DENIED_BEFORE = re.compile(r"(?:pas|aucun|aucune|sans|ni)\s*(?:d'|d\s|de\s)?\s*(?:taux\s+d'\s*)?$")
_DENIED_AFTER = re.compile(r"^[^%\d]{0,40}?(?::|-)\s*(?:neant|aucun|non\b|nul\b|sans\b)"
                           r"|^\s+(?:non\s+(?:pratique|accorde|applicable))")
_RATE = r"(\d{1,2}(?:[.,]\d{1,2})?)\s?%"
_RATE_AFTER = re.compile(_RATE)
_RATE_BEFORE = re.compile(_RATE + r"\s*(?:d'|de\s)?\s*$")
_DAYS = re.compile(r"(?:sous|dans\s+les|dans\s+un\s+delai\s+de|a|en|de|sur)\s+(\d{1,3})\s*(?:jours|j\b)")
_NAMED_DAYS = {"huitaine": 8, "quinzaine": 15}
_NAMED = re.compile(r"sous\s+(huitaine|quinzaine)")


def early_payment_discount(text: str, reference_date: date | None = None) -> dict | None:
    """The discount the text offers for early payment, or None (none printed, or denied)."""
    if not text or "scompte" not in text.lower():
        return None
    folded = fold(text)
    for m in _MENTION.finditer(folded):
        start = max(_last_end(folded, m.start()), folded.rfind("\n", 0, m.start()) + 1, m.start() - 80)
        end = _next_end(folded, m.end(), m.end() + 160)
        before, after = folded[start:m.start()], folded[m.end():end]
        if _DENIED_BEFORE.search(before) or _DENIED_AFTER.search(after):
            continue
        rate = _RATE_AFTER.search(after) or _RATE_BEFORE.search(before)
        percent = _percent(rate.group(1)) if rate else None
        if percent is None:
            continue
        found: dict = {"percent": percent}
        days = _DAYS.search(after)
        named = _NAMED.search(after)
        if days and 0 < int(days.group(1)) <= 365:
            found["within_days"] = int(days.group(1))
        elif named:
            found["within_days"] = _NAMED_DAYS[named.group(1)]
        else:
            until = _limit_date(text, folded, m.end(), end, reference_date) or \
                _limit_date(text, folded, start, m.start(), reference_date)
            if until:
                found["until"] = until
        return found
    return None


_UNTIL = re.compile(r"(?:avant\s+le|avant|jusqu'\s*au|jusqu'\s*a|au\s+plus\s+tard\s+le|d'ici\s+au|d'ici\s+le)\s*$")


def _limit_date(text: str, folded: str, start: int, end: int, reference_date: date | None) -> str | None:
    """The first date between ``start`` and ``end`` that a limit introduces (« avant le »,
    « jusqu'au », « au plus tard le »): not a due date or an invoice date printed nearby."""
    for d in find_dates(text[start:end], reference_date):
        if _UNTIL.search(folded[max(start, start + d.start - 30):start + d.start]):
            return d.value
    return None


def _last_end(folded: str, pos: int) -> int:
    ends = [e.end() for e in _SENTENCE_END.finditer(folded, max(0, pos - 200), pos)]
    return ends[-1] if ends else 0


def _next_end(folded: str, pos: int, limit: int) -> int:
    m = _SENTENCE_END.search(folded, pos, min(limit, len(folded)))
    return m.start() if m else min(limit, len(folded))


def _percent(raw: str) -> str | None:
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None
    return f"{value:.2f}" if 0 < value < 100 else None
