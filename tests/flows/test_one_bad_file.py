"""One bad file never stops the others (issue 13): whatever fails in one page's or one
document's own work quarantines that page or document with a French reason, the batch goes
on, and a step tried again writes its audit events once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.pages import letter_image, letter_pdf, save_image

GOOD = ["Objet : congé", "Je vous donne congé de mon logement pour le 30 juin 2020.", "Marie Curie"]


def test_a_page_whose_preparation_crashes_fails_alone_with_a_french_reason(tmp_path, monkeypatch):
    import stages.pages as pages
    from extractors.reading import inspect

    path = save_image(letter_image(dpi=150), tmp_path / "lettre.png", dpi=150)
    info = inspect(path, 5, 150_000_000, 300)
    monkeypatch.setattr(pages, "prepare_for_ocr", lambda *a, **k: (_ for _ in ()).throw(
        ZeroDivisionError("float division by zero")))
    result = pages.process_page(info, 1, pages.ReadOptions(300, "fra", 60))
    assert result.kind == "failed"
    assert result.error == pages.UNEXPECTED_PAGE
    assert "division" not in result.error and "page 1" not in result.error


def test_tiny_images_pass_every_page_check_without_error():
    from extractors.prepare import prepare_page
    from extractors.separator import is_separator_page, may_be_separator

    for shape in [(1, 1), (5, 2480), (2480, 5), (3, 3)]:
        grey = np.full(shape, 255, np.uint8)
        assert may_be_separator(grey, 300) in (True, False)
        assert is_separator_page(grey) is False
        prepared = prepare_page(grey, 300)
        assert prepared.blank


def test_a_black_page_is_not_called_blank(tmp_path):
    from extractors.reading import inspect
    from stages.pages import BLACK_PAGE, ReadOptions, process_page

    path = save_image(np.zeros((1754, 1240), np.uint8), tmp_path / "noire.png", dpi=150)
    result = process_page(inspect(path, 5, 150_000_000, 300), 1, ReadOptions(300, "fra", 60))
    assert result.kind == "blank" and result.error == BLACK_PAGE and "vierge" not in BLACK_PAGE
    white = save_image(np.full((1754, 1240), 250, np.uint8), tmp_path / "blanche.png", dpi=150)
    result = process_page(inspect(white, 5, 150_000_000, 300), 1, ReadOptions(300, "fra", 60))
    assert result.kind == "blank" and result.error is None


def test_sixteen_bit_scan_is_read_not_clipped_to_white(tmp_path):
    from extractors.reading import inspect, read_page

    grey = letter_image(dpi=150)
    deep = Image.fromarray(grey.astype(np.uint16) * 257)  # 16-bit grey, as some scanners save
    path = tmp_path / "lettre16.png"
    deep.save(path, dpi=(150, 150))
    page = read_page(inspect(path, 5, 150_000_000, 300), 1, 300)
    assert page.image.dtype == np.uint8
    assert abs(int(page.image.mean()) - int(grey.mean())) <= 2  # the letter, not a white sheet


def test_retried_step_writes_its_audit_events_once(aiguillage_home):
    from storage.audit import AuditEvent, events, record, step_event_id
    from wiring.runtime import runtime

    store = runtime().store
    for _ in range(3):  # the step tried three times
        record(store, AuditEvent("classified", "doc1", event_id=step_event_id("doc1", "classified")))
    record(store, AuditEvent("viewed", "doc1", actor="alice"))
    record(store, AuditEvent("viewed", "doc1", actor="alice"))  # two real looks: two events
    kinds = [e.kind for e in events(store, "doc1")]
    assert kinds == ["classified", "viewed", "viewed"]


@pytest.mark.slow
def test_a_document_whose_understanding_crashes_is_quarantined_and_the_batch_goes_on(
        prefect_harness, tmp_path, monkeypatch, aiguillage_home):
    import flows.batch_steps as batch_steps
    from flows.batch import run_batch
    from flows.batch_steps import UNEXPECTED_DOCUMENT

    real = batch_steps.understand

    def fragile(doc, rt):
        if any("PIÈGE" in p.text for p in doc.pages):
            raise KeyError("champ inconnu")
        return real(doc, rt)

    monkeypatch.setattr(batch_steps, "understand", fragile)
    monkeypatch.setattr("wiring.retries.OTHER_RETRIES", 0)
    files = []
    for i, lines in enumerate([GOOD, ["PIÈGE : ce courrier fait échouer la lecture", "Jean Dupont"],
                               ["Bonjour,", "Je souhaite une attestation de loyer pour la CAF.", "Paul Martin"]]):
        f = tmp_path / f"{i}.pdf"
        f.write_bytes(letter_pdf(lines))
        files.append(str(f))
    tiny = tmp_path / "3-minuscule.png"
    Image.new("L", (1, 1), 255).save(tiny)
    files.append(str(tiny))
    lines = run_batch(files)
    by_name = {Path(line["source"]).name: line for line in lines}
    assert by_name["1.pdf"]["status"] == "quarantined" and by_name["1.pdf"]["reason"] == UNEXPECTED_DOCUMENT
    assert by_name["0.pdf"]["status"] != "quarantined" and by_name["2.pdf"]["status"] != "quarantined"
    assert by_name["3-minuscule.png"]["status"] == "quarantined"
    assert "trop petite" in by_name["3-minuscule.png"]["reason"]


def test_photograph_or_noise_is_no_document_and_a_letter_is_one(tmp_path):
    from extractors.reading import inspect
    from stages.pages import NONTEXT_PAGE, ReadOptions, process_page

    rng = np.random.default_rng(7)
    noise = save_image(rng.integers(0, 256, (1754, 1240), dtype=np.uint8), tmp_path / "bruit.png", dpi=150)
    fields = rng.normal(128, 60, (12, 9)).clip(0, 255).astype(np.uint8)
    photo = save_image(np.asarray(Image.fromarray(fields).resize((1240, 1754), Image.BICUBIC)),
                       tmp_path / "photo.png", dpi=150)
    for path in (noise, photo):
        result = process_page(inspect(path, 5, 150_000_000, 300), 1, ReadOptions(300, "fra", 60))
        assert (result.kind, result.error) == ("blank", NONTEXT_PAGE)
    letter = save_image(letter_image(dpi=150), tmp_path / "lettre.png", dpi=150)
    assert process_page(inspect(letter, 5, 150_000_000, 300), 1, ReadOptions(300, "fra", 60)).kind == "text"


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_is_read_and_shown(prefect_harness, tmp_path, aiguillage_home):
    import os

    from flows.batch import run_batch

    odd = os.fsdecode(bytes(tmp_path) + b"/courrier-\xe8t\xe9-\xff.pdf")  # a Latin-1 scanner's name
    with open(odd, "wb") as fh:
        fh.write(letter_pdf(GOOD))
    good = tmp_path / "lettre.pdf"
    good.write_bytes(letter_pdf())
    lines = run_batch([odd, str(good)])
    by_status = {line["source"]: line["status"] for line in lines}
    shown = str(tmp_path) + "/courrier-\ufffdt\ufffd-\ufffd.pdf"
    assert by_status[shown] != "quarantined" and by_status[str(good)] != "quarantined"
