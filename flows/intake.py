"""Taking files in: which files, their fingerprint, the original kept byte for byte, and
whether this exact file was already handled."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from flows.ids import file_sha256
from flows.runtime import Runtime
from storage import layout
from storage.audit import AuditEvent, record
from storage.errors import ObjectNotFound
from storage.queues import now_iso

EXTENSIONS = {".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"}


class InputMissing(Exception):
    exit_code = 2


def expand_inputs(paths: list[str]) -> tuple[list[Path], list[Path]]:
    """Files to process and files skipped. A file named explicitly is always taken; in a
    folder, only scan formats are (a manifest or a note beside the scans is not mail)."""
    taken: list[Path] = []
    skipped: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            taken.append(path)
        elif path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in f.relative_to(path).parts):
                    continue
                (taken if f.suffix.lower() in EXTENSIONS else skipped).append(f)
        else:
            raise InputMissing(f"{raw} : fichier ou dossier introuvable")
    unique = list(dict.fromkeys(taken))
    return unique, skipped


@dataclass
class Receipt:
    source: str
    sha256: str
    size: int
    previous: list[dict] | None  # the lines of the first handling, when already handled


def receive(rt: Runtime, path: Path, source: str | None = None) -> Receipt:
    store = rt.store
    # Streamed, never held in memory: a 500-page scan is hundreds of megabytes. The key is the
    # content's hash, so two copies racing in store the same bytes.
    sha = file_sha256(path)
    size = path.stat().st_size
    if not store.exists(layout.original(sha)):
        store.put_file(layout.original(sha), path, metadata={"filename": path.name})
    first = store.put_if_absent(layout.receipt(sha), json.dumps(
        {"sha256": sha, "filename": path.name, "source": source or str(path), "size": size,
         "received_at": now_iso()}, ensure_ascii=False).encode(), "application/json")
    previous = None
    try:
        previous = json.loads(store.get(layout.outcome(sha)))["lines"]
    except ObjectNotFound:
        pass
    if first:
        record(store, AuditEvent("received", None, details={"sha256": sha, "filename": path.name,
                                                             "size": size}))
    return Receipt(source or str(path), sha, size, previous)


def record_outcome(rt: Runtime, sha256: str, lines: list[dict]) -> None:
    rt.store.put(layout.outcome(sha256), json.dumps({"sha256": sha256, "lines": lines, "at": now_iso()},
                                                    ensure_ascii=False).encode(), "application/json")


def duplicate_lines(source: str, previous: list[dict]) -> list[dict]:
    out = []
    for line in previous:
        dup = dict(line, source=source, status="duplicate")
        dup["reason"] = f"déjà reçu (première copie : {line['source']})"
        out.append(dup)
    return out
