"""Lines of print the page layout left out: found where ink of a character's size lies under
no word, read again, put back in reading order. Only on print; never dots, rules or
handwriting."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extractors import ocr
from extractors.lost_lines import missed_regions, place_words
from extractors.types import Word
from tests.pages import letter_image

LOST = "20451237"  # on the letter's line « Référence locataire : 20451237 »


@pytest.fixture(scope="module")
def page():
    image = letter_image()
    words = ocr.ocr_page(image, 1, 300, with_pdf=False).page.words
    line = next(w.line for w in words if w.text == LOST)
    return image, words, [w for w in words if w.line != line], [w for w in words if w.line == line]


def test_a_line_no_word_covers_is_found_and_nothing_else(page):
    image, words, without, lost = page
    assert missed_regions(image, words) == []  # everything read: nothing to read again
    (left, top, right, bottom), = missed_regions(image, without)
    assert left <= min(w.left for w in lost) and right >= max(w.left + w.width for w in lost)
    assert top <= min(w.top for w in lost) + 5 and bottom >= max(w.top + w.height for w in lost) - 5


def test_the_lost_line_is_read_again_in_its_place(page):
    image, _, without, _ = page
    words = ocr._read_lost_lines(image, without, 1, 300, "fra+eng", 60, True)
    lines = ocr.words_to_text(words).splitlines()
    at = next(i for i, ln in enumerate(lines) if LOST in ln)
    assert "locataire" in lines[at] and "salle de bains" in lines[at - 1] and lines[at + 1].startswith("Merci")


def test_rules_dot_leaders_and_handwriting_are_no_lost_line(page):
    image, words, without, _ = page
    marked = image.copy()
    marked[2500:2506, 300:2000] = 0  # a table's rule
    for x in range(300, 2000, 24):  # dot leaders
        marked[2600:2606, x:x + 6] = 0
    assert missed_regions(marked, words) == []
    unsure = [replace(w, confidence=55.0) for w in without]  # a page read as handwriting is
    assert missed_regions(image, unsure) == []


def test_words_read_again_are_kept_sure_and_put_in_rows():
    page_words = [Word("Total", 100, 100, 80, 30, 95, 0), Word("Merci", 100, 300, 80, 30, 95, 1)]
    found = [Word("TVA", 0, 2, 50, 30, 95, 0), Word("........", 60, 20, 200, 8, 90, 1),
             Word("12,84", 300, 0, 80, 30, 96, 2), Word("€", 390, 0, 20, 30, 95, 3), Word("xx", 0, 60, 40, 30, 20, 4)]
    words = place_words(page_words, found, (100, 200))
    assert ocr.words_to_text(words).splitlines() == ["Total", "TVA 12,84 €", "Merci"]


def test_a_lone_amount_of_four_figures_left_out_is_found(page):
    """A totals column's amount alone on its row (« 455,40 »: four figures and a comma too small
    to count) is found like a line of words; here the year ending a line, « 2020. »."""
    image, words, _, _ = page
    year = next(w for w in words if w.text.startswith("2020"))
    (left, top, right, bottom), = missed_regions(image, [w for w in words if w is not year])
    assert left <= year.left and right >= year.left + year.width and top <= year.top + 5
