"""What a person reads of an e-invoice received as XML: its parties, lines, VAT and totals, as
the XML writes them. ``stages/einvoice.py`` lays it out as the document's PDF (a bare XML has no
scan to show); the fields routing uses come from the readers, never from this view."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.einvoice_xml import is_credit_code

_TITLES = {"384": "Facture rectificative", "471": "Facture rectificative", "472": "Facture rectificative",
           "473": "Facture rectificative", "386": "Facture d'acompte", "500": "Facture d'acompte",
           "389": "Autofacture", "501": "Autofacture", "393": "Facture affacturée", "262": "Avoir global",
           "503": "Avoir sur acompte"}


@dataclass
class InvoiceView:
    syntax: str  # "CII", "UBL 2.1"
    title: str  # "Facture", "Avoir", "Facture rectificative"…
    type_code: str
    number: str
    issue_date: str | None
    due_date: str | None
    currency: str
    seller: list[str] = field(default_factory=list)
    buyer: list[str] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    lines: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # item, qty, unit price, VAT %, net
    taxes: list[tuple[str, str, str]] = field(default_factory=list)  # rate, base, VAT
    totals: list[tuple[str, str]] = field(default_factory=list)  # (label, amount)
    payment: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def view_title(code: str | None, credit_document: bool) -> str:
    """The French name of the document type code (a UBL CreditNote is a credit note whatever its code)."""
    code = (code or "").strip()
    if code in _TITLES:
        return _TITLES[code]
    return "Avoir" if credit_document or is_credit_code(code) else "Facture"


def party_lines(name: str | None, trading: str | None, address: list[str | None], city: str | None,
                country: str | None, legal: list[str], vat: str | None) -> list[str]:
    """A party as printed on a letterhead: name, trading name, address, identifiers."""
    out = [v for v in (name, trading if trading != name else None) if v]
    out += [v for v in address if v]
    if city or (country and country != "FR"):
        out.append(" ".join(v for v in (city, country if country != "FR" else None) if v))
    for value in dict.fromkeys(legal):
        digits = value.replace(" ", "")
        label = "SIRET" if len(digits) == 14 and digits.isdigit() else \
            "SIREN" if len(digits) == 9 and digits.isdigit() else "Identifiant"
        out.append(f"{label} {value}")
    if vat:
        out.append(f"N° TVA {vat}")
    return out
