"""Field-level confidence: a supplier document whose identifiers fail their check, whose totals
do not add up or that lacks a required field is not routed straight through; the alert codes."""

from __future__ import annotations

from classifiers.field_confidence import alerts, field_doubts
from config import load_taxonomy

TAX = load_taxonomy()
INVOICE = TAX.type("supplier_invoice")
GOOD = {"supplier_name": "Plomberie Durand", "invoice_number": "F-2020-12", "invoice_date": "2020-04-02",
        "total_excl_tax": "100.00", "total_tax": "20.00", "total_incl_tax": "120.00"}


def test_a_complete_checked_invoice_has_no_doubt():
    assert field_doubts(INVOICE.required_fields, GOOD, {}, TAX.field_label) == []


def test_each_doubt_names_its_field_in_french():
    rejected = {"supplier_siret": "SIRET « 12345678901234 » invalide (clé de contrôle)",
                "iban": "IBAN « FR76… » invalide (clé de contrôle)"}
    fields = {k: v for k, v in GOOD.items() if k != "invoice_number"}
    reasons = field_doubts(INVOICE.required_fields, fields, rejected, TAX.field_label)
    assert reasons[0].startswith("SIRET refusé : SIRET « 12345678901234 »")
    assert reasons[1].startswith("IBAN refusé")
    assert reasons[2] == "champ manquant : numéro de facture"


def test_totals_that_do_not_add_up_are_one_reason_and_an_alert():
    rejected = {k: "HT + TVA ≠ TTC (100.00 + 20.00 ≠ 150.00)" for k in ("total_excl_tax", "total_tax", "total_incl_tax")}
    fields = {k: v for k, v in GOOD.items() if not k.startswith("total")}
    reasons = field_doubts(INVOICE.required_fields, fields, rejected, TAX.field_label)
    assert reasons == ["totaux incohérents : HT + TVA ≠ TTC (100.00 + 20.00 ≠ 150.00)"]  # not also "manquant"
    assert alerts("supplier_invoice", rejected, "S001") == ["totals_inconsistent"]


def test_alerts_only_for_what_accounts_payable_pays():
    assert alerts("supplier_invoice", {}, None) == ["unknown_supplier"]
    assert alerts("supplier_credit_note", {}, "S001") == []
    assert alerts("supplier_quote", {}, None) == []  # a quote goes to the technical team
    assert alerts("repair_request", {}, None) == []


def test_required_fields_are_checked_against_the_known_fields(tmp_path):
    import pytest

    from config import ConfigError
    from config.taxonomy import embedded_path

    text = embedded_path("taxonomy.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "taxonomy.yaml"
    bad.write_text(text.replace("required_fields: [supplier_name, total_incl_tax]",
                                "required_fields: [supplier_name, total_ttc]"), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_taxonomy(bad)
    assert "types.supplier_quote.required_fields" in str(exc.value) and "total_ttc" in str(exc.value)


def test_an_iban_other_than_the_suppliers_known_one_is_bank_details_changed():
    known, other = "FR7620041790263762389803493", "FR7630006000011234567890189"
    assert alerts("supplier_invoice", {}, "F0001", other, known) == ["bank_details_changed"]
    assert alerts("supplier_credit_note", {}, "L-123456789", other, known) == ["bank_details_changed"]
    assert alerts("supplier_invoice", {}, "F0001", known, known) == []
    assert alerts("supplier_invoice", {}, "F0001", other, None) == []  # no IBAN on file: nothing to compare
    assert alerts("supplier_invoice", {"iban": "invalide"}, "F0001", other, known) == []
    assert alerts("supplier_quote", {}, "F0001", other, known) == []  # a quote is not paid
