"""The object store interface that every back end implements.

Keys are ``/``-separated paths. ``put_if_absent`` is the one atomic primitive the queues
build on: exactly one of several concurrent callers with the same key gets True.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int
    etag: str
    modified: float  # epoch seconds
    metadata: dict[str, str] = field(default_factory=dict)


class ObjectStore(ABC):
    """Bytes under keys. Implementations: LocalStore (a folder) and S3Store (minio SDK)."""

    name: str = "store"

    @abstractmethod
    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream",
            metadata: dict[str, str] | None = None) -> None:
        """Write ``data`` under ``key``, replacing what was there."""

    @abstractmethod
    def put_file(self, key: str, path: Path | str, content_type: str = "application/octet-stream",
                 metadata: dict[str, str] | None = None) -> None:
        """Write the content of the file at ``path`` under ``key``, replacing what was there,
        without holding it in memory: large artefacts (a merged PDF of hundreds of pages) go
        this way. The file is left in place; OSError if it cannot be read."""

    @abstractmethod
    def put_if_absent(self, key: str, data: bytes, content_type: str = "application/octet-stream",
                      metadata: dict[str, str] | None = None) -> bool:
        """Write only if ``key`` does not exist yet; True if this call created it."""

    @abstractmethod
    def get(self, key: str) -> bytes:
        """The object's bytes; ObjectNotFound if absent."""

    @abstractmethod
    def get_file(self, key: str, path: Path | str) -> None:
        """Copy the object to the file ``path`` without holding it in memory; the file appears
        whole or not at all (written beside it, then renamed). ObjectNotFound if absent."""

    @abstractmethod
    def stat(self, key: str) -> ObjectInfo:
        """Size, ETag, time and metadata; ObjectNotFound if absent."""

    @abstractmethod
    def list(self, prefix: str = "") -> Iterator[str]:
        """Every key under ``prefix``, in lexical order."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove ``key``; absent keys are not an error."""

    def exists(self, key: str) -> bool:
        from storage.errors import ObjectNotFound

        try:
            self.stat(key)
            return True
        except ObjectNotFound:
            return False


def write_atomically(path: Path | str, chunks: Iterator[bytes]) -> None:
    """Write ``chunks`` to a temporary file beside ``path`` then rename it: ``path`` never
    holds half a file; on failure the temporary file is removed."""
    import os
    import tempfile

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def read_mapping(store: ObjectStore, key: str) -> dict | None:
    """The JSON object stored under ``key``; None when absent, and when it is not a JSON object
    (half-written by a process that died, or damaged), which is logged."""
    import json
    import logging

    from storage.errors import ObjectNotFound

    try:
        data = json.loads(store.get(key))
    except ObjectNotFound:
        return None
    except ValueError:
        logging.getLogger("aiguillage.storage").warning("objet JSON illisible, ignoré : %s", key)
        return None
    return data if isinstance(data, dict) else None


def delete_if_present(store: ObjectStore, key: str) -> bool:
    """Remove ``key``; True if there was something to remove."""
    found = store.exists(key)
    store.delete(key)
    return found
