"""UBL 2.1 Invoice and CreditNote (EN 16931, Peppol BIS, the French reform's UBL flavour):
SPEC.md fields and what a person reads of it.

Paths follow the EN 16931 UBL binding: seller ``cac:AccountingSupplierParty/cac:Party``, totals
``cac:LegalMonetaryTotal``, VAT total ``cac:TaxTotal/cbc:TaxAmount`` in the document currency.
A CreditNote is a credit note whatever its type code; an Invoice is what its code says.
"""

from __future__ import annotations

from lxml import etree

from extractors.einvoice_view import InvoiceView, party_lines, view_title
from extractors.einvoice_xml import (
    UBL_CREDIT_NOTE_NS,
    UBL_INVOICE_NS,
    EInvoiceError,
    date_iso,
    finish_fields,
    is_credit_code,
)

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NS = {"cac": CAC, "cbc": CBC}
SELLER = "cac:AccountingSupplierParty/cac:Party"
BUYER = "cac:AccountingCustomerParty/cac:Party"


def _all(node: etree._Element, path: str, **variables: str) -> list[str]:
    out = []
    for el in node.xpath(path, namespaces=NS, **variables):
        value = (el if isinstance(el, str) else (el.text or "")).strip()
        if value:
            out.append(value)
    return out


def _one(node: etree._Element, *paths: str) -> str | None:
    """The first non-empty text found, trying ``paths`` in order."""
    for path in paths:
        found = _all(node, path)
        if found:
            return found[0]
    return None


def is_credit_document(root: etree._Element) -> bool:
    return etree.QName(root).namespace == UBL_CREDIT_NOTE_NS


def ubl_type_code(root: etree._Element) -> str:
    """BT-3: a CreditNote's code when it names a credit note (else 381), an Invoice's (else 380)."""
    if is_credit_document(root):
        code = _one(root, "cbc:CreditNoteTypeCode")
        return code if is_credit_code(code) else "381"
    return _one(root, "cbc:InvoiceTypeCode") or "380"


def ubl_fields(root: etree._Element) -> dict:
    """SPEC.md fields of a UBL Invoice or CreditNote (raw normalised values, not yet validated),
    plus ``type_code``; a credit note's amounts are made negative."""
    q = etree.QName(root)
    if (q.namespace, q.localname) not in ((UBL_INVOICE_NS, "Invoice"), (UBL_CREDIT_NOTE_NS, "CreditNote")):
        raise EInvoiceError(f"XML UBL : racine inattendue « {q.localname} »", "unsupported")
    code = ubl_type_code(root)
    currency = _one(root, "cbc:DocumentCurrencyCode")
    values = {
        "invoice_number": _one(root, "cbc:ID"),
        "invoice_date": date_iso(_one(root, "cbc:IssueDate")),
        "supplier_name": _one(root, f"{SELLER}/cac:PartyLegalEntity/cbc:RegistrationName",
                              f"{SELLER}/cac:PartyName/cbc:Name"),
        "supplier_vat": _one(root, f"{SELLER}/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID",
                             f"{SELLER}/cac:PartyTaxScheme/cbc:CompanyID"),
        "due_date": date_iso(_one(root, "cbc:DueDate", "cac:PaymentMeans/cbc:PaymentDueDate")),
        "iban": _one(root, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID"),
        "order_reference": _one(root, "cac:OrderReference/cbc:ID"),
    }
    legal_ids = (_all(root, f"{SELLER}/cac:PartyIdentification/cbc:ID[@schemeID='0009']")
                 + _all(root, f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID[@schemeID='0002']")
                 + _all(root, f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID")
                 + _all(root, f"{SELLER}/cbc:EndpointID[@schemeID='0009' or @schemeID='0002']"))
    in_currency = _all(root, "cac:TaxTotal/cbc:TaxAmount[@currencyID=$c]", c=currency) if currency else []
    tax = in_currency[0] if in_currency else _one(root, "cac:TaxTotal/cbc:TaxAmount")
    amounts = {
        "total_excl_tax": _one(root, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount"),
        "total_tax": tax,
        "total_incl_tax": _one(root, "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount",
                               "cac:LegalMonetaryTotal/cbc:PayableAmount"),
    }
    return finish_fields(code, values, legal_ids, amounts, is_credit_document(root) or is_credit_code(code))


def ubl_view(root: etree._Element) -> InvoiceView:
    """What the invoice says, as a person reads it (``extractors/einvoice_view.py``)."""
    credit = is_credit_document(root)

    def party(base: str) -> list[str]:
        return party_lines(
            name=_one(root, f"{base}/cac:PartyLegalEntity/cbc:RegistrationName", f"{base}/cac:PartyName/cbc:Name"),
            trading=_one(root, f"{base}/cac:PartyName/cbc:Name"),
            address=[_one(root, f"{base}/cac:PostalAddress/{k}")
                     for k in ("cbc:StreetName", "cbc:AdditionalStreetName", "cac:AddressLine/cbc:Line")],
            city=" ".join(filter(None, (_one(root, f"{base}/cac:PostalAddress/cbc:PostalZone"),
                                        _one(root, f"{base}/cac:PostalAddress/cbc:CityName")))),
            country=_one(root, f"{base}/cac:PostalAddress/cac:Country/cbc:IdentificationCode"),
            legal=(_all(root, f"{base}/cac:PartyIdentification/cbc:ID")
                   + _all(root, f"{base}/cac:PartyLegalEntity/cbc:CompanyID")),
            vat=_one(root, f"{base}/cac:PartyTaxScheme/cbc:CompanyID"))

    line_tag = "cac:CreditNoteLine" if credit else "cac:InvoiceLine"
    qty_tag = "cbc:CreditedQuantity" if credit else "cbc:InvoicedQuantity"
    lines = [(_one(line, "cac:Item/cbc:Name", "cac:Item/cbc:Description") or "", _one(line, qty_tag) or "",
              _one(line, "cac:Price/cbc:PriceAmount") or "", _one(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent")
              or "", _one(line, "cbc:LineExtensionAmount") or "")
             for line in root.xpath(line_tag, namespaces=NS)]
    taxes = [(_one(sub, "cac:TaxCategory/cbc:Percent", "cac:TaxCategory/cbc:ID") or "",
              _one(sub, "cbc:TaxableAmount") or "", _one(sub, "cbc:TaxAmount") or "")
             for sub in root.xpath("cac:TaxTotal/cac:TaxSubtotal", namespaces=NS)]
    totals = [(label, _one(root, f"cac:LegalMonetaryTotal/cbc:{name}")) for label, name in (
        ("Total des lignes HT", "LineExtensionAmount"), ("Total HT", "TaxExclusiveAmount"))]
    totals.append(("Total TVA", _one(root, "cac:TaxTotal/cbc:TaxAmount")))
    totals += [(label, _one(root, f"cac:LegalMonetaryTotal/cbc:{name}")) for label, name in (
        ("Total TTC", "TaxInclusiveAmount"), ("Déjà payé", "PrepaidAmount"), ("Net à payer", "PayableAmount"))]
    payment = [f"IBAN {v}" for v in _all(root, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID")]
    payment += [f"BIC {v}" for v in _all(
        root, "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID")]
    payment += _all(root, "cac:PaymentTerms/cbc:Note")
    references = [(label, _one(root, path)) for label, path in (
        ("Bon de commande", "cac:OrderReference/cbc:ID"), ("Référence acheteur", "cbc:BuyerReference"),
        ("Contrat", "cac:ContractDocumentReference/cbc:ID"),
        ("Facture d'origine", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"))]
    code = ubl_type_code(root)
    return InvoiceView(
        syntax="UBL 2.1", title=view_title(code, credit), type_code=code, number=_one(root, "cbc:ID") or "",
        issue_date=date_iso(_one(root, "cbc:IssueDate")),
        due_date=date_iso(_one(root, "cbc:DueDate", "cac:PaymentMeans/cbc:PaymentDueDate")),
        currency=_one(root, "cbc:DocumentCurrencyCode") or "", seller=party(SELLER), buyer=party(BUYER),
        references=[(k, v) for k, v in references if v], lines=lines, taxes=taxes,
        totals=[(k, v) for k, v in totals if v], payment=payment, notes=_all(root, "cbc:Note"))
