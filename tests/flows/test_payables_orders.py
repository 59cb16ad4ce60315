"""Accounts payable's terms on delivery (flows/payables_orders.py; issue 17 items 3 and 4): an
invoice matched with the purchase order imported into the store (as another machine would) carries
its building and cost centre on the record and work item, not in its fields; a missing or
mismatched order is an alert and the invoice is still routed; deadlines count working days and
an invoice's payment date; a printed early-payment discount is noted. No OCR: the reading is given."""

from __future__ import annotations

from datetime import datetime

import pytest

from classifiers.decide import Classification
from config.clock import PARIS
from config.purchase_orders import PurchaseOrder
from extractors.types import DocumentText, Extraction, PageText
from flows.deliver import deliver
from flows.payables_orders import invoice_terms
from stages.understand import Understanding
from storage import documents, orders, queues

AP = "comptabilite-fournisseurs"


@pytest.fixture
def rt(aiguillage_home):
    from wiring.runtime import runtime

    rt = runtime()
    order = PurchaseOrder("BC-2024-0001", "F0004", "1000.00", "1200.00", "Résidence Les Lauriers", "CC-ENT-CHAUF", "open")
    orders.save_import(rt.store, [order], "extrait.csv", "vero")
    rt.refresh_learned()  # a batch starts: the import made elsewhere is read
    return rt


def invoice(n: int, supplier_id: str, order: str | None, ht: str, text: str = "") -> tuple[DocumentText, Understanding]:
    ttc = f"{float(ht) * 1.2:.2f}"
    fields = {"supplier_name": "Thermi-Sud Chauffage", "invoice_number": f"F-{n}", "invoice_date": "2024-03-02",
              "total_excl_tax": ht, "total_tax": f"{float(ht) * 0.2:.2f}", "total_incl_tax": ttc}
    if order:
        fields["order_reference"] = order
    page = PageText(1, f"FACTURE F-{n}\nTotal TTC {ttc} €\n{text}", method="pdf-text")
    return (DocumentText(f"facture-{n}.pdf", [1], [page]),
            Understanding(Classification("supplier_invoice", 0.99), Extraction(fields=fields, supplier_id=supplier_id)))


def delivered(rt, n, supplier_id, order, ht, text=""):
    doc, u = invoice(n, supplier_id, order, ht, text)
    doc_id = f"{n:02d}" * 12
    line = deliver(rt, doc, doc_id, f"{n:02d}" * 32, u, [], {})
    return line, documents.read_json(rt.store, doc_id, "record.json"), queues.get_item(rt.store, AP, doc_id)


def test_a_matched_invoice_carries_its_orders_building_and_cost_centre(rt):
    line, rec, item = delivered(rt, 1, "F0004", "bc 2024 O001", "1010.00",
                                "Escompte de 2 % pour paiement sous 10 jours.")
    assert (line["status"], line["queue"]) == ("routed", AP)
    assert not any(a.startswith("purchase_order") for a in line["alerts"])
    for where in (rec, item.__dict__):
        assert (where["building"], where["cost_centre"]) == ("Résidence Les Lauriers", "CC-ENT-CHAUF")
        assert where["purchase_order"]["order_reference"] == "BC-2024-0001"
        assert where["purchase_order"]["check"] == "matched" and where["purchase_order"]["source"] == "import"
        assert where["early_payment_discount"] == {"percent": "2.00", "within_days": 10}
    assert not {"building", "cost_centre", "purchase_order", "early_payment_discount"} & set(line["fields"])


def test_a_missing_or_mismatched_order_is_an_alert_and_the_invoice_still_goes_to_accounts_payable(rt):
    # Thermi-Sud (F0004) needs an order; none printed
    line, rec, item = delivered(rt, 2, "F0004", None, "500.00")
    assert "purchase_order_missing" in line["alerts"] and (line["status"], line["queue"]) == ("routed", AP)
    assert rec["alerts"] == line["alerts"] == item.alerts and rec["building"] is None
    # the order of the import, 30 € over a 20 € tolerance (2 % of 1000): named, flagged
    line, rec, _ = delivered(rt, 3, "F0004", "BC-2024-0001", "1030.00")
    assert "purchase_order_mismatch" in line["alerts"] and line["status"] == "routed"
    assert rec["building"] == "Résidence Les Lauriers" and "HT" in rec["purchase_order"]["why"]
    # another supplier's order: flagged, its building not given
    line, rec, _ = delivered(rt, 4, "F0005", "BC-2024-0001", "1000.00")
    assert "purchase_order_mismatch" in line["alerts"] and rec["building"] is None
    # a supplier that needs no order, and prints none: nothing to say
    line, rec, _ = delivered(rt, 5, "F0001", None, "80.00")
    assert not any(a.startswith("purchase_order") for a in line["alerts"]) and rec["purchase_order"] is None


def test_the_tolerance_comes_from_the_settings(aiguillage_home, monkeypatch):
    from wiring.runtime import runtime

    monkeypatch.setenv("AIGUILLAGE_PAYABLES_ORDER_TOLERANCE_PERCENT", "5")
    rt = runtime()
    fields = {"order_reference": "BC-2020-0412", "total_excl_tax": "3520.00"}  # embedded order: 3480.00 HT
    assert invoice_terms(rt, "supplier_invoice", fields, "F0004", "", 120, datetime.now(PARIS)).alerts == []
    monkeypatch.setenv("AIGUILLAGE_PAYABLES_ORDER_TOLERANCE_AMOUNT", "30")
    assert invoice_terms(runtime(), "supplier_invoice", fields, "F0004", "", 120,
                         datetime.now(PARIS)).alerts == ["purchase_order_mismatch"]


def test_deadlines_in_working_days_and_before_the_due_date(rt):
    now = datetime(2024, 5, 7, 10, 0, tzinfo=PARIS)  # Tuesday; 8 and 9 May are holidays
    letter = invoice_terms(rt, "repair_request", {}, None, "", 48, now)
    assert letter.deadline == "2024-05-13T08:00:00+00:00" and letter.extra == {}  # Monday 10:00 Paris
    # an invoice due Friday 17 May, paid 5 working days before (default): Thursday 9 is off -> Friday 10 May
    due = {"due_date": "2024-05-17", "total_excl_tax": "10.00"}
    terms = invoice_terms(rt, "supplier_invoice", due, "F0001", "", 120, now)
    assert terms.deadline == "2024-05-10T16:00:00+00:00"  # 18:00 Paris, earlier than the routing's Thursday 16
    assert terms.extra["payment_deadline"] == {"due_date": "2024-05-17", "pay_by": "2024-05-10",
                                               "lead_working_days": 5, "late": False, "deadline_from": "due_date"}
    # due long after: the routing's deadline stays
    later = invoice_terms(rt, "supplier_invoice", {"due_date": "2024-07-31"}, "F0001", "", 120, now)
    assert later.deadline == "2024-05-16T08:00:00+00:00"
    assert later.extra["payment_deadline"]["deadline_from"] == "routing"
    # already past: as soon as possible, the next working day (Friday 10), flagged
    late = invoice_terms(rt, "supplier_invoice", {"due_date": "2024-05-06"}, "F0001", "", 120, now)
    assert late.deadline == "2024-05-10T16:00:00+00:00" and late.extra["payment_deadline"]["late"] is True
    # an unreadable due date is no due date
    assert invoice_terms(rt, "supplier_invoice", {"due_date": "2024-13-45"}, "F0001", "", 120,
                         now).extra["payment_deadline"] is None


def test_an_invoice_corrected_at_the_station_is_matched_too(rt):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "inbox"))
    from seed import INVOICE_FIELDS, INVOICE_LINES, seed_document

    from flows.reprocess import reprocess

    doc = seed_document(rt.store, "videocodage", "other", {}, INVOICE_LINES, status="review", confidence=0.4)
    corrected = dict(INVOICE_FIELDS, order_reference="BC 2020 O153", total_excl_tax="1250.00", total_tax="250.00",
                     total_incl_tax="1500.00")  # Plomberie Garonne's embedded order BC-2020-0153
    assert reprocess(rt, doc, "supplier_invoice", corrected, "vero")["queue"] == AP
    item, rec = queues.get_item(rt.store, AP, doc), documents.read_json(rt.store, doc, "record.json")
    for where in (rec, item.__dict__):
        assert (where["building"], where["purchase_order"]["check"]) == ("Résidence Les Lauriers", "matched")
        assert where["payment_deadline"]["due_date"] == "2024-04-11" and where["payment_deadline"]["late"]
    assert not any(a.startswith("purchase_order") for a in rec["alerts"])
