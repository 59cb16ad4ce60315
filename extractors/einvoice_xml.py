"""E-invoice XML, whatever its syntax (CII, as Factur-X embeds it, or UBL 2.1): parsed safely,
recognised by its root element's namespace, and read with namespace-agnostic paths.

The XML is untrusted input: it is parsed without DTD, entity expansion or network access, and
any document type declaration (where billion-laughs and XXE attacks live; an e-invoice never
has one) is refused outright. ``extractors/einvoice_cii.py`` and ``extractors/einvoice_ubl.py``
map each syntax to SPEC.md fields through :func:`finish_fields`, so both give the same forms.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from lxml import etree

MAX_XML_BYTES = 20 * 1024 * 1024
CII_NS = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
UBL_INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
# The roots an e-invoice received as a file may have (namespace, element) -> its syntax.
ROOTS = {(CII_NS, "CrossIndustryInvoice"): "cii", (UBL_INVOICE_NS, "Invoice"): "ubl",
         (UBL_CREDIT_NOTE_NS, "CreditNote"): "ubl"}
SYNTAX_LABELS = {"cii": "CII", "ubl": "UBL 2.1"}

# UNTDID 1001 document type codes (BT-3): the credit notes EN 16931 and the French reform use,
# and the invoices (commercial, self-billed, factored, deposit, corrective, construction…).
CREDIT_CODES = frozenset({"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "502", "503",
                          "532"})
INVOICE_CODES = frozenset({"71", "80", "82", "84", "102", "130", "202", "203", "204", "211", "218", "219",
                           "295", "325", "326", "331", "380", "382", "383", "384", "385", "386", "387", "388",
                           "389", "390", "393", "394", "395", "456", "457", "471", "472", "473", "500", "501",
                           "527", "553", "575", "623", "633", "751", "780", "817", "870", "875", "876", "877",
                           "935"})


class EInvoiceError(ValueError):
    """The XML cannot be used; the message is in French. ``kind`` says why, for the quarantine:
    ``empty``, ``too_large``, ``refused`` (a DTD or entity), ``corrupt`` (not well-formed) or
    ``unsupported`` (well-formed, but no e-invoice)."""

    def __init__(self, message: str, kind: str = "corrupt"):
        super().__init__(message)
        self.kind = kind


def is_credit_code(code: str | None) -> bool:
    return (code or "").strip() in CREDIT_CODES


def is_known_code(code: str | None) -> bool:
    return (code or "").strip() in CREDIT_CODES | INVOICE_CODES


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def parse_xml_safely(xml: bytes, what: str = "XML Factur-X") -> etree._Element:
    """The root of ``xml``; raises :class:`EInvoiceError` naming ``what`` when it is empty, too
    large, carries a DOCTYPE or ENTITY declaration, or is not well-formed."""
    if not xml or not xml.strip():
        raise EInvoiceError(f"{what} vide", "empty")
    if len(xml) > MAX_XML_BYTES:
        raise EInvoiceError(f"{what} trop volumineux ({len(xml) / 1e6:.0f} Mo, maximum "
                            f"{MAX_XML_BYTES / 1e6:.0f} Mo)", "too_large")
    head = xml[:4096].lstrip(b"\xef\xbb\xbf")
    if re.search(rb"<!\s*(DOCTYPE|ENTITY)", xml, re.IGNORECASE) or re.search(
            rb"<\x00!\x00|\x00<\x00!", head):  # UTF-16 declarations too
        raise EInvoiceError(f"{what} refusé : déclaration DOCTYPE ou ENTITY interdite (une facture "
                            "électronique n'en contient jamais)", "refused")
    try:
        root = etree.fromstring(xml, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        line, column = (exc.position or (exc.lineno or 0, 0))[:2]
        raise EInvoiceError(f"{what} illisible : mal formé (ligne {line}, colonne {column})", "corrupt") from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise EInvoiceError(f"{what} refusé : DTD interne interdite", "refused")
    return root


# The start of an XML document (after a byte-order mark and blank space): a declaration, or a
# root element that is not an HTML page (a web page saved under another name is no e-invoice).
_XML_START = re.compile(rb"<(\?xml[\s?]|!DOCTYPE\s+(?!html\b)[\w:.-]+|(?!html\b)[A-Za-z_][\w.-]*(:[\w.-]+)?[\s/>])",
                        re.IGNORECASE)


def looks_like_xml(head: bytes) -> bool:
    """True when ``head`` (a file's first bytes) starts an XML document, in UTF-8 (with or
    without BOM) or UTF-16: sniffed by content, whatever the file's name."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[2:].decode("utf-16-le" if head[0] == 0xFF else "utf-16-be", "ignore").encode("utf-8")
    return bool(_XML_START.match(head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")))


def syntax_of(root: etree._Element) -> str | None:
    """``"cii"`` or ``"ubl"`` for the root of an e-invoice received as a file, else None."""
    q = etree.QName(root)
    return ROOTS.get((q.namespace, q.localname))


def text_at(root: etree._Element, path: str) -> str | None:
    """First non-empty text at a namespace-agnostic path like ``ExchangedDocument/ID`` (steps
    may carry a predicate on an attribute: ``ID[@schemeID='VA']``)."""
    for value in texts_at(root, path):
        return value
    return None


def texts_at(root: etree._Element, path: str) -> list[str]:
    """Every non-empty text at ``path`` (see :func:`text_at`), in document order."""
    steps = [s for s in path.split("/") if s]
    out = []
    for el in root.xpath("./" + "/".join(_step(s) for s in steps)):
        value = (el if isinstance(el, str) else (el.text or "")).strip()
        if value:
            out.append(value)
    return out


def _step(step: str) -> str:
    if step.startswith("@"):
        return step
    m = re.fullmatch(r"(\w+)(\[.*\])?", step)
    name, pred = m.group(1), m.group(2) or ""
    if name == "_":
        return "*" + pred
    return f"*[local-name()='{name}']{pred}"


def date_iso(value: str | None) -> str | None:
    """``20200604`` (CII format 102) or ``2020-06-04`` (UBL) -> ``2020-06-04``; None otherwise."""
    if not value:
        return None
    v = value.strip()
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", v) or re.fullmatch(r"(\d{4})-(\d{2})-(\d{2}).*", v)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def xml_amount(raw: str | None) -> str | None:
    """An XML decimal (``1200``, ``-45.5``, ``1200.004``) as SPEC.md writes amounts (``"1200.00"``)."""
    text = (raw or "").strip()
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        return None
    try:
        value = Decimal(text).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None
    return f"{value:.2f}" if value else "0.00"


def legal_identifier(candidates: list[str]) -> dict[str, str]:
    """``supplier_siret`` from the first 14-digit candidate, else ``supplier_siren`` from the
    first 9-digit one (the legal id may be either; identifiers of other schemes are skipped)."""
    digits = [re.sub(r"\s", "", c) for c in candidates]
    for d in digits:
        if re.fullmatch(r"\d{14}", d):
            return {"supplier_siret": d}
    for d in digits:
        if re.fullmatch(r"\d{9}", d):
            return {"supplier_siren": d}
    return {}


def finish_fields(type_code: str | None, values: dict[str, str | None], legal_ids: list[str],
                  amounts: dict[str, str | None], credit: bool) -> dict:
    """The SPEC.md fields of an e-invoice from the raw texts its syntax's reader found: VAT
    number and IBAN without spaces and in capitals, SIRET or SIREN, amounts with two decimals,
    negative for a credit note. Values are not validated here (``fields.py`` checks them)."""
    out: dict[str, str] = {}
    if type_code:
        out["type_code"] = type_code
    for key, value in values.items():
        if value:
            out[key] = re.sub(r"\s+", "", value).upper() if key in ("supplier_vat", "iban") else value
    out.update(legal_identifier(legal_ids))
    for key, raw in amounts.items():
        value = xml_amount(raw)
        if value is None:
            continue
        if credit and not value.startswith("-") and Decimal(value) != 0:
            value = "-" + value
        out[key] = value
    return out
