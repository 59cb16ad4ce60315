"""Coloured "REÇU LE" stamps on generated scans: found, taken off the page, read on their own;
coloured letterheads are not stamps. The same on grey pages (the stamp in mid-grey)."""

from __future__ import annotations

import random
import re
from collections import Counter

import cv2
import numpy as np
import pytest
from pdf2image import convert_from_bytes
from PIL import Image
from rapidfuzz.distance import Levenshtein

from corpus.model import Letterhead
from corpus.render_pdf import render_pdf
from corpus.scan import add_stamp, degrade, images_to_file, rasterise
from corpus.supplier_docs import COLORS
from corpus.texts import make_document, queues
from extractors.ocr import ocr_page
from extractors.prepare import prepare_page
from extractors.reading import SourcePage, inspect, read_page
from extractors.grey_stamps import find_grey_stamps
from extractors.stamp_text import read_stamp, stamp_image, with_stamp_text
from extractors.stamps import find_page_stamps, find_stamps, remove_stamps

DPI = 300
STAMP = ["REÇU LE 12/03/2021", "PATRIMOINE"]


def first_page(seed: int, letterhead: Letterhead | None = None) -> tuple[np.ndarray, str, str]:
    """A supplier invoice's first page, rendered at 300 DPI: RGB image, printed text, supplier name."""
    rng = random.Random(seed)
    doc = make_document(rng, "supplier_invoice")
    if letterhead is not None:
        doc.letterhead = letterhead
    pdf, texts = render_pdf(doc, rng)
    image = convert_from_bytes(pdf, dpi=DPI, first_page=1, last_page=1)[0].convert("RGB")
    return np.asarray(image), texts[0], doc.letterhead.name


def grey_of(rgb: np.ndarray) -> np.ndarray:
    return np.asarray(Image.fromarray(rgb).convert("L"))  # as the page reader makes it


def ocr_text(grey: np.ndarray) -> str:
    return ocr_page(prepare_page(grey, DPI).image, 1, DPI, with_pdf=False).page.text


def missing_words(ocr: str, truth: str) -> int:
    return sum((Counter(truth.split()) - Counter(ocr.split())).values())


def edits(ocr: str, truth: str) -> int:
    return Levenshtein.distance(re.sub(r"\s+", " ", ocr).strip(), re.sub(r"\s+", " ", truth).strip())


@pytest.fixture(scope="module")
def stamped():
    """Seed 4: the stamp lands over the invoice's header text; a red letterhead with bars."""
    clean, printed, supplier = first_page(4)
    scan = degrade(random.Random(4), clean, DPI, stamp=STAMP, allow_rotation=False)
    assert scan.image.ndim == 3 and scan.stamp == "\n".join(STAMP)
    return scan.image, printed, supplier


def test_stamp_found_where_it_was_put_at_its_angle():
    clean, _, _ = first_page(1)
    for seed in range(6):
        page = add_stamp(random.Random(seed), clean, STAMP, DPI)
        ys, xs = np.nonzero(np.any(page != clean, axis=2))  # the stamp's own pixels
        (cx, cy), (w, h), a = cv2.minAreaRect(np.column_stack((xs, ys)).astype(np.float32))
        expected = ((-a if w >= h else 90 - a) + 90) % 180 - 90
        stamps = find_stamps(page, DPI)
        assert len(stamps) == 1, seed
        s = stamps[0]
        assert np.hypot(s.center[0] - cx, s.center[1] - cy) < 10
        assert s.angle == pytest.approx(expected, abs=1.5)
        assert s.size[0] == pytest.approx(max(w, h), rel=0.05) and s.size[1] == pytest.approx(min(w, h), rel=0.1)
        # The mask covers the stamp's ink and little else.
        x0, y0, x1, y1 = s.bounds
        truth = np.zeros(page.shape[:2], bool)
        truth[ys, xs] = True
        found = np.zeros_like(truth)
        found[y0:y1, x0:x1] = s.mask > 0
        assert (found & truth).sum() > 0.8 * found.sum()


@pytest.mark.parametrize("seed", [3, 5, 11, 17])
def test_stamp_found_on_degraded_scans(seed):
    clean, _, _ = first_page(seed)
    scan = degrade(random.Random(seed), clean, DPI, stamp=STAMP, allow_rotation=False)
    stamps = find_stamps(scan.image, DPI)
    assert len(stamps) == 1
    h, w = scan.image.shape[:2]
    assert stamps[0].center[0] > w / 3 and stamps[0].center[1] < h / 2  # where the generator puts it


LETTERHEADS = [Letterhead("Plomberie Garonne", COLORS[i % len(COLORS)], shape, "Plomberie")
               for i, shape in enumerate(("square", "circle", "triangle", "bars", "none", "square"))]
LETTERHEADS += [Letterhead("Ascenseurs Occitanie SAS", (0.7, 0.1, 0.1), "square", "Ascenseurs"),
                Letterhead("caf", (0.0, 0.45, 0.75), "circle", "Allocations familiales")]


@pytest.mark.parametrize("letterhead", LETTERHEADS, ids=lambda lh: f"{lh.shape}-{lh.color}")
def test_coloured_letterhead_is_not_a_stamp(letterhead):
    clean, _, _ = first_page(21, letterhead)
    assert find_stamps(clean, DPI) == []
    # Scanned in colour (the first seed that keeps colour), still no stamp.
    scan = next(s for s in (degrade(random.Random(k), clean, DPI, allow_rotation=False) for k in range(60))
                if s.image.ndim == 3)
    assert find_stamps(scan.image, DPI) == []


def test_colour_search_leaves_grey_pages_alone(stamped):
    # A grey page is for find_grey_stamps (below): the colour search finds nothing there.
    rgb, _, _ = stamped
    assert find_stamps(grey_of(rgb), DPI) == []
    assert remove_stamps(grey_of(rgb), []) is not None


def test_removal_keeps_the_printed_text_and_the_letterhead(stamped):
    rgb, printed, supplier = stamped
    grey = grey_of(rgb)
    stamps = find_stamps(rgb, DPI)
    assert len(stamps) == 1
    cleaned = remove_stamps(grey, stamps)
    # Only inside the stamp's box.
    x0, y0, x1, y1 = stamps[0].bounds
    outside = np.ones(grey.shape, bool)
    outside[y0:y1, x0:x1] = False
    assert np.array_equal(cleaned[outside], grey[outside])
    before, after = ocr_text(grey), ocr_text(cleaned)
    assert "REÇU" not in after and "12/03/2021" not in after
    assert supplier in after
    assert edits(after, printed) < edits(before, printed) / 2
    assert edits(after, printed) <= 0.03 * len(printed)
    # Left as a pale trace (to stay visible in the page image), it is still not read.
    traced = remove_stamps(grey, stamps, trace=40)
    ink = np.zeros(grey.shape, bool)
    ink[y0:y1, x0:x1] = stamps[0].mask > 0
    assert np.mean(traced[ink]) < np.mean(cleaned[ink]) - 15
    assert np.mean(traced[ink]) > np.mean(grey[ink]) + 40
    faint = ocr_text(traced)
    assert "12/03/2021" not in faint and edits(faint, printed) <= 0.03 * len(printed)


def test_stamp_read(stamped):
    rgb, _, _ = stamped
    (stamp,) = find_stamps(rgb, DPI)
    img = stamp_image(stamp)
    assert img.ndim == 2 and img.shape[1] > 3 * img.shape[0]  # upright: wider than tall
    assert np.median(img) > 200  # black on white
    text = read_stamp(stamp, DPI)
    assert "12/03/2021" in text and "PATRIMOINE" in text
    assert text.splitlines()[-1] == "PATRIMOINE"


@pytest.mark.parametrize("quarter_turns, page_rotation", [(1, 90), (2, 180), (3, 270)])
def test_stamp_read_on_a_turned_page(stamped, quarter_turns, page_rotation):
    # np.rot90 turns the page counter-clockwise; ``page_rotation`` is what the OCR reports:
    # the clockwise turn that makes the page upright.
    rgb, _, _ = stamped
    turned = np.ascontiguousarray(np.rot90(rgb, quarter_turns))
    (stamp,) = find_stamps(turned, DPI)
    text = read_stamp(stamp, DPI, page_rotation)
    assert "12/03/2021" in text and "PATRIMOINE" in text


def test_stamp_with_a_gap_in_its_frame_still_found():
    # A worn stamp: a stretch of one short side did not print. The frame is no longer a
    # closed outline, so it is recognised from its ink lying along a rectangle.
    clean, _, _ = first_page(1)
    page = add_stamp(random.Random(2), clean, STAMP, DPI)
    (whole,) = find_stamps(page, DPI)
    corners = cv2.boxPoints(whole.box)
    left = sorted(corners, key=lambda p: p[0])[:2]  # the short side on the left
    mid = tuple(int(v) for v in (left[0] + left[1]) / 2)
    worn = page.copy()
    cv2.circle(worn, mid, int(whole.size[1] * 0.3), (255, 255, 255), -1)
    (found,) = find_stamps(worn, DPI)
    assert np.hypot(found.center[0] - whole.center[0], found.center[1] - whole.center[1]) < 15
    assert found.angle == pytest.approx(whole.angle, abs=1.5)
    assert "12/03/2021" in read_stamp(found, DPI)


def test_stamp_text_ends_the_page_text():
    assert with_stamp_text("Facture\nTotal 12,00\n", ["REÇU LE 12/03/2021\nPATRIMOINE"]) == \
        "Facture\nTotal 12,00\nREÇU LE 12/03/2021\nPATRIMOINE\n"
    assert with_stamp_text("Facture\n", ["", "A\n\nB"]) == "Facture\nA\nB\n"
    assert with_stamp_text("Facture\n", []) == "Facture\n"
    assert with_stamp_text("", ["REÇU LE 1/2/2020"]) == "REÇU LE 1/2/2020\n"


# Grey pages: the same stamps in mid-grey, as on a colour scan stored as a grey TIFF
# (corpus.scan.images_to_file), read back the way the pipeline reads it.

def grey_tiff_page(image: np.ndarray, folder, name: str = "page") -> SourcePage:
    path = folder / f"{name}.tif"
    path.write_bytes(images_to_file([image], "tiff", DPI))
    page = read_page(inspect(path, 5, 150_000_000, DPI), 1, DPI)
    assert page.colour is None and page.image.ndim == 2
    return page


@pytest.mark.parametrize("seed", [3, 5, 11, 17])
def test_grey_stamp_found_where_the_colour_one_is(seed, tmp_path):
    clean, _, _ = first_page(seed)
    scan = degrade(random.Random(seed), clean, DPI, stamp=STAMP, allow_rotation=False)
    (colour,) = find_stamps(scan.image, DPI)
    page = grey_tiff_page(scan.image, tmp_path)
    stamps = find_grey_stamps(page.image, DPI)
    assert len(stamps) == 1
    s = stamps[0]
    assert s.grey and s.pixels.ndim == 2
    assert np.hypot(s.center[0] - colour.center[0], s.center[1] - colour.center[1]) < 10
    assert s.angle == pytest.approx(colour.angle, abs=1.5)
    assert s.size[0] == pytest.approx(colour.size[0], rel=0.05) and s.size[1] == pytest.approx(colour.size[1], rel=0.1)
    # The page's own reader picks the grey search for it.
    assert [x.center for x in find_page_stamps(page.image, page.colour, DPI)] == [s.center]


@pytest.fixture(scope="module")
def grey_stamped(stamped, tmp_path_factory):
    rgb, printed, supplier = stamped
    return grey_tiff_page(rgb, tmp_path_factory.mktemp("grey")).image, printed, supplier


def test_grey_stamp_removed_and_read(grey_stamped):
    grey, printed, supplier = grey_stamped
    (stamp,) = find_grey_stamps(grey, DPI)
    cleaned = remove_stamps(grey, [stamp])
    x0, y0, x1, y1 = stamp.bounds
    outside = np.ones(grey.shape, bool)
    outside[y0:y1, x0:x1] = False
    assert np.array_equal(cleaned[outside], grey[outside])
    # Print under the stamp is darker than the stamp's grey: it stays.
    assert np.count_nonzero(cleaned[y0:y1, x0:x1] < 60) > 0.8 * np.count_nonzero(grey[y0:y1, x0:x1] < 60)
    before, after = ocr_text(grey), ocr_text(cleaned)
    assert "REÇU" not in after and "12/03/2021" not in after
    assert supplier in after
    assert "12/03/2021" in before or "REÇU" in before  # left on the page, the stamp is read as print
    assert edits(after, printed) < edits(before, printed)
    # No printed word lost where the stamp was (blocks may come in another order).
    assert missing_words(after, printed) <= min(missing_words(before, printed), 0.02 * len(printed.split()))
    img = stamp_image(stamp)
    assert img.shape[1] > 3 * img.shape[0] and np.median(img) > 200
    text = read_stamp(stamp, DPI)
    assert "12/03/2021" in text and text.splitlines()[-1] == "PATRIMOINE"


def test_grey_stamp_found_with_print_cutting_its_frame(grey_stamped):
    # Print crossing a stamp is darker than it and cuts its frame: no closed outline any more.
    grey, _, _ = grey_stamped
    (whole,) = find_grey_stamps(grey, DPI)
    corners = sorted(cv2.boxPoints(whole.box), key=lambda p: p[0] + p[1])
    (x0, y0), (x1, y1) = (int(v) for v in corners[0]), (int(v) for v in corners[-1])  # top left, bottom right
    crossed = grey.copy()
    for x in (x0 + (x1 - x0) // 3, x0 + 2 * (x1 - x0) // 3):  # strokes of print across the upper side
        cv2.rectangle(crossed, (x - 6, y0 - 60), (x + 6, y0 + 60), 10, -1)
    cv2.rectangle(crossed, (x0 - 200, y1 - 15), (x0 + 250, y1 + 5), 10, -1)  # a line of print along the lower side
    # And a stroke of the stamp's grey just off its corner (a rule's end): the frame is no longer
    # the bounding rectangle of its grey; its sides are still where most of its grey lines up.
    cv2.line(crossed, (x0 - 150, y0 - 20), (x0 - 10, y0 - 20), int(whole.colour[0]), 4)
    (found,) = find_grey_stamps(crossed, DPI)
    assert np.hypot(found.center[0] - whole.center[0], found.center[1] - whole.center[1]) < 15
    assert found.angle == pytest.approx(whole.angle, abs=2)
    assert found.size[0] == pytest.approx(whole.size[0], rel=0.05)
    assert "12/03/2021" in read_stamp(found, DPI)


UNSTAMPED = [(t, seed) for seed, t in enumerate(sorted(queues()), start=40)]


@pytest.mark.parametrize("doc_type, seed", UNSTAMPED, ids=[t for t, _ in UNSTAMPED])
def test_no_grey_stamp_on_unstamped_pages(doc_type, seed, tmp_path):
    """Tables, boxes, logos, coloured letterheads turned grey, fax-like pages: no stamp."""
    rng = random.Random(seed)
    pdf, _ = render_pdf(make_document(rng, doc_type), rng)
    for k, page in enumerate(rasterise(pdf, DPI)):
        for strength in (0.3, 1.0):
            scan = degrade(rng, page, DPI, allow_rotation=k == 0, strength=strength)
            grey = grey_tiff_page(scan.image, tmp_path, f"{k}-{strength}").image
            assert find_grey_stamps(grey, DPI) == []


@pytest.mark.parametrize("letterhead", LETTERHEADS, ids=lambda lh: f"{lh.shape}-{lh.color}")
def test_letterhead_in_grey_is_not_a_stamp(letterhead, tmp_path):
    clean, _, _ = first_page(21, letterhead)
    assert find_grey_stamps(grey_of(clean), DPI) == []
    scan = degrade(random.Random(7), clean, DPI, allow_rotation=False)
    assert find_grey_stamps(grey_tiff_page(scan.image, tmp_path).image, DPI) == []
