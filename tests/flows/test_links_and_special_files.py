"""Links and special files at intake (issue 13): a link in a folder, on the command line or in
the hot folder is refused with its reason and its target is never read; a pipe is refused
without blocking; nothing outside the given paths is read."""

from __future__ import annotations

import builtins
import io
import os
from pathlib import Path

import pytest

from tests.pages import letter_pdf


@pytest.fixture
def secret(tmp_path):
    """A file outside the scanned folder that a link points to (think: the S3 secrets file)."""
    f = tmp_path / "ailleurs" / "secrets.yaml"
    f.parent.mkdir()
    f.write_bytes(letter_pdf(["access_key: NE-DOIT-PAS-SORTIR"]))
    return f


@pytest.fixture
def never_read(secret, monkeypatch):
    """Fails the test if anything opens the secret file through any path."""
    real_open, real_os_open = builtins.open, os.open
    target = secret.resolve()

    def guard(path):
        try:
            if Path(path).resolve() == target:
                raise AssertionError(f"{path} lu alors que c'est un lien vers {target}")
        except (TypeError, OSError):
            pass

    monkeypatch.setattr(builtins, "open", lambda p, *a, **k: (guard(p), real_open(p, *a, **k))[1])
    monkeypatch.setattr(io, "open", builtins.open)
    monkeypatch.setattr(os, "open", lambda p, *a, **k: (guard(p), real_os_open(p, *a, **k))[1])
    return secret


def test_folder_walk_takes_links_to_refuse_them_and_never_enters_linked_folders(tmp_path, secret):
    from flows.receipts import expand_inputs

    scans = tmp_path / "scans"
    (scans / "sous").mkdir(parents=True)
    (scans / "a.pdf").write_bytes(letter_pdf())
    (scans / "sous" / "b.pdf").write_bytes(letter_pdf())
    (scans / "lien.pdf").symlink_to(secret)
    (scans / "dossier-lie").symlink_to(secret.parent, target_is_directory=True)
    os.mkfifo(scans / "tube.pdf")
    (scans / "notes.txt").write_text("pas un scan")
    files, skipped = expand_inputs([str(scans)])
    names = [f.relative_to(scans).as_posix() for f in files]
    assert names == ["a.pdf", "dossier-lie", "lien.pdf", "sous/b.pdf", "tube.pdf"]
    assert [f.name for f in skipped] == ["notes.txt"]
    assert not any("secrets" in str(f) for f in files)  # the linked folder's content is not listed


def test_link_and_pipe_named_on_the_command_line_are_taken_not_missing(tmp_path, secret):
    from flows.receipts import InputMissing, expand_inputs

    link = tmp_path / "lien.pdf"
    link.symlink_to(secret)
    pipe = tmp_path / "tube.pdf"
    os.mkfifo(pipe)
    files, _ = expand_inputs([str(link), str(pipe)])
    assert files == [link, pipe]
    with pytest.raises(InputMissing, match="introuvable"):
        expand_inputs([str(tmp_path / "absent.pdf")])


def test_receive_refuses_a_link_without_reading_its_target(tmp_path, never_read, aiguillage_home):
    from extractors.errors import UnreadableInput
    from flows.receipts import receive
    from wiring.runtime import runtime

    link = tmp_path / "lien.pdf"
    link.symlink_to(never_read)
    with pytest.raises(UnreadableInput, match="lien symbolique refusé") as err:
        receive(runtime(), link)
    assert err.value.kind == "link"
    assert list(runtime().store.list("")) == []  # no original, no receipt: nothing kept


def test_receive_refuses_a_pipe_without_blocking(tmp_path, aiguillage_home):
    from extractors.errors import UnreadableInput
    from flows.receipts import receive
    from wiring.runtime import runtime

    pipe = tmp_path / "tube.pdf"
    os.mkfifo(pipe)  # opening it for reading would wait for a writer forever
    with pytest.raises(UnreadableInput, match="pas un fichier ordinaire"):
        receive(runtime(), pipe)


def test_hashing_does_not_follow_a_link_swapped_in(tmp_path, secret):
    from stages.ids import file_sha256

    link = tmp_path / "lien.pdf"
    link.symlink_to(secret)
    with pytest.raises(OSError):
        file_sha256(link)


def test_hot_folder_offers_links_and_pipes_and_moves_them_aside(tmp_path, secret):
    from stages.hotfolder import DONE_FOLDER, HotFolder

    hot = HotFolder(tmp_path / "depot", settle_seconds=0)
    hot.folder.mkdir()
    (hot.folder / "lettre.pdf").write_bytes(letter_pdf())
    (hot.folder / "lien.pdf").symlink_to(secret)
    (hot.folder / "dossier-lie").symlink_to(secret.parent, target_is_directory=True)
    os.mkfifo(hot.folder / "tube.pdf")
    old = os.path.getmtime(hot.folder / "lettre.pdf") - 60
    for name in ("lettre.pdf", "tube.pdf"):
        os.utime(hot.folder / name, (old, old))
    for name in ("lien.pdf", "dossier-lie"):
        os.utime(hot.folder / name, (old, old), follow_symlinks=False)
    hot.ready(now=old + 100)
    ready = hot.ready(now=old + 200)
    assert sorted(p.name for p in ready) == ["dossier-lie", "lettre.pdf", "lien.pdf", "tube.pdf"]
    for p in ready:
        hot.done(p)
    moved = sorted(p.name for p in (hot.folder / DONE_FOLDER).rglob("*") if p.parent.name != DONE_FOLDER)
    assert moved == ["dossier-lie", "lettre.pdf", "lien.pdf", "tube.pdf"]
    assert secret.exists() and (hot.folder / DONE_FOLDER).rglob("lien.pdf")


@pytest.mark.slow
def test_batch_quarantines_links_and_pipes_and_routes_the_rest(prefect_harness, tmp_path, never_read,
                                                                 aiguillage_home):
    from flows.batch import run_batch
    from wiring.runtime import runtime

    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "1-lettre.pdf").write_bytes(letter_pdf())
    (scans / "2-lien.pdf").symlink_to(never_read)
    os.mkfifo(scans / "3-tube.pdf")
    (scans / "4-lettre.pdf").write_bytes(letter_pdf(["Objet : congé", "Je quitte mon logement le 30 juin.",
                                                     "Marie Curie"]))
    lines = run_batch([str(scans / n) for n in sorted(os.listdir(scans))])
    by_name = {Path(line["source"]).name: line for line in lines}
    assert by_name["2-lien.pdf"]["status"] == "quarantined"
    assert by_name["2-lien.pdf"]["reason"].startswith("lien symbolique refusé")
    import hashlib

    # nothing read: the line's fingerprint is the entry's (64 hex digits, as SPEC.md lays out),
    # not the target's content
    secret_sha = hashlib.sha256(letter_pdf(["access_key: NE-DOIT-PAS-SORTIR"])).hexdigest()
    assert len(by_name["2-lien.pdf"]["sha256"]) == 64 and by_name["2-lien.pdf"]["sha256"] != secret_sha
    assert by_name["3-tube.pdf"]["status"] == "quarantined"
    assert "pas un fichier ordinaire" in by_name["3-tube.pdf"]["reason"]
    assert by_name["1-lettre.pdf"]["status"] != "quarantined" and by_name["4-lettre.pdf"]["status"] != "quarantined"
    from storage import layout

    store = runtime().store
    for name in ("1-lettre.pdf", "4-lettre.pdf"):
        assert store.exists(layout.original(by_name[name]["sha256"]))
    again = run_batch([str(scans / "2-lien.pdf")])  # refused again, not queued twice
    assert again[0]["document_id"] == by_name["2-lien.pdf"]["document_id"]
    quarantined = [k for k in store.list(layout.queue_prefix("quarantaine"))
                   if by_name["2-lien.pdf"]["document_id"] in k]
    assert len(quarantined) == 1
