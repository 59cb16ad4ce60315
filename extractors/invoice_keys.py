"""What makes two invoices the same invoice, read on two different scans.

A rescan, a photocopy or the PDF sent after the paper copy gives another file, other bytes and
often another reading: ``F2020-0412`` on one, ``F 2020 O412`` or ``2020-0412`` on the next. These
keys are what survives those variants; accounts payable's duplicate check
(flows/payables.py) compares them within one supplier.

    number_key("F 2020-O412")  == number_key("F2020-0412")   == "F20200412"
    loose_number_key("2020-0412") == loose_number_key("FA2020/0412") == "20200412"

The strict key keeps letters (two series of one supplier, ``A-100`` and ``B-100``, stay apart);
the loose key keeps digits only and is trusted only with a second agreeing fact (same date or
same total), decided by the caller.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that OCR reads for digits and back, mapped to the digit on both sides.
_CONFUSABLE = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "|": "1", "!": "1",
                             "S": "5", "B": "8", "Z": "2", "G": "6"})
_NUMBER_WORDS = re.compile(r"^(?:FACTURE|INVOICE|AVOIR|N[O0°º]|NUM[EÉ]RO|REF|R[EÉ]F[EÉ]RENCE)[\s.:°º-]*",
                           re.IGNORECASE)


def _ascii_upper(value: str) -> str:
    text = unicodedata.normalize("NFKD", value or "")
    return "".join(c for c in text if not unicodedata.combining(c)).upper()


def number_key(number: str | None) -> str:
    """The invoice number without spacing, punctuation or OCR letter/digit confusions; "" if none."""
    text = _NUMBER_WORDS.sub("", _ascii_upper(number or "").strip())
    # a confusable letter is a digit only when no letter touches it and a digit does: "F2020-O412"
    # has a 0, "BL-1234" keeps its prefix
    chars = [c for c in text if c.isalnum()]
    out = []
    for i, c in enumerate(chars):
        around = [chars[j] for j in (i - 1, i + 1) if 0 <= j < len(chars)]
        among_digits = bool(around) and all(n.isdigit() for n in around)
        out.append(c.translate(_CONFUSABLE) if c.isalpha() and among_digits else c)
    return "".join(out)


def loose_number_key(number: str | None) -> str:
    """The number's digits only (after the strict key's mapping): a missing or misread prefix
    does not matter. At least 3 digits, else ""."""
    digits = "".join(c for c in number_key(number) if c.isdigit()).lstrip("0")
    return digits if len(digits) >= 3 else ""


def supplier_key(supplier_id: str | None, fields: dict) -> str:
    """Who issued the invoice, as stable as the reading allows: the matched registry or learned
    supplier, else its SIRET's SIREN, VAT number, IBAN, then its name; "" when nothing is known."""
    if supplier_id:
        return f"id:{supplier_id}"
    siret = str(fields.get("supplier_siret") or fields.get("supplier_siren") or "")
    if len(siret) >= 9 and siret[:9].isdigit():
        return f"siren:{siret[:9]}"
    vat = str(fields.get("supplier_vat") or "")
    if vat.startswith("FR") and len(vat) == 13:
        return f"siren:{vat[4:]}"
    for name in ("supplier_vat", "iban"):
        if fields.get(name):
            return f"{name}:{fields[name]}"
    name = "".join(c for c in _ascii_upper(str(fields.get("supplier_name") or "")) if c.isalnum())
    return f"name:{name}" if len(name) >= 3 else ""
