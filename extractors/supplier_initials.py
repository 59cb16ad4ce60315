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


def contracts(short: str, words: list[str]) -> bool:
    """« APSO » for « ANTIPARASITES DU SUD-OUEST »: initials printed beside their name, which may
    take a letter from inside a word (anti-parasites); every word but the small ones gives its
    initial, in order, and the short form's letters are the name's, in order."""
    letters = iter("".join(words))
    spelt = iter(short)
    return (bool(words) and short[:1] == words[0][:1] and all(ch in letters for ch in short)
            and all(ch in spelt for ch in initials_of(words)))


def initials_of(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in SMALL_WORDS)


_INITIALS_THEN_NAME = re.compile(r"(?P<short>[A-Z0-9&]{2,6})\s+[-–]\s+(?P<name>[^-–]{6,})$")
_DOTTED_INITIALS = re.compile(r"((?:[A-Z]\.){2,5})\s+(.+)$")


def name_beside_initials(cell: str) -> str:
    """A letterhead's line that prints initials beside the words they stand for: « NOS –
    NETTOYAGE OCCITAN SERVICES » is the words (« NOS » is no tagline's « nos »); « A.N.L.
    ANTI-NUISIBLES DU LAURAGAIS DERATISATION … » is the initials and their words, not the trades
    after them. Any other line as it is."""
    spelled = _INITIALS_THEN_NAME.match(cell)
    if spelled and abbreviates(fold(spelled["short"]).lower(), words_of(spelled["name"])):
        return spelled["name"]
    dotted = _DOTTED_INITIALS.match(cell)
    if dotted:
        letters, words = dotted.group(1).replace(".", "").lower(), dotted.group(2).split()
        for k in range(1, len(words)):
            if initials_of(words_of(" ".join(words[:k]))) == letters:
                return f"{dotted.group(1)} {' '.join(words[:k])}"
    return cell


def dotted(short: str) -> str:
    """« APSO » as a letterhead may print it: « A.P.S.O. »."""
    return "".join(ch + "." for ch in short)


def name_before_initials(line: str, short: str) -> str | None:
    """« ÉTANCHÉITÉ TOITURES GARONNE - E.T.G. »: the name, then a dash and its initials, on one line."""
    m = re.fullmatch(r"(?P<name>.+)\s[-–]\s+(?P<tail>\S+)\s*", re.split(r"\s{3,}", line)[0])
    if not m or m["tail"] not in (short, dotted(short)):
        return None
    words = words_of(m["name"])
    ok = 2 <= len(words) <= 8 and not re.search(r"\d", m["name"]) and contracts(fold(short).lower(), words)
    return m["name"].strip() if ok else None
