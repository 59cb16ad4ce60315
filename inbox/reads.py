"""What a person's looks leave in the audit trail, beyond the document view's own ``viewed``
event (storage/workitems.py ``show``):

- a page image asked with no view of that document logged by that person in this process in
  the last ``VIEW_COVERS_SECONDS`` (another web process, a URL typed or kept) logs its own
  ``viewed`` event, with the page number; the view logged just before covers its pages;
- a signed-in person's request for another team's queue or document, for a restricted document
  they may not see, or for an item their team closed too long ago, is answered not found and
  logged as ``access_refused`` (actor, team asked, document if any, reason, path), at most one
  event per person and path per ``REFUSAL_EVERY_SECONDS``, so nobody floods the trail.

Both memos are the web app's own (one per process) and bounded (the oldest keys go first)."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable

from storage.audit import AuditEvent, record
from storage.errors import StorageError
from storage.objectstore import ObjectStore

log = logging.getLogger("aiguillage.web")

VIEW_COVERS_SECONDS = 10 * 60
REFUSAL_EVERY_SECONDS = 60


class Memo:
    """Key -> time last noted, for ``ttl`` seconds, ``size`` keys at most (oldest dropped)."""

    def __init__(self, ttl: float, size: int = 50_000):
        self.ttl, self.size = ttl, size
        self._seen: OrderedDict[Hashable, float] = OrderedDict()
        self._lock = threading.Lock()

    def fresh(self, key: Hashable, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        with self._lock:
            at = self._seen.get(key)
            return at is not None and 0 <= now - at < self.ttl

    def note(self, key: Hashable, now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self._lock:
            self._seen[key] = now
            self._seen.move_to_end(key)
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)

    def take(self, key: Hashable, now: float | None = None) -> bool:
        """True (and noted) when ``key`` was not noted within ``ttl``: at most once per ``ttl``."""
        now = time.time() if now is None else now
        with self._lock:
            at = self._seen.get(key)
            if at is not None and 0 <= now - at < self.ttl:
                return False
            self._seen[key] = now
            self._seen.move_to_end(key)
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)
            return True


class Reads:
    """One web app's memos (kept on ``app.state``): views logged, refusals logged."""

    def __init__(self):
        self.views = Memo(VIEW_COVERS_SECONDS)
        self.refusals = Memo(REFUSAL_EVERY_SECONDS)

    def view_logged(self, login: str, document_id: str, now: float | None = None) -> None:
        """The document view just logged its ``viewed`` event: its page requests are covered."""
        self.views.note((login, document_id), now)

    def page_read(self, store: ObjectStore, login: str, queue: str, document_id: str, number: int,
                  now: float | None = None) -> bool:
        """A page image is about to be sent: logs a ``viewed`` event (with the page) unless a
        view of the document by ``login``, or of this very page, was logged lately. True when
        it logged; a failed write raises (the page is not sent)."""
        if self.views.fresh((login, document_id), now) or self.views.fresh((login, document_id, number), now):
            return False
        record(store, AuditEvent("viewed", document_id, actor=login, queue=queue,
                                 details={"page": number, "via": "image de page"}))
        self.views.note((login, document_id, number), now)
        return True

    def refused(self, store: ObjectStore, login: str, team: str, document_id: str | None, reason: str,
                path: str, now: float | None = None) -> bool:
        """Log a refused request (answered not found all the same); True when an event was written."""
        if not self.refusals.take((login, path), now):
            return False
        try:
            record(store, AuditEvent("access_refused", document_id, actor=login, queue=team,
                                     details={"reason": reason, "path": path[:300]}))
        except StorageError as exc:  # the refusal stands; the log keeps the trace
            log.error("refus d'accès de %s à %s non consigné dans le journal d'audit : %s", login, path, exc)
            return False
        return True


_MAKING = threading.Lock()


def of(app) -> Reads:
    """The app's memos, made on first use."""
    reads = getattr(app.state, "reads", None)
    if reads is None:
        with _MAKING:
            reads = getattr(app.state, "reads", None)
            if reads is None:
                reads = app.state.reads = Reads()
    return reads
