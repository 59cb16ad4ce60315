"""Check digits and formats of French identifiers, amounts and dates.

Each ``is_valid_*`` takes the normalised value (no spaces) and answers yes or no; each
``normalise_*`` returns the canonical form of a raw string, or None when it cannot be one.
"""

from __future__ import annotations

import re
import string

_IBAN_LENGTHS = {"FR": 27, "MC": 27, "DE": 22, "BE": 16, "ES": 24, "IT": 27, "LU": 20, "CH": 21,
                 "NL": 18, "PT": 25, "GB": 22}


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix: str) -> str:
    """Append the digit that makes ``prefix`` Luhn-valid."""
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d
    raise AssertionError("unreachable")


def is_valid_siren(siren: str) -> bool:
    return len(siren) == 9 and luhn_ok(siren)


def is_valid_siret(siret: str) -> bool:
    if len(siret) != 14 or not siret.isdigit():
        return False
    # La Poste's establishments use a digit-sum rule instead of Luhn.
    if siret.startswith("356000000"):
        return sum(int(c) for c in siret) % 5 == 0
    return luhn_ok(siret) and is_valid_siren(siret[:9])


def vat_key(siren: str) -> str:
    return f"{(12 + 3 * (int(siren) % 97)) % 97:02d}"


def vat_from_siren(siren: str) -> str:
    return f"FR{vat_key(siren)}{siren}"


def is_valid_vat(vat: str) -> bool:
    m = re.fullmatch(r"FR(\d{2})(\d{9})", vat)
    return bool(m) and is_valid_siren(m.group(2)) and m.group(1) == vat_key(m.group(2))


def _iban_number(iban: str) -> int:
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in moved))


def is_valid_iban(iban: str) -> bool:
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        return False
    if _IBAN_LENGTHS.get(iban[:2], len(iban)) != len(iban):
        return False
    return _iban_number(iban) % 97 == 1


def iban_from_bban(country: str, bban: str) -> str:
    check = 98 - _iban_number(f"{country}00{bban}") % 97
    return f"{country}{check:02d}{bban}"


def normalise_identifier(raw: str) -> str:
    """Remove spaces, dots and dashes; upper-case letters."""
    return "".join(c for c in raw.upper() if c in string.ascii_uppercase + string.digits)


def normalise_phone(raw: str) -> str | None:
    digits = re.sub(r"\D", "", raw)
    if digits.startswith("33") and len(digits) == 11:
        digits = "0" + digits[2:]
    if digits.startswith("0033") and len(digits) == 13:
        digits = "0" + digits[4:]
    return digits if re.fullmatch(r"0[1-9]\d{8}", digits) else None


def normalise_postal_code(raw: str) -> str | None:
    digits = re.sub(r"\s", "", raw)
    if not re.fullmatch(r"\d{5}", digits):
        return None
    dept = int(digits[:2])
    return digits if (1 <= dept <= 95 or digits[:2] in ("97", "98")) else None


def format_amount(value: float | int) -> str:
    """Canonical amount: a dot and two decimals, as SPEC.md asks."""
    return f"{value:.2f}"


def amounts_add_up(excl: str, tax: str, incl: str, tolerance: float = 0.011) -> bool:
    try:
        return abs(float(excl) + float(tax) - float(incl)) <= tolerance
    except (TypeError, ValueError):
        return False
