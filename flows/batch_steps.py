"""The batch's steps, each a Prefect task or a plain function of one file or one document:
take files in, read a page, route a file's documents (understand and deliver each), quarantine.
``flows/batch.py`` composes them into the batch flow."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from config.errors import is_disk_full
from extractors.errors import ToolMissing, UnreadableInput
from extractors.facturx import read_facturx_xml
from extractors.files import local_path
from extractors.reading import SourceInfo, inspect
from extractors.types import DocumentText
from flows import deliver as delivery
from flows.receipts import Receipt, receive, refused_receipt
from stages.einvoice import einvoice_document
from stages.ids import document_id
from stages.pages import UNEXPECTED_PAGE, PageResult, ReadOptions, process_page
from stages.split import split_pages
from stages.understand import understand
from storage import spool as local_spool
from storage.audit import AuditEvent, record, step_event_id
from storage.errors import StorageError
from wiring.retries import TASK_RETRIES, patiently
from wiring.runtime import Runtime, runtime

log = logging.getLogger("aiguillage.batch")


@dataclass
class Arrival:
    """A file taken in: its receipt, and what it holds (or why it cannot be read)."""

    receipt: Receipt
    info: SourceInfo | None = None
    refused: tuple[str, str] | None = None  # why it cannot be read, and the kind of bad input


@task(name="recevoir", cache_policy=NO_CACHE, **TASK_RETRIES)
def receive_task(paths: list[str], sources: list[str]) -> list[Arrival]:
    """Take a few files in at once: each original kept, fingerprinted, recognised if already
    handled, and checked (format, pages, size) before any page is read. One task for several
    files: a one-page scan costs a task run less (each costs as much as preparing a page)."""
    rt = runtime()
    s = rt.settings
    arrivals = []
    for token, source in zip(paths, sources):
        path = local_path(token)
        try:
            arrival = Arrival(receive(rt, path, source))
        except UnreadableInput as exc:  # a link, a pipe, a file we may not read: nothing kept
            arrivals.append(Arrival(refused_receipt(path, source), refused=(exc.reason, exc.kind)))
            continue
        if arrival.receipt.previous is None:
            arrival.refused = _inspected(arrival, token, s)
        arrivals.append(arrival)
    return arrivals


def _inspected(arrival: Arrival, token: str, s) -> tuple[str, str] | None:
    """Inspect a kept file; why it is refused, or None. Whatever the inspection meets, the
    file is refused with a reason: one odd file never stops the batch."""
    path = local_path(token)
    try:
        info = inspect(path, s["ocr.max_pages"], s["ocr.max_page_pixels"], s["ocr.dpi"],
                       s["ocr.max_page_content_mb"] << 20, s["ocr.inspect_timeout_seconds"])
        arrival.info = replace(info, path=token)  # what travels in Prefect's parameters is plain text
    except UnreadableInput as exc:
        return exc.reason, exc.kind
    except MemoryError:
        log.exception("%s : mémoire insuffisante à l'examen", Path(path).name)
        return "fichier trop lourd à examiner (mémoire insuffisante)", "too_large"
    except Exception:  # noqa: BLE001
        log.exception("%s : erreur inattendue à l'examen", Path(path).name)
        return UNEXPECTED_FILE, "unexpected"
    return None


UNEXPECTED_FILE = "erreur inattendue pendant le traitement de ce fichier (détails dans le journal)"


def pages_folder(settings, sha256: str) -> Path:
    """Where a file's pages are spooled: by content and by the settings that change what OCR reads."""
    return local_spool.page_folder(settings.home, sha256, ReadOptions.from_settings(settings).variant)


@task(name="lire-page", cache_policy=NO_CACHE)
def page_task(info: SourceInfo, number: int, spool: str) -> PageResult:
    """One page read, prepared and OCRed. Its text and PDF go to the spool folder, named by the
    file's SHA-256 and the OCR settings: a rerun after a crash takes the pages already read from
    there, and the result passed back is only paths (Prefect's bookkeeping grows with it)."""
    try:
        return process_page(info, number, ReadOptions.from_settings(runtime().settings), Path(spool))
    except ToolMissing:
        raise
    except Exception as exc:  # noqa: BLE001 - the spool itself failed: this page fails, not the batch
        if is_disk_full(exc):  # …unless the disk is full: a fault of the installation, it stops the run (exit 8)
            raise
        log.exception("%s p.%d : erreur inattendue", Path(info.path).name, number)
        return PageResult(number, "failed", error=UNEXPECTED_PAGE)


@task(name="comprendre-et-aiguiller", cache_policy=NO_CACHE, **TASK_RETRIES)
def document_task(source: str, sha256: str, pages: list[PageResult], facturx_xml: bytes | None,
                  failed: dict[int, str]) -> dict:
    """One document: its pages' text loaded from the spool, understood, then delivered."""
    rt = runtime()
    readable = [p for p in pages if p.kind == "text"]
    numbers = [p.number for p in pages]
    doc = DocumentText(source, numbers, [p.load_page() for p in readable], facturx_xml)
    doc_id = document_id(sha256, numbers)
    record(rt.store, AuditEvent("ocr", doc_id, event_id=step_event_id(doc_id, "ocr"), details={
        "pages": numbers, "methods": sorted({p.method for p in doc.pages}),
        "mean_confidence": round(sum(p.mean_confidence for p in doc.pages) / max(1, len(doc.pages)), 1)}))
    pdfs = [p.pdf for p in readable if p.pdf and Path(p.pdf).exists()]
    return delivery.deliver(rt, doc, doc_id, sha256, understand(doc, rt), pdfs, failed)


@task(name="facture-electronique", cache_policy=NO_CACHE, **TASK_RETRIES)
def einvoice_task(source: str, sha256: str, path: str) -> dict:
    """An e-invoice received as XML (UBL or CII): no page to read; its view is drawn as the
    document's PDF, its fields come from the XML, then it is delivered like any document."""
    rt = runtime()
    doc_id = document_id(sha256, [1])
    with local_spool.scratch(rt.settings.home) as tmp:
        doc, pdf = einvoice_document(local_path(path), source, Path(tmp))
        record(rt.store, AuditEvent("ocr", doc_id, event_id=step_event_id(doc_id, "ocr"), details={
            "pages": doc.source_pages, "methods": ["xml"], "mean_confidence": 100.0, "syntax": doc.einvoice}))
        return delivery.deliver(rt, doc, doc_id, sha256, understand(doc, rt), [str(pdf)], {})


@task(name="quarantaine", cache_policy=NO_CACHE, **TASK_RETRIES)
def quarantine_task(source: str, sha256: str | None, reason: str, kind: str, doc_id: str | None = None) -> dict:
    return delivery.quarantine(runtime(), source, sha256, reason, kind, doc_id=doc_id)


@dataclass
class FileInBatch:
    """A file of the batch on its way: either done (its lines known) or its pages running."""

    path: str
    source: str
    sha256: str
    lines: list[dict] | None = None
    info: SourceInfo | None = None
    spool: Path | None = None
    pages: list = field(default_factory=list)  # futures of page_task


def route_file(rt: Runtime, item: FileInBatch) -> list[dict]:
    """Every document of one file routed; whatever goes wrong in this file's own work
    quarantines the file with a reason, and the batch goes on. Only a storage outage or a
    missing program (faults of the installation, not of the file) stop the batch."""
    try:
        return route_documents(rt, item)
    except (StorageError, ToolMissing):
        raise
    except Exception as exc:  # noqa: BLE001
        if is_disk_full(exc):  # the installation's fault, not the file's: the run stops (exit 8)
            raise
        log.exception("%s : erreur inattendue", item.source)
        return [quarantine_task(item.source, item.sha256, UNEXPECTED_FILE, "unexpected")]


def page_failures(results: list[PageResult]) -> str:
    return "; ".join(f"page {r.number} : {r.error}" for r in results if r.kind == "failed" and r.error)


def route_documents(rt: Runtime, item: FileInBatch) -> list[dict]:
    source, sha256 = item.source, item.sha256
    if item.info.kind == "xml":  # an e-invoice: one document, no page read
        return [einvoice_task(source, sha256, item.path)]
    results = [f.result() for f in item.pages]
    documents = split_pages(results)
    if not documents:
        odd = [r for r in results if r.kind == "blank" and r.error]  # black, photo, noise
        if any(r.kind == "failed" for r in results):
            reason, kind = page_failures(results), "ocr_failed"
        elif odd:
            reason, kind = ("; ".join(f"page {r.number} : {r.error}" for r in odd) if len(results) > 1
                            else odd[0].error), "not_a_document"
        else:
            reason, kind = "aucune page lisible : document vierge", "blank"
        return [quarantine_task(source, sha256, reason, kind)]
    # Any PDF may carry an invoice XML (a Factur-X of any profile), even one with no text layer.
    facturx = read_facturx_xml(local_path(item.path)) if item.info.kind == "pdf" else None
    patiently(record, rt.store, AuditEvent("split", None, event_id=step_event_id(sha256, "split"), details={
        "sha256": sha256, "documents": [d.numbers for d in documents],
        "dropped": [r.number for r in results if r.kind in ("blank", "separator")]}))
    out = []
    for d in documents:
        readable = [p for p in d.pages if p.kind == "text"]
        if not readable:
            reason = page_failures(d.pages) or "aucune page lisible"
            out.append(patiently(delivery.quarantine, rt, source, sha256, reason, "ocr_failed", d.numbers))
            continue
        failed = {p.number: p.error or "illisible" for p in d.pages if p.kind == "failed"}
        # Run here, in the flow's thread: the task runner's workers stay on pages, so OCR never
        # waits behind a delivery's writes.
        try:
            out.append(document_task(source, sha256, d.pages, facturx if len(documents) == 1 else None, failed))
        except (StorageError, ToolMissing):
            raise
        except Exception as exc:  # noqa: BLE001 - this document is quarantined; the file's others go on
            if is_disk_full(exc):  # the installation's fault: the run stops (exit 8)
                raise
            log.exception("%s p.%s : erreur inattendue", source, d.numbers)
            out.append(patiently(delivery.quarantine, rt, source, sha256, UNEXPECTED_DOCUMENT,
                                 "unexpected", d.numbers))
    return out


UNEXPECTED_DOCUMENT = "erreur inattendue pendant la lecture de ce document (détails dans le journal)"
