"""A name printed in capitals put in the case it is spelled in (a supplier's letterhead or
footer: « LES JARDINS DE L'HERS » -> « Les Jardins de l'Hers »)."""

from __future__ import annotations

import re

SMALL_WORDS = {"de", "du", "des", "et", "la", "le", "les", "en", "sur", "aux", "au", "d", "l", "of", "and", "the"}


def natural_case(name: str, text: str = "") -> str:
    """A name printed in capitals (a letterhead, a footer) as it is spelled: as the document
    prints it elsewhere in small letters when it does (``MENUISERIES DUPUIS`` and
    ``Menuiseries Dupuis SAS``), else each word capitalised, the small linking words in lower
    case (``LES JARDINS DE L'HERS`` -> ``Les Jardins de l'Hers``). A short acronym alone
    (``EDF``), a name already in small letters and words holding digits (``3D``) are kept."""
    letters = [c for c in name if c.isalpha()]
    if not letters or any(c.islower() for c in letters) or (" " not in name.strip() and len(letters) <= 4):
        return name
    for m in re.finditer(re.escape(name), text, re.I):
        seen = m.group(0)
        if any(c.islower() for c in seen) and all(w[:1].isupper() and not (len(w) > 3 and w.isupper())
                                                  or w.lower() in SMALL_WORDS for w in seen.split()):
            return seen

    def word(w: str, first: bool) -> str:
        if any(c.isdigit() for c in w):
            return w
        parts = re.split(r"([-'’])", w)
        out = []
        for k, p in enumerate(parts):
            if p in ("-", "'", "’") or not p:
                out.append(p)
            elif p.lower() in SMALL_WORDS and not (first and k == 0) and (k + 1 < len(parts) or len(parts) == 1):
                out.append(p.lower())
            else:
                out.append(p[:1].upper() + p[1:].lower())
        return "".join(out)

    return " ".join(word(w, i == 0) for i, w in enumerate(name.split()))
