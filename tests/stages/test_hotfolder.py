"""Intake from the hot folder and from `aiguillage push`."""

import os
from pathlib import Path

import pytest

from stages.hotfolder import DONE_FOLDER, HotFolder, push
from storage.pushes import pending as pending_pushes
from tests.pages import letter_pdf


def test_a_file_counts_once_it_stops_changing(tmp_path):
    hot = HotFolder(tmp_path, settle_seconds=2)
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"%PDF-1.4 debut")
    t0 = f.stat().st_mtime
    assert hot.ready(now=t0 + 0.5) == []          # just written
    assert hot.ready(now=t0 + 3) == [f]            # seen unchanged for 2.5 s
    with f.open("ab") as fh:                        # the scanner appends a page
        fh.write(b" suite")
    t1 = f.stat().st_mtime
    assert hot.ready(now=t1 + 0.5) == []           # changed: the clock starts again
    assert hot.ready(now=t1 + 1.0) == []
    assert hot.ready(now=t1 + 3.0) == [f]


def test_copied_file_with_old_time_still_waits_for_its_size_to_settle(tmp_path):
    hot = HotFolder(tmp_path, settle_seconds=2)
    f = tmp_path / "copie.pdf"
    f.write_bytes(b"x" * 10)
    os.utime(f, (1_000_000, 1_000_000))             # cp -p keeps an old time
    now = 2_000_000
    assert hot.ready(now=now) == []                 # first look
    f.write_bytes(b"x" * 20)
    os.utime(f, (1_000_000, 1_000_000))
    assert hot.ready(now=now + 3) == []             # size changed since the first look
    assert hot.ready(now=now + 6) == [f]


def test_done_files_move_aside_without_overwriting(tmp_path):
    hot = HotFolder(tmp_path, settle_seconds=0)
    for _ in range(2):
        (tmp_path / "a.pdf").write_bytes(b"1")
        hot.done(tmp_path / "a.pdf")
    moved = sorted(p.name for p in (tmp_path / DONE_FOLDER).rglob("*.pdf"))
    assert moved == ["a-1.pdf", "a.pdf"]
    assert hot.ready(now=10**10) == []              # handled files are not taken again


def test_push_is_idempotent(tmp_path):
    from storage.local import LocalStore
    store = LocalStore(tmp_path / "store")
    f = tmp_path / "lettre.pdf"
    f.write_bytes(letter_pdf())
    key, created = push(store, f)
    assert created and key.endswith("/lettre.pdf")
    assert push(store, f) == (key, False)
    assert pending_pushes(store) == [key]


@pytest.mark.slow
def test_watch_round_routes_hot_folder_and_pushed_files(prefect_harness, tmp_path, monkeypatch, aiguillage_home):
    hot_dir = tmp_path / "depot"
    monkeypatch.setenv("AIGUILLAGE_INTAKE_HOT_FOLDER", str(hot_dir))
    monkeypatch.setenv("AIGUILLAGE_INTAKE_SETTLE_SECONDS", "0")
    from flows.intake_round import hot_folder_from_settings, intake_round
    from wiring.runtime import runtime

    hot = hot_folder_from_settings()
    (hot_dir / "lettre.pdf").write_bytes(letter_pdf())
    pushed = tmp_path / "envoi.pdf"
    pushed.write_bytes(letter_pdf(["Objet : résiliation de bail", "Je vous donne congé de mon logement.",
                                   "Préavis d'un mois.", "Marie Curie"]))
    key, _ = push(runtime().store, pushed)
    hot.ready()  # first look
    lines = intake_round(hot)
    assert {line["source"] for line in lines} == {str(hot_dir / "lettre.pdf"), key}
    assert all(line["status"] in ("routed", "review") for line in lines)
    assert not (hot_dir / "lettre.pdf").exists()
    assert list((hot_dir / DONE_FOLDER).rglob("lettre.pdf"))
    assert pending_pushes(runtime().store) == []
    assert intake_round(hot) == []  # nothing left


def test_files_taken_in_and_fetched_as_streams_never_read_whole(tmp_path, monkeypatch):
    """A 500-page scan is hundreds of megabytes: intake hashes and stores it in pieces."""
    from flows.receipts import receive
    from storage import layout
    from storage.local import LocalStore
    from storage.pushes import fetch as fetch_push
    from wiring.runtime import runtime

    f = tmp_path / "gros-lot.pdf"
    f.write_bytes(letter_pdf(pages=3))
    expected = f.read_bytes()
    real = Path.read_bytes

    def no_whole_read(self):
        if self.name == f.name:
            raise AssertionError(f"{self} read whole")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", no_whole_read)
    rt = runtime()
    receipt = receive(rt, f)
    assert receipt.size == len(expected) and receipt.previous is None
    assert rt.store.get(layout.original(receipt.sha256)) == expected
    store = LocalStore(tmp_path / "other")
    key, created = push(store, f)
    fetched = fetch_push(store, key, tmp_path / "spool")
    monkeypatch.undo()
    assert created and fetched.read_bytes() == expected
