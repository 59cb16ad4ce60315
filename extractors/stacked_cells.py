"""Key-value tables: read column by column by the OCR, or printed as a header row over a row of
values.

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


def unstack_colons(text: str) -> str:
    """``text`` with « key : value » lines appended for a form's column of labels read apart from
    its column of values, each value opening on its colon (« Assuré(e) / Adresse / N° de contrat »
    then « : Madame PETIT Marina / : 4 allée des Sports … / 31520 RAMONVILLE / : 0031-HAB-77410-2 »);
    a line without a colon goes on the value above it."""
    lines = text.split("\n")
    extra: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_key(lines[j]) and ":" not in lines[j]:
            j += 1
        keys = [k.strip() for k in lines[i:j]]
        if len(keys) < MIN_KEYS:
            i = max(j, i + 1)
            continue
        k = j
        while k < len(lines) and not lines[k].strip():
            k += 1
        values: list[str] = []
        while k < len(lines) and lines[k].strip() and (lines[k].lstrip().startswith(":") or values):
            line = lines[k].strip()
            if line.startswith(":"):
                values.append(line[1:].strip())
            elif len(values) < len(keys):
                values[-1] += " " + line
            else:
                break
            k += 1
        while len(keys) > len(values) >= MIN_KEYS and keys[0].isupper():
            keys = keys[1:]  # a title in capitals over the labels is not one of them
        if len(keys) >= MIN_KEYS and len(values) == len(keys):
            extra += [f"{key} : {value}" for key, value in zip(keys, values)]
            i = k
            continue
        i = max(j, i + 1)
    return text + "\n\n" + "\n".join(extra) + "\n" if extra else text


def _values_after(lines: list[str], start: int, n: int) -> list[str] | None:
    for k in range(start, min(start + LOOK_AHEAD, len(lines))):
        run = lines[k:k + n]
        if len(run) == n and all(_is_value(v) for v in run):
            return run
    return None


# a table of line items' column (its first row is no header's values; rows.py reads header rows too)
ITEM_COLUMN = re.compile(r"(?i)\b(?:total|montant|prix|p\.?\s?u\.?|qt[ée]|quantit[ée]|d[ée]signation|libell[ée]|"
                          r"description|unit[ée]?|amount|price|qty|quantity)\b")
CELL = re.compile(r"\S+(?: \S+)*")  # cells are set apart by two spaces or more


def _cells(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in CELL.finditer(line.replace("\t", "    "))]


def unrow(text: str) -> str:
    """``text`` with « key value » lines put after each header row whose row of values follows,
    cell under cell (« Vos références   Nos références   Date » over « 0418-326   ALL 4419382 F
    12/03/2022 »): the label-to-value rules then read each key beside its value."""
    lines = text.split("\n")
    out: list[str] = []
    for k, line in enumerate(lines):
        out.append(line)
        # the header row just above, past a blank line or a table's rule drawn between them
        above = next((lines[j] for j in range(k - 1, max(-1, k - 3), -1) if lines[j].strip(" \t-=_+")), "")
        pairs = _row_pairs(above, line) if line.strip() else None
        if pairs:
            out += [f"{key} {value}" if key.endswith(":") else f"{key} : {value}" for key, value in pairs]
    return "\n".join(out)


def _row_pairs(header: str, row: str) -> list[tuple[str, str]] | None:
    keys, values = _cells(header), _cells(row)
    if len(keys) < MIN_KEYS or len(values) != len(keys):
        return None
    if any(re.search(r"\d", k) or len(k.split()) > 4 for _, _, k in keys) or sum(
            bool(re.search(r"\d", v)) for _, _, v in values) < 2:
        return None
    if any(ITEM_COLUMN.search(k) for _, _, k in keys):
        return None  # a table of line items: its first row is no header's values (« Total HT » of one line)
    for (ks, ke, _), (vs, ve, _) in zip(keys, values):
        if not (vs < ke + 2 and ve > ks - 2):  # each value under its key (overlapping columns)
            return None
    return [(k, v) for (_, _, k), (_, _, v) in zip(keys, values)]
