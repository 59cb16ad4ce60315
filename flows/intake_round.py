"""One round of intake: what is ready in the hot folder and what was pushed to storage,
routed in one batch; then the handled files are moved out of the way."""

from __future__ import annotations

import shutil
from pathlib import Path

from flows.batch import run_batch
from stages.hotfolder import HotFolder
from storage import pushes
from storage import spool as local_spool
from wiring.runtime import runtime


def intake_round(hot: HotFolder | None, on_file=None) -> list[dict]:
    rt = runtime()
    store = rt.store
    files = hot.ready() if hot else []
    keys = pushes.pending(store)
    folder = local_spool.intake_folder(rt.settings.home)
    fetched = [pushes.fetch(store, key, folder) for key in keys]
    if not files and not fetched:
        return []
    sources = {str(f): key for f, key in zip(fetched, keys)}
    lines = run_batch([str(f) for f in files + fetched], on_file=on_file, sources=sources)
    # Only now, with every document routed or quarantined, is the intake cleared.
    for f in files:
        hot.done(f)
    for f, key in zip(fetched, keys):
        pushes.clear(store, key)
        shutil.rmtree(f.parent, ignore_errors=True)
    return lines


def hot_folder_from_settings() -> HotFolder | None:
    s = runtime().settings
    folder: Path | None = s["intake.hot_folder"]
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    return HotFolder(folder, s["intake.settle_seconds"])
