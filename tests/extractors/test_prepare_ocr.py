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
    # Turn the page clockwise as a careless scan would; OCR must find the turn back.
    scanned = rotate_right_angle(page, turn)
    prepared = prepare_page(scanned, 300)
    result = ocr_page(prepared.image, 1, 300)
    assert (result.page.rotation + turn) % 360 == 0
    assert "20451237" in result.page.text and "plombier" in result.page.text
    # Boxes are given in the upright page: the signature stays at the bottom left.
    h, w = page.shape
    dupont = next(wd for wd in result.page.words if wd.text == "Dupont")
    assert (result.page.width, result.page.height) == (w, h)
    assert dupont.left < w / 2 and h * 0.1 < dupont.top < h / 2
    if turn:
        import io, pikepdf
        with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
            assert int(pdf.pages[0].get("/Rotate", 0)) == result.page.rotation


@pytest.mark.parametrize("angle, turn", [(-3.0, 0), (-1.2, 0), (2.5, 0), (1.8, 90)])
def test_skew_measured_and_corrected(page, angle, turn):
    skewed = rotate_small(rotate_right_angle(page, turn), angle)
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


def _text_block(shape, paper):
    page = np.empty(shape, np.uint8)
    page[:] = paper
    page[200:230, 100:700] = 30  # a line of "ink"
    return page


def test_flattening_whitens_even_grey_paper_and_evens_out_a_shadow():
    from extractors.prepare import flatten_background

    even = flatten_background(_text_block((1200, 900), 190))
    assert even[600:700, 300:400].min() >= 250 and even[210, 400] < 60
    shadow = _text_block((1200, 900), 0)
    shadow[:] = np.linspace(120, 235, 900, dtype=np.uint8)[None, :]  # a dark side, as by a book's spine
    shadow[200:230, 100:700] = 25
    flat = flatten_background(shadow)
    assert flat[600:700, 50:850].min() >= 235  # paper white from the dark side to the light one
    assert flat[215, 150] < 80 and flat[215, 650] < 80


def _hocr(angle: int, conf: int, words: list[str]) -> str:
    spans = "".join(f"<span class='ocrx_word' title='bbox {10 + 60 * i} 10 {60 + 60 * i} 40; x_wconf {conf}'>{w}</span>"
                    for i, w in enumerate(words))
    return f"<span class='ocr_line' title='bbox 0 0 600 50; textangle {angle}'>{spans}</span>"


@pytest.mark.parametrize("first, second, rotation, text", [
    ((180, 45, ["NHUOILY", "ET", "TUSVNI"]), (0, 80, ["Madame", "Monsieur", "Toulouse"]), 0, "Madame"),
    ((180, 55, ["NHUOILY", "ET", "TUSVNI"]), (0, 58, ["Mada", "Mons", "Toul"]), 180, "NHUOILY"),  # not clearly better
    ((180, 88, ["Madame", "Monsieur", "Toulouse"]), None, 180, "Madame"),  # read clearly: Tesseract's turn stands
])
def test_a_page_tesseract_turned_and_read_poorly_is_read_as_scanned_too(monkeypatch, first, second, rotation, text):
    """Handwriting read upside down by a wrong orientation guess: read once more without the
    guess (psm 3), the clearly more confident reading wins."""
    import extractors.ocr as ocr

    calls = []

    def fake_read(image, outputs, number, dpi, languages, timeout, use_library, psm):
        calls.append(psm)
        angle, conf, words = first if psm == 1 else second
        return _hocr(angle, conf, words), b""

    monkeypatch.setattr(ocr, "_read", fake_read)
    page = ocr.ocr_page(np.full((100, 700), 255, np.uint8), 1, 300, with_pdf=False).page
    assert calls == ([1, 3] if second else [1])
    assert page.rotation == rotation and page.text.split()[0] == text


@pytest.mark.parametrize("turned_conf, rotation, text", [
    (75, 180, "Madame"),  # the page was fed upside down: the turned reading wins, its words upright
    (45, 0, "yy"),  # no way up reads clearly better: the first reading stands
])
def test_a_page_read_as_noise_is_read_turned_every_other_way(monkeypatch, turned_conf, rotation, text):
    """Handwriting fed upside down that Tesseract's detection left as it was: read as noise
    (confidence under 50), it is read turned 180, 90 and 270 degrees too, and the clearly
    better reading kept."""
    import extractors.ocr as ocr

    calls = []

    def fake_read(image, outputs, number, dpi, languages, timeout, use_library, psm):
        upside_down = image[-1, -1] == 0  # the marker put top left is bottom right once turned over
        calls.append((psm, bool(upside_down)))
        if psm == 3 and upside_down:
            return _hocr(0, turned_conf, ["Madame", "Monsieur", "Toulouse"]), b""
        return _hocr(0, 40 if psm == 1 else 30, ["yy", "be", "piper"]), b""

    monkeypatch.setattr(ocr, "_read", fake_read)
    image = np.full((100, 700), 255, np.uint8)
    image[0, 0] = 0
    page = ocr.ocr_page(image, 1, 300, with_pdf=False).page
    assert calls[0] == (1, False) and (3, True) in calls and len(calls) == 4  # as scanned, then 180, 90, 270
    assert page.rotation == rotation and page.text.split()[0] == text
    if rotation:  # read from the turned image: its boxes are the upright page's already
        assert page.words[0].left == 10 and (page.width, page.height) == (700, 100)


@pytest.mark.parametrize("words, retried", [
    (["3NOHd37931", "SIVSSS", "N3", "SAON", "NOW", "LIVSIY3"], True),  # mirrored capitals: no little word
    (["Je", "vous", "ecris", "pour", "la", "fuite"], False),  # handwriting read poorly, but French
])
def test_a_poor_reading_without_little_words_is_read_turned_too(monkeypatch, words, retried):
    """Handwriting in capitals fed upside down reads at a middling confidence (55, above the
    noise line) as words of mirrored letters: without any « de », « vous » or « the » it is
    read turned the other ways too; a poor reading of French is not."""
    import extractors.ocr as ocr

    calls = []

    def fake_read(image, outputs, number, dpi, languages, timeout, use_library, psm):
        upside_down = image[-1, -1] == 0
        calls.append(psm)
        if psm == 3 and upside_down:
            return _hocr(0, 91, ["JE", "VOUS", "REMERCIE", "POUR", "VOTRE", "APPEL"]), b""
        return _hocr(0, 55, words), b""

    monkeypatch.setattr(ocr, "_read", fake_read)
    image = np.full((100, 700), 255, np.uint8)
    image[0, 0] = 0
    page = ocr.ocr_page(image, 1, 300, with_pdf=False).page
    assert (len(calls) == 4) is retried
    assert page.text.split()[0] == ("JE" if retried else words[0])
    assert (page.rotation == 180) is retried
