"""The scanning station's hot folder and the push intake in object storage.

A file in the hot folder counts once it has stopped changing: same size and modification
time over two looks ``settle_seconds`` apart. Once handled it moves to ``traites/<date>/``
beside the scans (its bytes are already kept in storage). ``aiguillage push`` puts files in
the store under ``intake/`` instead, for stations that only reach the storage server.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from stages.ids import file_sha256
from storage import pushes
from storage.objectstore import ObjectStore

DONE_FOLDER = "traites"


@dataclass
class HotFolder:
    folder: Path
    settle_seconds: float = 2.0
    _seen: dict[Path, tuple[int, int, float]] = field(default_factory=dict)

    def ready(self, now: float | None = None) -> list[Path]:
        """Files that have not changed since the last look at least ``settle_seconds`` ago."""
        now = time.time() if now is None else now
        ready, current = [], {}
        for path in self._entries():
            try:
                st = path.lstat()  # a link is looked at, never followed: intake refuses it
            except FileNotFoundError:
                continue
            sig = (st.st_size, st.st_mtime_ns)
            before = self._seen.get(path)
            first_seen = before[2] if before and before[:2] == sig else now
            current[path] = (*sig, first_seen)
            if now - first_seen >= self.settle_seconds and now - st.st_mtime >= self.settle_seconds:
                ready.append(path)
        self._seen = current
        return ready

    def _entries(self) -> list[Path]:
        """Everything dropped in the folder but folders: files, links, pipes (the last two
        are refused at intake, with their reason, and moved aside like any handled file).
        Links to folders are not walked into; hidden entries and ``traites/`` are left alone."""
        found = []
        for root, dirs, names in os.walk(self.folder):
            here = Path(root)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not (here == self.folder and d == DONE_FOLDER))
            links = [d for d in dirs if (here / d).is_symlink()]
            found += [here / name for name in names + links if not name.startswith(".")]
        return sorted(found)

    def done(self, path: Path, today: date | None = None) -> Path:
        """Move a handled file out of the way, never overwriting an earlier one."""
        target_dir = self.folder / DONE_FOLDER / (today or date.today()).isoformat()
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / path.name
        n = 1
        while os.path.lexists(target):
            target = target_dir / f"{path.stem}-{n}{path.suffix}"
            n += 1
        shutil.move(str(path), target)
        self._seen.pop(path, None)
        return target


def push(store: ObjectStore, path: Path) -> tuple[str, bool]:
    """Put a file in the store's intake; False when that exact file is already waiting."""
    return pushes.push(store, path, file_sha256(path))
