"""The vidéocodage form's fields and their checks, server side. inbox/static/validators.js
does the same checks live in the browser; these are the ones that count.

``check_fields`` turns what the operator typed into the canonical values of SPEC.md (ISO
dates, amounts with a dot and two decimals, identifiers without spaces) or says, per field,
what is wrong, in French.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors import validators as v


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str  # text, siret, siren, vat, iban, date, amount, postal_code, phone, email
    types: tuple[str, ...] = ()  # only for these types (empty: the whole family)


SUPPLIER_FIELDS = (
    FieldSpec("supplier_name", "Fournisseur", "text"),
    FieldSpec("supplier_siret", "SIRET", "siret"),
    FieldSpec("supplier_siren", "SIREN (si seul imprimé)", "siren"),
    FieldSpec("supplier_vat", "N° de TVA intracommunautaire", "vat"),
    FieldSpec("invoice_number", "N° de facture", "text"),
    FieldSpec("invoice_date", "Date de facture", "date"),
    FieldSpec("due_date", "Date d'échéance", "date"),
    FieldSpec("total_excl_tax", "Total HT", "amount"),
    FieldSpec("total_tax", "TVA", "amount"),
    FieldSpec("total_incl_tax", "Total TTC", "amount"),
    FieldSpec("iban", "IBAN", "iban", ("supplier_invoice",)),
    FieldSpec("order_reference", "Bon de commande", "text", ("supplier_invoice",)),
)
TENANT_FIELDS = (
    FieldSpec("tenant_name", "Locataire", "text"),
    FieldSpec("tenant_reference", "N° de contrat / compte locataire", "text"),
    FieldSpec("postal_code", "Code postal", "postal_code"),
    FieldSpec("email", "Courriel", "email"),
    FieldSpec("phone", "Téléphone", "phone"),
    FieldSpec("amount", "Montant en jeu", "amount", ("payment_difficulty",)),
)
FAMILY_FIELDS = {"supplier": SUPPLIER_FIELDS, "tenant": TENANT_FIELDS, "other": ()}
ALL_FIELDS = {f.name: f for f in SUPPLIER_FIELDS + TENANT_FIELDS}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_TEXT_MAX = 200


def fields_for(doc_type: str, family: str) -> tuple[FieldSpec, ...]:
    return tuple(f for f in FAMILY_FIELDS.get(family, ()) if not f.types or doc_type in f.types)


def check_fields(doc_type: str, family: str, raw: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """(clean fields, errors by field name). Empty inputs are left out; fields that do not
    belong to the type are ignored."""
    return _check(fields_for(doc_type, family), raw)


def check_values(raw: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The same checks on the fields given, whatever the type (``aiguillage correct``: a line
    names only the fields it changes). Names outside ALL_FIELDS are the caller's to refuse."""
    return _check(tuple(ALL_FIELDS[k] for k in raw if k in ALL_FIELDS), raw)


def _check(specs, raw: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    clean: dict[str, str] = {}
    errors: dict[str, str] = {}
    for spec in specs:
        value = (raw.get(spec.name) or "").strip()
        if not value:
            continue
        out, problem = _check_one(spec.kind, value)
        if problem:
            errors[spec.name] = problem
        else:
            clean[spec.name] = out
    totals = [clean.get(k) for k in ("total_excl_tax", "total_tax", "total_incl_tax")]
    if all(totals) and not v.amounts_add_up(*totals):
        errors["total_incl_tax"] = f"HT + TVA ≠ TTC ({totals[0]} + {totals[1]} ≠ {totals[2]})"
    siret, vat = clean.get("supplier_siret"), clean.get("supplier_vat")
    if siret and vat and vat[4:] != siret[:9]:
        errors["supplier_vat"] = "ce n° de TVA ne correspond pas au SIREN du SIRET"
    d1, d2 = clean.get("invoice_date"), clean.get("due_date")
    if d1 and d2 and d2 < d1:
        errors["due_date"] = "l'échéance précède la date de facture"
    return clean, errors


def _check_one(kind: str, value: str) -> tuple[str, str | None]:
    if kind == "text":
        return (value, None) if len(value) <= _TEXT_MAX else (value, f"{_TEXT_MAX} caractères au plus")
    if kind == "siret":
        s = v.normalise_identifier(value)
        if not re.fullmatch(r"\d{14}", s):
            return s, "14 chiffres attendus"
        return (s, None) if v.is_valid_siret(s) else (s, "SIRET invalide (clé de contrôle Luhn)")
    if kind == "siren":
        s = v.normalise_identifier(value)
        if not re.fullmatch(r"\d{9}", s):
            return s, "9 chiffres attendus"
        return (s, None) if v.is_valid_siren(s) else (s, "SIREN invalide (clé de contrôle Luhn)")
    if kind == "vat":
        s = v.normalise_identifier(value)
        if not re.fullmatch(r"FR\d{11}", s):
            return s, "FR suivi de 11 chiffres attendu"
        return (s, None) if v.is_valid_vat(s) else (s, "clé de TVA incorrecte pour ce SIREN")
    if kind == "iban":
        s = v.normalise_identifier(value)
        return (s, None) if v.is_valid_iban(s) else (s, "IBAN invalide (longueur ou clé mod 97)")
    if kind == "date":
        d = parse_date(value)
        return (d, None) if d else (value, "date invalide (JJ/MM/AAAA ou AAAA-MM-JJ)")
    if kind == "amount":
        a = parse_amount(value)
        return (a, None) if a is not None else (value, "montant invalide (ex. 1234,50)")
    if kind == "postal_code":
        p = v.normalise_postal_code(value)
        return (p, None) if p else (value, "code postal invalide (5 chiffres)")
    if kind == "phone":
        p = v.normalise_phone(value)
        return (p, None) if p else (value, "téléphone invalide (10 chiffres, 0XXXXXXXXX)")
    if kind == "email":
        return (value, None) if _EMAIL.match(value) else (value, "adresse de courriel invalide")
    raise ValueError(kind)


def parse_date(text: str) -> str | None:
    text = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text) or None
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if not m:
            return None
        d, mo, y = (int(x) for x in m.groups())
    try:
        return date(y, mo, d).isoformat() if 1900 <= y <= 2199 else None
    except ValueError:
        return None


def parse_amount(text: str) -> str | None:
    s = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("€", "")
    s = s.replace("EUR", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d{1,2})?", s):  # 1.234,50
        s = s.replace(".", "")
    s = s.replace(",", ".")
    if not re.fullmatch(r"-?\d{1,12}(\.\d{1,2})?", s):
        return None
    return v.format_amount(float(s))
