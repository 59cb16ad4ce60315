"""The batch flow: a scanning station's files in, every document routed out.

    for each file: receive -> inspect -> (pages in parallel: read, prepare, OCR)
                   -> split -> for each document: understand -> deliver
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.errors import UnreadableInput
from extractors.facturx import read_facturx_xml
from extractors.reading import SourceInfo, inspect
from extractors.types import DocumentText
from flows import deliver as delivery
from flows.ids import document_id
from flows.intake import Receipt, duplicate_lines, receive, record_outcome
from flows.pages import PageResult, process_page
from flows.runtime import runtime
from flows.split import split_pages
from flows.understand import understand
from storage.audit import AuditEvent, record
from storage.outage import TASK_RETRIES, patiently

def workers() -> int:
    configured = runtime().settings["ocr.workers"]
    return configured or os.cpu_count() or 1


@task(name="recevoir", cache_policy=NO_CACHE, **TASK_RETRIES)
def receive_task(path: str, source: str) -> Receipt:
    return receive(runtime(), Path(path), source)


@task(name="examiner", cache_policy=NO_CACHE)
def inspect_task(path: str) -> SourceInfo:
    s = runtime().settings
    return inspect(Path(path), s["ocr.max_pages"], s["ocr.max_page_pixels"], s["ocr.dpi"])


@task(name="lire-page", cache_policy=NO_CACHE)
def page_task(info: SourceInfo, number: int, spool: str) -> PageResult:
    s = runtime().settings
    return process_page(info, number, s["ocr.dpi"], s["ocr.languages"], s["ocr.page_timeout_seconds"],
                        Path(spool))


@task(name="comprendre-et-aiguiller", cache_policy=NO_CACHE, **TASK_RETRIES)
def document_task(doc: DocumentText, sha256: str, page_pdfs: list[str], failed: dict[int, str]) -> dict:
    rt = runtime()
    doc_id = document_id(sha256, doc.source_pages)
    record(rt.store, AuditEvent("ocr", doc_id, details={
        "pages": doc.source_pages, "methods": sorted({p.method for p in doc.pages}),
        "mean_confidence": round(sum(p.mean_confidence for p in doc.pages) / max(1, len(doc.pages)), 1)}))
    return delivery.deliver(rt, doc, doc_id, sha256, understand(doc, rt), page_pdfs, failed)


@task(name="quarantaine", cache_policy=NO_CACHE, **TASK_RETRIES)
def quarantine_task(source: str, sha256: str, reason: str, kind: str) -> dict:
    return delivery.quarantine(runtime(), source, sha256, reason, kind)


@flow(name="aiguillage-lot", log_prints=False)
def process_batch(files: list[str], sources: dict[str, str] | None = None) -> list[dict]:
    """Route every document of every file; returns one SPEC.md result line per document.
    ``sources`` names a file as users know it when it was read from elsewhere (a push)."""
    lines: list[dict] = []
    seen: dict[str, list[dict]] = {}
    for path in files:
        file_lines = process_file(path, seen, (sources or {}).get(path, path))
        lines.extend(file_lines)
        for listener in _listeners:
            listener(path, file_lines)
    return lines


_listeners: list[Callable[[str, list[dict]], None]] = []


def run_batch(files: list[str], on_file: Callable[[str, list[dict]], None] | None = None,
              sources: dict[str, str] | None = None) -> list[dict]:
    """Run the batch flow with one page worker per core (or ``ocr.workers``)."""
    if on_file:
        _listeners.append(on_file)
    try:
        runner = ThreadPoolTaskRunner(max_workers=workers())
        return process_batch.with_options(task_runner=runner)(files, sources)
    finally:
        if on_file:
            _listeners.remove(on_file)


def process_file(path: str, seen: dict[str, list[dict]], source: str) -> list[dict]:
    receipt = receive_task(path, source)
    if receipt.sha256 in seen:
        return duplicate_lines(source, seen[receipt.sha256])
    if receipt.previous is not None:
        return duplicate_lines(source, receipt.previous)
    try:
        info = inspect_task(path)
    except UnreadableInput as exc:
        lines = [quarantine_task(source, receipt.sha256, exc.reason, exc.kind)]
    else:
        spool = runtime().settings.home / "spool" / receipt.sha256
        try:
            lines = route_documents(path, source, receipt, info, spool)
        finally:
            shutil.rmtree(spool, ignore_errors=True)
    patiently(record_outcome, runtime(), receipt.sha256, lines)
    seen[receipt.sha256] = lines
    return lines


def route_documents(path: str, source: str, receipt: Receipt, info: SourceInfo, spool: Path) -> list[dict]:
    futures = [page_task.submit(info, n, str(spool)) for n in range(1, info.page_count + 1)]
    results = [f.result() for f in futures]
    documents = split_pages(results)
    if not documents:
        reason = "aucune page lisible : document vierge" if all(
            r.kind in ("blank", "separator") for r in results) else "; ".join(
            f"page {r.number} : {r.error}" for r in results if r.kind == "failed")
        return [quarantine_task(source, receipt.sha256, reason, "blank")]
    facturx = _facturx(path) if info.kind == "pdf" and info.text_pages else None
    patiently(record, runtime().store, AuditEvent("split", None, details={
        "sha256": receipt.sha256, "documents": [d.numbers for d in documents],
        "dropped": [r.number for r in results if r.kind in ("blank", "separator")]}))
    doc_futures = []
    for d in documents:
        readable = [p for p in d.pages if p.kind == "text" and p.page is not None]
        failed = {p.number: p.error or "illisible" for p in d.pages if p.kind == "failed"}
        if not readable:
            doc_futures.append(None)
            continue
        doc = DocumentText(source, d.numbers, [p.page for p in readable],
                           facturx if len(documents) == 1 else None)
        pdfs = [p.pdf for p in readable if p.pdf]
        doc_futures.append(document_task.submit(doc, receipt.sha256, pdfs, failed))
    lines = []
    for d, fut in zip(documents, doc_futures):
        if fut is None:
            reason = "; ".join(f"page {p.number} : {p.error}" for p in d.pages)
            lines.append(patiently(delivery.quarantine, runtime(), source, receipt.sha256, reason, "ocr_failed",
                                   d.numbers))
        else:
            lines.append(fut.result())
    return lines


def _facturx(path: str) -> bytes | None:
    try:
        return read_facturx_xml(Path(path).read_bytes())
    except Exception:  # a broken attachment is not a broken invoice: read it as a PDF
        return None
