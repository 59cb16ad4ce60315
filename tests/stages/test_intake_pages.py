"""Issue 3 on generated scans: rotation and skew found on every page, separator splitting and
blank-page removal exact, every kind of bad input quarantined with a reason."""

import random
from pathlib import Path

import pytest

from corpus import files
from extractors.errors import UnreadableInput
from extractors.reading import inspect, read_page
from stages.pages import ReadOptions, process_page
from stages.split import split_pages

pytestmark = pytest.mark.slow
LIMITS = dict(max_pages=50, max_page_pixels=150_000_000, dpi=300)
EXT = {"pdf": "pdf", "tiff": "tif", "png": "png", "jpeg": "jpg"}


def write(folder: Path, name: str, made) -> tuple[Path, dict]:
    data, fmt, truth = made
    path = folder / f"{name}.{EXT[fmt]}"
    path.write_bytes(data)
    return path, truth


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    """Generated single scans at 200 and 300 DPI, each turned a further quarter turn so that
    every orientation is seen (the generator alone turns about one page in eight)."""
    import numpy as np
    from PIL import Image

    folder = tmp_path_factory.mktemp("scans")
    rng = random.Random(31)
    out = []
    for i in range(8):
        dpi = 300 if i % 2 else 200
        path, truth = write(folder, f"scan-{i}", files.single_scan(rng, rng.choice(
            ["repair_request", "supplier_invoice", "lease_termination", "housing_benefit"]), dpi))
        extra = 90 * (i % 4)
        if extra:
            info = inspect(path, **LIMITS)
            pages = [Image.fromarray(np.ascontiguousarray(np.rot90(read_page(info, n, dpi).image, extra // 90)))
                     for n in range(1, info.page_count + 1)]
            path = path.with_name(f"scan-{i}-turned.tif")
            pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(dpi, dpi), compression="tiff_lzw")
            for d in truth["documents"]:
                d["page_rotations"] = [(r + extra) % 360 for r in d["page_rotations"]]
        out.append((path, truth))
    return out


def read_all(path: Path):
    info = inspect(path, **LIMITS)
    return [process_page(info, n, ReadOptions(300, "fra+eng", 120)) for n in range(1, info.page_count + 1)]


def test_rotation_found_and_skew_corrected_on_every_page(scans):
    seen = set()
    for path, truth in scans:
        results = {r.number: r for r in read_all(path)}
        for doc in truth["documents"]:
            for number, turn, skew in zip(doc["pages"], doc["page_rotations"], doc["page_skews"]):
                page = results[number].page
                assert page is not None, (path.name, number, results[number])
                assert page.rotation == turn, (path.name, number)
                assert page.skew == pytest.approx(-skew, abs=0.35), (path.name, number)
                seen.add(turn)
        for number in truth["blank_pages"]:
            assert results[number].kind == "blank", (path.name, number)
    assert seen == {0, 90, 180, 270}


def test_batches_split_exactly_at_separators_without_blank_pages(tmp_path):
    rng = random.Random(5)
    for i in range(3):
        types = rng.sample(["supplier_invoice", "repair_request", "payment_difficulty", "legal_notice"], 3)
        path, truth = write(tmp_path, f"lot-{i}", files.batch(rng, types, 200))
        results = read_all(path)
        assert sorted(r.number for r in results if r.kind == "separator") == truth["separator_pages"]
        assert sorted(r.number for r in results if r.kind == "blank") == truth["blank_pages"]
        assert [d.numbers for d in split_pages(results)] == [d["pages"] for d in truth["documents"]]


@pytest.mark.parametrize("kind", files.BAD_KINDS)
def test_each_bad_input_kind_is_refused_with_a_reason(tmp_path, kind):
    path, truth = write(tmp_path, kind, files.bad_input(random.Random(kind), kind, 200))
    try:
        results = read_all(path)
    except UnreadableInput as exc:
        assert exc.reason and exc.kind != "unreadable"
        return
    # Only a scan of blank pages opens: it then yields no document at all.
    assert kind == "blank_scan"
    assert all(r.kind == "blank" for r in results) and split_pages(results) == []


def test_spooled_page_is_not_read_twice_and_a_damaged_entry_is_read_again(scans, tmp_path, monkeypatch):
    """The spool is the page cache: text and PDF on disk, a small result in memory."""
    import stages.pages as pages

    path, _ = scans[1]
    info = inspect(path, **LIMITS)
    first = process_page(info, 1, ReadOptions(300, "fra+eng", 120), tmp_path)
    assert first.kind == "text" and first.page is None and Path(first.pdf).is_file()
    text = first.load_page()
    assert text.words and text.text.strip()

    def no_reading(*_a, **_k):
        raise AssertionError("page read again")

    monkeypatch.setattr(pages, "read_one", no_reading)
    again = process_page(info, 1, ReadOptions(300, "fra+eng", 120), tmp_path)
    assert (again.kind, again.pdf) == (first.kind, first.pdf)
    assert again.load_page() == text

    Path(first.pdf).unlink()  # a crash between the PDF and its entry, or a cleaned spool
    monkeypatch.undo()
    redone = process_page(info, 1, ReadOptions(300, "fra+eng", 120), tmp_path)
    assert Path(redone.pdf).is_file() and redone.load_page().text == text.text


@pytest.fixture(scope="module")
def stamped_scan(tmp_path_factory):
    """A colour scan whose first page carries a "REÇU LE" stamp over its text."""
    rng = random.Random(5)
    folder = tmp_path_factory.mktemp("stamped")
    for i in range(40):
        made = files.single_scan(rng, "repair_request", 300)
        doc = made[2]["documents"][0]
        if made[1] != "tiff" and (doc.get("page_stamps") or [""])[0]:
            return write(folder, f"stamped-{i}", made)
    pytest.fail("no stamped colour scan generated")


def test_stamp_taken_off_the_page_and_read_on_its_own(stamped_scan):
    from rapidfuzz.distance import Levenshtein

    path, truth = stamped_scan
    doc = truth["documents"][0]
    stamp = doc["page_stamps"][0]
    printed = doc["page_texts"][0][: -len(stamp)].strip()
    info = inspect(path, **LIMITS)
    read = process_page(info, 1, ReadOptions(300, "fra+eng", 120, stamps="read")).page.text
    kept = process_page(info, 1, ReadOptions(300, "fra+eng", 120, stamps="keep")).page.text
    removed = process_page(info, 1, ReadOptions(300, "fra+eng", 120, stamps="remove")).page.text
    date_line = stamp.splitlines()[0]
    assert Levenshtein.distance(read.strip().splitlines()[-2], date_line) <= 2  # the stamp ends the text
    assert date_line not in removed
    # Without the stamp over it, the printed text is read better.
    assert Levenshtein.distance(removed.strip(), printed) < Levenshtein.distance(kept.strip(), printed)
