"""Builders of one corpus file each: single documents (scanned, born-digital, Factur-X),
batches with separator sheets and blank backs, and bad inputs. Each returns ``(bytes, truth)``.
"""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

import numpy as np
import pikepdf

from corpus.facturx_xml import facturx_pdf
from corpus.fmt import MONTHS
from corpus.model import DocContent
from corpus.render_pdf import render_pdf
from corpus.scan import blank_page, degrade, images_to_file, rasterise
from corpus.texts import make_document, queues
from extractors.separator import separator_sheet_pdf

BAD_KINDS = ("corrupt_pdf", "empty_file", "encrypted_pdf", "not_a_pdf", "not_an_image", "zero_pages",
             "blank_scan")
QUARANTINE = "quarantaine"


def _doc_truth(doc: DocContent, pages: list[int], texts: list[str], scanned: bool, fx: bool,
               scans: list | None = None) -> dict:
    truth = {"type": doc.type, "queue": queues()[doc.type], "urgent": doc.urgent, "fields": dict(doc.fields),
             "pages": pages, "page_texts": texts, "scanned": scanned, "facturx": fx}
    if scans is not None:
        truth["page_rotations"] = [s.rotation for s in scans]
        truth["page_skews"] = [s.skew for s in scans]
        truth["page_stamps"] = [s.stamp for s in scans]  # "" or the stamp's text, also ending page_texts
    return truth


def _file_truth(fmt: str, documents: list[dict], separators: list[int] | None = None,
                blanks: list[int] | None = None, bad: str | None = None, page_count: int | None = None) -> dict:
    return {"format": fmt, "page_count": page_count, "documents": documents, "separator_pages": separators or [],
            "blank_pages": blanks or [], "bad_input": bad}


def _stamp(rng: random.Random) -> list[str]:
    d = date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
    first = rng.choice((f"REÇU LE {d.day} {MONTHS[d.month - 1].upper()} {d.year}",
                        f"REÇU LE {d:%d/%m/%Y}", f"ARRIVÉ LE {d:%d/%m/%Y}"))
    return [first, rng.choice(("PATRIMOINE", "COURRIER ARRIVÉE", "PATRIMOINE - SIÈGE"))]


def scan_document(rng: random.Random, doc: DocContent, dpi: int) -> tuple[list[np.ndarray], list[str], list]:
    """Rendered, rasterised, degraded pages of one document, and each page's printed text."""
    pdf, texts = render_pdf(doc, rng)
    rasters = rasterise(pdf, dpi)
    scans = []
    for i, r in enumerate(rasters):
        stamp = _stamp(rng) if i == 0 and rng.random() < 0.3 else None
        scans.append(degrade(rng, r, dpi, stamp=stamp))
    texts = [t + ("\n" + s.stamp if s.stamp else "") for t, s in zip(texts, scans)]
    return [s.image for s in scans], texts, scans


def single_digital(rng: random.Random, doc_type: str) -> tuple[bytes, str, dict]:
    doc = make_document(rng, doc_type)
    pdf, texts = render_pdf(doc, rng)
    pages = list(range(1, len(texts) + 1))
    return pdf, "pdf", _file_truth("pdf", [_doc_truth(doc, pages, texts, False, False)], page_count=len(texts))


def single_facturx(rng: random.Random) -> tuple[bytes, str, dict]:
    doc = make_document(rng, rng.choice(("supplier_invoice", "supplier_invoice", "supplier_credit_note")))
    s = doc.meta["supplier"]
    # The XML always carries the SIRET and VAT number, and the IBAN when the invoice prints it.
    doc.fields.pop("supplier_siren", None)
    doc.fields["supplier_siret"], doc.fields["supplier_vat"] = s.siret, s.vat
    doc.meta["show_iban"] = "iban" in doc.fields
    pdf, texts = render_pdf(doc, rng)
    out = facturx_pdf(pdf, doc.meta)
    pages = list(range(1, len(texts) + 1))
    return out, "pdf", _file_truth("pdf", [_doc_truth(doc, pages, texts, False, True)], page_count=len(texts))


def single_scan(rng: random.Random, doc_type: str, dpi: int) -> tuple[bytes, str, dict]:
    doc = make_document(rng, doc_type)
    images, texts, scans = scan_document(rng, doc, dpi)
    if len(images) == 1:
        fmt = rng.choices(("pdf", "tiff", "png", "jpeg"), weights=(5, 2, 2, 1.5))[0]
    else:
        fmt = rng.choices(("pdf", "tiff"), weights=(3, 1))[0]
    pages, blanks, out = [], [], []
    for img in images:
        out.append(img)
        pages.append(len(out))
        if fmt in ("pdf", "tiff") and rng.random() < 0.15:  # duplex back
            out.append(blank_page(rng, dpi))
            blanks.append(len(out))
    data = images_to_file(out, fmt, dpi)
    return data, fmt, _file_truth(fmt, [_doc_truth(doc, pages, texts, True, False, scans)], blanks=blanks,
                                  page_count=len(out))


def batch(rng: random.Random, doc_types: list[str], dpi: int) -> tuple[bytes, str, dict]:
    """Several scanned documents in one file, separator sheets between them, some blank backs."""
    sheet = rasterise(separator_sheet_pdf(), dpi)[0]
    duplex = rng.random() < 0.5
    lead_sheet = rng.random() < 0.25
    pages: list[np.ndarray] = []
    docs, seps, blanks = [], [], []

    def add_separator() -> None:
        pages.append(degrade(rng, sheet, dpi, allow_rotation=False).image)
        seps.append(len(pages))
        if duplex:
            pages.append(blank_page(rng, dpi))
            blanks.append(len(pages))

    for i, t in enumerate(doc_types):
        if i > 0 or lead_sheet:
            add_separator()
        doc = make_document(rng, t)
        images, texts, scans = scan_document(rng, doc, dpi)
        numbers = []
        for img in images:
            pages.append(img)
            numbers.append(len(pages))
            if duplex and rng.random() < 0.8:
                pages.append(blank_page(rng, dpi))
                blanks.append(len(pages))
        docs.append(_doc_truth(doc, numbers, texts, True, False, scans))
    fmt = "pdf" if rng.random() < 0.75 else "tiff"
    return images_to_file(pages, fmt, dpi), fmt, _file_truth(fmt, docs, seps, blanks, page_count=len(pages))


def _bad_truth(kind: str, fmt: str, page_count: int | None = 0) -> dict:
    t = _file_truth(fmt, [], bad=kind, page_count=page_count)
    t["queue"] = QUARANTINE
    return t


def bad_input(rng: random.Random, kind: str, dpi: int) -> tuple[bytes, str, dict]:
    if kind == "empty_file":
        return b"", "pdf", _bad_truth(kind, "pdf")
    if kind == "not_a_pdf":
        text = "Liste des courses : pain, lait, œufs.\nRappeler le plombier lundi.\n" * rng.randint(1, 5)
        return text.encode("utf-8"), "pdf", _bad_truth(kind, "pdf")
    if kind == "not_an_image":
        return rng.randbytes(rng.randint(2000, 20000)), "png", _bad_truth(kind, "png")
    if kind == "blank_scan":
        n = rng.randint(1, 3)
        fmt = rng.choice(("pdf", "tiff"))
        return images_to_file([blank_page(rng, dpi) for _ in range(n)], fmt, dpi), fmt, \
            _bad_truth(kind, fmt, n) | {"blank_pages": list(range(1, n + 1))}
    if kind == "zero_pages":
        buf = io.BytesIO()
        pikepdf.new().save(buf, static_id=True, deterministic_id=False)
        return buf.getvalue(), "pdf", _bad_truth(kind, "pdf")
    pdf, _ = render_pdf(make_document(rng, rng.choice(("supplier_invoice", "repair_request"))), rng)
    if kind == "corrupt_pdf":
        return pdf[:int(len(pdf) * rng.uniform(0.3, 0.8))], "pdf", _bad_truth(kind, "pdf", None)
    if kind == "encrypted_pdf":
        buf = io.BytesIO()
        with pikepdf.open(io.BytesIO(pdf)) as p:
            p.save(buf, static_id=True,
                   encryption=pikepdf.Encryption(user="secret", owner="proprio", R=4, aes=False,
                                                     metadata=False))
        return buf.getvalue(), "pdf", _bad_truth(kind, "pdf", None)
    raise ValueError(kind)
