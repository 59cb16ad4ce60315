import io

import numpy as np
import pikepdf
import pytest
from PIL import Image

from extractors.errors import UnreadableInput
from extractors.reading import inspect, read_page, sniff
from tests.pages import letter_image, letter_pdf, save_image, scanned_pdf

LIMITS = dict(max_pages=50, max_page_pixels=150_000_000, dpi=300)


def test_sniff_by_content_not_name():
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff(b"\x89PNG\r\n\x1a\n....") == "png"
    assert sniff(b"II*\x00") == "tiff"
    assert sniff(b"\xff\xd8\xff\xe0") == "jpeg"
    assert sniff(b"Bonjour") is None


def test_born_digital_pdf_uses_its_text_layer(tmp_path):
    path = tmp_path / "lettre.pdf"
    path.write_bytes(letter_pdf(pages=2))
    info = inspect(path, **LIMITS)
    assert info.kind == "pdf" and info.page_count == 2 and info.text_pages == {1, 2}
    page = read_page(info, 2, 300)
    assert page.image is None
    assert "Référence locataire : 20451237" in page.text
    assert any(w.text == "20451237" for w in page.words)


def test_scanned_pdf_and_multipage_tiff_give_images(tmp_path):
    img = letter_image(dpi=150)
    pdf = scanned_pdf([img, img], tmp_path / "scan.pdf", dpi=150)
    info = inspect(pdf, **LIMITS)
    assert info.text_pages == frozenset() and info.page_count == 2
    # The scanned picture is taken as stored, at its own resolution, not re-rendered at 300 DPI.
    page = read_page(info, 1, 300)
    assert page.dpi == 150 and page.image.shape == img.shape

    from PIL import Image
    tif = tmp_path / "scan.tif"
    frames = [Image.fromarray(img) for _ in range(3)]
    frames[0].save(tif, save_all=True, append_images=frames[1:], dpi=(150, 150), compression="tiff_lzw")
    info = inspect(tif, **LIMITS)
    assert info.kind == "tiff" and info.page_count == 3
    page = read_page(info, 3, 300)
    assert page.dpi == 150 and page.image.shape == img.shape


@pytest.mark.parametrize("make, kind", [
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: p.write_bytes(b"Ceci n'est pas un PDF, juste du texte."), "unsupported"),
    (lambda p: p.write_bytes(letter_pdf()[:700]), "corrupt"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), "corrupt"),
])
def test_bad_inputs_have_a_plain_reason(tmp_path, make, kind):
    path = tmp_path / "bad.pdf"
    make(path)
    with pytest.raises(UnreadableInput) as err:
        inspect(path, **LIMITS)
    assert err.value.kind == kind
    assert err.value.reason and "Traceback" not in err.value.reason


def test_encrypted_pdf_is_refused(tmp_path):
    src = tmp_path / "clair.pdf"
    src.write_bytes(letter_pdf())
    with pikepdf.open(src) as pdf:
        pdf.save(tmp_path / "chiffre.pdf", encryption=pikepdf.Encryption(user="secret", owner="secret"))
    with pytest.raises(UnreadableInput) as err:
        inspect(tmp_path / "chiffre.pdf", **LIMITS)
    assert err.value.kind == "encrypted" and "mot de passe" in err.value.reason


def test_pixel_bomb_refused_before_decoding(tmp_path):
    from PIL import Image
    path = tmp_path / "bombe.png"
    Image.new("1", (20000, 20000), 1).save(path)  # 400 Mpx, a few KB on disk
    with pytest.raises(UnreadableInput) as err:
        inspect(path, **LIMITS)
    assert err.value.kind == "too_large"


def test_huge_pdf_page_refused(tmp_path):
    from reportlab.pdfgen import canvas
    path = tmp_path / "affiche.pdf"
    c = canvas.Canvas(str(path), pagesize=(14400, 14400))  # 200 inches square
    c.drawString(100, 100, "affiche")
    c.save()
    with pytest.raises(UnreadableInput) as err:
        inspect(path, **LIMITS)
    assert err.value.kind == "too_large"


def test_image_without_dpi_guesses_from_a4_width(tmp_path):
    img = letter_image(dpi=200)
    path = tmp_path / "nodpi.png"
    from PIL import Image
    Image.fromarray(img).save(path)
    info = inspect(path, **LIMITS)
    assert abs(read_page(info, 1, 300).dpi - 200) <= 5
    assert save_image(img, tmp_path / "x.png").exists()


@pytest.mark.parametrize("fmt,options", [("PNG", {}), ("JPEG", {"quality": 80}), ("TIFF", {}),
                                         ("TIFF", {"compression": "tiff_lzw"})])
def test_truncated_image_refused_before_any_page_is_read(tmp_path, fmt, options):
    rng = np.random.default_rng(3)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (600, 420), dtype=np.uint8)).save(buf, fmt, **options)
    whole = tmp_path / f"whole.{fmt.lower()}"
    whole.write_bytes(buf.getvalue())
    assert inspect(whole, 10, 10**8, 300).page_count == 1
    cut = tmp_path / f"cut.{fmt.lower()}"
    cut.write_bytes(buf.getvalue()[:len(buf.getvalue()) * 2 // 3])
    with pytest.raises(UnreadableInput) as err:
        inspect(cut, 10, 10**8, 300)
    assert err.value.kind == "corrupt" and "tronquée" in err.value.reason


def test_scanned_pdf_inspected_without_running_pdftotext(tmp_path, monkeypatch):
    """A page that only draws its image cannot have a text layer: no pdftotext run for it."""
    import extractors.reading as reading

    path = scanned_pdf([letter_image(), letter_image()], tmp_path / "scan.pdf")
    calls = []
    real = reading.commands.run
    monkeypatch.setattr(reading.commands, "run", lambda args, *a, **k: calls.append(args[0]) or real(args, *a, **k))
    info = inspect(path, **LIMITS)
    assert info.page_count == 2 and info.text_pages == frozenset() and calls == []
    born = tmp_path / "born.pdf"
    born.write_bytes(letter_pdf())
    assert inspect(born, **LIMITS).text_pages == frozenset({1}) and calls == ["pdftotext"]
