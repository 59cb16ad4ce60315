"""What a document is and what it says: classification and field extraction composed.

Rules need facts from extraction (a Factur-X type code, a registered supplier's SIRET), and
extraction needs the type; so: read the Factur-X XML, identify the supplier, classify, then
extract the fields of the type found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from classifiers.decide import Classification, Hints, classify
from extractors.facturx import fields_from_cii
from extractors.fields import extract_fields
from extractors.layout import rows_text
from extractors.types import DocumentText, Extraction
from wiring.runtime import Runtime


@dataclass
class Understanding:
    classification: Classification
    extraction: Extraction
    legibility: float | None = None  # mean OCR confidence of the scanned pages' words (0-100)


def legibility(doc: DocumentText) -> float | None:
    """How surely the scanned pages were read: the mean confidence of their words, None when
    no page was scanned (a text layer is read for sure). Handwriting reads low."""
    words = [w.confidence for p in doc.pages if p.method == "ocr" for w in p.words if w.text.strip()]
    return round(sum(words) / len(words), 1) if words else None


def understand(doc: DocumentText, rt: Runtime, today: dt.date | None = None) -> Understanding:
    text = doc.text
    registries = rt.registries_now()  # with what validated corrections taught
    facturx_code = None
    if doc.facturx_xml:
        try:
            facturx_code = fields_from_cii(doc.facturx_xml).get("type_code")
        except ValueError:
            facturx_code = None
    probe = extract_fields("supplier_invoice", "supplier", text, registries, doc.facturx_xml, today)
    priced = all(k in probe.fields for k in ("total_excl_tax", "total_tax", "total_incl_tax"))
    hints = Hints(facturx_type_code=facturx_code, supplier_identified=probe.supplier_id is not None,
                  priced=priced)
    always = frozenset(t.code for t in rt.taxonomy.types.values() if t.always_urgent)
    classification = classify(text, rt.model, hints, always)
    family = rt.taxonomy.type(classification.type).family
    extraction = extract_fields(classification.type, family, text, registries, doc.facturx_xml, today)
    if family != "other" and any(p.words for p in doc.pages):
        # Tables read block by block separate labels from figures: read the page row by row
        # too, and take the totals from it when the first reading found none (they are checked
        # together: HT + TVA = TTC). Other fields stay with the first reading, which keeps
        # addresses and e-mails whole.
        by_rows = extract_fields(classification.type, family, rows_text(doc), registries, doc.facturx_xml,
                                 today)
        _fill_missing(extraction, by_rows)
    return Understanding(classification, extraction, legibility(doc))


# Fields checked together: taken from the second reading only as a whole.
_TOGETHER = ("total_excl_tax", "total_tax", "total_incl_tax")


def _fill_missing(first: Extraction, second: Extraction) -> None:
    if not any(k in first.fields for k in _TOGETHER) and all(k in second.fields for k in _TOGETHER):
        for k in _TOGETHER:
            first.fields[k] = second.fields[k]
            first.rejected.pop(k, None)
