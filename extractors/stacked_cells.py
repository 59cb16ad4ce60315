"""Key-value tables the OCR read column by column.

A header table (« FACTURE N° | Date de facture | Date d'échéance | Bon de commande ») printed as
two columns is often read as all its keys, one per line, then (a few lines later) all its
values, one per line. :func:`unstack` pairs them in order and appends « key value » lines to
the text, so that the label-to-value rules read them as if printed side by side. It pairs only
a run of at least three keys, at least two of them known labels, with the next run of as many
lines that each start with a value (a token holding a digit).
"""

from __future__ import annotations

import re
from collections.abc import Callable

MIN_KEYS = 3
LOOK_AHEAD = 15  # lines after the keys where their values may start


def _is_key(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= 40 and not re.search(r"\d", s) and len(s.split()) <= 5


def _is_value(line: str) -> bool:
    s = line.strip()
    first = s.split()[0] if s else ""
    return 0 < len(s) <= 40 and bool(re.search(r"\d", first))


def unstack(text: str, known_label: Callable[[str], bool]) -> str:
    """``text`` with « key value » lines appended for each key column read apart from its values."""
    lines = text.split("\n")
    extra: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_key(lines[j]):
            j += 1
        keys = lines[i:j]
        if len(keys) >= MIN_KEYS and sum(known_label(k) for k in keys) >= 2:
            values = _values_after(lines, j, len(keys))
            if values:
                extra += [f"{k.strip()} {v.strip()}" for k, v in zip(keys, values)]
                i = j
                continue
        i = max(j, i + 1)
    return text + "\n\n" + "\n".join(extra) + "\n" if extra else text


def _values_after(lines: list[str], start: int, n: int) -> list[str] | None:
    for k in range(start, min(start + LOOK_AHEAD, len(lines))):
        run = lines[k:k + n]
        if len(run) == n and all(_is_value(v) for v in run):
            return run
    return None
