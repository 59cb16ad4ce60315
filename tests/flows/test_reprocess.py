"""The reprocessing flow after a vidéocodage correction: the document goes on to its team's
queue with the corrected type and fields, copies follow the rules, the correction is kept
for training and the audit trail tells who changed what."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "inbox"))
from seed import INVOICE_FIELDS, INVOICE_LINES, seed_document  # noqa: E402

from storage import claims, layout, queues, workitems  # noqa: E402
from storage.audit import events  # noqa: E402
from storage.corrections import get_correction, training_examples  # noqa: E402


@pytest.fixture
def rt(aiguillage_home):
    from wiring.runtime import runtime

    return runtime()


def _review_item(rt, fields, doc_type="other"):
    return seed_document(rt.store, "videocodage", doc_type, fields, INVOICE_LINES, status="review",
                         confidence=0.41, reason="type non reconnu")


def test_corrected_invoice_goes_to_accounts_payable_with_its_fields(prefect_harness, rt):
    from flows.reprocess import reprocess_document

    doc = _review_item(rt, {"supplier_name": "Plomberie Garonne", "total_incl_tax": "1200.00"})
    result = reprocess_document(doc, "supplier_invoice", dict(INVOICE_FIELDS), "vero")

    assert result["queue"] == "comptabilite-fournisseurs" and result["status"] == "routed"
    moved = queues.get_item(rt.store, "comptabilite-fournisseurs", doc)
    assert moved.is_open and moved.type == "supplier_invoice" and moved.status == "routed"
    assert moved.fields == INVOICE_FIELDS
    listed = [e.document_id for e in queues.entries(rt.store, "comptabilite-fournisseurs")]
    assert doc in listed
    entry = next(e for e in queues.entries(rt.store, "comptabilite-fournisseurs") if e.document_id == doc)
    assert entry.type == "supplier_invoice"
    assert doc not in [e.document_id for e in queues.entries(rt.store, "videocodage")]
    assert queues.get_item(rt.store, "videocodage", doc).state == "rerouted"

    rec = json.loads(rt.store.get(layout.document(doc, "record.json")))
    assert rec["type"] == "supplier_invoice" and rec["fields"] == INVOICE_FIELDS
    assert rec["corrected_by"] == "vero" and rec["machine"]["type"] == "other"
    assert rec["queue"] == "comptabilite-fournisseurs"

    c = get_correction(rt.store, doc)
    assert c.human["type"] == "supplier_invoice" and c.machine["type"] == "other" and c.actor == "vero"
    assert "supplier_siret" in c.changed_fields and "Plomberie Garonne" in c.text
    assert (c.text, "supplier_invoice") in training_examples(rt.store)

    kinds = [(e.kind, e.actor, e.queue) for e in events(rt.store, doc)]
    assert ("corrected", "vero", "videocodage") in kinds
    assert ("rerouted", "vero", "comptabilite-fournisseurs") in kinds
    corrected = next(e for e in events(rt.store, doc) if e.kind == "corrected")
    assert corrected.details["changes"]["type"] == {"old": "other", "new": "supplier_invoice"}


def test_rules_decide_again_priority_and_copies(prefect_harness, rt):
    from flows.reprocess import reprocess_document

    big = dict(INVOICE_FIELDS, total_excl_tax="10000.00", total_tax="2000.00", total_incl_tax="12000.00")
    doc = _review_item(rt, {})
    reprocess_document(doc, "supplier_invoice", big, "vero")
    assert queues.get_item(rt.store, "comptabilite-fournisseurs", doc).priority == 2  # rule grosse-facture

    letter = _review_item(rt, {})
    result = reprocess_document(letter, "payment_difficulty", {"tenant_reference": "99982789", "amount": "850.00"},
                                "vero")
    assert result["queue"] == "recouvrement" and result["copies"] == ["accompagnement-social"]
    copy = queues.get_item(rt.store, "accompagnement-social", letter)
    assert copy.copy_of == "recouvrement" and copy.type == "payment_difficulty" and copy.is_open


def test_refused_when_another_operator_holds_the_item(prefect_harness, rt):
    from flows.reprocess import reprocess_document

    doc = _review_item(rt, {})
    workitems.claim(rt.store, workitems.Member("videocodage", "autre.operateur"), doc)
    with pytest.raises(workitems.AlreadyClaimed):
        reprocess_document(doc, "supplier_invoice", dict(INVOICE_FIELDS), "vero")
    assert queues.get_item(rt.store, "videocodage", doc).is_open
    assert claims.head(rt.store, "videocodage", doc).actor == "autre.operateur"


def test_other_closes_the_item_and_unknown_type_is_refused(rt):
    from flows.reprocess import ReprocessError, reprocess

    doc = _review_item(rt, {})
    with pytest.raises(ReprocessError):
        reprocess(rt, doc, "not_a_type", {}, "vero")
    result = reprocess(rt, doc, "other", {}, "vero")
    assert result["status"] == "completed"
    assert queues.get_item(rt.store, "videocodage", doc).state == "completed"
