"""What a document is and what it says: classification and field extraction composed.

Rules need facts from extraction (a Factur-X type code, a registered supplier's SIRET), and
extraction needs the type; so: read the Factur-X XML, identify the supplier, classify, then
extract the fields of the type found; for a supplier whose layout was learned, read the fields
at their learned places too (extractors/layout_memory.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from classifiers.decide import Classification, Hints, classify, classify_einvoice
from extractors import layout_memory
from extractors.einvoice import fields_from_xml
from extractors.fields import extract_einvoice_fields, extract_fields
from extractors.person_names import register_accents
from extractors.rows import rows_text
from extractors.types import DocumentText, Extraction
from storage import layouts
from storage.errors import StorageError
from wiring.runtime import Runtime

log = logging.getLogger("aiguillage.understand")


@dataclass
class Understanding:
    classification: Classification
    extraction: Extraction
    legibility: float | None = None  # how surely the scanned pages were read (0-100): legibility()


SURE_PRINT = 90.0  # Tesseract's median word confidence on clean print (91-96 on every set read)


def legibility(doc: DocumentText) -> float | None:
    """How surely the scanned pages were read: the mean confidence of their words, None when
    no page was scanned (a text layer is read for sure). Handwriting reads low. Print whose
    bulk reads surely (median at least ``SURE_PRINT``) is legible whatever a few lines drag
    the mean down to (a form's dot leaders, a bailiff's cost table read as symbols): its median."""
    words = sorted(w.confidence for p in doc.pages if p.method == "ocr" for w in p.words if w.text.strip())
    if not words:
        return None
    mean, median = sum(words) / len(words), words[len(words) // 2]
    return round(max(mean, median) if median >= SURE_PRINT else mean, 1)


def understand(doc: DocumentText, rt: Runtime, today: dt.date | None = None) -> Understanding:
    if doc.einvoice:
        return understand_einvoice(doc, rt)
    text = doc.text
    registries = rt.registries_now()  # with what validated corrections taught
    facturx_code = None
    if doc.facturx_xml:
        try:
            facturx_code = fields_from_xml(doc.facturx_xml).get("type_code")
        except ValueError:
            facturx_code = None
    probe = extract_fields("supplier_invoice", "supplier", text, registries, doc.facturx_xml, today)
    priced = all(k in probe.fields for k in ("total_excl_tax", "total_tax", "total_incl_tax"))
    hints = Hints(facturx_type_code=facturx_code, supplier_identified=probe.supplier_id is not None,
                  priced=priced, credited=priced and probe.fields["total_incl_tax"].startswith("-"))
    always = frozenset(t.code for t in rt.taxonomy.types.values() if t.always_urgent)
    classification = classify(text, rt.model, hints, always)
    family = rt.taxonomy.type(classification.type).family
    extraction = extract_fields(classification.type, family, text, registries, doc.facturx_xml, today)
    if family != "other" and any(p.words for p in doc.pages):
        # Tables read block by block separate labels from figures: read the page row by row
        # too, and take the totals from it when the first reading found no whole triple (they are checked
        # together: HT + TVA = TTC). Other fields stay with the first reading, which keeps
        # addresses and e-mails whole.
        by_rows = extract_fields(classification.type, family, rows_text(doc), registries, doc.facturx_xml,
                                 today)
        _fill_missing(extraction, by_rows)
    if family == "supplier" and extraction.supplier_id:
        read_from_memory(rt, doc, classification.type, extraction)
    if family == "other":
        sender_identity(extraction, probe)
    read = legibility(doc)
    if read is not None and read < rt.settings["classification.min_ocr_confidence"] and extraction.fields.get("tenant_name"):
        # handwriting (or a page read as poorly): its reading lost the given name's accents
        extraction.fields["tenant_name"] = register_accents(extraction.fields["tenant_name"])
    return Understanding(classification, extraction, read)


def read_from_memory(rt: Runtime, doc: DocumentText, doc_type: str, extraction: Extraction) -> list[str]:
    """The fields read where validated documents of the same supplier printed them (its layout,
    learned by flows/learning.py), put over the generic reading once checked; their names."""
    if doc.facturx_xml or not any(p.words for p in doc.pages):
        return []  # the embedded XML wins over any reading of the page
    try:
        entry = layouts.get_layout(rt.store, extraction.supplier_id)
    except StorageError as exc:  # the store will fail the batch itself; the generic reading stays
        log.warning("disposition apprise illisible pour %s (%s)", extraction.supplier_id, exc)
        return []
    if not entry:
        return []
    places = layout_memory.places_for(layouts.places_by_type(entry), doc_type)
    borrowed = {name for name, place in places.items() if place.get("borrowed")}
    return layout_memory.merge(extraction, layout_memory.apply(doc.pages, places), doc_type, borrowed)


def understand_einvoice(doc: DocumentText, rt: Runtime) -> Understanding:
    """An e-invoice received as XML: its type from its document type code, its fields from the
    XML alone (the page shown is drawn from it: nothing to read there), each still checked."""
    code = fields_from_xml(doc.facturx_xml).get("type_code")
    classification = classify_einvoice(doc.einvoice, code)
    extraction = extract_einvoice_fields(classification.type, doc.facturx_xml, rt.registries_now())
    return Understanding(classification, extraction, None)


# Who sent a firm's letter that is no invoice (new bank details, a lift stopped for safety, its
# service during the lockdown): the operator who types it sees the supplier at once.
_IDENTITY = ("supplier_name", "supplier_siret", "supplier_siren", "supplier_vat", "iban")
_CHECKED_IDS = ("supplier_siret", "supplier_siren", "supplier_vat")


def sender_identity(extraction: Extraction, probe: Extraction) -> None:
    """The supplier's identity read by the invoice probe, put beside an ``other`` document's
    fields when its letterhead or legal footer printed a checked SIRET, SIREN or VAT number."""
    if any(k in probe.fields for k in _CHECKED_IDS):
        for k in _IDENTITY:
            if k in probe.fields:
                extraction.fields.setdefault(k, probe.fields[k])


# Fields checked together: taken from the second reading only as a whole.
_TOGETHER = ("total_excl_tax", "total_tax", "total_incl_tax")


# Fields taken from the second reading when the first found none: a number or an order printed
# in another column than its label's line (« AXIAL INTERIM      FACTURE / Agence …      No 0012458/21 »)
# (a tenant's reference under « Vos références » in a header row of references)
_ALONE = ("invoice_number", "order_reference", "tenant_reference", "tenant_name")


_DATES = ("invoice_date", "due_date")


def _fill_missing(first: Extraction, second: Extraction) -> None:
    if not all(k in first.fields for k in _TOGETHER) and all(k in second.fields for k in _TOGETHER):
        for k in _TOGETHER:
            first.fields[k] = second.fields[k]
            first.rejected.pop(k, None)
    # A header row's dates (« Date   Échéance » over « 27/03/2020   26/04/2020 ») read as one
    # label in the first reading: both dates from the rows, when they found both, in order.
    dates = [second.fields.get(k) for k in _DATES]
    if "due_date" not in first.fields and "due_date" not in first.rejected and all(dates) and dates[0] <= dates[1]:
        for k in _DATES:
            first.fields[k] = second.fields[k]
            first.rejected.pop(k, None)
    for k in _ALONE:
        if k not in first.fields and k not in first.rejected and k in second.fields:
            first.fields[k] = second.fields[k]
