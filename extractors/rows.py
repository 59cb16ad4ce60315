"""Reading a page row by row from its word boxes, for field extraction.

OCR gives text block by block: a table's labels ("Total HT", "TVA") and its figures often end
up in different blocks, far apart. Rebuilding rows from the words' positions puts each label
back beside its value, which is what a person reading the page sees.
"""

from __future__ import annotations

import re

from extractors.stacked_cells import ITEM_COLUMN
from extractors.types import DocumentText, PageText, Word


def page_rows(page: PageText) -> str:
    """The page's words grouped into rows (vertical overlap), each row left to right; a wide gap
    between two words (another column: « Agence Toulouse Compans      No 0012458/21 ») kept as
    three spaces, as a text layer's layout keeps it. Under a header row of references, each
    header's « key value » follows, its value the words printed under it."""
    rows = word_rows(page.words)
    out = []
    for k, row in enumerate(rows):
        out.append("   ".join(" ".join(w.text for w in cell) for cell in _cells(row)))
        if k:
            out += header_pairs(rows[k - 1], row)
    return "\n".join(out) + "\n"


def _cells(row: list[Word]) -> list[list[Word]]:
    """The row cut at its wide gaps (more than three letters' width)."""
    chars = [w.width / len(w.text) for w in row if len(w.text) >= 2 and w.width > 0]
    wide = 3 * sorted(chars)[len(chars) // 2] if chars else None
    cells = [[row[0]]]
    for a, b in zip(row, row[1:]):
        if wide and b.left - (a.left + a.width) > wide:
            cells.append([b])
        else:
            cells[-1].append(b)
    return cells


# a header cell naming a reference (« Vos références », « Réf. bailleur », « N° de dossier »)
_REF_KEY = re.compile(r"(?i)\br[ée]f|\bdossier|\bcontrat|\bn[°o]\b|\bnum[ée]ro|\bclient|\blocataire|\bbailleur|"
                      r"\bcommande|\bfacture|\bcompte")
# any header cell: a reference, a date, a subject, who handles the file
_KEY = re.compile(_REF_KEY.pattern + r"|\bdate|\bobjet|\bp[ée]riode|\b[ée]ch[ée]ance|\bsuivi|\binterlocut|\bcode|"
                  r"\bcommission|\bd[ée]cision|\bsecteur")


def header_pairs(header: list[Word], values: list[Word]) -> list[str]:
    """« key value » for each cell of a header row of references over its row of values, each
    value word given to the header cell nearest to its middle (« Vos références   Nos références »
    over « Contrat 2017-SG-0391 AL/SG/2021/00318 », which the OCR ran together)."""
    keys = _cells(header)
    texts = [" ".join(w.text for w in cell) for cell in keys]
    if (len(keys) < 2 or any(re.search(r"\d", t) or len(t.split()) > 4 for t in texts)
            or not any(_REF_KEY.search(t) for t in texts) or any(ITEM_COLUMN.search(t) for t in texts)
            or sum(bool(_KEY.search(t)) for t in texts) < max(2, len(texts) - 1)  # a letterhead's line, not keys
            or not any(re.search(r"\d", w.text) for w in values)):
        return []
    spans = [(cell[0].left, cell[-1].left + cell[-1].width) for cell in keys]
    under: list[list[str]] = [[] for _ in keys]
    for w in values:
        middle = w.left + w.width / 2
        nearest = min(range(len(spans)), key=lambda i: max(spans[i][0] - middle, middle - spans[i][1], 0))
        under[nearest].append(w.text)
    return [f"{t} {' '.join(v)}" for t, v in zip(texts, under) if v]


def word_rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into rows (vertical overlap), top to bottom, each row left to right."""
    words = sorted((w for w in words if w.text.strip()), key=lambda w: (w.top, w.left))
    rows: list[list[Word]] = []
    for w in words:
        middle = w.top + w.height / 2
        for row in reversed(rows[-3:]):  # rows are built top-down: only recent ones can match
            top = min(x.top for x in row)
            bottom = max(x.top + x.height for x in row)
            if top <= middle <= bottom:
                row.append(w)
                break
        else:
            rows.append([w])
    return [sorted(row, key=lambda x: x.left) for row in rows]


def rows_text(doc: DocumentText) -> str:
    return "\n\f\n".join(page_rows(p) if p.words else p.text for p in doc.pages)
