"""Relating printed labels (``Total HT``, ``Facture n°``) to the values printed after them.

A value belongs to a label when it follows it on the same line (before the next label), or,
in table layouts, sits on the next line in the same column as the label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.parsing import Match, fix_digits, fold


@dataclass(frozen=True)
class LabelHit:
    name: str  # what the label announces: "ht", "tva", "invoice_date"...
    priority: int  # 0 = most specific
    start: int
    end: int


class Doc:
    """A document's text with its folded copy and line boundaries, computed once."""

    def __init__(self, text: str):
        self.text = text
        self.folded = fold(text)
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line_of(self, pos: int) -> int:
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def line_span(self, index: int) -> tuple[int, int]:
        start = self.line_starts[index]
        end = self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else len(self.text)
        return start, end

    def line_text(self, index: int, folded: bool = False) -> str:
        s, e = self.line_span(index)
        return (self.folded if folded else self.text)[s:e]

    def next_nonempty_line(self, index: int, max_skip: int = 1) -> int | None:
        for j in range(index + 1, min(index + 2 + max_skip, len(self.line_starts))):
            if self.line_text(j).strip():
                return j
        return None

    def prev_nonempty_line(self, index: int, max_skip: int = 1) -> int | None:
        for j in range(index - 1, max(index - 2 - max_skip, -1), -1):
            if self.line_text(j).strip():
                return j
        return None

    def find_labels(self, specs: list[tuple[str, int, str]]) -> list[LabelHit]:
        """All label occurrences; ``specs`` holds (name, priority, regex on folded text)."""
        key = tuple(specs)
        cache = self.__dict__.setdefault("_labels_cache", {})
        if key not in cache:
            cache[key] = self._find_labels(specs)
        return list(cache[key])

    def _spans(self, pattern: str) -> list[tuple[int, int]]:
        """Where ``pattern`` matches the folded text; each pattern is run once per document."""
        cache = self.__dict__.setdefault("_spans_cache", {})
        if pattern not in cache:
            spans = []
            rx, pos = re.compile(pattern), 0
            while pos <= len(self.folded) and (m := rx.search(self.folded, pos)):
                pos = max(m.end(), m.start() + 1)
                text = m.group(0)
                gap = text.strip().find("   ")
                if gap >= 0 and not text.strip()[gap:].strip(" \t:.="):
                    # an aligned form's label, its colon set apart: « N° de facture      : »
                    text = text[:len(text) - len(text.lstrip()) + gap]
                core = text.strip()
                if not core or "\n" in core or "   " in core:  # a label never spans lines or table cells
                    # the label may start in the next cell or line: « Date      Échéance » is two
                    # headings, not « Date d'échéance »
                    cut = re.search(r"\n|   ", text.lstrip())
                    pos = m.start() + len(text) - len(text.lstrip()) + (cut.end() if cut else 1)
                    continue
                spans.append((m.start(), m.start() + len(text.rstrip())))
            cache[pattern] = spans
        return cache[pattern]

    def _find_labels(self, specs: list[tuple[str, int, str]]) -> list[LabelHit]:
        hits = [LabelHit(name, prio, s, e) for name, prio, pattern in specs for s, e in self._spans(pattern)]
        # a label inside a longer one (``tva`` in ``total tva``) is dropped
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        kept: list[LabelHit] = []
        for h in hits:
            if any(k.start <= h.start and h.end <= k.end and (k.end - k.start) > (h.end - h.start) for k in kept):
                continue
            if any(k.start == h.start and k.end == h.end and k.name == h.name for k in kept):
                continue
            kept.append(h)
        return kept


COLUMN_SLACK = 12  # characters between a heading and its value in a row under it
_RULE = re.compile(r"[\s+\-=|_.:~]*")  # a line of a table's borders only
_FILLER = re.compile(r"(?:\s{2,}|[ .]*\.{3,}[ .]*|\t|_{2,})")


def _gap(text: str) -> int:
    return len(_FILLER.sub(" ", text))


def values_for(doc: Doc, label: LabelHit, labels: list[LabelHit], values: list[Match],
               same_line_only: bool = False, max_gap: int = 60) -> tuple[list[Match], bool]:
    """Values belonging to ``label``: (values, found on the same line?)."""
    li = doc.line_of(label.start)
    _, line_end = doc.line_span(li)
    stops = [h.start for h in labels if label.end <= h.start < line_end and h is not label
             and not (h.start < label.end)]
    region_end = min(stops) if stops else line_end
    # the gap is counted without runs of spaces or dot leaders: a layout-preserving text puts
    # a table row's label and figure far apart ("Total HT ........          1 234,50")
    same = [v for v in values if label.end <= v.start and v.end <= region_end
            and (v.start - label.end <= max_gap or _gap(doc.text[label.end:v.start]) <= max_gap)]
    if same or same_line_only:
        return same, True
    nxt = doc.next_nonempty_line(li)
    for _ in range(2):  # a table's rule under its headings (« +-----+-----+ »)
        if nxt is None or not _RULE.fullmatch(doc.line_text(nxt)):
            break
        nxt = doc.next_nonempty_line(nxt)
    if nxt is None:
        return [], False
    line_labels = [h for h in labels if doc.line_of(h.start) == li]
    # label followed by other text on its line (not a column header): no value below
    tail = doc.text[label.end:region_end].strip(" :.\t")
    if tail and len({h.start for h in line_labels}) == 1:
        return [], False
    s, e = doc.line_span(nxt)
    below = [v for v in values if s <= v.start and v.end <= e]
    if not below:
        return [], False
    if len(line_labels) > 1:
        starts = sorted({h.start for h in line_labels})
        # cells of the value line: the values, and every other word standing alone
        cells: list[Match | None] = list(below)
        for w in re.finditer(r"\S+", doc.text[s:e]):
            if _RULE.fullmatch(w.group(0)):
                continue  # a cell's border (« | »), no cell
            ws, we = s + w.start(), s + w.end()
            if not any(v.start < we and ws < v.end for v in below):
                cells.append(Match("", ws, we))
        cells.sort(key=lambda c: c.start)
        if len(cells) == len(starts) and label.start in starts:
            cell = cells[starts.index(label.start)]
            return ([cell] if cell.value else []), False
        # headings over a row that holds more cells than labels (« N° client » is none): the value
        # under the heading, the heading nearest to it of all; else the row's values in the
        # headings' order (not when the heading stands right over another one: « N° avoir   Date »
        # over « AV200117 27/05/2020 … FC200884 du 07/05/2020 »)
        hs = doc.line_span(li)[0]
        near = [v for v in below if abs((v.start - s) - (label.start - hs)) <= COLUMN_SLACK
                and min(starts, key=lambda st: abs((st - hs) - (v.start - s))) == label.start]
        if not near and len(below) == len(starts) and label.start in starts:
            return [below[starts.index(label.start)]], False
        return near[:1], False
    return [below[0]], False


_TOKEN_RE = re.compile(r"(?<![\w/.\-])[A-Za-z0-9][A-Za-z0-9\-/_.]*[A-Za-z0-9]|(?<![\w])\d(?![\w])")


def find_reference_tokens(text: str) -> list[Match]:
    """Tokens that may be document numbers: letters/digits/``-/_.``, with at least one digit."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        tok = m.group(0)
        if any(c.isdigit() for c in tok):
            out.append(Match(tok, m.start(), m.end(), tok))
    return out


def labelled_digits(doc: Doc, pattern: str, max_skip: int, max_digits: int, window: int | None = None) -> list[str]:
    """Digit strings printed after each match of ``pattern`` (a label such as ``SIRET`` or
    ``n° de contrat``): up to ``max_skip`` other characters, then groups of digits separated
    by spaces or dots, joined while they fit in ``max_digits``."""
    fixed = fix_digits(doc.text)
    out = []
    for m in re.finditer(pattern, doc.folded):
        tail = fixed[m.end():m.end() + (window if window is not None else max_skip + 40)].split("\n")[0]
        g = re.match(r"[^\d\n]{0,%d}?(\d+(?:[ .]\d+)*)" % max_skip, tail)
        if not g:
            continue
        digits = ""
        for group in re.split(r"[ .]", g.group(1)):
            if len(digits) + len(group) > max_digits:
                break
            digits += group
        out.append(digits or re.sub(r"\D", "", g.group(1)))
    return out
