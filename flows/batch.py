"""The batch flow: a scanning station's files in, every document routed out.

    for each file: receive -> inspect -> (pages in parallel: read, prepare, OCR)
                   -> split -> for each document: understand -> deliver
"""

from __future__ import annotations

import os
import shutil
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Callable, Protocol

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from config import ConfigError
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


def task_runner():
    """The task runner ``ocr.task_runner`` names, sized by ``ocr.workers``."""
    s = runtime().settings
    kind = s["ocr.task_runner"]
    if kind == "processes":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=workers())
    if kind == "dask":
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError:
            raise ConfigError(s.source, "ocr.task_runner", "dask demande le paquet prefect-dask "
                              "(pip install prefect-dask)") from None
        if s["ocr.dask_address"]:
            return DaskTaskRunner(address=s["ocr.dask_address"])
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers(), "threads_per_worker": 1})
    return ThreadPoolTaskRunner(max_workers=workers())


@task(name="recevoir", cache_policy=NO_CACHE, **TASK_RETRIES)
def receive_task(path: str, source: str) -> Receipt:
    return receive(runtime(), Path(path), source)


@task(name="examiner", cache_policy=NO_CACHE)
def inspect_task(path: str) -> SourceInfo:
    s = runtime().settings
    return inspect(Path(path), s["ocr.max_pages"], s["ocr.max_page_pixels"], s["ocr.dpi"])


def _page_cache_key(_context, parameters: dict) -> str:
    """A page's result depends on the file's content (its spool folder is named by its
    SHA-256), the page and the OCR settings: a rerun after a crash skips pages already read."""
    s = runtime().settings
    return f"page-{Path(parameters['spool']).name}-{parameters['number']}-{s['ocr.dpi']}-{s['ocr.languages']}"


@task(name="lire-page", cache_key_fn=_page_cache_key, persist_result=True, cache_expiration=timedelta(days=7))
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


@dataclass
class _File:
    """A file of the batch on its way: either done (its lines known) or its pages running."""

    path: str
    source: str
    sha256: str
    lines: list[dict] | None = None
    info: SourceInfo | None = None
    spool: Path | None = None
    pages: list = field(default_factory=list)  # futures of page_task


@flow(name="aiguillage-lot", log_prints=False)
def process_batch(files: list[str], sources: dict[str, str] | None = None) -> list[dict]:
    """Route every document of every file; returns one SPEC.md result line per document.

    Files overlap: while the pages of one file are read, the next files' pages are already
    queued, so one-page scans keep every core busy; at most a few files' pages are in flight,
    so memory does not grow with the batch. ``sources`` names a file as users know it when it
    was read from elsewhere (a push)."""
    lines: list[dict] = []
    seen: dict[str, list[dict]] = {}
    queue: deque[_File] = deque()
    in_flight_limit = 4 * workers()

    def finish_oldest() -> None:
        item = queue.popleft()
        if item.lines is None:
            try:
                item.lines = route_documents(item)
            finally:
                shutil.rmtree(item.spool, ignore_errors=True)
            patiently(record_outcome, runtime(), item.sha256, item.lines)
            seen[item.sha256] = item.lines
        lines.extend(item.lines)
        for listener in _listeners:
            listener(item.path, item.lines)

    for path in files:
        source = (sources or {}).get(path, path)
        receipt = receive_task(path, source)
        while any(q.sha256 == receipt.sha256 and q.lines is None for q in queue):
            finish_oldest()  # the same file twice in one batch: the first copy finishes first
        item = _File(path, source, receipt.sha256)
        if receipt.sha256 in seen or receipt.previous is not None:
            item.lines = duplicate_lines(source, seen.get(receipt.sha256) or receipt.previous)
        else:
            try:
                item.info = inspect_task(path)
            except UnreadableInput as exc:
                item.lines = [quarantine_task(source, receipt.sha256, exc.reason, exc.kind)]
                patiently(record_outcome, runtime(), receipt.sha256, item.lines)
                seen[receipt.sha256] = item.lines
            else:
                item.spool = runtime().settings.home / "spool" / receipt.sha256
                item.pages = [page_task.submit(item.info, n, str(item.spool))
                              for n in range(1, item.info.page_count + 1)]
                for p in _progress:
                    p.file_started(len(item.pages))
                    for f in item.pages:
                        f.add_done_callback(lambda _f, p=p: p.page_done())
        if item.lines is not None:
            for p in _progress:
                p.file_started(0)
        queue.append(item)
        while len(queue) > 1 and sum(len(q.pages) for q in queue if q.lines is None) > in_flight_limit:
            finish_oldest()
    while queue:
        finish_oldest()
    return lines


class Progress(Protocol):
    def file_started(self, pages: int) -> None: ...
    def page_done(self) -> None: ...


# Observers in this process (the CLI's table and progress bar); a flow run on a remote worker
# has none. Module-level because flow parameters must be plain data.
_listeners: list[Callable[[str, list[dict]], None]] = []
_progress: list[Progress] = []


def run_batch(files: list[str], on_file: Callable[[str, list[dict]], None] | None = None,
              sources: dict[str, str] | None = None, progress: Progress | None = None) -> list[dict]:
    """Run the batch flow with one page worker per core (or ``ocr.workers``)."""
    observers = [(_listeners, on_file), (_progress, progress)]
    for registry, observer in observers:
        if observer:
            registry.append(observer)
    try:
        return process_batch.with_options(task_runner=task_runner())(files, sources)
    finally:
        for registry, observer in observers:
            if observer:
                registry.remove(observer)


def route_documents(item: _File) -> list[dict]:
    source, sha256 = item.source, item.sha256
    results = [f.result() for f in item.pages]
    documents = split_pages(results)
    if not documents:
        reason = "aucune page lisible : document vierge" if all(
            r.kind in ("blank", "separator") for r in results) else "; ".join(
            f"page {r.number} : {r.error}" for r in results if r.kind == "failed")
        return [quarantine_task(source, sha256, reason, "blank")]
    facturx = (read_facturx_xml(Path(item.path).read_bytes())
               if item.info.kind == "pdf" and item.info.text_pages else None)
    patiently(record, runtime().store, AuditEvent("split", None, details={
        "sha256": sha256, "documents": [d.numbers for d in documents],
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
        pdfs = [p.pdf for p in readable if p.pdf and Path(p.pdf).exists()]
        doc_futures.append(document_task.submit(doc, sha256, pdfs, failed))
    out = []
    for d, fut in zip(documents, doc_futures):
        if fut is None:
            reason = "; ".join(f"page {p.number} : {p.error}" for p in d.pages)
            out.append(patiently(delivery.quarantine, runtime(), source, sha256, reason, "ocr_failed", d.numbers))
        else:
            out.append(fut.result())
    return out
