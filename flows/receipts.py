"""Taking files in: which files, their fingerprint, the original kept byte for byte, and
whether this exact file was already handled."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from config.errors import AiguillageError, ExitCode
from extractors.errors import UnreadableInput
from extractors.files import LINK_REASON, NOT_REGULAR_REASON, os_reason, shown_path
from stages.ids import file_sha256
from storage import layout
from storage.audit import AuditEvent, record
from storage.errors import ObjectNotFound
from storage.queues import now_iso
from wiring.runtime import Runtime

EXTENSIONS = {".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg", ".xml"}  # .xml: e-invoices (UBL, CII)


class InputMissing(AiguillageError):
    """A path named on the command line does not exist: a usage error (exit 2)."""

    exit_code = ExitCode.USAGE


def expand_inputs(paths: list[str]) -> tuple[list[Path], list[Path]]:
    """Files to process and files skipped. A path named explicitly is always taken; in a
    folder, only scan formats and XML e-invoices are (a note beside the scans is not mail), plus
    links and special files (pipes, devices), which are taken to be refused with their reason
    rather than silently left out. Links are never followed: a link to a folder is not walked
    into, a link to a file is not read (both are refused at intake); a folder that cannot be
    listed is counted as skipped."""
    taken: list[Path] = []
    skipped: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            taken.append(path)  # a link or a special file named here: refused at intake, with its reason
        elif path.is_dir():
            _walk(path, taken, skipped)
        else:
            raise InputMissing(f"{raw} : fichier ou dossier introuvable")
    unique = list(dict.fromkeys(taken))
    return unique, skipped


def _walk(folder: Path, taken: list[Path], skipped: list[Path]) -> None:
    found: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=lambda exc: skipped.append(Path(exc.filename or folder))):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(root)
        for d in dirs:
            if (here / d).is_symlink():  # os.walk does not follow it; refused like any link
                found.append(here / d)
        for name in names:
            if name.startswith("."):
                continue
            f = here / name
            regular = not f.is_symlink() and f.is_file()
            if not regular or f.suffix.lower() in EXTENSIONS:
                found.append(f)
            else:
                skipped.append(f)
    taken.extend(sorted(found))


@dataclass
class Receipt:
    source: str
    sha256: str
    size: int
    previous: list[dict] | None  # the lines of the first handling, when already handled
    kept: bool = True  # False: refused unread, ``sha256`` is then an id, not the content's hash


def receive(rt: Runtime, path: Path, source: str | None = None) -> Receipt:
    """Keep the original and note its arrival. Raises UnreadableInput, before reading a byte,
    for a link (its target is never read) or anything but a regular file, and when the file
    cannot be read or changes while it is kept."""
    store = rt.store
    name = shown_path(path.name)  # as text any store takes, whatever bytes the name holds
    before = _regular_file(path)
    # Streamed, never held in memory: a 500-page scan is hundreds of megabytes. The key is the
    # content's hash, so two copies racing in store the same bytes.
    try:
        sha = file_sha256(path)
        size = before.st_size
        if not store.exists(layout.original(sha)):
            store.put_file(layout.original(sha), path, metadata={"filename": name})
        after = path.lstat()
    except OSError as exc:
        raise UnreadableInput(os_reason(exc), "unreadable") from None
    if (after.st_ino, after.st_dev, after.st_size, after.st_mtime_ns) != (
            before.st_ino, before.st_dev, before.st_size, before.st_mtime_ns):
        raise UnreadableInput("le fichier a changé pendant sa lecture : redéposez-le une fois copié", "changed")
    first = store.put_if_absent(layout.receipt(sha), json.dumps(
        {"sha256": sha, "filename": name, "source": source or shown_path(str(path)), "size": size,
         "received_at": now_iso()}, ensure_ascii=False).encode(), "application/json")
    previous = None
    try:
        previous = json.loads(store.get(layout.outcome(sha)))["lines"]
    except ObjectNotFound:
        pass
    if first:
        record(store, AuditEvent("received", None, details={"sha256": sha, "filename": name,
                                                             "size": size}))
    return Receipt(source or shown_path(str(path)), sha, size, previous)


def _regular_file(path: Path) -> os.stat_result:
    try:
        st = path.lstat()
    except OSError as exc:
        raise UnreadableInput(os_reason(exc), "unreadable") from None
    if stat.S_ISLNK(st.st_mode):
        raise UnreadableInput(LINK_REASON, "link")
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableInput(NOT_REGULAR_REASON, "not_regular")
    return st


def refused_receipt(path: Path, source: str | None = None) -> Receipt:
    """The receipt of a file refused before any byte was read (a link, a pipe, a file the
    system will not let us read): nothing is kept, and its id comes from its name and date,
    so the same unchanged entry is refused once however often it is seen."""
    try:
        st = path.lstat()
        stamp = f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        stamp = ""
    ref = hashlib.sha256(b"refused:" + os.fsencode(path.absolute()) + f":{stamp}".encode()).hexdigest()
    return Receipt(source or shown_path(str(path)), ref, 0, None, kept=False)


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
