"""The embedded default back end: objects as files in a folder.

Writes go to a temporary file then move into place, so a reader never sees half an object;
``put_if_absent`` uses a hard link, which the kernel makes atomically or refuses.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from config.errors import system_reason
from storage.errors import ObjectNotFound, StorageError
from storage.objectstore import ObjectInfo, ObjectStore, write_atomically

_META_SUFFIX = ".meta.json"
_META_DIR = ".meta"
_COPY_CHUNK = 1 << 20


class LocalStore(ObjectStore):
    name = "local"

    def __init__(self, root: Path):
        self.root = Path(root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"dossier de données {self.root} inutilisable : {system_reason(exc)}",
                               fix="vérifiez AIGUILLAGE_HOME et ses droits") from exc

    def _path(self, key: str) -> Path:
        parts = [p for p in key.split("/") if p]
        if not parts or any(p in (".", "..") or p.startswith(_META_DIR) for p in parts):
            raise StorageError(f"clé d'objet invalide : {key!r}")
        return self.root.joinpath(*parts)

    def _meta_path(self, key: str) -> Path:
        return self.root / _META_DIR / (key.strip("/") + _META_SUFFIX)

    def _write_temp(self, path: Path, data: bytes | None, source: Path | None = None) -> str:
        """A temporary file next to ``path`` holding ``data`` (or a copy of the file ``source``),
        on disk (fsync) before it is moved into place."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                if source is None:
                    fh.write(data)
                else:
                    with open(source, "rb") as src:
                        shutil.copyfileobj(src, fh, _COPY_CHUNK)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            os.unlink(tmp)
            raise
        return tmp

    def _write_meta(self, key: str, content_type: str, metadata: dict[str, str] | None) -> None:
        meta = {"content_type": content_type, "metadata": dict(metadata or {})}
        mpath = self._meta_path(key)
        tmp = self._write_temp(mpath, json.dumps(meta).encode())
        os.replace(tmp, mpath)

    def put(self, key, data, content_type="application/octet-stream", metadata=None):
        path = self._path(key)
        self._write_meta(key, content_type, metadata)
        tmp = self._write_temp(path, data)
        os.replace(tmp, path)

    def put_file(self, key, path, content_type="application/octet-stream", metadata=None):
        target = self._path(key)
        tmp = self._write_temp(target, None, Path(path))  # the source is read before anything changes
        try:
            self._write_meta(key, content_type, metadata)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise

    def put_if_absent(self, key, data, content_type="application/octet-stream", metadata=None):
        path = self._path(key)
        tmp = self._write_temp(path, data)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        finally:
            os.unlink(tmp)
        self._write_meta(key, content_type, metadata)
        return True

    def get(self, key):
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise ObjectNotFound(key) from None

    def get_file(self, key, path):
        try:
            src = open(self._path(key), "rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise ObjectNotFound(key) from None
        with src:
            write_atomically(path, iter(lambda: src.read(_COPY_CHUNK), b""))

    def stat(self, key):
        path = self._path(key)
        try:
            st = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            raise ObjectNotFound(key) from None
        if not path.is_file():
            raise ObjectNotFound(key)
        try:
            meta = json.loads(self._meta_path(key).read_text())
        except (OSError, ValueError):
            meta = {}
        etag = hashlib.md5(f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}".encode()).hexdigest()
        return ObjectInfo(key, st.st_size, etag, st.st_mtime, meta.get("metadata", {}))

    def list(self, prefix=""):
        start = self.root
        # Walk only the deepest folder the prefix names, then filter.
        folder = prefix.rsplit("/", 1)[0] if "/" in prefix else ""
        if folder:
            start = self.root.joinpath(*[p for p in folder.split("/") if p])
        if not start.is_dir():
            return iter(())
        return iter(sorted(self._walk(start, prefix)))

    def _walk(self, start: Path, prefix: str) -> Iterator[str]:
        for dirpath, dirnames, filenames in os.walk(start):
            dirnames[:] = [d for d in dirnames if not d.startswith(_META_DIR)]
            rel = Path(dirpath).relative_to(self.root).as_posix()
            for name in filenames:
                if name.startswith(".tmp-"):
                    continue
                key = name if rel == "." else f"{rel}/{name}"
                if key.startswith(prefix):
                    yield key

    def delete(self, key):
        for p in (self._path(key), self._meta_path(key)):
            try:
                p.unlink()
            except FileNotFoundError:
                pass
