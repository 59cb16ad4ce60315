"""Separator sheet: the PDF, and its detection on clean, degraded, rotated and normal pages."""

import io
import random

import numpy as np
import pytest
from pypdf import PdfReader

from corpus.render_pdf import render_pdf
from corpus.scan import blank_page, degrade, rasterise
from corpus.texts import make_document
from extractors.prepare import prepare_page
from extractors.separator import SEPARATOR_PAYLOAD, is_separator_page, may_be_separator, separator_sheet_pdf


@pytest.fixture(scope="module")
def sheet_raster():
    return rasterise(separator_sheet_pdf(), 150)[0]


def test_sheet_is_one_a4_page_with_french_text():
    pdf = separator_sheet_pdf()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 595 and round(float(box.height)) == 842
    text = reader.pages[0].extract_text()
    assert "Feuille de séparation" in text and "ne pas retirer" in text and SEPARATOR_PAYLOAD in text
    assert separator_sheet_pdf() == pdf  # deterministic


def test_clean_sheet_detected(sheet_raster):
    assert is_separator_page(sheet_raster)


@pytest.mark.parametrize("seed", range(6))
def test_degraded_sheet_detected(sheet_raster, seed):
    page = degrade(random.Random(seed), sheet_raster, 150, strength=1.0)
    assert is_separator_page(page.image)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_rotated_sheet_detected(sheet_raster, k):
    assert is_separator_page(np.rot90(sheet_raster, k).copy())


def test_normal_pages_rejected():
    rng = random.Random(3)
    for doc_type in ("supplier_invoice", "repair_request"):
        pdf, _ = render_pdf(make_document(rng, doc_type), rng)
        page = degrade(rng, rasterise(pdf, 150)[0], 150)
        assert not is_separator_page(page.image)
    assert not is_separator_page(blank_page(rng, 100))


def test_other_qr_code_rejected():
    import qrcode
    img = qrcode.make("https://exemple.fr/facture/123").convert("L")
    canvas = np.full((1200, 900), 255, np.uint8)
    arr = np.asarray(img)
    canvas[100:100 + arr.shape[0], 100:100 + arr.shape[1]] = arr
    assert not is_separator_page(canvas)


def _grey(image):
    return image if image.ndim == 2 else np.asarray(image.mean(axis=2), dtype=np.uint8)


@pytest.mark.parametrize("seed", range(6))
def test_quick_look_lets_every_sheet_through_and_stops_text_pages(sheet_raster, seed):
    """The cheap look that spares text pages the QR decoding must never miss a sheet."""
    rng = random.Random(seed)
    sheet = degrade(rng, sheet_raster, 150, strength=1.0).image
    assert may_be_separator(_grey(sheet), 150)
    assert may_be_separator(np.rot90(_grey(sheet), seed % 4).copy(), 150)
    pdf, _ = render_pdf(make_document(rng, ("supplier_invoice", "repair_request", "lease_termination")[seed % 3]), rng)
    page = degrade(rng, rasterise(pdf, 150)[0], 150)
    assert not may_be_separator(_grey(page.image), 150)


def test_prepared_page_says_separator(sheet_raster):
    prepared = prepare_page(_grey(degrade(random.Random(9), sheet_raster, 150).image), 150)
    assert prepared.separator and not prepared.blank
