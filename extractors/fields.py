"""Field extraction (the *vidéocodage*): SPEC.md fields of one document, each validated.

    extract_fields(doc_type, family, text, registries, facturx_xml=None, reference_date=None)
    extract_einvoice_fields(doc_type, xml, registries)

``family`` is ``"supplier"`` (invoice, credit note, quote), ``"tenant"`` (tenant mail) or
``"other"`` (no fields). A value that fails its check never goes into ``fields``; it goes into
``rejected`` with a French reason. Embedded Factur-X XML, when given, wins over the OCR text
(still validated); an e-invoice received as XML alone gives every field (``extract_einvoice_fields``).
"""

from __future__ import annotations

import datetime as dt

from config.registries import Registries
from extractors import validators
from extractors.einvoice import check_value, fields_from_xml
from extractors.einvoice_xml import EInvoiceError, is_credit_code
from extractors.fields_invoice import extract_supplier_fields
from extractors.fields_tenant import extract_tenant_fields, extract_writer_fields
from extractors.matching import match_supplier_by_ids
from extractors.types import Extraction

SUPPLIER_FIELDS = ("supplier_name", "supplier_siret", "supplier_siren", "supplier_vat", "invoice_number",
                   "invoice_date", "due_date", "total_excl_tax", "total_tax", "total_incl_tax", "iban",
                   "order_reference")
INVOICE_ONLY = ("iban", "order_reference")
TOTALS = ("total_excl_tax", "total_tax", "total_incl_tax")


def extract_fields(doc_type: str, family: str, text: str, registries: Registries,
                   facturx_xml: bytes | None = None, reference_date: dt.date | None = None) -> Extraction:
    text = text or ""
    if family == "supplier":
        ex = extract_supplier_fields(doc_type, text, registries, reference_date)
        if facturx_xml:
            _merge_facturx(ex, doc_type, facturx_xml, registries)
        return ex
    if family == "tenant":
        return extract_tenant_fields(doc_type, text, registries)
    return extract_writer_fields(doc_type, text, registries)  # « other »: the writer, when a person



def extract_einvoice_fields(doc_type: str, xml: bytes, registries: Registries) -> Extraction:
    """The fields of an e-invoice received as XML (UBL or CII): from the XML alone (there is no
    text to read), each still checked, so a wrong XML still raises its alerts."""
    ex = Extraction()
    _merge_facturx(ex, doc_type, xml, registries, origin="facture électronique")
    return ex


def _merge_facturx(ex: Extraction, doc_type: str, xml: bytes, registries: Registries,
                   origin: str = "Factur-X") -> None:
    try:
        cii = fields_from_xml(xml)
    except EInvoiceError as exc:
        ex.rejected["facturx_xml"] = str(exc)
        return
    credit = doc_type == "supplier_credit_note" or is_credit_code(cii.get("type_code"))
    allowed = [k for k in SUPPLIER_FIELDS if doc_type == "supplier_invoice" or k not in INVOICE_ONLY]
    for key in allowed:
        value = cii.get(key)
        if not value or key in TOTALS:
            continue
        reason = check_value(key, value, origin)
        if reason:
            if key not in ex.fields:
                ex.rejected[key] = reason
            continue
        ex.fields[key] = value
        ex.rejected.pop(key, None)
    if "supplier_siret" in ex.fields and "supplier_siren" in ex.fields:
        if ex.fields["supplier_siret"][:9] == ex.fields["supplier_siren"] or "supplier_siret" in cii:
            ex.fields.pop("supplier_siren")
    _merge_totals(ex, cii, credit, origin)
    if ex.fields.get("due_date") and ex.fields.get("invoice_date") and ex.fields["due_date"] < ex.fields["invoice_date"]:
        ex.rejected["due_date"] = f"échéance antérieure à la date de facture ({origin})"
        ex.fields.pop("due_date")
    match = match_supplier_by_ids(registries, siret=ex.fields.get("supplier_siret"),
                                  siren=ex.fields.get("supplier_siren"), vat=ex.fields.get("supplier_vat"),
                                  iban=ex.fields.get("iban"))
    if match:
        ex.supplier_id = match.supplier.supplier_id
    if ex.supplier_id:
        known = registries.supplier_by("supplier_id", ex.supplier_id)
        if known:
            ex.fields["supplier_name"] = known.name
            ex.supplier_iban = known.iban or None


def _merge_totals(ex: Extraction, cii: dict, credit: bool, origin: str = "Factur-X") -> None:
    xml_totals = {k: cii[k] for k in TOTALS if k in cii}
    if not xml_totals:
        return
    if credit:
        xml_totals = {k: ("-" + v.lstrip("-")) if float(v) else v for k, v in xml_totals.items()}
    if len(xml_totals) == 3:
        if validators.amounts_add_up(xml_totals["total_excl_tax"], xml_totals["total_tax"],
                                     xml_totals["total_incl_tax"]):
            for k in TOTALS:
                ex.rejected.pop(k, None)
            ex.fields.update(xml_totals)
        elif not all(k in ex.fields for k in TOTALS):
            reason = (f"totaux incohérents ({origin}) : HT {xml_totals['total_excl_tax']} + TVA "
                      f"{xml_totals['total_tax']} ≠ TTC {xml_totals['total_incl_tax']}")
            for k in TOTALS:
                ex.fields.pop(k, None)
                ex.rejected[k] = reason
        return
    for k, v in xml_totals.items():
        ex.fields[k] = v
        ex.rejected.pop(k, None)
