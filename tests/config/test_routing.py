import pytest

from config import ConfigError, load_taxonomy
from config.routing import Facts, load_routing

SPEC_QUEUES = {
    "supplier_invoice": "comptabilite-fournisseurs", "supplier_credit_note": "comptabilite-fournisseurs",
    "supplier_quote": "technique", "payment_difficulty": "recouvrement", "repair_request": "technique",
    "neighbour_dispute": "gestion-locative", "lease_termination": "gestion-locative",
    "certificate_or_receipt_request": "gestion-locative", "insurance_certificate": "gestion-locative",
    "housing_benefit": "recouvrement", "social_distress": "accompagnement-social",
    "legal_notice": "contentieux", "other": "videocodage",
}


@pytest.fixture(scope="module")
def rules():
    return load_routing(load_taxonomy())


def test_taxonomy_matches_spec():
    tax = load_taxonomy()
    assert {c: t.queue for c, t in tax.types.items()} == SPEC_QUEUES
    assert tax.types["social_distress"].restricted and tax.types["social_distress"].always_urgent
    assert tax.types["payment_difficulty"].copies == ("accompagnement-social",)


@pytest.mark.parametrize("doc_type, queue", sorted(SPEC_QUEUES.items()))
def test_every_type_reaches_its_spec_queue(rules, doc_type, queue):
    assert rules.decide(Facts(doc_type, 0.99)).queue == queue


def test_payment_difficulty_copied_to_social_support(rules):
    d = rules.decide(Facts("payment_difficulty", 0.95))
    assert d.queue == "recouvrement" and d.copies == ("accompagnement-social",)


def test_review_goes_to_videocodage_with_reason(rules):
    d = rules.decide(Facts("supplier_invoice", 0.4), review=True, review_reason="confiance faible")
    assert d.queue == "videocodage" and d.why == "confiance faible"


def test_urgent_repair_rule_and_field_rule(rules):
    assert rules.decide(Facts("repair_request", 0.9, urgent=True)).priority == 1
    assert rules.decide(Facts("repair_request", 0.9, urgent=False)).priority == 3
    big = rules.decide(Facts("supplier_invoice", 0.9, fields={"total_incl_tax": "12000.00"}))
    assert big.rule == "grosse-facture"
    small = rules.decide(Facts("supplier_invoice", 0.9, fields={"total_incl_tax": "120.00"}))
    assert small.rule == "type:supplier_invoice"


def test_unknown_queue_in_rules_is_named(tmp_path):
    f = tmp_path / "rules.yaml"
    f.write_text("rules:\n  - name: x\n    when: {type: repair_request}\n    queue: plomberie\n")
    with pytest.raises(ConfigError) as err:
        load_routing(load_taxonomy(), f)
    assert str(f) in str(err.value) and "plomberie" in str(err.value)
    assert err.value.key == "rules[0] (x).queue"


@pytest.mark.parametrize("body, words", [
    ("rules:\n  - when: {type: facture}\n    queue: technique\n", "type « facture » inconnu"),
    ("rules:\n  - when: {colour: red}\n    queue: technique\n", "condition inconnue"),
    ("rules:\n  - when: {type: other}\n", "file de destination obligatoire"),
    ("rules:\n  - queue: technique\n    priority: 12\n", "hors limites"),
    ("rules: {}\n", "liste de règles"),
])
def test_bad_rules_are_explained(tmp_path, body, words):
    f = tmp_path / "rules.yaml"
    f.write_text(body)
    with pytest.raises(ConfigError) as err:
        load_routing(load_taxonomy(), f)
    assert words in str(err.value)
