"""PDF decompression bombs are refused at inspection, in bounded time and memory, and a normal
PDF still passes with its text pages found (issue 13)."""

from __future__ import annotations

import resource
import zlib

import pikepdf
import pytest

from extractors.errors import UnreadableInput
from extractors.reading import inspect
from tests.pages import letter_pdf

LIMITS = dict(max_pages=50, max_page_pixels=150_000_000, dpi=300)


def flate_bomb(mib: int) -> bytes:
    """A FlateDecode stream of ``mib`` MiB of spaces, compressed ~1000 to 1."""
    c = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    return b"".join(c.compress(chunk) for _ in range(mib)) + c.flush()


def bomb_pdf(path, mib: int = 1024, pages: int = 1):
    pdf = pikepdf.new()
    stream = pikepdf.Stream(pdf, b"")
    stream.write(flate_bomb(mib), filter=pikepdf.Name.FlateDecode)
    shared = pdf.make_indirect(stream)
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
        pdf.pages[-1].obj.Contents = shared  # one stream drawn by every page
    pdf.save(path, compress_streams=False)
    return path


def test_content_stream_bomb_is_refused_quickly_without_inflating_it(tmp_path):
    path = bomb_pdf(tmp_path / "bombe.pdf", mib=1024)
    assert path.stat().st_size < 2 << 20
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(UnreadableInput) as err:
        inspect(path, **LIMITS)
    assert "bombe de décompression" in err.value.reason and err.value.kind == "bomb"
    assert "128 Mo" in err.value.reason
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200, f"inspection held {grown_mb:.0f} MB"  # pieces, never the whole stream


def test_bomb_shared_by_twenty_pages_is_checked_once(tmp_path):
    path = bomb_pdf(tmp_path / "bombe20.pdf", mib=200, pages=20)
    with pytest.raises(UnreadableInput, match="bombe de décompression"):
        inspect(path, **LIMITS, max_page_content=64 << 20)


def test_page_content_limit_is_a_setting(tmp_path):
    path = bomb_pdf(tmp_path / "gros.pdf", mib=40)
    with pytest.raises(UnreadableInput, match="dépasse 16 Mo"):
        inspect(path, **LIMITS, max_page_content=16 << 20)
    assert inspect(path, **LIMITS, max_page_content=64 << 20).page_count == 1


def test_image_declaring_a_huge_size_is_refused_before_decoding(tmp_path):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    image = pikepdf.Stream(pdf, b"")
    image.write(flate_bomb(1), filter=pikepdf.Name.FlateDecode)
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = 100_000, 100_000, 8
    image.ColorSpace = pikepdf.Name.DeviceGray
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=pdf.make_indirect(image)))
    page.obj.Contents = pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    pdf.save(tmp_path / "image.pdf")
    with pytest.raises(UnreadableInput, match=r"bombe de décompression : page 1, image de 100000×100000"):
        inspect(tmp_path / "image.pdf", **LIMITS)


def test_born_digital_pages_still_found_and_scans_need_no_text_pass(tmp_path):
    path = tmp_path / "lettre.pdf"
    path.write_bytes(letter_pdf(pages=2))
    assert inspect(path, **LIMITS).text_pages == frozenset({1, 2})
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].obj.Contents = pdf.make_stream(b"0 0 m 100 100 l S")  # drawing, no text
    pdf.save(tmp_path / "dessin.pdf")
    assert inspect(tmp_path / "dessin.pdf", **LIMITS).text_pages == frozenset()


def test_page_too_small_to_be_mail_is_refused(tmp_path):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].MediaBox = [0, 0, 595, 1]
    pdf.save(tmp_path / "fine.pdf")
    with pytest.raises(UnreadableInput, match="page 1 trop petite pour être un courrier") as err:
        inspect(tmp_path / "fine.pdf", **LIMITS)
    assert err.value.kind == "too_small"


@pytest.mark.parametrize("head, name", [
    (b"PK\x03\x04", "archive ZIP"), (b"\x1f\x8b\x08", "fichier compressé gzip"), (b"Rar!\x1a\x07", "archive RAR")])
def test_archives_are_refused_even_when_they_hold_a_pdf(tmp_path, head, name):
    path = tmp_path / "lot.pdf"
    path.write_bytes(head + b"\x00" * 26 + b"a.pdf" + letter_pdf())  # the PDF header a few bytes in
    with pytest.raises(UnreadableInput) as err:
        inspect(path, **LIMITS)
    assert err.value.reason.startswith(name) and err.value.kind == "archive"


def test_pdf_with_garbage_before_its_header_is_still_read(tmp_path):
    path = tmp_path / "entete.pdf"
    path.write_bytes(b"\r\n\x00garbage\n" + letter_pdf())
    assert inspect(path, **LIMITS).page_count == 1
