"""Per-page work, run in parallel: read one page, prepare it, OCR it. Pure functions of
their inputs, so they run the same in a thread, a process or on another machine."""

from __future__ import annotations

from dataclasses import dataclass

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
    pdf: bytes = b""  # searchable one-page PDF for a scanned page
    error: str | None = None


def process_page(info: SourceInfo, number: int, dpi: int, languages: str, timeout: float) -> PageResult:
    try:
        source = read_page(info, number, dpi, timeout)
    except UnreadableInput as exc:
        return PageResult(number, "failed", error=exc.reason)
    if source.image is None:  # born-digital: its text layer is the truth
        page = PageText(number=number, text=source.text or "", words=source.words, method="pdf-text")
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
    return PageResult(number, "text", result.page, result.pdf)


def is_separator(image) -> bool:
    from extractors.separator import is_separator_page

    return is_separator_page(image)
