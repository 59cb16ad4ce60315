"""Cutting a scanned batch into documents: separator sheets start a new document, blank
pages (the backs of a duplex scan) are dropped."""

from __future__ import annotations

from dataclasses import dataclass, field

from flows.pages import PageResult


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
    return documents
