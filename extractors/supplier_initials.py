"""A supplier's initials and the words they stand for (« CPM » for « Chaleur Pyrénées
Maintenance », « SIEVH » for « Syndicat Intercommunal des Eaux de la Vallée de l'Hers »)."""

from __future__ import annotations

import re

from extractors.name_case import SMALL_WORDS
from extractors.parsing import fold


def spelt_out(short: str, full: str, text: str) -> bool:
    """Whether ``full`` ends with the words of ``short``, or ``short`` is its initials and the
    letterhead does not print it too (« S.E.M.T. » over « Société d'Electricité Midi-Toulousain »)."""
    a, b = words_of(short), words_of(full)
    if not a or len(b) <= len(a):
        return False
    if b[-len(a):] == a:  # trades before the name: « PLOMBERIE CHAUFFAGE MARTY & FILS »
        return True
    if not (len(a) == 1 and len(a[0]) >= 2 and short.isupper() and a[0] in (initials_of(b), "".join(w[0] for w in b))):
        return False
    top = [re.sub(r"[^a-z0-9]", "", w) for w in fold(" ".join(text.splitlines()[:8])).split()]
    return a[0] not in top


def words_of(s: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", fold(s)) if w]


def abbreviates(short: str, words: list[str]) -> bool:
    """« CPM » for « Chaleur Pyrénées Maintenance », « LAB » for « Les Ateliers du Bois »: the
    words' initials in order, every word but the small ones giving its own."""
    initials = "".join(w[0] for w in words)
    it = iter(initials)
    return (len(short) >= max(2, len(initials_of(words))) and short[:1] == initials[:1]
            and all(ch in it for ch in short))


def initials_of(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in SMALL_WORDS)
