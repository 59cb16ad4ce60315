"""Stable identifiers: the same pages of the same file always give the same document id,
so processing a file again never creates a second document."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    # O_NOFOLLOW: a link put in place of the file after it was checked is not read through.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def document_id(sha256: str, pages: list[int]) -> str:
    span = f"{pages[0]}-{pages[-1]}" if pages else "0"
    return hashlib.sha256(f"{sha256}:{span}".encode()).hexdigest()[:24]
