"""The spool: a file's pages as read (text and PDF), kept on local disk until the file is routed.

``AIGUILLAGE_HOME/spool/<sha256>/<settings>/`` holds the pages of a file being processed: after
a crash the rerun takes them from there. A file's spool goes once its documents are routed; what
a kill leaves behind is swept here: a delivery's scratch folder (``spool/deliver-*``) after an
hour, the pages of a file already handled at once, those of a file never run again after
``STALE_DAYS``.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from storage import layout

SCRATCH_HOURS = 1
STALE_DAYS = 7


def page_folder(settings, sha256: str) -> Path:
    """Where a file's pages are spooled: by content and by the settings that change what OCR reads."""
    return (settings.home / "spool" / sha256 /
            f"{settings['ocr.dpi']}dpi-{settings['ocr.languages']}-stamps-{settings['ocr.stamps']}")


def sweep(home: Path, store, now: float | None = None) -> list[str]:
    """Remove what no run will use again; returns the names removed (for the log)."""
    root = home / "spool"
    if not root.is_dir():
        return []
    now = time.time() if now is None else now
    removed = []
    for entry in sorted(root.iterdir()):
        if not entry.is_dir():
            continue
        age = now - _last_change(entry)
        if entry.name.startswith("deliver-"):
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
    try:
        return store.exists(layout.outcome(name))
    except ValueError:  # not a SHA-256: not ours, left alone
        return False
