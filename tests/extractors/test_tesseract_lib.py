"""Tesseract's library (models loaded once, engines lent page by page) reads exactly as the
``tesseract`` command does, fails as plainly, stays quiet, and survives a fork."""

from __future__ import annotations

import multiprocessing
import threading

import cv2
import numpy as np
import pytest

from extractors import tesseract_lib
from extractors.errors import OcrFailed
from extractors.ocr import ocr_page
from extractors.prepare import rotate_right_angle
from tests.pages import letter_image

pytestmark = pytest.mark.skipif(not tesseract_lib.available(), reason="libtesseract.so.5 absent")


@pytest.fixture(scope="module")
def page():
    return letter_image(dpi=300)


@pytest.mark.parametrize("turn", [0, 90])
def test_library_reads_as_the_command_does(page, turn):
    scanned = rotate_right_angle(page, turn)
    by_command = ocr_page(scanned, 1, 300, engine="command")
    by_library = ocr_page(scanned, 1, 300, engine="library")
    assert by_library.page.words == by_command.page.words
    assert by_library.page.text == by_command.page.text and "20451237" in by_library.page.text
    assert by_library.page.rotation == by_command.page.rotation == (360 - turn) % 360
    # The same renderer: the searchable page differs at most by its creation date.
    assert abs(len(by_library.pdf) - len(by_command.pdf)) < 64 and by_library.pdf.startswith(b"%PDF")


def test_without_the_library_the_command_reads(page, monkeypatch):
    small = cv2.resize(page, None, fx=0.5, fy=0.5)
    expected = ocr_page(small, 1, 150, with_pdf=False).page.text
    tesseract_lib.close_all()
    monkeypatch.setattr(tesseract_lib, "available", lambda: False)  # libtesseract.so.5 missing
    assert ocr_page(small, 1, 150, with_pdf=False, engine="library").page.text == expected
    assert tesseract_lib.engines_loaded() == 0


def test_engine_loaded_once_and_lent_again(page):
    small = cv2.resize(page, None, fx=0.5, fy=0.5)
    tesseract_lib.close_all()
    for _ in range(3):
        ocr_page(small, 1, 150, with_pdf=False)
    assert tesseract_lib.engines_loaded() == 1


def test_pages_read_at_the_same_time_get_an_engine_each(page):
    tesseract_lib.close_all()
    small = cv2.resize(page, None, fx=0.5, fy=0.5)
    start = threading.Barrier(2)
    texts: list[str] = []

    def read():
        start.wait()
        texts.append(ocr_page(small, 1, 150, with_pdf=False).page.text)

    threads = [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(texts) == 2 and texts[0] == texts[1] and "plombier" in texts[0]
    assert tesseract_lib.engines_loaded() == 2


def test_missing_language_is_a_plain_failure_and_nothing_printed(page, capfd):
    with pytest.raises(OcrFailed) as failure:
        ocr_page(page, 4, 300, languages="zzz", with_pdf=False)
    assert failure.value.page == 4 and "« zzz » introuvables" in failure.value.reason
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_timeout_stops_the_page(page):
    noisy = np.random.default_rng(3).integers(0, 256, page.shape, dtype=np.uint8)
    busy = np.minimum(page, noisy | 127)  # text over speckle: many blobs to classify
    with pytest.raises(OcrFailed) as failure:
        ocr_page(busy, 2, 300, timeout=0.001, with_pdf=False)
    assert "délai" in failure.value.reason


def test_text_of_an_image_in_memory(page):
    top = page[: page.shape[0] // 3]
    with tesseract_lib.engine("fra") as e:
        text = e.text(top, psm=6, dpi=300, timeout=30)
    assert "Dupont" in text or "DUPONT" in text.upper()


def _read_in_child(image, queue):
    queue.put(ocr_page(image, 1, 150, with_pdf=False).page.text)


def test_a_forked_worker_starts_its_own_engine(page):
    small = cv2.resize(page, None, fx=0.5, fy=0.5)
    parent = ocr_page(small, 1, 150, with_pdf=False).page.text  # an engine loaded before the fork
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_read_in_child, args=(small, queue))
    child.start()
    text = queue.get(timeout=60)
    child.join(timeout=30)
    assert child.exitcode == 0 and text == parent


def test_closing_leaves_an_engine_in_use_alone(page):
    top = page[: page.shape[0] // 3]
    with tesseract_lib.engine("fra") as e:
        tesseract_lib.close_all()  # as at exit while a page is still being read
        assert e.handle is not None
        assert "Dupont" in e.text(top, psm=6, dpi=300, timeout=30)
    assert tesseract_lib.engines_loaded() >= 1
