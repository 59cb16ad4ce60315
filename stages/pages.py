"""Per-page work, run in parallel: read one page, prepare it, OCR it. Pure functions of
their inputs, so they run the same in a thread, a process or on another machine.

With a spool folder, a page's text (words and boxes) and its searchable PDF go to disk and
the result that travels back is a few paths: a long batch holds no page in memory, task
results stay tiny (Prefect's bookkeeping costs grow with them), and a page already read is
not read again after a crash: the spool is keyed by the file's SHA-256 and the OCR settings.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from config.errors import is_disk_full
from extractors.errors import OcrFailed, ToolMissing, UnreadableInput
from extractors.ocr import ocr_page
from extractors.prepare import Prepared, prepare_page
from extractors.reading import SourceInfo, SourcePage, read_page
from extractors.stamp_text import read_stamp, with_stamp_text
from extractors.stamps import Stamp, find_page_stamps, remove_stamps
from extractors.types import PageText, Word

log = logging.getLogger("aiguillage.pages")


BLACK_PAGE = "page entièrement noire (capot du scanner ouvert ou page sans papier ?)"
NONTEXT_PAGE = "pas un document : aucun texte sur la page (photographie, image ou bruit)"


@dataclass(frozen=True)
class ReadOptions:
    """How pages are read: the settings ``ocr.dpi``, ``ocr.languages``,
    ``ocr.page_timeout_seconds``, ``ocr.stamps`` and ``ocr.engine``."""

    dpi: int = 300
    languages: str = "fra+eng"
    timeout: float = 120.0
    stamps: str = "read"  # "read", "remove" or "keep"
    engine: str = "library"  # "library" or "command"

    @classmethod
    def from_settings(cls, settings) -> ReadOptions:
        return cls(settings["ocr.dpi"], settings["ocr.languages"], settings["ocr.page_timeout_seconds"],
                   settings["ocr.stamps"], settings["ocr.engine"])

    @property
    def variant(self) -> str:
        """What changes the text read: a file read again with other options is read anew."""
        return f"{self.dpi}dpi-{self.languages}-stamps-{self.stamps}"


@dataclass
class PageResult:
    number: int
    kind: str  # "text" (read), "blank", "separator" or "failed"
    page: PageText | None = None  # in memory when read without a spool
    pdf: str | None = None  # path of the searchable one-page PDF of a scanned page
    error: str | None = None
    text_file: str | None = None  # the spooled PageText, when read with a spool

    def load_page(self) -> PageText | None:
        if self.page is not None or self.text_file is None:
            return self.page
        return page_from_json(json.loads(Path(self.text_file).read_text(encoding="utf-8")))


def process_page(info: SourceInfo, number: int, options: ReadOptions = ReadOptions(),
                 spool: Path | None = None) -> PageResult:
    """Read page ``number``; with ``spool`` (a folder), its text and PDF are written there and
    a page already spooled is taken from there."""
    if spool is None:
        return read_one(info, number, options, None)
    marker = spool / f"page-{number:05d}.json"
    if marker.is_file():
        try:
            return _result_from_spool(marker)
        except (OSError, ValueError, KeyError):
            pass  # a damaged spool entry: read the page again
    spool.mkdir(parents=True, exist_ok=True)
    result = read_one(info, number, options, spool)
    return _spool_result(result, marker)


def read_one(info: SourceInfo, number: int, options: ReadOptions, spool: Path | None) -> PageResult:
    """One page's outcome, whatever happens while reading it: a failure of this page's own
    work is this page's failure (with a French reason; the details go to the log), never the
    batch's. A missing program is a set-up fault and stops the run."""
    try:
        return _read_one(info, number, options, spool)
    except (UnreadableInput, OcrFailed) as exc:
        return PageResult(number, "failed", error=exc.reason)
    except ToolMissing:
        raise
    except MemoryError:
        log.exception("%s p.%d : mémoire insuffisante", Path(info.path).name, number)
        return PageResult(number, "failed", error="mémoire insuffisante pour lire la page")
    except Exception as exc:  # noqa: BLE001 - one odd page must not stop the others
        if is_disk_full(exc):  # a full disk is the installation's fault: it stops the run (exit 8)
            raise
        log.exception("%s p.%d : erreur inattendue", Path(info.path).name, number)
        return PageResult(number, "failed", error=UNEXPECTED_PAGE)


UNEXPECTED_PAGE = "erreur inattendue à la lecture de la page (détails dans le journal)"


def _read_one(info: SourceInfo, number: int, options: ReadOptions, spool: Path | None) -> PageResult:
    started = time.perf_counter()
    timeout, stamps, engine = options.timeout, options.stamps, options.engine
    source = read_page(info, number, options.dpi, timeout)
    if source.image is None:  # born-digital: its text layer is the truth
        page = PageText(number=number, text=source.text or "", words=source.words, method="pdf-text",
                        width=source.size[0], height=source.size[1])
        return PageResult(number, "text", page)
    prepared, found = prepare_for_ocr(source, stamps)
    if prepared.separator:
        return PageResult(number, "separator")
    if prepared.blank:
        why = BLACK_PAGE if prepared.dark else NONTEXT_PAGE if prepared.nontext else None
        return PageResult(number, "blank", error=why)
    result = ocr_page(prepared.image, number, source.dpi, options.languages, timeout, engine=engine)
    result.page.skew = prepared.skew
    if found and stamps == "read":  # the stamp's lines end the page's text; words stay the page's
        result.page.text = with_stamp_text(result.page.text, [
            read_stamp(s, source.dpi, result.page.rotation, timeout=timeout, engine=engine) for s in found])
    result.page.seconds = round(time.perf_counter() - started, 3)  # read + prepare + OCR
    pdf_path = None
    if spool is not None and result.pdf:
        pdf_path = spool / f"page-{number:05d}.pdf"
        pdf_path.write_bytes(result.pdf)
    return PageResult(number, "text", result.page, str(pdf_path) if pdf_path else None)


def prepare_for_ocr(source: SourcePage, stamps: str = "read") -> tuple[Prepared, list[Stamp]]:
    """The page as Tesseract will read it: stamps taken off (unless ``stamps`` is "keep"),
    then prepared (separator and blank checks, deskew, flattening); and the stamps found."""
    found = find_page_stamps(source.image, source.colour, source.dpi) if stamps != "keep" else []
    # A faint trace stays, so the archived page still shows its stamp; OCR no longer sees it.
    grey = remove_stamps(source.image, found, trace=40) if found else source.image
    source.colour = None  # the stamps keep their own pixels
    return prepare_page(grey, source.dpi), found


def _spool_result(result: PageResult, marker: Path) -> PageResult:
    """Write the page's outcome next to its PDF (atomically: a crash leaves no half entry)."""
    record = {"number": result.number, "kind": result.kind, "error": result.error, "pdf": result.pdf,
              "page": page_to_json(result.page) if result.page else None}
    tmp = marker.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, marker)
    return PageResult(result.number, result.kind, None, result.pdf, result.error,
                      str(marker) if result.page else None)


def _result_from_spool(marker: Path) -> PageResult:
    record = json.loads(marker.read_text(encoding="utf-8"))
    if record["pdf"] and not Path(record["pdf"]).is_file():
        raise ValueError("PDF de la page absent")
    return PageResult(record["number"], record["kind"], None, record["pdf"], record["error"],
                      str(marker) if record["page"] else None)


def page_to_json(page: PageText) -> dict:
    d = asdict(page)
    d["words"] = [[w.text, w.left, w.top, w.width, w.height, w.confidence, w.line] for w in page.words]
    return d


def page_from_json(record: dict) -> PageText:
    d = dict(record["page"] if "page" in record else record)
    d["words"] = [Word(*w) for w in d["words"]]
    return PageText(**d)
