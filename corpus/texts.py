"""Document contents without rendering: the fast path for training classifiers.

``generate_texts(count, seed)`` gives ``{"type", "queue", "text", "fields", "urgent"}`` dicts,
the types cycling so that every type gets the same share.
"""

from __future__ import annotations

import random
from functools import lru_cache

from config.registries import Registries, load_registries
from config.taxonomy import load_taxonomy
from corpus.model import DocContent
from corpus.supplier_docs import supplier_document
from corpus.tenant_mail import tenant_letter
from corpus.third_party import housing_benefit, insurance_certificate, legal_notice, other_document

TYPES = ("supplier_invoice", "supplier_credit_note", "supplier_quote", "payment_difficulty", "repair_request",
         "neighbour_dispute", "lease_termination", "certificate_or_receipt_request", "insurance_certificate",
         "housing_benefit", "social_distress", "legal_notice", "other")
SUPPLIER_TYPES = TYPES[:3]
TENANT_LETTER_TYPES = TYPES[3:8] + ("social_distress",)


@lru_cache(maxsize=1)
def registries() -> Registries:
    return load_registries()


@lru_cache(maxsize=1)
def queues() -> dict[str, str]:
    tax = load_taxonomy()
    return {code: t.queue for code, t in tax.types.items()}


def make_document(rng: random.Random, doc_type: str, regs: Registries | None = None) -> DocContent:
    regs = regs or registries()
    if doc_type in SUPPLIER_TYPES:
        return supplier_document(rng, doc_type, rng.choice(regs.suppliers))
    tenant = rng.choice(regs.tenants)
    if doc_type in TENANT_LETTER_TYPES:
        return tenant_letter(rng, doc_type, tenant)
    if doc_type == "insurance_certificate":
        return insurance_certificate(rng, tenant)
    if doc_type == "housing_benefit":
        return housing_benefit(rng, tenant)
    if doc_type == "legal_notice":
        return legal_notice(rng, tenant)
    if doc_type == "other":
        return other_document(rng)
    raise ValueError(f"type inconnu : {doc_type}")


def type_sequence(rng: random.Random, count: int, types: tuple[str, ...] = TYPES) -> list[str]:
    """Every type in turn (shuffled per round), so small counts still cover all types."""
    out: list[str] = []
    while len(out) < count:
        rnd = list(types)
        rng.shuffle(rnd)
        out += rnd
    return out[:count]


def generate_texts(count: int, seed: int, types: tuple[str, ...] = TYPES) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for doc_type in type_sequence(rng, count, types):
        doc = make_document(rng, doc_type)
        out.append({"type": doc.type, "queue": queues()[doc.type], "text": doc.text,
                    "fields": dict(doc.fields), "urgent": doc.urgent})
    return out
