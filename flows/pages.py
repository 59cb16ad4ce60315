"""Per-page work, run in parallel: read one page, prepare it, OCR it. Pure functions of
their inputs, so they run the same in a thread, a process or on another machine."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from extractors.errors import OcrFailed, UnreadableInput
from extractors.ocr import ocr_page
from extractors.prepare import prepare_page
from extractors.reading import SourceInfo, read_page
from extractors.types import PageText


@dataclass
class PageResult:
    number: int
    kind: str  # "text" (read), "blank", "separator" or "failed"
    page: PageText | None = None
    pdf: str | None = None  # path of the searchable one-page PDF of a scanned page
    error: str | None = None


def process_page(info: SourceInfo, number: int, dpi: int, languages: str, timeout: float,
                 spool: Path | None = None) -> PageResult:
    """Read page ``number``. The page's searchable PDF goes to ``spool`` (a folder), so that
    a long batch holds no page images or PDFs in memory, only their text."""
    started = time.perf_counter()
    try:
        source = read_page(info, number, dpi, timeout)
    except UnreadableInput as exc:
        return PageResult(number, "failed", error=exc.reason)
    if source.image is None:  # born-digital: its text layer is the truth
        page = PageText(number=number, text=source.text or "", words=source.words, method="pdf-text",
                        width=source.size[0], height=source.size[1])
        return PageResult(number, "text", page)
    if is_separator(source.image):
        return PageResult(number, "separator")
    prepared = prepare_page(source.image, source.dpi)
    if prepared.blank:
        return PageResult(number, "blank")
    try:
        result = ocr_page(prepared.image, number, source.dpi, languages, timeout)
    except OcrFailed as exc:
        return PageResult(number, "failed", error=exc.reason)
    result.page.skew = prepared.skew
    result.page.seconds = round(time.perf_counter() - started, 3)  # read + prepare + OCR
    pdf_path = None
    if spool is not None and result.pdf:
        spool.mkdir(parents=True, exist_ok=True)
        pdf_path = spool / f"page-{number:05d}.pdf"
        pdf_path.write_bytes(result.pdf)
    return PageResult(number, "text", result.page, str(pdf_path) if pdf_path else None)


def is_separator(image) -> bool:
    from extractors.separator import is_separator_page

    return is_separator_page(image)
