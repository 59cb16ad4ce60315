"""Cutting a scanned batch into documents: separator sheets start a new document, blank
pages (the backs of a duplex scan) are dropped. A file with no separator sheet is cut where
its pages' text shows a new document starting (``extractors.boundaries``); sheets, when
present, are the station's own word and win."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.boundaries import document_starts, script_of
from stages.pages import PageResult


@dataclass
class DocumentPages:
    pages: list[PageResult] = field(default_factory=list)

    @property
    def numbers(self) -> list[int]:
        return [p.number for p in self.pages]


def split_pages(results: list[PageResult]) -> list[DocumentPages]:
    """Documents in page order; a document made only of blank pages is no document."""
    documents: list[DocumentPages] = []
    current = DocumentPages()
    for result in sorted(results, key=lambda r: r.number):
        if result.kind == "separator":
            if current.pages:
                documents.append(current)
            current = DocumentPages()
        elif result.kind != "blank":
            current.pages.append(result)
    if current.pages:
        documents.append(current)
    if len(documents) == 1 and not any(r.kind == "separator" for r in results):
        return cut_by_text(documents[0])
    return documents


def cut_by_text(document: DocumentPages) -> list[DocumentPages]:
    """One run of pages without sheets, cut where the text shows a new document start.
    Pages that could not be read stay with the document before them."""
    pages = document.pages
    readable = [i for i, p in enumerate(pages) if p.kind == "text"]
    if len(readable) < 2:
        return [document]
    texts, scripts = [], []
    for i in readable:
        page = pages[i].load_page()
        texts.append(page.text if page else "")
        scanned = page is not None and page.method == "ocr" and any(w.text.strip() for w in page.words)
        scripts.append(script_of(page.mean_confidence) if scanned else None)
    starts = {readable[k] for k in document_starts(texts, scripts)} | {0}
    out: list[DocumentPages] = []
    for i, page in enumerate(pages):
        if i in starts or not out:
            out.append(DocumentPages())
        out[-1].pages.append(page)
    return out
