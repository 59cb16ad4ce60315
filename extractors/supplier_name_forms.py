"""The letterhead's name over the legal mention's, when the two print the same firm differently:
with its own punctuation, or a sole trader's trade name beside their own legal name."""

from __future__ import annotations

import re

from extractors.parsing import fold
from extractors.person_names import known_first
from extractors.supplier_initials import words_of


def punctuated(legal: str, head: str) -> bool:
    """The letterhead prints the footer's words with the name's own punctuation (« AMARA,
    ROUQUETTE & DELPECH-VIDAL » over the footer's « AMARA ROUQUETTE DELPECH-VIDAL »)."""
    return "&" in head and "&" not in legal and words_of(head) == words_of(legal)


def trade_name_of(legal: str, head: str) -> bool:
    """A sole trader's legal name is their own (« EI BOUZID Nassim »); the letterhead's trade name
    holding their surname (« SERRURERIE BOUZID ») is the name they trade and are filed under."""
    words = legal.split()
    if not 2 <= len(words) <= 3 or not any(known_first(w) for w in words):
        return False
    surnames = {fold(w) for w in words if not known_first(w) and len(w) >= 3}
    head_words = set(words_of(head))
    return bool(surnames & head_words) and bool(head_words - set(words_of(legal)))  # a trade word beside the surname


def named_beside(legal: str, head: str, text: str) -> bool:
    """A sole trader's legal mention gives their own name and, beside it, the trade name their
    letterhead prints (« EI Gilles Rouzaud - ElagAriege - SIRET … » under « ELAGARIEGE »)."""
    words = legal.split()
    if not 2 <= len(words) <= 3 or not known_first(words[0]) or fold(head) in fold(legal):
        return False
    beside = re.compile(r"[-–|•·]\s*" + re.escape(fold(head)) + r"\s*(?:[-–|•·]|$)")
    return any(fold(legal) in line and beside.search(line) for line in map(fold, text.splitlines()))
