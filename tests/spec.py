"""The `aiguillage run --json` line format of SPEC.md, as a checker the tests share."""

from __future__ import annotations

import re

KEYS = ["source", "source_pages", "document_id", "sha256", "type", "confidence", "queue", "status",
        "reason", "alerts", "fields"]
STATUSES = {"routed", "review", "quarantined", "duplicate"}
TYPES = {"supplier_invoice", "supplier_credit_note", "supplier_quote", "payment_difficulty", "repair_request",
         "neighbour_dispute", "lease_termination", "certificate_or_receipt_request", "insurance_certificate",
         "housing_benefit", "social_distress", "legal_notice", "other"}
QUEUES = {"comptabilite-fournisseurs", "technique", "recouvrement", "accompagnement-social",
          "gestion-locative", "contentieux", "videocodage", "quarantaine"}
FIELDS = {"supplier_name", "supplier_siret", "supplier_siren", "supplier_vat", "invoice_number", "invoice_date",
          "due_date", "total_excl_tax", "total_tax", "total_incl_tax", "iban", "order_reference", "tenant_name",
          "tenant_reference", "postal_code", "email", "phone", "amount"}
ALERTS = {"duplicate_invoice", "bank_details_changed", "purchase_order_missing", "purchase_order_mismatch",
          "unknown_supplier", "totals_inconsistent"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
AMOUNT = re.compile(r"^-?\d+\.\d{2}$")


def check_line(line: dict) -> None:
    """Raise AssertionError naming what in ``line`` breaks SPEC.md."""
    assert list(line) == KEYS, f"keys {list(line)}"
    assert isinstance(line["source"], str) and line["source"]
    assert isinstance(line["source_pages"], list) and all(isinstance(p, int) and p >= 1 for p in line["source_pages"])
    assert re.fullmatch(r"[0-9a-f]{64}", line["sha256"])
    assert line["status"] in STATUSES
    assert line["queue"] in QUEUES
    assert isinstance(line["alerts"], list) and set(line["alerts"]) <= ALERTS, f"alerts {line['alerts']}"
    if "totals_inconsistent" in line["alerts"]:
        assert line["status"] == "review"
    if line["status"] == "quarantined":
        assert line["queue"] == "quarantaine" and line["reason"]
    else:
        assert isinstance(line["document_id"], str) and line["document_id"]
    if line["status"] == "review":
        assert line["queue"] == "videocodage" and line["reason"]
    if line["type"] is not None:
        assert line["type"] in TYPES
        assert isinstance(line["confidence"], float) and 0.0 <= line["confidence"] <= 1.0
    if line["type"] == "other" and line["status"] != "duplicate":
        assert line["status"] == "review"
    assert isinstance(line["fields"], dict) and set(line["fields"]) <= FIELDS, set(line["fields"]) - FIELDS
    for name, value in line["fields"].items():
        assert isinstance(value, str), (name, value)
        if name.endswith("_date"):
            assert DATE.match(value), (name, value)
        if name.startswith("total_") or name == "amount":
            assert AMOUNT.match(value), (name, value)
        if name == "phone":
            assert re.fullmatch(r"0\d{9}", value)
        if name in ("supplier_siret", "iban", "supplier_vat", "tenant_reference"):
            assert " " not in value


def main_queue_items(store) -> list[dict]:
    """Every work item in a main queue (not a copy), read from the object store."""
    import json

    items = []
    for key in store.list("queues/"):
        if "/items/" in key:
            item = json.loads(store.get(key))
            if not item.get("copy_of"):
                items.append(item)
    return items
