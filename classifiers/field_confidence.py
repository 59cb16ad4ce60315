"""Field-level confidence: what keeps a supplier document from going straight through, and
the alerts accounts payable sees (SPEC.md, "Accounts-payable alerts").

A document of a supplier type is not routed automatically when an identifier failed its check
(SIRET, SIREN, VAT number, IBAN), when its totals do not add up (HT + TVA ≠ TTC: most often a
reading error), or when a field its type requires (taxonomy ``required_fields``) was not read:
it goes to vidéocodage with a reason naming the field. Pure functions: no I/O.
"""

from __future__ import annotations

from typing import Callable, Mapping

CHECKED = ("supplier_siret", "supplier_siren", "supplier_vat", "iban")
TOTALS = ("total_excl_tax", "total_tax", "total_incl_tax")
AP_TYPES = ("supplier_invoice", "supplier_credit_note")  # what accounts payable pays or books


def field_doubts(required: tuple[str, ...], fields: Mapping[str, object], rejected: Mapping[str, str],
                 label: Callable[[str], str] = str) -> list[str]:
    """Reasons, in French, not to trust the fields enough to route without a person."""
    reasons = [f"{label(name)} refusé : {rejected[name]}" for name in CHECKED if name in rejected]
    totals = [name for name in TOTALS if name in rejected]
    if totals:
        reasons.append(f"totaux incohérents : {rejected[totals[0]]}")
    missing = [name for name in required if not fields.get(name) and name not in rejected]
    if missing:
        reasons.append("champ manquant : " + ", ".join(label(name) for name in missing))
    return reasons


def alerts(doc_type: str | None, rejected: Mapping[str, str], supplier_id: str | None,
           iban: str | None = None, known_iban: str | None = None) -> list[str]:
    """The accounts-payable alert codes of an invoice or credit note (others have none).

    ``iban``: the valid IBAN read on the document; ``known_iban``: the matched supplier's on
    file (registered, or last validated for a learned supplier). A different one is the classic
    bank-details fraud: ``bank_details_changed``, payment waits for a second person."""
    if doc_type not in AP_TYPES:
        return []
    found = []
    if any(name in rejected for name in TOTALS):
        found.append("totals_inconsistent")
    if supplier_id is None:
        found.append("unknown_supplier")
    elif iban and known_iban and "iban" not in rejected and iban != known_iban:
        found.append("bank_details_changed")
    return found
