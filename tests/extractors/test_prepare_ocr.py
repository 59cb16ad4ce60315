import numpy as np
import pytest

from extractors.ocr import ocr_page
from extractors.prepare import estimate_skew, is_blank, prepare_page, rotate_right_angle, rotate_small
from tests.pages import letter_image


@pytest.fixture(scope="module")
def page():
    return letter_image(dpi=300)


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_orientation_found_and_text_read(page, turn):
    # Turn the page as a careless scan would; preparation must turn it back.
    scanned = rotate_right_angle(page, turn)
    prepared = prepare_page(scanned, 300)
    assert (prepared.rotation + turn) % 360 == 0
    text = ocr_page(prepared.image, 1, 300, with_pdf=False).page.text
    assert "20451237" in text and "plombier" in text


@pytest.mark.parametrize("angle", [-3.0, -1.2, 2.5])
def test_skew_measured_and_corrected(page, angle):
    skewed = rotate_small(page, angle)
    assert estimate_skew(skewed, 300) == pytest.approx(-angle, abs=0.3)
    assert abs(estimate_skew(rotate_small(skewed, estimate_skew(skewed, 300)), 300)) <= 0.3


def test_blank_pages_detected_and_text_pages_not(page):
    rng = np.random.default_rng(7)
    blank = np.clip(rng.normal(238, 6, page.shape), 0, 255).astype(np.uint8)
    bleed = blank.copy()
    bleed[400:420, 300:1800] = 215  # faint bleed-through of the other side
    assert is_blank(blank, 300)
    assert is_blank(bleed, 300)
    assert not is_blank(page, 300)


def test_ocr_gives_words_boxes_confidences_and_a_pdf(page):
    result = ocr_page(page, 3, 300)
    words = {w.text: w for w in result.page.words}
    assert "Dupont" in words and words["Dupont"].confidence > 60 and words["Dupont"].width > 0
    assert result.page.number == 3
    assert result.pdf.startswith(b"%PDF")
