"""The audit log as a hash chain of immutable objects, shared by every worker through storage.

    audit/chain/<first // 10000:08d>/<first:012d>.json   events ``first`` … ``last`` (one or more)
    audit/head.json                                      a hint: a recent object's first number

Each event's bytes are the canonical JSON ``{"event": {...}, "prev": <hash>, "seq": n}``; an
event's hash is the SHA-256 of those bytes, and event n+1 names it in ``prev`` (event 1 names
``GENESIS``). An object holds consecutive events, one canonical line each, joined by ``\n``
(canonical JSON never holds a raw newline); an object of one event is exactly that event's
bytes. Changing, removing, inserting or reordering an event breaks a link.

Appending needs nothing but the store: a writer claims the numbers after the last object by
*creating* the next object (named by its first number) with ``put_if_absent`` (``If-None-Match:
*`` on S3). The claim and the write are one atomic request, so a writer that crashes has
either written whole events or nothing, and there is no half-claimed number to clean up; an S3
answer lost on the way is settled by S3Store (a 412 on a retry with our own bytes counts as
ours). Losing the race (the name is taken) means reading the winner's object, whose last event
gives our ``prev`` and our next name. Objects are only ever named right after the end of an
object a writer has read or written, so names never fall inside another object's range.

Group commit: threads of one process share one ChainWriter per store. A caller whose event
finds no write in flight writes it at once; events arriving while a write is in flight wait
for it, then go together in the next object (one PUT for all of them). ``append`` returns
only once its own event is in storage. A new process starts from the hint and walks forward.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterator

from storage import layout
from storage.errors import ObjectNotFound, StorageError
from storage.objectstore import ObjectStore

log = logging.getLogger("aiguillage.audit")

BLOCK = 10_000
GENESIS = "0" * 64
HINT_EVERY = 64


def chain_key(seq: int) -> str:
    return layout.audit_event(seq, BLOCK)


def block_prefix(block: int) -> str:
    return layout.audit_block(block)


def seq_of_key(key: str) -> int | None:
    """The sequence number a chain key names, or None when the key is not one of ours."""
    return layout.audit_seq_of(key, BLOCK)


def encode(seq: int, prev: str, event: dict[str, Any]) -> bytes:
    return json.dumps({"event": event, "prev": prev, "seq": seq}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


_TAIL = b',"prev":"'


def links(body: bytes) -> tuple[int, str]:
    """(seq, prev) of an event's bytes, read from the canonical form's tail (fast path), or by
    parsing the JSON; ValueError when neither works."""
    i = body.rfind(_TAIL)
    rest = body[i + 73:] if i >= 0 else b""
    if rest.startswith(b'","seq":') and rest.endswith(b"}") and rest[8:-1].isdigit():
        return int(rest[8:-1]), body[i + 9:i + 73].decode("ascii", "replace")
    try:
        doc = json.loads(body)
        seq, prev = doc["seq"], doc["prev"]
    except (ValueError, KeyError, TypeError):
        raise ValueError("contenu illisible") from None
    if not isinstance(seq, int) or not isinstance(prev, str):
        raise ValueError("contenu illisible")
    return seq, prev


def split_events(body: bytes) -> list[bytes]:
    """The events' bytes in one chain object (one for an object of one event)."""
    return body.split(b"\n") if b"\n" in body else [body]


def object_end(body: bytes) -> tuple[int, str]:
    """(seq, hash) of the last event in an object's bytes; ValueError when unreadable."""
    last = body[body.rfind(b"\n") + 1:]
    return links(last)[0], digest(last)


def store_identity(store: ObjectStore) -> str:
    if store.name == "s3":
        return f"s3:{getattr(store, 'endpoint', '')}/{getattr(store, 'bucket', '')}"
    root = getattr(store, "root", None)
    return f"{store.name}:{root.resolve() if root is not None else id(store)}"


# -- writing ---------------------------------------------------------------------------------

MAX_GROUP = 256  # events in one object at most
MAX_GROUP_BYTES = 1 << 20


def _size(event: dict[str, Any]) -> int:
    details = event.get("details")
    return 300 + (len(json.dumps(details, ensure_ascii=False)) if details else 0)


class _Slot:
    __slots__ = ("event", "result", "error", "done")

    def __init__(self, event: dict[str, Any]):
        self.event = event
        self.result: tuple[int, str] | None = None
        self.error: BaseException | None = None
        self.done = False


class ChainWriter:
    """Appends events to one store's chain; safe across threads, processes and machines.

    ``after_write(first, body)`` is called with each object written (e.g. its copy under
    object lock), by the thread that wrote it, after the callers of its events are released.
    """

    def __init__(self, store: ObjectStore, after_write: Callable[[int, bytes], None] | None = None,
                 max_attempts: int = 100_000):
        self.store = store
        self.after_write = after_write
        self.max_attempts = max_attempts
        self._cond = threading.Condition(threading.Lock())
        self._pending: list[_Slot] = []
        self._writing = False
        self._head: tuple[int, str] | None = None
        self._hinted = False
        self.objects_written = 0  # for reports and tests

    def append(self, event: dict[str, Any]) -> tuple[int, str]:
        """Write ``event`` as an event of the chain; returns (seq, key of the object holding it)
        once it is in storage. Concurrent callers share one write (group commit)."""
        return self.append_many([event])[0]

    def append_many(self, events: list[dict[str, Any]]) -> list[tuple[int, str]]:
        """Write ``events`` as consecutive events (one object when nothing else is waiting and
        they fit); returns their (seq, key) once all are in storage."""
        slots = [_Slot(e) for e in events]
        if not slots:
            return []
        mine = slots[-1]  # slots are written in order: the last done means all done
        with self._cond:
            self._pending.extend(slots)
            while self._writing and not mine.done:
                self._cond.wait()
            if not mine.done:
                self._writing = True  # our turn: write what is waiting, ours included
        while not mine.done:
            with self._cond:
                batch, size = [], 0
                while self._pending and len(batch) < MAX_GROUP and size < MAX_GROUP_BYTES:
                    batch.append(self._pending.pop(0))
                    size += _size(batch[-1].event)
            written = None
            try:
                written = self._write(batch)
            except BaseException as exc:  # noqa: BLE001 - every caller of the batch gets the error
                for s in batch:
                    s.error = exc
            with self._cond:
                for s in batch:
                    s.done = True
                if mine.done:
                    self._writing = False
                self._cond.notify_all()
            if written is not None:  # the callers are released: the hint and the copy can follow
                first, body, hint = written
                if hint:
                    self._write_hint(first)
                if self.after_write is not None:
                    self.after_write(first, body)
        for s in slots:
            if s.error is not None:
                raise s.error
        return [s.result for s in slots]  # type: ignore[misc]

    @property
    def waiting(self) -> int:
        """Events waiting for the write in flight to finish."""
        with self._cond:
            return len(self._pending)

    def _write(self, batch: list[_Slot]) -> tuple[int, bytes, bool]:
        """Write the batch as one object after the chain's end; returns (first, body, whether
        the head hint is due)."""
        seq, prev = self._head if self._head is not None else find_head(self.store)
        for attempt in range(self.max_attempts):
            first = seq + 1
            lines, p = [], prev
            for i, s in enumerate(batch):
                lines.append(encode(first + i, p, s.event))
                p = digest(lines[-1])
            body = b"\n".join(lines)
            key = chain_key(first)
            if self.store.put_if_absent(key, body, content_type="application/json"):
                last = first + len(batch) - 1
                self._head = (last, p)
                self.objects_written += 1
                for i, s in enumerate(batch):
                    s.result = (first + i, key)
                hint = last // HINT_EVERY != seq // HINT_EVERY or not self._hinted or attempt > HINT_EVERY
                return first, body, hint
            seq, prev = self._catch_up(first, seq, prev, first=attempt == 0)
        raise StorageError(f"journal d'audit : aucun numéro libre après {self.max_attempts} essais "
                           "(trop d'écrivains simultanés ?)")

    def _catch_up(self, taken: int, seq: int, prev: str, first: bool) -> tuple[int, str]:
        """Someone else wrote the object named ``taken``: learn where it ends (or jump to the
        hint if far ahead)."""
        if first:
            hint = read_hint(self.store)
            if hint is not None and hint > taken:
                try:
                    return object_end(self.store.get(chain_key(hint)))
                except (ObjectNotFound, ValueError):
                    pass
        try:
            return object_end(self.store.get(chain_key(taken)))
        except ObjectNotFound:  # removed meanwhile (verify will say so): try that number again
            return seq, prev
        except ValueError:
            raise StorageError(f"journal d'audit : l'objet {chain_key(taken)} est illisible, "
                               "lancez « aiguillage audit verify »") from None

    def _write_hint(self, first: int) -> None:
        try:
            self.store.put(layout.AUDIT_HEAD, json.dumps({"seq": first}).encode(), content_type="application/json")
            self._hinted = True
        except StorageError as exc:  # only a hint: the chain itself is written
            log.warning("journal d'audit : indice de tête non écrit (%s)", exc)


def read_hint(store: ObjectStore) -> int | None:
    try:
        value = json.loads(store.get(layout.AUDIT_HEAD)).get("seq")
    except (ObjectNotFound, ValueError, AttributeError):
        return None
    return value if isinstance(value, int) and value > 0 else None


def find_head(store: ObjectStore) -> tuple[int, str]:
    """The last event's number and hash, (0, GENESIS) for an empty log."""
    start = read_hint(store)
    body = None
    if start is not None:
        try:
            body = store.get(chain_key(start))
        except ObjectNotFound:
            start = None
    if start is None:
        start = _last_seq_by_listing(store)
        if start == 0:
            return 0, GENESIS
        body = store.get(chain_key(start))
    while True:  # the hint lags: walk forward to the real end
        try:
            seq, h = object_end(body)
        except ValueError:
            raise StorageError(f"journal d'audit : l'objet {chain_key(start)} est illisible, "
                               "lancez « aiguillage audit verify »") from None
        try:
            body = store.get(chain_key(seq + 1))
        except ObjectNotFound:
            return seq, h
        start = seq + 1


def _block_keys(store: ObjectStore, block: int) -> list[str]:
    return list(store.list(block_prefix(block)))


def _last_seq_by_listing(store: ObjectStore) -> int:
    """Highest event number, found by listing blocks (no hint): a few LIST calls."""
    if not _block_keys(store, 0) and not _block_keys(store, 1):
        return 0
    lo, hi = 0, 1
    while _block_keys(store, hi):  # exponential then binary search over non-empty blocks
        lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _block_keys(store, mid):
            lo = mid
        else:
            hi = mid
    seqs = [s for s in map(seq_of_key, _block_keys(store, lo)) if s is not None]
    return max(seqs, default=0)


_WRITERS: dict[str, ChainWriter] = {}
_WRITERS_LOCK = threading.Lock()


def writer_for(store: ObjectStore, make: Callable[[ObjectStore], ChainWriter] = ChainWriter) -> ChainWriter:
    """The process's one writer for this store (same folder or bucket = same writer)."""
    ident = store_identity(store)
    with _WRITERS_LOCK:
        writer = _WRITERS.get(ident)
        if writer is None:
            writer = _WRITERS[ident] = make(store)
        return writer


# -- reading ---------------------------------------------------------------------------------

def read_chain(store: ObjectStore, start: int = 1, threads: int | None = None
               ) -> Iterator[tuple[int | None, str, bytes | None]]:
    """Every object under the chain prefix named from ``start`` on, in order, as
    (first, key, bytes): ``first`` is the number in the object's name, that of its first event
    (``split_events`` gives the events); None for a key that is not a chain name (bytes None).

    Lists one block (10,000 numbers) at a time; on S3, reads with ``threads`` parallel GETs.
    Stops after two consecutive empty blocks.
    """
    threads = threads or (16 if store.name == "s3" else 1)
    pool = ThreadPoolExecutor(threads) if threads > 1 else None
    try:
        block, empty = start // BLOCK, 0
        while empty < 2:
            keys = _block_keys(store, block)
            block += 1
            if not keys:
                empty += 1
                continue
            empty = 0
            named = [(seq_of_key(k), k) for k in keys]
            wanted = [(s, k) for s, k in named if s is None or s >= start]
            for s, k in wanted:
                if s is None:
                    yield None, k, None
            ordered = [(s, k) for s, k in wanted if s is not None]
            get = _reader(store)
            bodies = pool.map(lambda sk: get(sk[1]), ordered, chunksize=64) if pool \
                else (get(k) for _s, k in ordered)
            for (s, k), body in zip(ordered, bodies):
                if body is not None:
                    yield s, k, body
    finally:
        if pool:
            pool.shutdown(wait=False, cancel_futures=True)


def _reader(store: ObjectStore) -> Callable[[str], bytes | None]:
    """``key -> bytes or None``. For the local folder, a plain file read (keys come from its own
    listing, already checked): the store's per-key path checks cost more than the read."""
    from storage.local import LocalStore

    if type(store) is LocalStore:
        root = str(store.root) + os.sep

        def read_file(key: str) -> bytes | None:
            try:
                with open(root + key, "rb") as fh:
                    return fh.read()
            except FileNotFoundError:
                return None
        return read_file

    def get(key: str) -> bytes | None:
        try:
            return store.get(key)
        except ObjectNotFound:
            return None
    return get
