"""Reading a page row by row from its word boxes.

OCR gives text block by block: a table's labels ("Total HT", "TVA") and its figures often end
up in different blocks, far apart. Rebuilding rows from the words' positions puts each label
back beside its value, which is what a person reading the page sees.
"""

from __future__ import annotations

from extractors.types import DocumentText, PageText, Word


def page_rows(page: PageText) -> str:
    """The page's words grouped into rows (vertical overlap), each row left to right."""
    words = sorted((w for w in page.words if w.text.strip()), key=lambda w: (w.top, w.left))
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
    return "\n".join(" ".join(x.text for x in sorted(row, key=lambda x: x.left)) for row in rows) + "\n"


def rows_text(doc: DocumentText) -> str:
    return "\n\f\n".join(page_rows(p) if p.words else p.text for p in doc.pages)
