"""Factur-X (CII, BASIC WL profile) XML for a generated invoice or credit note, and the PDF/A-3 wrap."""

from __future__ import annotations

from datetime import date, datetime, timezone
from unittest import mock
from decimal import Decimal
from xml.sax.saxutils import escape

import facturx

NS = ('xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" '
      'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" '
      'xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100" '
      'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"')


def _d(d: date) -> str:
    return f'<udt:DateTimeString format="102">{d:%Y%m%d}</udt:DateTimeString>'


def _a(v: Decimal) -> str:
    return f"{v:.2f}"


def cii_xml(meta: dict) -> bytes:
    """``meta`` is ``DocContent.meta`` of a supplier invoice or credit note (amounts positive, 381 for credits)."""
    s = meta["supplier"]
    tot = meta["totals"]
    type_code = "381" if meta["credit"] else "380"
    taxes = "".join(
        f"<ram:ApplicableTradeTax><ram:CalculatedAmount>{_a(tot['taxes'][r])}</ram:CalculatedAmount>"
        f"<ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>{_a(tot['bases'][r])}</ram:BasisAmount>"
        f"<ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{r:.2f}</ram:RateApplicablePercent>"
        f"</ram:ApplicableTradeTax>" for r in sorted(tot["taxes"]))
    order = (f"<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>{escape(meta['order'])}</ram:IssuerAssignedID>"
             f"</ram:BuyerOrderReferencedDocument>") if meta.get("order") else ""
    means = (f"<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode>"
             f"<ram:PayeePartyCreditorFinancialAccount><ram:IBANID>{s.iban}</ram:IBANID>"
             f"</ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>"
             ) if meta.get("show_iban", True) and not meta["credit"] else ""
    terms = (f"<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime>{_d(meta['due'])}</ram:DueDateDateTime>"
             f"</ram:SpecifiedTradePaymentTerms>") if meta.get("due") else ""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rsm:CrossIndustryInvoice {NS}>'
        "<rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>"
        "<ram:ID>urn:factur-x.eu:1p0:basicwl</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>"
        "</rsm:ExchangedDocumentContext>"
        f"<rsm:ExchangedDocument><ram:ID>{escape(meta['number'])}</ram:ID><ram:TypeCode>{type_code}</ram:TypeCode>"
        f"<ram:IssueDateTime>{_d(meta['issued'])}</ram:IssueDateTime></rsm:ExchangedDocument>"
        "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement>"
        f"<ram:SellerTradeParty><ram:Name>{escape(s.name)}</ram:Name>"
        f'<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">{s.siret}</ram:ID></ram:SpecifiedLegalOrganization>'
        f"<ram:PostalTradeAddress><ram:PostcodeCode>{s.postal_code}</ram:PostcodeCode>"
        f"<ram:LineOne>{escape(s.address)}</ram:LineOne><ram:CityName>{escape(s.city)}</ram:CityName>"
        "<ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>"
        f'<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{s.vat}</ram:ID></ram:SpecifiedTaxRegistration>'
        "</ram:SellerTradeParty>"
        "<ram:BuyerTradeParty><ram:Name>PATRIMOINE</ram:Name></ram:BuyerTradeParty>"
        f"{order}</ram:ApplicableHeaderTradeAgreement><ram:ApplicableHeaderTradeDelivery/>"
        "<ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>"
        f"{means}{taxes}{terms}"
        "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
        f"<ram:LineTotalAmount>{_a(tot['ht'])}</ram:LineTotalAmount>"
        f"<ram:TaxBasisTotalAmount>{_a(tot['ht'])}</ram:TaxBasisTotalAmount>"
        f'<ram:TaxTotalAmount currencyID="EUR">{_a(tot["tva"])}</ram:TaxTotalAmount>'
        f"<ram:GrandTotalAmount>{_a(tot['ttc'])}</ram:GrandTotalAmount>"
        f"<ram:DuePayableAmount>{_a(tot['ttc'])}</ram:DuePayableAmount>"
        "</ram:SpecifiedTradeSettlementHeaderMonetarySummation></ram:ApplicableHeaderTradeSettlement>"
        "</rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>\n"
    )
    return xml.encode("utf-8")


def facturx_pdf(pdf: bytes, meta: dict) -> bytes:
    xml = cii_xml(meta)
    s = meta["supplier"]
    metadata = {"author": s.name, "keywords": "Factur-X, Facture",
                "title": f"{s.name} : facture {meta['number']}",
                "subject": f"Factur-X {meta['number']} du {meta['issued']:%d/%m/%Y}"}
    return embed_xml(pdf, xml, "basicwl", meta["issued"], metadata)


def embed_xml(pdf: bytes, xml: bytes, level: str, issued: date, metadata: dict | None = None) -> bytes:
    """``pdf`` with ``xml`` embedded as a Factur-X PDF/A-3 of ``level``, the same bytes every time."""

    class _FixedClock(datetime):  # the library stamps "now" into the PDF; pin it for reproducible bytes
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206
            return cls(issued.year, issued.month, issued.day, 12, 0, 0, tzinfo=tz or timezone.utc)

    extra = {"pdf_metadata": metadata} if metadata else {}
    with mock.patch.object(facturx.facturx, "datetime", _FixedClock):
        return facturx.generate_from_binary(pdf, xml, flavor="factur-x", level=level, check_xsd=True,
                                            lang="fr-FR", **extra)
