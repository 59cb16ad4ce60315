"""The hand-written varied text bank: enough distinct passages per type, and examples built from it
that are deterministic, fully filled in and cover every type."""

import re
import unicodedata
from collections import Counter
from itertools import combinations

import pytest

from config.taxonomy import load_taxonomy
from corpus import texts
from corpus.varied import (MIN_PASSAGES, PLACEHOLDER, SHARED_BANKS, SUPPLIER_TYPES, TYPES, passages,
                           placeholders_used, shared, varied_examples)


def test_types_are_the_spec_types():
    assert set(TYPES) == set(load_taxonomy().types) == set(texts.TYPES)


@pytest.mark.parametrize("doc_type", TYPES)
def test_every_type_has_its_minimum_of_distinct_passages(doc_type):
    bank = passages(doc_type)
    assert len(bank) >= MIN_PASSAGES[doc_type] >= (30 if doc_type in SUPPLIER_TYPES else 60)
    assert len(set(bank)) == len(bank)
    for p in bank:
        assert p.strip() == p and p
        assert "---" not in p
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", p) if s.strip()]
        assert 1 <= len(sentences) <= 8, p


def test_no_passage_belongs_to_two_types_and_none_is_a_near_copy():
    everything = [(t, p) for t in TYPES for p in passages(t)]
    owners = Counter(p for _, p in everything)
    assert not [p for p, n in owners.items() if n > 1]

    def words(p):
        return set(re.findall(r"\w+", p.lower()))

    bags = [(t, words(p)) for t, p in everything]
    for (t1, a), (t2, b) in combinations(bags, 2):
        assert len(a & b) / len(a | b) < 0.6, (t1, t2, sorted(a)[:10])


def test_shared_banks_are_present_and_distinct():
    for name in SHARED_BANKS:
        bank = shared(name)
        assert len(bank) >= 8, name
        assert len(set(bank)) == len(bank), name
    assert len(shared("openings")) >= 30 and len(shared("closings")) >= 30 and len(shared("headers")) >= 20


def test_supplier_banks_speak_several_ways():
    invoice = " ".join(passages("supplier_invoice"))
    credit = " ".join(passages("supplier_credit_note"))
    quote = " ".join(passages("supplier_quote"))
    assert "INVOICE" in invoice.upper()
    assert "CREDIT NOTE" in credit.upper() and any("avoir" not in p.lower() for p in passages("supplier_credit_note"))
    assert "QUOTATION" in quote.upper()
    for title in ("Proposition", "Estimation", "Offre de prix"):
        assert title.lower() in quote.lower(), title


def test_examples_are_deterministic_per_seed():
    assert varied_examples(60, seed=3) == varied_examples(60, seed=3)
    assert varied_examples(60, seed=3) != varied_examples(60, seed=4)


def test_every_placeholder_is_filled():
    known = {"name", "first_name", "last_name", "street", "postcode", "city", "date", "ref", "amount",
             "small_amount", "month", "phone", "email", "company", "siret"}
    assert {k.lower() for k in placeholders_used()} <= known
    for text, _ in varied_examples(1500, seed=11):
        assert not PLACEHOLDER.search(text), text
        assert "{" not in text and "}" not in text, text


def test_every_type_appears_in_a_thousand_examples():
    examples = varied_examples(1000, seed=5)
    assert len(examples) == 1000
    counts = Counter(t for _, t in examples)
    assert set(counts) == set(TYPES)
    assert min(counts.values()) >= 1000 // len(TYPES) - 1
    assert all(text.strip() for text, _ in examples)


def _norm(text):
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def test_examples_are_mostly_distinct_and_carry_their_passages():
    examples = varied_examples(1000, seed=8)
    assert len({text for text, _ in examples}) >= 990
    # each text holds a passage of its own type: its longest placeholder-free run is found in the text
    for text, doc_type in examples[:300]:
        runs = [_norm(max(PLACEHOLDER.split(p), key=len).strip()[:40]) for p in passages(doc_type)]
        assert any(r and r in _norm(text) for r in runs), (doc_type, text)


def test_train_and_held_parts_share_no_passage():
    from corpus.varied import TYPES, _part_of

    for t in TYPES:
        train, held = set(_part_of(t, "train")), set(_part_of(t, "held"))
        assert train and held and not train & held
        assert train | held == set(_part_of(t, "all"))
