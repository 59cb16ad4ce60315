"""A second copy of every audit chain object under S3 Object Lock, where nobody can delete it.

The chain itself must live in an *unversioned* bucket (claims rely on ``If-None-Match: *``,
which Ceph RGW ignores in versioned buckets, and every Object Lock bucket is versioned). So
each chain object (one or more events) is also written, byte for byte under the same key, to
``<bucket>-audit``, a bucket created with Object Lock, under a retention period (COMPLIANCE by
default: not even the account owner can shorten it or delete the version before it expires).
Overwriting a key there only adds a version; the first version of each key stays, and
``verify`` compares the chain with it (ETag = MD5 of the bytes).

The copy is made in the background (``Copier``: one thread per store, a bounded queue), so a
writer does not wait for it; ``flush`` waits until the queue is empty and runs at exit. A copy
that was never made (the process was killed, the vault was unreachable, the queue stayed full)
is made by the next ``aiguillage audit sync`` (``sealer``), and verify lists it as missing.

The local back end has no object lock: there, the chain's hashes and the index's recorded
hashes are the only protection (they detect changes, they do not prevent them).
"""

from __future__ import annotations

import hashlib
import io
import logging
import queue
import threading
import time
from datetime import datetime, timedelta, timezone

from storage.audit.chain import BLOCK, block_prefix, chain_key, seq_of_key
from storage.errors import StorageError
from storage.objectstore import ObjectStore

log = logging.getLogger("aiguillage.audit")

# Production default: five years, COMPLIANCE. Tests use GOVERNANCE with one day.
RETENTION_MODE = "COMPLIANCE"
RETENTION_DAYS = 1825
SUFFIX = "-audit"


class LockVault:
    """Event copies under retention in an Object Lock bucket (minio client)."""

    def __init__(self, client, bucket: str, mode: str | None = None, days: int | None = None):
        self.client = client
        self.bucket = bucket
        self.mode = mode or RETENTION_MODE
        self.days = days or RETENTION_DAYS
        self._ready: bool | None = None
        self._why = ""
        self._lock = threading.Lock()

    @classmethod
    def for_store(cls, store: ObjectStore) -> "LockVault | None":
        """The vault beside an S3 store's bucket; None for the local back end."""
        if store.name != "s3":
            return None
        return cls(store.client, f"{store.bucket}{SUFFIX}"[:63])

    def available(self) -> bool:
        """Create the Object Lock bucket if needed; False (with a logged reason) if the server
        does not offer Object Lock or the bucket exists without it."""
        from minio.error import S3Error

        if self._ready is not None:
            return self._ready
        with self._lock:
            if self._ready is not None:
                return self._ready
            try:
                if not self.client.bucket_exists(self.bucket):
                    self.client.make_bucket(self.bucket, object_lock=True)
                self.client.get_object_lock_config(self.bucket)
                self._ready = True
            except S3Error as exc:
                self._ready, self._why = False, f"{exc.code}: {exc.message}"
            except Exception as exc:  # noqa: BLE001 - unreachable server etc.: no copy, say why
                self._ready, self._why = False, type(exc).__name__
            if not self._ready:
                log.warning("journal d'audit : pas de verrouillage d'objets (bucket %s) : %s",
                            self.bucket, self._why)
            return self._ready

    @property
    def why_unavailable(self) -> str:
        return self._why

    def keep(self, seq: int, body: bytes) -> None:
        """Write the copy of the chain object named ``seq`` under retention; StorageError on failure."""
        from minio.retention import Retention

        if not self.available():
            return
        until = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=self.days)
        try:
            self.client.put_object(self.bucket, chain_key(seq), io.BytesIO(body), len(body),
                                   content_type="application/json", retention=Retention(self.mode, until))
        except Exception as exc:  # noqa: BLE001
            raise StorageError(f"copie verrouillée du journal d'audit (n°{seq}) non écrite : "
                               f"{getattr(exc, 'code', None) or type(exc).__name__}") from None

    def first_versions(self, block: int) -> dict[int, str]:
        """first -> ETag (MD5 hex) of the *first* version of each object copy named in one block."""
        found: dict[int, tuple[datetime, str]] = {}
        for obj in self.client.list_objects(self.bucket, prefix=block_prefix(block), recursive=True,
                                            include_version=True):
            seq = seq_of_key(obj.object_name)
            if seq is None or obj.is_delete_marker:
                continue
            when = obj.last_modified or datetime.min.replace(tzinfo=timezone.utc)
            etag = (obj.etag or "").strip('"')
            if seq not in found or when <= found[seq][0]:  # listed newest first: ties keep the older
                found[seq] = (when, etag)
        return {seq: etag for seq, (_, etag) in found.items()}

    def original(self, seq: int) -> bytes | None:
        """The first version's bytes of the copy of the object named ``seq``, None when there is none."""
        versions = [o for o in self.client.list_objects(self.bucket, prefix=chain_key(seq),
                                                         include_version=True)
                    if o.object_name == chain_key(seq) and not o.is_delete_marker]
        if not versions:
            return None
        first = min(versions, key=lambda o: o.last_modified)
        resp = self.client.get_object(self.bucket, chain_key(seq), version_id=first.version_id)
        try:
            return resp.read()
        finally:
            resp.close()
            resp.release_conn()


def sealer(vault: "LockVault | None"):
    """A ``seal(first, body)`` for AuditIndex.sync: makes the locked copies of chain objects that
    are missing (a writer stopped before its copy was made, or events written before the vault
    existed)."""
    if vault is None or not vault.available():
        return None
    seen: dict[int, dict[int, str]] = {}
    made: list[int] = []

    def seal(seq: int, body: bytes) -> None:
        block = seq // BLOCK
        if block not in seen:
            seen.clear()
            seen[block] = vault.first_versions(block)
        if seq not in seen[block]:
            vault.keep(seq, body)
            made.append(seq)

    seal.made = made  # type: ignore[attr-defined]
    return seal


class Copier:
    """Makes the locked copies in a background thread, in the order the objects were written.

    ``submit`` waits up to ``wait_seconds`` when ``limit`` copies are already waiting (the vault
    is slower than the chain), then drops the copy with a warning: ``audit sync`` makes it.
    """

    def __init__(self, vault: LockVault, limit: int = 10_000, wait_seconds: float = 10.0):
        self.vault = vault
        self.wait_seconds = wait_seconds
        self._queue: queue.Queue = queue.Queue(limit)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.dropped: list[int] = []

    def submit(self, seq: int, body: bytes) -> None:
        self._start()
        try:
            self._queue.put((seq, body), timeout=self.wait_seconds)
        except queue.Full:
            self.dropped.append(seq)
            log.warning("journal d'audit : copie verrouillée n°%s reportée à la prochaine synchronisation "
                        "(file d'attente pleine)", seq)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every submitted copy is made (or failed); False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._queue.all_tasks_done:
            while self._queue.unfinished_tasks:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._queue.all_tasks_done.wait(left)
        return True

    def pending(self) -> int:
        return self._queue.unfinished_tasks

    def _start(self) -> None:
        if self._thread is not None:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=f"audit-lock-{self.vault.bucket}",
                                                daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            seq, body = self._queue.get()
            try:
                self.vault.keep(seq, body)
            except StorageError as exc:  # the chain holds the events; ``audit sync`` makes the copy
                log.warning("%s", exc)
            except Exception as exc:  # noqa: BLE001 - never let the thread die
                log.warning("journal d'audit : copie verrouillée n°%s non écrite : %s", seq, type(exc).__name__)
            finally:
                self._queue.task_done()


def md5(body: bytes) -> str:
    return hashlib.md5(body).hexdigest()


def block_of(seq: int) -> int:
    return seq // BLOCK
