"""Reading a page row by row from its word boxes, for field extraction.

OCR gives text block by block: a table's labels ("Total HT", "TVA") and its figures often end
up in different blocks, far apart. Rebuilding rows from the words' positions puts each label
back beside its value, which is what a person reading the page sees.
"""

from __future__ import annotations

from extractors.types import DocumentText, PageText, Word


def page_rows(page: PageText) -> str:
    """The page's words grouped into rows (vertical overlap), each row left to right; a wide gap
    between two words (another column: « Agence Toulouse Compans      No 0012458/21 ») kept as
    three spaces, as a text layer's layout keeps it."""
    return "\n".join(_spaced(row) for row in word_rows(page.words)) + "\n"


def _spaced(row: list[Word]) -> str:
    chars = [w.width / len(w.text) for w in row if len(w.text) >= 2 and w.width > 0]
    wide = 3 * sorted(chars)[len(chars) // 2] if chars else None  # three letters' width
    out = row[0].text
    for a, b in zip(row, row[1:]):
        gap = b.left - (a.left + a.width)
        out += ("   " if wide and gap > wide else " ") + b.text
    return out


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
