"""What killed runs leave in the local spool is swept; what a rerun still needs is kept."""

from __future__ import annotations

import hashlib
import os
import time

from storage import layout, spool
from storage.local import LocalStore


def _folder(root, name, age_seconds, now):
    folder = root / "spool" / name / "300dpi-fra+eng-stamps-read"
    folder.mkdir(parents=True)
    (folder / "page-00001.json").write_text("{}")
    for path in (folder / "page-00001.json", folder, folder.parent):
        os.utime(path, (now - age_seconds, now - age_seconds))
    return folder.parent


def test_sweep_removes_leftovers_and_keeps_what_a_rerun_needs(tmp_path):
    store = LocalStore(tmp_path / "store")
    now = time.time()
    handled = hashlib.sha256(b"handled").hexdigest()
    pending = hashlib.sha256(b"pending").hexdigest()
    forgotten = hashlib.sha256(b"forgotten").hexdigest()
    store.put(layout.outcome(handled), b"{}")
    folders = {
        "handled": _folder(tmp_path, handled, 60, now),  # routed, then killed before its spool went
        "pending": _folder(tmp_path, pending, 3600, now),  # killed mid-file: the rerun takes its pages
        "forgotten": _folder(tmp_path, forgotten, 8 * 86400, now),
        "old scratch": _folder(tmp_path, "deliver-abc123", 2 * 3600, now),
        "fresh scratch": _folder(tmp_path, "deliver-def456", 60, now),  # a delivery under way
        "not ours": _folder(tmp_path, "notes", 60, now),
    }
    removed = spool.sweep(tmp_path, store, now)
    assert sorted(removed) == sorted([handled, forgotten, "deliver-abc123"])
    kept = {name for name, folder in folders.items() if folder.exists()}
    assert kept == {"pending", "fresh scratch", "not ours"}


def test_sweep_without_a_spool_does_nothing(tmp_path):
    assert spool.sweep(tmp_path, LocalStore(tmp_path / "store")) == []
