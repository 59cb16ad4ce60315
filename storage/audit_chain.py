"""The audit log as a hash chain of immutable objects, shared by every worker through storage.

    audit/chain/<seq // 10000:08d>/<seq:012d>.json   event number ``seq`` (1, 2, 3, …)
    audit/head.json                                  a hint: a recent sequence number

Each object's bytes are the canonical JSON ``{"event": {...}, "prev": <hash>, "seq": n}``;
an event's hash is the SHA-256 of those bytes, and event n+1 names it in ``prev`` (event 1
names ``GENESIS``). Changing, removing, inserting or reordering an event breaks a link.

Appending needs nothing but the store: a writer claims number n+1 by *creating* its object
with ``put_if_absent`` (``If-None-Match: *`` on S3). The claim and the write are one atomic
request, so a writer that crashes has either written a whole event or nothing, and there is
no half-claimed number to clean up; an S3 answer lost on the way is settled by S3Store (a
412 on a retry with our own bytes counts as ours). Losing the race (the number is taken)
means reading the winner's event, whose hash becomes our ``prev``, and trying the next
number. Writers in one process share one ChainWriter per store (a lock, no network race);
a new process starts from the hint and walks forward.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterator

from storage.errors import ObjectNotFound, StorageError
from storage.objectstore import ObjectStore

log = logging.getLogger("aiguillage.audit")

CHAIN_PREFIX = "audit/chain/"
HEAD_KEY = "audit/head.json"
BLOCK = 10_000
GENESIS = "0" * 64
HINT_EVERY = 64
_KEY = re.compile(r"^audit/chain/(\d{8})/(\d{12})\.json$")


def chain_key(seq: int) -> str:
    return f"{CHAIN_PREFIX}{seq // BLOCK:08d}/{seq:012d}.json"


def block_prefix(block: int) -> str:
    return f"{CHAIN_PREFIX}{block:08d}/"


def seq_of_key(key: str) -> int | None:
    """The sequence number a chain key names, or None when the key is not one of ours."""
    m = _KEY.match(key)
    if not m or int(m.group(2)) // BLOCK != int(m.group(1)):
        return None
    return int(m.group(2))


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


def store_identity(store: ObjectStore) -> str:
    if store.name == "s3":
        return f"s3:{getattr(store, 'endpoint', '')}/{getattr(store, 'bucket', '')}"
    root = getattr(store, "root", None)
    return f"{store.name}:{root.resolve() if root is not None else id(store)}"


# -- writing ---------------------------------------------------------------------------------

class ChainWriter:
    """Appends events to one store's chain; safe across threads, processes and machines."""

    def __init__(self, store: ObjectStore, after_write: Callable[[int, bytes], None] | None = None,
                 max_attempts: int = 100_000):
        self.store = store
        self.after_write = after_write  # e.g. the copy under object lock
        self.max_attempts = max_attempts
        self._lock = threading.Lock()
        self._head: tuple[int, str] | None = None
        self._hinted = False

    def append(self, event: dict[str, Any]) -> tuple[int, str]:
        """Write ``event`` as the next event of the chain; returns (seq, key)."""
        with self._lock:
            seq, prev = self._head if self._head is not None else find_head(self.store)
            for attempt in range(self.max_attempts):
                n = seq + 1
                body = encode(n, prev, event)
                if self.store.put_if_absent(chain_key(n), body, content_type="application/json"):
                    self._head = (n, digest(body))
                    if n % HINT_EVERY == 0 or not self._hinted or attempt > HINT_EVERY:
                        self._write_hint(n)
                    if self.after_write is not None:
                        self.after_write(n, body)
                    return n, chain_key(n)
                seq, prev = self._catch_up(n, seq, prev, first=attempt == 0)
            raise StorageError(f"journal d'audit : aucun numéro libre après {self.max_attempts} essais "
                               "(trop d'écrivains simultanés ?)")

    def _catch_up(self, taken: int, seq: int, prev: str, first: bool) -> tuple[int, str]:
        """Someone else wrote event ``taken``: learn its hash (or jump to the hint if far ahead)."""
        if first:
            hint = read_hint(self.store)
            if hint is not None and hint > taken:
                try:
                    return hint, digest(self.store.get(chain_key(hint)))
                except ObjectNotFound:
                    pass
        try:
            return taken, digest(self.store.get(chain_key(taken)))
        except ObjectNotFound:  # removed meanwhile (verify will say so): try that number again
            return seq, prev

    def _write_hint(self, seq: int) -> None:
        try:
            self.store.put(HEAD_KEY, json.dumps({"seq": seq}).encode(), content_type="application/json")
            self._hinted = True
        except StorageError as exc:  # only a hint: the chain itself is written
            log.warning("journal d'audit : indice de tête non écrit (%s)", exc)


def read_hint(store: ObjectStore) -> int | None:
    try:
        value = json.loads(store.get(HEAD_KEY)).get("seq")
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
    seq = start
    while True:  # the hint lags: walk forward to the real end
        try:
            nxt = store.get(chain_key(seq + 1))
        except ObjectNotFound:
            return seq, digest(body)
        seq, body = seq + 1, nxt


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
    """Every object under the chain prefix from event ``start`` on, in order, as
    (seq, key, bytes); seq None for a key that is not an event name (bytes None then).

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
