"""The sum at stake in a payment-difficulty letter: a debt rather than a monthly instalment,
in figures or in words (« deux mille … euros »)."""

from __future__ import annotations

import re

from extractors.fields_labels import Doc
from extractors.number_words import find_sums_in_words
from extractors.parsing import find_amounts

_DEBT_WORDS = re.compile(r"dette|doi[st]\b|impaye|arriere|retard|solde|debiteur|somme|reste|restant|s'eleve|"
                         r"montant|rappel|regulariser|devons|redevable|manqu|reclam|complement|a\s+regler")  # « il me manque 480 € »
# what the writer receives or waits for, not what they owe (« le fonds de solidarité de l'État, 1500 euros »)
_INCOME_WORDS = re.compile(r"\b(?:aides?|fonds|primes?|allocations?|salaires?|chomage|revenus?|ressources|indemnit\w*|"
                           r"pensions?|rsa|touche|percois|gagne)\b")


# the rent itself, stated before the sum left owing (« Mon loyer d'avril s'élève à 587,40 € charges comprises »)
_RENT_IS = re.compile(r"\b(?:mon|notre|le)\s+loyer\b(?:\s+(?:d'\s?\w+|de\s+\w+|mensuel|hors\s+charges|charges\s+comprises))?"
                      r"\s+(?:s'eleve\s+a|est\s+de|se\s+monte\s+a)\s*$")


def read_amount(doc: Doc) -> str | None:
    """The sum at stake in a payment-difficulty letter (a debt rather than a monthly instalment)."""
    best: tuple[int, float, str] | None = None
    spelled = find_sums_in_words(doc.text)  # « deux mille … euros »: a sum in euros, its unit spelled out too
    for a in find_amounts(doc.text, need_currency=False) + spelled:
        value = a.value.lstrip("-")
        after = doc.folded[a.end:a.end + 20]
        if re.match(r"\s*(?:par\s+mois|/\s*mois|mensuel|chaque\s+mois|de\s+plus\s+par)", after):
            continue
        if re.search(r"\bcapital\s+(?:social\s+)?(?:de\s+)?$", doc.folded[max(0, a.start - 25):a.start]):
            continue  # « SARL au capital de 20 000 € » in a letterhead: the firm's, no sum at stake
        before = _sentence_before(doc, a.start)
        # (« ne pas pouvoir régler ses loyers d'avril et de mai, soit 968,40 € au total »: what is owed, summed)
        owed = _DEBT_WORDS.search(before) or re.match(r"\s*(?:€|eur\w*)?\s*au\s+total\b", after)
        if owed and _RENT_IS.search(before):
            owed = None  # « Mon loyer d'avril s'élève à 587,40 € »: the rent, not what is left owing
        prio = 0 if owed else 2 if _INCOME_WORDS.search(before) else 1
        if prio == 1 and a not in spelled and not re.search(r"€|eur", doc.folded[max(a.start, a.end - 8):a.end + 3]):
            continue
        key = (prio, -float(value), value)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def _sentence_before(doc: Doc, start: int) -> str:
    """The words before an amount in its sentence: not past a full stop, nor past a short line
    (a table's heading « Ressources   Montant » over « Salaire 1 312,40 € » is no sentence). A
    line is judged whole, not by what is left of it after a full stop (« … de mai. Le montant
    restant à » over « sa charge est de 412,36 € »)."""
    # (a form's dot leaders end no sentence: « Dette locative déclarée ........ 1 152,35 EUR »)
    window = re.sub(r"[.…]{2,}[ \t.:…]*", " ", doc.folded[max(0, start - 70):start])
    parts = re.split(r"[.!?]\s", window)[-1].split("\n")
    kept, li = parts[-1], doc.line_of(start)
    for k, prev in enumerate(reversed(parts[:-1]), 1):
        if len(doc.line_text(li - k).strip()) < 45:
            break
        kept = prev + " " + kept  # prose wrapped at the end of a long line
    return kept
