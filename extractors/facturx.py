"""Factur-X / ZUGFeRD / XRechnung: find the invoice XML embedded in a PDF.

The XML is untrusted input, parsed as ``extractors/einvoice_xml.py`` says (no DTD, entity
expansion or network access; any DOCTYPE refused). Its fields are read by the e-invoice readers
(``extractors/einvoice.py``): CII for every Factur-X profile, UBL for an XRechnung that embeds it.
"""

from __future__ import annotations

import io
from pathlib import Path


from extractors.einvoice import check_value, invoice_syntax
from extractors.einvoice_cii import fields_from_cii
from extractors.einvoice_xml import MAX_XML_BYTES, EInvoiceError, parse_xml_safely, safe_parser

XML_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml")
FacturXError = EInvoiceError  # the embedded XML cannot be used; the message is in French
_safe_parser = safe_parser
__all__ = ["MAX_XML_BYTES", "FacturXError", "XML_NAMES", "check_cii_value", "fields_from_cii", "parse_xml_safely",
           "read_facturx_xml"]


def _is_invoice_xml(xml: bytes) -> bool:
    try:
        root = parse_xml_safely(xml)
    except FacturXError:
        return False
    return invoice_syntax(root) is not None


def read_facturx_xml(pdf: bytes | Path) -> bytes | None:
    """The embedded invoice XML of a Factur-X/ZUGFeRD/XRechnung PDF (its bytes, or its path:
    opened from disk, a large file is not read into memory), or None when there is none.

    Attachments named like the standards say come first; any other ``.xml`` attachment whose
    root is an invoice (CII, or UBL as XRechnung may embed) is accepted too. Never raises on a damaged PDF: returns None.
    """
    import pikepdf

    try:
        source = io.BytesIO(pdf) if isinstance(pdf, (bytes, bytearray)) else open(pdf, "rb")  # any bytes in a name
        with source, pikepdf.open(source) as doc:
            found: list[tuple[str, bytes]] = []
            for name, spec in doc.attachments.items():
                try:
                    data = spec.get_file().read_bytes()
                except Exception:  # noqa: BLE001 - a broken attachment is just skipped
                    continue
                found.append((str(name or spec.filename or ""), data))
    except Exception:  # noqa: BLE001 - not a PDF, encrypted, damaged: no Factur-X
        return None
    wanted = [n.lower() for n in XML_NAMES]
    found.sort(key=lambda item: (item[0].lower() not in wanted, item[0]))
    for name, data in found:
        if name.lower().endswith(".xml") and _is_invoice_xml(data):
            return data
    return None


def check_cii_value(key: str, value: str) -> str | None:
    """French reason why a value read from the Factur-X XML is unusable, or None when it is fine."""
    return check_value(key, value, "Factur-X")
