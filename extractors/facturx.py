"""Factur-X / ZUGFeRD / XRechnung: find the invoice XML embedded in a PDF and read it.

The XML is untrusted input: it is parsed without DTD, entity expansion or network access, and
any document type declaration (where billion-laughs and XXE attacks live; a CII invoice never
has one) is refused outright.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from lxml import etree

from extractors import validators
from extractors.parsing import parse_amount

XML_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml")
MAX_XML_BYTES = 20 * 1024 * 1024


class FacturXError(ValueError):
    """The embedded XML cannot be used; the message is in French."""


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def parse_xml_safely(xml: bytes) -> etree._Element:
    if not xml or not xml.strip():
        raise FacturXError("XML Factur-X vide")
    if len(xml) > MAX_XML_BYTES:
        raise FacturXError("XML Factur-X trop volumineux")
    head = xml[:4096].lstrip(b"\xef\xbb\xbf")
    if re.search(rb"<!\s*(DOCTYPE|ENTITY)", xml, re.IGNORECASE) or re.search(
            rb"<\x00!\x00", head):  # UTF-16 declarations too
        raise FacturXError("XML Factur-X refusé : déclaration DOCTYPE/ENTITY interdite")
    try:
        root = etree.fromstring(xml, parser=_safe_parser())
    except etree.XMLSyntaxError as exc:
        raise FacturXError(f"XML Factur-X illisible ({exc})") from exc
    if root.getroottree().docinfo.internalDTD is not None:
        raise FacturXError("XML Factur-X refusé : DTD interne interdite")
    return root


def _is_invoice_xml(xml: bytes) -> bool:
    try:
        root = parse_xml_safely(xml)
    except FacturXError:
        return False
    return etree.QName(root).localname in ("CrossIndustryInvoice", "CrossIndustryDocument", "Invoice")


def read_facturx_xml(pdf: bytes | Path) -> bytes | None:
    """The embedded invoice XML of a Factur-X/ZUGFeRD/XRechnung PDF (its bytes, or its path:
    opened from disk, a large file is not read into memory), or None when there is none.

    Attachments named like the standards say come first; any other ``.xml`` attachment whose
    root is a CII invoice is accepted too. Never raises on a damaged PDF: returns None.
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


def _text(root: etree._Element, path: str) -> str | None:
    """First non-empty text at a namespace-agnostic path like ``ExchangedDocument/ID``."""
    steps = [s for s in path.split("/") if s]
    xp = "./" + "/".join(_step(s) for s in steps)
    for el in root.xpath(xp):
        if isinstance(el, str):
            value = el.strip()
        else:
            value = (el.text or "").strip()
        if value:
            return value
    return None


def _step(step: str) -> str:
    if step.startswith("@"):
        return step
    m = re.fullmatch(r"(\w+)(\[.*\])?", step)
    name, pred = m.group(1), m.group(2) or ""
    if name == "_":
        return "*" + pred
    return f"*[local-name()='{name}']{pred}"


def _date102(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip()
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", v) or re.fullmatch(r"(\d{4})-(\d{2})-(\d{2}).*", v)
    if not m:
        return None
    import datetime as dt

    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


_TT = "SupplyChainTradeTransaction"
_AG = f"{_TT}/ApplicableHeaderTradeAgreement"
_ST = f"{_TT}/ApplicableHeaderTradeSettlement"
_SUM = f"{_ST}/SpecifiedTradeSettlementHeaderMonetarySummation"


def _tax_total(root: etree._Element) -> str | None:
    currency = _text(root, f"{_ST}/InvoiceCurrencyCode")
    els = root.xpath("./" + "/".join(_step(s) for s in f"{_SUM}/TaxTotalAmount".split("/")))
    for el in els:
        if currency and el.get("currencyID") and el.get("currencyID") != currency:
            continue
        if (el.text or "").strip():
            return el.text.strip()
    return None


def fields_from_cii(xml: bytes) -> dict:
    """SPEC fields read from a CII (``rsm:CrossIndustryInvoice``) XML, values normalised.

    Returns the raw normalised values (not yet validated) plus ``type_code`` (``"380"``
    invoice, ``"381"`` credit note). Amounts of a credit note are made negative. Raises
    :class:`FacturXError` for unreadable or unsafe XML.
    """
    root = parse_xml_safely(xml)
    if etree.QName(root).localname not in ("CrossIndustryInvoice", "CrossIndustryDocument"):
        raise FacturXError(f"XML Factur-X : racine inattendue « {etree.QName(root).localname} »")
    out: dict[str, str] = {}
    doc = "ExchangedDocument" if _text(root, "ExchangedDocument/ID") else "HeaderExchangedDocument"
    tt = _TT if root.xpath(f"./*[local-name()='{_TT}']") else "SpecifiedSupplyChainTradeTransaction"
    ag = _AG.replace(_TT, tt)
    st = _ST.replace(_TT, tt)
    summ = _SUM.replace(_TT, tt)
    if tt != _TT:  # ZUGFeRD 1.0 names
        ag = f"{tt}/ApplicableSupplyChainTradeAgreement"
        st = f"{tt}/ApplicableSupplyChainTradeSettlement"
        summ = f"{st}/SpecifiedTradeSettlementMonetarySummation"

    type_code = _text(root, f"{doc}/TypeCode")
    if type_code:
        out["type_code"] = type_code
    credit = type_code in ("381", "261", "262", "396", "532")
    values = {
        "invoice_number": _text(root, f"{doc}/ID"),
        "invoice_date": _date102(_text(root, f"{doc}/IssueDateTime/DateTimeString")),
        "supplier_name": _text(root, f"{ag}/SellerTradeParty/Name"),
        "supplier_vat": _text(root, f"{ag}/SellerTradeParty/SpecifiedTaxRegistration/ID[@schemeID='VA']"),
        "due_date": _date102(_text(root, f"{st}/SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString")),
        "iban": _text(root, f"{st}/SpecifiedTradeSettlementPaymentMeans/PayeePartyCreditorFinancialAccount/IBANID"),
        "order_reference": _text(root, f"{ag}/BuyerOrderReferencedDocument/IssuerAssignedID"),
    }
    for key, value in values.items():
        if value:
            out[key] = re.sub(r"\s+", "", value) if key in ("supplier_vat", "iban") else value
    if "supplier_vat" in out:
        out["supplier_vat"] = out["supplier_vat"].upper()
    if "iban" in out:
        out["iban"] = out["iban"].upper()

    legal = (_text(root, f"{ag}/SellerTradeParty/SpecifiedLegalOrganization/ID[@schemeID='0002']")
             or _text(root, f"{ag}/SellerTradeParty/GlobalID[@schemeID='0009']")
             or _text(root, f"{ag}/SellerTradeParty/SpecifiedLegalOrganization/ID"))
    if legal:
        digits = re.sub(r"\s", "", legal)
        if len(digits) == 14:
            out["supplier_siret"] = digits
        elif len(digits) == 9:
            out["supplier_siren"] = digits

    if tt == _TT:
        tax = _tax_total(root)
    else:
        tax = _text(root, f"{summ}/TaxTotalAmount")
    amounts = {
        "total_excl_tax": _text(root, f"{summ}/TaxBasisTotalAmount"),
        "total_tax": tax,
        "total_incl_tax": _text(root, f"{summ}/GrandTotalAmount") or _text(root, f"{summ}/DuePayableAmount"),
    }
    for key, raw in amounts.items():
        value = parse_amount(raw) if raw else None
        if value is None:
            continue
        if credit and not value.startswith("-") and float(value) != 0:
            value = "-" + value
        out[key] = value
    return out


def check_cii_value(key: str, value: str) -> str | None:
    """French reason why a value read from the XML is unusable, or None when it is fine."""
    if key == "supplier_siret" and not validators.is_valid_siret(value):
        return f"SIRET « {value} » invalide (Factur-X)"
    if key == "supplier_siren" and not validators.is_valid_siren(value):
        return f"SIREN « {value} » invalide (Factur-X)"
    if key == "supplier_vat" and not validators.is_valid_vat(value):
        return f"n° de TVA « {value} » invalide (Factur-X)"
    if key == "iban" and not validators.is_valid_iban(value):
        return f"IBAN « {value} » invalide (Factur-X)"
    return None
