"""The spool: a file's pages as read (text and PDF), kept on local disk until the file is routed.

``AIGUILLAGE_HOME/spool/<sha256>/<settings>/`` holds the pages of a file being processed: after
a crash the rerun takes them from there. A file's spool goes once its documents are routed; what
a kill leaves behind is swept here: a delivery's scratch folder (``spool/deliver-*``) after an
hour, the pages of a file already handled at once, those of a file never run again after
``STALE_DAYS``.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from storage import layout

SCRATCH_PREFIX = "deliver-"
SCRATCH_HOURS = 1
STALE_DAYS = 7


def root(home: Path) -> Path:
    return home / "spool"


def page_folder(home: Path, sha256: str, variant: str) -> Path:
    """Where a file's pages are spooled: by content, and by ``variant``, the settings that
    change what is read (a file read again with other settings is read anew)."""
    return root(home) / layout.check_id(sha256) / variant


def intake_folder(home: Path) -> Path:
    """Where files pushed to the store are fetched to before they are routed."""
    return root(home) / "intake"


def scratch(home: Path) -> tempfile.TemporaryDirectory:
    """A delivery's scratch folder, removed on exit (and swept after a kill)."""
    root(home).mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=root(home))


def sweep(home: Path, store, now: float | None = None) -> list[str]:
    """Remove what no run will use again; returns the names removed (for the log)."""
    folder = root(home)
    if not folder.is_dir():
        return []
    now = time.time() if now is None else now
    removed = []
    for entry in sorted(folder.iterdir()):
        if not entry.is_dir():
            continue
        age = now - _last_change(entry)
        if entry.name.startswith(SCRATCH_PREFIX):
            stale = age > SCRATCH_HOURS * 3600
        else:
            stale = age > STALE_DAYS * 86400 or _handled(store, entry.name)
        if stale:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return removed


def _last_change(folder: Path) -> float:
    """The newest modification time in the folder (a long file being read keeps it fresh)."""
    latest = folder.stat().st_mtime
    for sub in folder.iterdir():
        try:
            latest = max(latest, sub.stat().st_mtime)
        except OSError:
            continue
    return latest


def _handled(store, name: str) -> bool:
    return layout.is_id(name) and store.exists(layout.outcome(name))  # not an id: not ours, left alone
