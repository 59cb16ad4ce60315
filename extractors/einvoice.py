"""E-invoices: the XML of a structured invoice (UBL 2.1 Invoice or CreditNote, CII
CrossIndustryInvoice), received as a file or embedded in a Factur-X PDF. Its fields are exact:
they are taken from the XML, still checked like any other (SIRET Luhn, VAT key, IBAN mod 97,
totals, in ``extractors/fields.py``).

    fields_from_xml(xml)          SPEC.md fields + type_code, whatever the syntax
    read_einvoice_file(path)      an XML file dropped at intake: its syntax, or why it is refused
    invoice_view(xml)             what a person reads of it (the document's PDF is drawn from it)
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from extractors import validators
from extractors.einvoice_cii import CII_ROOTS, cii_fields, cii_view
from extractors.einvoice_ubl import ubl_fields, ubl_view
from extractors.einvoice_view import InvoiceView
from extractors.einvoice_xml import (
    MAX_XML_BYTES,
    SYNTAX_LABELS,
    UBL_CREDIT_NOTE_NS,
    UBL_INVOICE_NS,
    EInvoiceError,
    parse_xml_safely,
    syntax_of,
)

EXPECTED = "une facture UBL 2.1 (Invoice, CreditNote) ou CII (CrossIndustryInvoice)"


def invoice_syntax(root: etree._Element) -> str | None:
    """The syntax of an invoice XML, received as a file or embedded in a PDF (where older CII
    names and roots without the exact namespace are met too)."""
    q = etree.QName(root)
    if q.localname in CII_ROOTS:
        return "cii"
    if q.namespace in (UBL_INVOICE_NS, UBL_CREDIT_NOTE_NS):
        return "ubl"
    return None


def fields_from_xml(xml: bytes) -> dict:
    """SPEC.md fields of an invoice XML of either syntax (raw normalised values, not yet
    validated) plus ``type_code``; a credit note's amounts are negative. Raises
    :class:`EInvoiceError` for unreadable, unsafe or unknown XML."""
    root = parse_xml_safely(xml)
    syntax = invoice_syntax(root)
    if syntax is None:
        raise EInvoiceError(f"XML Factur-X : racine inattendue « {etree.QName(root).localname} »", "unsupported")
    return cii_fields(root) if syntax == "cii" else ubl_fields(root)


def invoice_view(xml: bytes) -> InvoiceView:
    root = parse_xml_safely(xml)
    syntax = invoice_syntax(root)
    if syntax is None:
        raise EInvoiceError(f"XML : racine inattendue « {etree.QName(root).localname} »", "unsupported")
    return cii_view(root, SYNTAX_LABELS["cii"]) if syntax == "cii" else ubl_view(root)


def read_einvoice_file(path: Path, name: str) -> tuple[str, bytes]:
    """``(syntax, bytes)`` of an e-invoice XML file dropped at intake, ``syntax`` ``"cii"`` or
    ``"ubl"``. Raises :class:`EInvoiceError` with a French reason naming the file ``name``
    (its kind for the quarantine) when it is too large, unsafe, not well-formed or no e-invoice."""
    size = path.stat().st_size
    if size > MAX_XML_BYTES:
        raise EInvoiceError(f"{name} : XML trop volumineux ({size / 1e6:.0f} Mo, maximum "
                            f"{MAX_XML_BYTES / 1e6:.0f} Mo)", "too_large")
    data = path.read_bytes()
    try:
        root = parse_xml_safely(data, what="XML")
    except EInvoiceError as exc:
        hint = "" if exc.kind != "corrupt" else f" ; ce n'est pas {EXPECTED} lisible"
        raise EInvoiceError(f"{name} : {exc}{hint}", exc.kind) from None
    syntax = syntax_of(root)
    if syntax is None:
        raise EInvoiceError(f"{name} : fichier XML qui n'est pas une facture électronique (élément racine "
                            f"« {etree.QName(root).localname} » ; attendu : {EXPECTED})", "unsupported")
    return syntax, data


def check_value(key: str, value: str, origin: str = "Factur-X") -> str | None:
    """French reason why a value read from the XML is unusable, or None when it is fine."""
    if key == "supplier_siret" and not validators.is_valid_siret(value):
        return f"SIRET « {value} » invalide ({origin})"
    if key == "supplier_siren" and not validators.is_valid_siren(value):
        return f"SIREN « {value} » invalide ({origin})"
    if key == "supplier_vat" and not validators.is_valid_vat(value):
        return f"n° de TVA « {value} » invalide ({origin})"
    if key == "iban" and not validators.is_valid_iban(value):
        return f"IBAN « {value} » invalide ({origin})"
    return None
