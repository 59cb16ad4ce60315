"""A supplier's identifiers printed on its document: SIRET or SIREN, VAT number and IBAN, each
checked (Luhn, VAT key, mod 97); a valid one is read, an invalid one printed is rejected with
its reason, and the customer's own VAT number is never taken for the supplier's."""

from __future__ import annotations

import re

from config.registries import Registries
from extractors import validators
from extractors.fields_labels import Doc, labelled_digits
from extractors.parsing import find_digit_runs
from extractors.types import Extraction
from extractors.vat_iban import find_ibans, find_vats


def _labelled_digits(doc: Doc, pattern: str, max_skip: int = 30) -> list[str]:
    """Digit strings printed after a label (``SIRET``, ``RCS Toulouse B``), spaces removed."""
    return labelled_digits(doc, pattern, max_skip, 14)


def read_supplier_ids(doc: Doc, ex: Extraction, registries: Registries) -> dict[str, str]:
    """SIRET/SIREN, VAT and IBAN, valid ones in the result, invalid printed ones in ``ex.rejected``."""
    found: dict[str, str] = {}
    sirets = _labelled_digits(doc, r"\bsiret\b\s*(?:n\s?[°o]\.?)?", max_skip=6)
    sirens = _labelled_digits(doc, r"\bsiren\b", max_skip=6) + _labelled_digits(doc, r"\br\.?\s?c\.?\s?s\.?\b", 30)
    sirets += [s for s in sirens if len(s) == 14]
    sirens = [s for s in sirens if len(s) != 14]
    valid = [s for s in sirets if validators.is_valid_siret(s)]
    if not valid:
        valid = [r.value for r in find_digit_runs(doc.text, (14,)) if validators.is_valid_siret(r.value)]
    if valid:
        known = [s for s in valid if registries.supplier_by("siret", s)]
        theirs = [s for s in valid if not _customers_siret(doc, s)]
        found["supplier_siret"] = (known or theirs or valid)[0]
    elif sirets:
        s = sirets[0]
        ex.rejected["supplier_siret"] = (f"SIRET « {s} » invalide (clé de contrôle)" if len(s) == 14 else
                                         f"SIRET « {s} » illisible : {len(s)} chiffres au lieu de 14")
    if "supplier_siret" not in found and not sirens:
        partial = [s for s in sirets if len(s) == 9 and validators.is_valid_siren(s)]
        if partial:  # "SIRET 732829320": a SIREN under the SIRET label, kept for matching only
            found["_siren"] = partial[0]
    if "supplier_siret" not in found:
        valid_siren = [s for s in sirens if validators.is_valid_siren(s)]
        if valid_siren:
            found["supplier_siren"] = valid_siren[0]
        elif sirens and "supplier_siret" not in ex.rejected:
            ex.rejected["supplier_siren"] = f"SIREN « {sirens[0]} » invalide (clé de contrôle)"

    vats = [v for v in find_vats(doc.text) if not _customers_vat(doc, v.start, registries, v.value)]
    valid_vats = [v.value for v in vats if validators.is_valid_vat(v.value)]
    if valid_vats:
        siren = found.get("supplier_siren") or found.get("supplier_siret", "")[:9]
        same = [v for v in valid_vats if siren and v[4:] == siren]
        known = [v for v in valid_vats if registries.supplier_by("vat", v)]
        found["supplier_vat"] = (same or known or valid_vats)[0]
    elif vats:
        ex.rejected["supplier_vat"] = f"n° de TVA « {vats[0].value} » invalide (clé de contrôle)"

    ibans = find_ibans(doc.text)
    valid_ibans = [m.value for m in ibans if validators.is_valid_iban(m.value)]
    if valid_ibans:
        known = [v for v in valid_ibans if registries.supplier_by("iban", v)]
        found["iban"] = (known or valid_ibans)[0]
    else:
        labelled = [m for m in ibans if "iban" in doc.folded[max(0, m.start - 20):m.start]]
        if labelled:
            ex.rejected["iban"] = f"IBAN « {labelled[0].value} » invalide (clé de contrôle)"
    return found


_CUSTOMER_LABEL = re.compile(r"(?:customer|client|acheteur|buyer|votre|your|bill\s+to|facture\s+a|kunden?|klant|cliente|"
                             r"\bihre|\buw|\bsu)[^\n]{0,25}$")  # « Ihre USt-IdNr. », « Uw btw-nummer », « Su NIF »
# another EU country's VAT number: a foreign supplier, whose French VAT number is the customer's
_FOREIGN_VAT = re.compile(r"\b(?:vat|tva|ust|btw|cif|nif|iva)[^\n]{0,25}?\b(?:nl|de|es|be|it|lu|pt|at|ie|pl|dk|se|fi|cz)"
                          r"\s?(?=(?:[a-z]?\d){6})[0-9a-z](?: ?[0-9a-z]){7,11}\b")  # mostly digits: not « at » + « testation »
# (grouped too: « USt-IdNr. DE 284 617 395 »)


# the customer's line: « Client C00417 - PATRIMOINE - SIRET 573 812 401 00277 »
_CUSTOMER_LINE = re.compile(r"\b(?:client|customer|acheteur|buyer|destinataire|facture\s+a|factur[ée]\s+a|patrimoine)\b")


def _customers_siret(doc: Doc, siret: str) -> bool:
    """The SIRET printed on the customer's line (the landlord's), not the supplier's."""
    for line in doc.folded.split("\n"):
        flat = re.sub(r"[\s.]", "", line)
        k = flat.find(siret)
        if k >= 0 and _CUSTOMER_LINE.search(line[:max(0, line.find(siret[:3]))] or line):
            return True
    return False


_OWN_FRENCH_VAT = re.compile(r"(?:french|france|registered|registration|\bour\b|notre)[^\n]{0,40}$")


def _customers_vat(doc: Doc, start: int, registries: Registries, value: str) -> bool:
    """A French VAT number that is the customer's (the landlord's), not the supplier's: printed
    under a customer's label, or on a foreign supplier's invoice, and no supplier's on file."""
    if registries.supplier_by("vat", value):
        return False
    before = doc.folded[max(0, start - 60):start]
    if _OWN_FRENCH_VAT.search(before):  # « French VAT No. », « registered for VAT in France under »
        return False
    return bool(_CUSTOMER_LABEL.search(before[-40:]) or _FOREIGN_VAT.search(doc.folded))
