"""Generated files against their ground truth: determinism, coverage, page counts, bad inputs."""

import io
import json
import random

import numpy as np
import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader

from corpus import files
from corpus.generate import generate
from corpus.texts import TYPES
from extractors.separator import is_separator_page
from extractors.validators import amounts_add_up, is_valid_iban, is_valid_siret, is_valid_vat

DPI = 100


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    generate(out, 40, seed=77, dpi=DPI)
    return out


def _truths(out):
    manifest = json.loads((out / "manifest.json").read_text())
    return [json.loads((out / e["truth"]).read_text()) for e in manifest["files"]]


def _page_count(path, fmt):
    data = path.read_bytes()
    if fmt == "pdf":
        return len(PdfReader(io.BytesIO(data)).pages)
    img = Image.open(io.BytesIO(data))
    return getattr(img, "n_frames", 1)


def _page_image(path, fmt, number):
    if fmt == "pdf":
        from pdf2image import convert_from_path
        return np.asarray(convert_from_path(str(path), dpi=DPI, first_page=number, last_page=number)[0].convert("L"))
    img = Image.open(path)
    img.seek(number - 1)
    return np.asarray(img.convert("L"))


def test_same_seed_same_bytes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    generate(a, 8, seed=5, dpi=DPI)
    generate(b, 8, seed=5, dpi=DPI)
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for n in names:
        assert (a / n).read_bytes() == (b / n).read_bytes(), n
    c = tmp_path / "c"
    generate(c, 8, seed=6, dpi=DPI)
    assert (c / "manifest.json").read_bytes() != (a / "manifest.json").read_bytes()


def test_small_count_covers_every_type_and_kind(corpus_dir):
    manifest = json.loads((corpus_dir / "manifest.json").read_text())
    assert set(manifest["summary"]["kinds"]) == {"scan", "digital", "facturx", "batch", "bad"}
    types = {d["type"] for t in _truths(corpus_dir) for d in t["documents"]}
    assert types == set(TYPES)


def test_pages_match_files(corpus_dir):
    for t in _truths(corpus_dir):
        if t["bad_input"]:
            continue
        n = _page_count(corpus_dir / t["file"], t["format"])
        assert t["page_count"] == n
        used = [p for d in t["documents"] for p in d["pages"]] + t["separator_pages"] + t["blank_pages"]
        assert sorted(used) == list(range(1, n + 1)), t["file"]
        for d in t["documents"]:
            assert len(d["page_texts"]) == len(d["pages"]) and all(x.strip() for x in d["page_texts"])


def test_supplier_identifiers_and_amounts(corpus_dir):
    seen = 0
    for t in _truths(corpus_dir):
        for d in t["documents"]:
            f = d["fields"]
            if d["type"].startswith("supplier_"):
                seen += 1
                assert is_valid_siret(f["supplier_siret"]) if "supplier_siret" in f else len(f["supplier_siren"]) == 9
                assert "supplier_vat" not in f or is_valid_vat(f["supplier_vat"])
                assert "iban" not in f or is_valid_iban(f["iban"])
                assert amounts_add_up(f["total_excl_tax"], f["total_tax"], f["total_incl_tax"])
                assert f["invoice_number"] in "".join(d["page_texts"])
    assert seen >= 3


def test_born_digital_text_layer_matches_truth(corpus_dir):
    for t in _truths(corpus_dir):
        if t["format"] != "pdf" or t["bad_input"] or t["documents"][0]["scanned"]:
            continue
        reader = PdfReader(corpus_dir / t["file"])
        for d in t["documents"]:
            for number, truth_text in zip(d["pages"], d["page_texts"]):
                extracted = set(reader.pages[number - 1].extract_text().split())
                words = truth_text.split()
                assert sum(w in extracted for w in words) >= 0.9 * len(words)


def test_facturx_xml_carries_the_fields(corpus_dir):
    import facturx
    checked = 0
    for t in _truths(corpus_dir):
        for d in t["documents"]:
            if d["facturx"]:
                _name, xml = facturx.get_xml_from_pdf((corpus_dir / t["file"]).read_bytes(), check_xsd=True)
                f = d["fields"]
                for key in ("supplier_siret", "supplier_vat", "invoice_number"):
                    assert f[key].encode() in xml
                assert f["total_incl_tax"].lstrip("-").encode() in xml
                checked += 1
    assert checked >= 1


def test_batch_separators_detected(corpus_dir):
    batches = [t for t in _truths(corpus_dir) if len(t["documents"]) > 1]
    assert batches
    t = batches[0]
    path = corpus_dir / t["file"]
    for p in t["separator_pages"]:
        assert is_separator_page(_page_image(path, t["format"], p))
    first_doc_page = t["documents"][0]["pages"][0]
    assert not is_separator_page(_page_image(path, t["format"], first_doc_page))
    for p in t["blank_pages"][:2]:
        img = _page_image(path, t["format"], p)
        assert img.mean() > 200 and (img < 100).mean() < 0.001


@pytest.mark.parametrize("kind", files.BAD_KINDS)
def test_bad_inputs_are_really_bad(kind):
    data, fmt, truth = files.bad_input(random.Random(1), kind, DPI)
    assert truth["bad_input"] == kind and truth["queue"] == "quarantaine" and truth["documents"] == []
    if kind == "empty_file":
        assert data == b""
    elif kind == "corrupt_pdf":
        with pytest.raises(Exception):
            PdfReader(io.BytesIO(data)).pages[0]
        with pytest.raises(pikepdf.PdfError):
            pikepdf.open(io.BytesIO(data))
    elif kind == "encrypted_pdf":
        with pytest.raises(pikepdf.PasswordError):
            pikepdf.open(io.BytesIO(data))
        assert len(pikepdf.open(io.BytesIO(data), password="secret").pages) >= 1
    elif kind == "not_a_pdf":
        assert not data.startswith(b"%PDF") and fmt == "pdf"
    elif kind == "not_an_image":
        with pytest.raises(Exception):
            Image.open(io.BytesIO(data)).load()
    elif kind == "zero_pages":
        assert len(PdfReader(io.BytesIO(data)).pages) == 0
    elif kind == "blank_scan":
        assert truth["blank_pages"] == list(range(1, truth["page_count"] + 1))
        if fmt == "pdf":
            from pdf2image import convert_from_bytes
            pages = [np.asarray(p.convert("L")) for p in convert_from_bytes(data, dpi=50)]
        else:
            img = Image.open(io.BytesIO(data))
            pages = []
            for i in range(img.n_frames):
                img.seek(i)
                pages.append(np.asarray(img.convert("L")))
        assert len(pages) == truth["page_count"]
        assert all(p.mean() > 200 and (p < 100).mean() < 0.001 for p in pages)
