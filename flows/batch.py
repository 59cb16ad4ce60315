"""The batch flow: a scanning station's files in, every document routed out.

    for each file: receive -> inspect -> (pages in parallel: read, prepare, OCR)
                   -> split -> for each document: understand -> deliver

The steps are in ``flows/batch_steps.py``; this module composes them, keeping a few files'
pages in flight at once (``FilesInFlight``) so that one-page scans keep every core busy.
"""

from __future__ import annotations

import shutil
from collections import deque
from typing import Callable, Protocol

from prefect import flow

from extractors.files import portable_path, shown_path
from flows.batch_steps import Arrival, FileInBatch, page_task, pages_folder, quarantine_task, receive_task, route_file
from flows import tally
from flows.notify import send_due
from flows.receipts import duplicate_lines, record_outcome
from storage import spool as local_spool
from wiring.retries import patiently
from wiring.runners import task_runner, workers
from wiring.runtime import Runtime, runtime


@flow(name="aiguillage-lot", log_prints=False)
def process_batch(files: list[str], sources: dict[str, str] | None = None) -> list[dict]:
    """Route every document of every file; returns one SPEC.md result line per document.

    Files overlap: while the pages of one file are read, the next files' pages are already
    queued; at most a few files' pages are in flight, so memory does not grow with the batch.
    ``sources`` names a file as users know it when it was read from elsewhere (a push)."""
    rt = runtime()
    rt.refresh_learned()  # what corrections taught, here or on another machine, since the last batch
    in_flight = FilesInFlight(rt, pages_limit=4 * workers())
    for group in _groups(files, in_flight.pages_limit):
        arrivals = receive_task(group, [(sources or {}).get(path) or shown_path(path) for path in group])
        for path, arrival in zip(group, arrivals):
            in_flight.finish_copies_of(arrival.receipt.sha256)  # the same file twice: the first copy first
            item = FileInBatch(path, arrival.receipt.source, arrival.receipt.sha256)
            item.lines = settled_lines(rt, arrival, in_flight.done)
            if item.lines is None:
                start_reading(rt, item, arrival)
            else:
                for p in _progress:
                    p.file_started(0)
            in_flight.add(item)
    lines = in_flight.finish_all()
    send_due(rt)  # the urgent documents of this batch told to their teams now, wherever the batch ran
    return lines


def settled_lines(rt: Runtime, arrival: Arrival, done: dict[str, list[dict]]) -> list[dict] | None:
    """The lines of a file that needs no reading (a copy of a file already handled, or a file
    refused at intake); None for a file to read."""
    receipt = arrival.receipt
    if receipt.kept and (receipt.sha256 in done or receipt.previous is not None):
        lines = duplicate_lines(receipt.source, done.get(receipt.sha256) or receipt.previous)
        tally.duplicates(rt.store, lines)
        return lines
    if not receipt.kept:  # nothing was read: ``sha256`` fingerprints the entry (path and date), not content
        return [quarantine_task(receipt.source, receipt.sha256, *arrival.refused, doc_id=receipt.sha256[:24])]
    if arrival.refused is not None:
        lines = [quarantine_task(receipt.source, receipt.sha256, *arrival.refused)]
        patiently(record_outcome, rt, receipt.sha256, lines)
        done[receipt.sha256] = lines
        return lines
    return None


def start_reading(rt: Runtime, item: FileInBatch, arrival: Arrival) -> None:
    """Queue every page of the file on the task runner, spooled under its SHA-256."""
    item.info = arrival.info
    item.spool = pages_folder(rt.settings, item.sha256)
    pages = 0 if item.info.kind == "xml" else item.info.page_count  # an e-invoice has no page to read
    item.pages = [page_task.submit(item.info, n, str(item.spool)) for n in range(1, pages + 1)]
    for p in _progress:
        p.file_started(len(item.pages))
        for f in item.pages:
            f.add_done_callback(lambda _f, p=p: p.page_done())


class FilesInFlight:
    """The batch's files in arrival order, their pages being read; the oldest is routed when
    more than ``pages_limit`` pages are in flight, so memory stays flat however long the batch."""

    def __init__(self, rt: Runtime, pages_limit: int):
        self.rt, self.pages_limit = rt, pages_limit
        self.queue: deque[FileInBatch] = deque()
        self.done: dict[str, list[dict]] = {}  # SHA-256 -> lines, for copies in the same batch
        self.lines: list[dict] = []

    def add(self, item: FileInBatch) -> None:
        self.queue.append(item)
        while len(self.queue) > 1 and self._pages_in_flight() > self.pages_limit:
            self._finish_oldest()

    def finish_copies_of(self, sha256: str) -> None:
        while any(q.sha256 == sha256 and q.lines is None for q in self.queue):
            self._finish_oldest()

    def finish_all(self) -> list[dict]:
        while self.queue:
            self._finish_oldest()
        return self.lines

    def _pages_in_flight(self) -> int:
        return sum(len(q.pages) for q in self.queue if q.lines is None)

    def _finish_oldest(self) -> None:
        item = self.queue.popleft()
        if item.lines is None:
            item.lines = route_file(self.rt, item)
            shutil.rmtree(item.spool.parent, ignore_errors=True)
            patiently(record_outcome, self.rt, item.sha256, item.lines)
            self.done[item.sha256] = item.lines
        self.lines.extend(item.lines)
        for listener in _listeners:
            listener(item.path, item.lines)


def _groups(files: list[str], size: int) -> list[list[str]]:
    """Files in groups for the intake task: the first alone, so that OCR starts at once."""
    return [files[:1]] + [files[i:i + size] for i in range(1, len(files), size)] if files else []


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
    # Prefect sends parameters as JSON: a file name that is not UTF-8 goes as a portable token.
    tokens = [portable_path(f) for f in files]
    sources = {portable_path(k): v for k, v in (sources or {}).items()}
    try:
        lines = process_batch.with_options(task_runner=task_runner())(tokens, sources)
        rt = runtime()
        local_spool.sweep(rt.settings.home, rt.store)  # leftovers of an earlier, killed run
        return lines
    finally:
        for registry, observer in observers:
            if observer:
                registry.remove(observer)
