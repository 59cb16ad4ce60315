"""CII (UN/CEFACT Cross Industry Invoice, the XML Factur-X and ZUGFeRD embed, or received as
a file): SPEC.md fields and what a person reads of it.

Every Factur-X profile (MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED) shares these paths; the
smaller profiles simply lack some (no due date or IBAN in MINIMUM). ZUGFeRD 1.0's older names
(``CrossIndustryDocument``) are read too.
"""

from __future__ import annotations

from lxml import etree

from extractors.einvoice_view import InvoiceView, party_lines, view_title
from extractors.einvoice_xml import (
    EInvoiceError,
    finish_fields,
    is_credit_code,
    parse_xml_safely,
    text_at,
    texts_at,
)
from extractors.einvoice_xml import date_iso as _date

_TT = "SupplyChainTradeTransaction"
CII_ROOTS = ("CrossIndustryInvoice", "CrossIndustryDocument")


class _Paths:
    """Where a CII document keeps its parts: the D16B names, or ZUGFeRD 1.0's."""

    def __init__(self, root: etree._Element):
        self.doc = "ExchangedDocument" if text_at(root, "ExchangedDocument/ID") else "HeaderExchangedDocument"
        self.current = bool(root.xpath(f"./*[local-name()='{_TT}']"))
        if self.current:
            self.tt = _TT
            self.ag = f"{_TT}/ApplicableHeaderTradeAgreement"
            self.st = f"{_TT}/ApplicableHeaderTradeSettlement"
            self.summ = f"{self.st}/SpecifiedTradeSettlementHeaderMonetarySummation"
        else:  # ZUGFeRD 1.0 names
            self.tt = "SpecifiedSupplyChainTradeTransaction"
            self.ag = f"{self.tt}/ApplicableSupplyChainTradeAgreement"
            self.st = f"{self.tt}/ApplicableSupplyChainTradeSettlement"
            self.summ = f"{self.st}/SpecifiedTradeSettlementMonetarySummation"
        self.seller = f"{self.ag}/SellerTradeParty"
        self.buyer = f"{self.ag}/BuyerTradeParty"


def cii_root(xml: bytes) -> etree._Element:
    root = parse_xml_safely(xml)
    if etree.QName(root).localname not in CII_ROOTS:
        raise EInvoiceError(f"XML Factur-X : racine inattendue « {etree.QName(root).localname} »", "unsupported")
    return root


def fields_from_cii(xml: bytes) -> dict:
    """SPEC fields read from a CII (``rsm:CrossIndustryInvoice``) XML, values normalised.

    Returns the raw normalised values (not yet validated) plus ``type_code`` (``"380"``
    invoice, ``"381"`` credit note). Amounts of a credit note are made negative. Raises
    :class:`EInvoiceError` for unreadable or unsafe XML.
    """
    return cii_fields(cii_root(xml))


def cii_fields(root: etree._Element) -> dict:
    p = _Paths(root)
    type_code = text_at(root, f"{p.doc}/TypeCode")
    values = {
        "invoice_number": text_at(root, f"{p.doc}/ID"),
        "invoice_date": _date(text_at(root, f"{p.doc}/IssueDateTime/DateTimeString")),
        "supplier_name": text_at(root, f"{p.seller}/Name"),
        "supplier_vat": text_at(root, f"{p.seller}/SpecifiedTaxRegistration/ID[@schemeID='VA']"),
        "due_date": _date(text_at(root, f"{p.st}/SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString")),
        "iban": text_at(root, f"{p.st}/SpecifiedTradeSettlementPaymentMeans/PayeePartyCreditorFinancialAccount/IBANID"),
        "order_reference": text_at(root, f"{p.ag}/BuyerOrderReferencedDocument/IssuerAssignedID"),
    }
    legal_ids = (texts_at(root, f"{p.seller}/SpecifiedLegalOrganization/ID[@schemeID='0002']")
                 + texts_at(root, f"{p.seller}/GlobalID[@schemeID='0009']")
                 + texts_at(root, f"{p.seller}/SpecifiedLegalOrganization/ID"))
    amounts = {
        "total_excl_tax": text_at(root, f"{p.summ}/TaxBasisTotalAmount"),
        "total_tax": _tax_total(root, p),
        "total_incl_tax": text_at(root, f"{p.summ}/GrandTotalAmount") or text_at(root, f"{p.summ}/DuePayableAmount"),
    }
    return finish_fields(type_code, values, legal_ids, amounts, is_credit_code(type_code))


def _tax_total(root: etree._Element, p: _Paths) -> str | None:
    """The VAT total in the invoice's currency (a second TaxTotalAmount may give it in the
    accounting currency)."""
    if not p.current:
        return text_at(root, f"{p.summ}/TaxTotalAmount")
    currency = text_at(root, f"{p.st}/InvoiceCurrencyCode")
    for el in root.xpath("./" + "/".join(f"*[local-name()='{s}']" for s in f"{p.summ}/TaxTotalAmount".split("/"))):
        if currency and el.get("currencyID") and el.get("currencyID") != currency:
            continue
        if (el.text or "").strip():
            return el.text.strip()
    return None


def cii_view(root: etree._Element, syntax_label: str = "CII") -> InvoiceView:
    """What the invoice says, as a person reads it (``extractors/einvoice_view.py``)."""
    p = _Paths(root)
    code = text_at(root, f"{p.doc}/TypeCode")
    currency = text_at(root, f"{p.st}/InvoiceCurrencyCode") or ""

    def party(base: str) -> list[str]:
        return party_lines(
            name=text_at(root, f"{base}/Name"),
            trading=text_at(root, f"{base}/SpecifiedLegalOrganization/TradingBusinessName"),
            address=[text_at(root, f"{base}/PostalTradeAddress/{k}") for k in ("LineOne", "LineTwo", "LineThree")],
            city=" ".join(filter(None, (text_at(root, f"{base}/PostalTradeAddress/PostcodeCode"),
                                        text_at(root, f"{base}/PostalTradeAddress/CityName")))),
            country=text_at(root, f"{base}/PostalTradeAddress/CountryID"),
            legal=(texts_at(root, f"{base}/SpecifiedLegalOrganization/ID") + texts_at(root, f"{base}/GlobalID")),
            vat=text_at(root, f"{base}/SpecifiedTaxRegistration/ID[@schemeID='VA']"))

    lines = []
    for item in root.xpath(f"./*[local-name()='{p.tt}']/*[local-name()='IncludedSupplyChainTradeLineItem']"):
        lines.append((
            text_at(item, "SpecifiedTradeProduct/Name") or "",
            text_at(item, "SpecifiedLineTradeDelivery/BilledQuantity") or "",
            text_at(item, "SpecifiedLineTradeAgreement/NetPriceProductTradePrice/ChargeAmount") or "",
            text_at(item, "SpecifiedLineTradeSettlement/ApplicableTradeTax/RateApplicablePercent") or "",
            text_at(item, "SpecifiedLineTradeSettlement/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount")
            or ""))
    taxes = []
    for tax in root.xpath("./" + "/".join(f"*[local-name()='{s}']" for s in f"{p.st}/ApplicableTradeTax".split("/"))):
        taxes.append((text_at(tax, "RateApplicablePercent") or text_at(tax, "CategoryCode") or "",
                      text_at(tax, "BasisAmount") or "", text_at(tax, "CalculatedAmount") or ""))
    totals = [(label, text_at(root, f"{p.summ}/{name}")) for label, name in (
        ("Total des lignes HT", "LineTotalAmount"), ("Total HT", "TaxBasisTotalAmount"),
        ("Total TVA", "TaxTotalAmount"), ("Total TTC", "GrandTotalAmount"), ("Déjà payé", "TotalPrepaidAmount"),
        ("Net à payer", "DuePayableAmount"))]
    payment = [f"IBAN {v}" for v in texts_at(
        root, f"{p.st}/SpecifiedTradeSettlementPaymentMeans/PayeePartyCreditorFinancialAccount/IBANID")]
    payment += [f"BIC {v}" for v in texts_at(
        root, f"{p.st}/SpecifiedTradeSettlementPaymentMeans/PayeeSpecifiedCreditorFinancialInstitution/BICID")]
    payment += texts_at(root, f"{p.st}/SpecifiedTradePaymentTerms/Description")
    references = [(label, text_at(root, path)) for label, path in (
        ("Bon de commande", f"{p.ag}/BuyerOrderReferencedDocument/IssuerAssignedID"),
        ("Référence acheteur", f"{p.ag}/BuyerReference"),
        ("Contrat", f"{p.ag}/ContractReferencedDocument/IssuerAssignedID"),
        ("Facture d'origine", f"{p.st}/InvoiceReferencedDocument/IssuerAssignedID"))]
    return InvoiceView(
        syntax=syntax_label, title=view_title(code, False), type_code=code or "",
        number=text_at(root, f"{p.doc}/ID") or "", issue_date=_date(text_at(root, f"{p.doc}/IssueDateTime/DateTimeString")),
        due_date=_date(text_at(root, f"{p.st}/SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString")),
        currency=currency, seller=party(p.seller), buyer=party(p.buyer),
        references=[(k, v) for k, v in references if v], lines=lines, taxes=taxes,
        totals=[(k, v) for k, v in totals if v], payment=payment,
        notes=texts_at(root, f"{p.doc}/IncludedNote/Content"))
