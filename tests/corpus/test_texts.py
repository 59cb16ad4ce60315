"""The text-only corpus: coverage, determinism, canonical field formats."""

import re

from config.taxonomy import load_taxonomy
from corpus.texts import TYPES, generate_texts
from extractors.validators import amounts_add_up, is_valid_iban, is_valid_siret, is_valid_vat


def test_every_type_and_queue():
    docs = generate_texts(26, seed=5)
    assert {d["type"] for d in docs} == set(TYPES) == set(load_taxonomy().types)
    tax = load_taxonomy()
    for d in docs:
        assert d["queue"] == tax.type(d["type"]).queue
        assert d["text"].strip()


def test_deterministic_and_seed_dependent():
    assert generate_texts(40, seed=7) == generate_texts(40, seed=7)
    assert generate_texts(40, seed=7) != generate_texts(40, seed=8)


def test_fields_are_canonical_and_printed():
    for d in generate_texts(400, seed=11):
        f, text = d["fields"], d["text"]
        squashed = re.sub(r"[\s.\-]", "", text)
        if "supplier_siret" in f:
            assert is_valid_siret(f["supplier_siret"]) and f["supplier_siret"] in squashed
        if "supplier_vat" in f:
            assert is_valid_vat(f["supplier_vat"]) and f["supplier_vat"] in text
        if "iban" in f:
            assert is_valid_iban(f["iban"]) and f["iban"] in squashed
        if "total_incl_tax" in f:
            assert amounts_add_up(f["total_excl_tax"], f["total_tax"], f["total_incl_tax"])
            assert re.fullmatch(r"-?\d+\.\d\d", f["total_incl_tax"])
            assert (float(f["total_incl_tax"]) < 0) == (d["type"] == "supplier_credit_note")
        for k in ("invoice_date", "due_date"):
            if k in f:
                assert re.fullmatch(r"\d{4}-\d\d-\d\d", f[k])
        if "phone" in f:
            assert re.fullmatch(r"0[1-9]\d{8}", f["phone"])
        if "tenant_reference" in f:
            assert re.fullmatch(r"\d{8}", f["tenant_reference"])
            assert f["tenant_reference"] in text.replace(" ", "")
        if "postal_code" in f:
            assert f["postal_code"] in text
        if "invoice_number" in f:
            assert f["invoice_number"] in text
        if d["type"] in ("social_distress", "legal_notice"):
            assert d["urgent"]
        if d["type"] == "payment_difficulty" and "amount" in f:
            assert re.fullmatch(r"\d+\.\d\d", f["amount"])
