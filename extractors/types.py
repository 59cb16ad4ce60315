"""Data passed between stages: pages, words, the text of a document, extracted fields.

Plain dataclasses, picklable, so Prefect tasks and worker processes can pass them around.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float  # 0..100, as Tesseract gives it; 100 for a PDF text layer
    line: int = 0  # line number within the page, for reading order


@dataclass
class PageText:
    """What was read on one page."""

    number: int  # 1-based page number in the source file
    text: str
    words: list[Word] = field(default_factory=list)
    method: str = "ocr"  # "ocr" or "pdf-text"
    rotation: int = 0  # degrees turned to make the page upright (0, 90, 180, 270)
    skew: float = 0.0  # degrees corrected by deskew
    width: int = 0
    height: int = 0
    seconds: float = 0.0

    @property
    def mean_confidence(self) -> float:
        return mean_confidence(self.words)


def mean_confidence(words: list[Word]) -> float:
    """The mean OCR confidence of the words that hold text (0 when none does)."""
    confs = [w.confidence for w in words if w.text.strip()]
    return sum(confs) / len(confs) if confs else 0.0


@dataclass
class DocumentText:
    """One logical document cut from a source file: its pages and what they say."""

    source: str
    source_pages: list[int]
    pages: list[PageText]
    facturx_xml: bytes | None = None  # the invoice XML: embedded in a Factur-X PDF, or the file itself
    einvoice: str | None = None  # "ubl" or "cii" when the document is an e-invoice received as XML

    @property
    def text(self) -> str:
        return "\n\f\n".join(p.text for p in self.pages)


@dataclass
class Extraction:
    """Fields that passed their checks, and those found but rejected, with the reason."""

    fields: dict[str, Any] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)
    supplier_id: str | None = None
    tenant_reference_known: bool = False
    supplier_iban: str | None = None  # the matched supplier's IBAN on file (registry or learned): bank_details_changed
    fields_from_memory: list[str] = field(default_factory=list)  # read at the places learned for this supplier
