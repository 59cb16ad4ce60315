"""The station shows what validated corrections taught and this document used (issue 16): the
learned supplier with who taught it and when, the fields read from its learned layout marked in
the form; "oublier cette leçon" forgets the supplier and its layout (or a learned tenant), is
audited, and is refused to someone outside vidéocodage."""

from __future__ import annotations

import json

from config import load_taxonomy
from storage import documents, layout, layouts, learned
from storage.audit import events
from tests.inbox.conftest import signed_in
from tests.inbox.seed import seed_document

SIRET = "73282932000074"
IBAN = "FR7630004000031234567890143"
LINES = ["ATELIER DU VERRE", f"SIRET {SIRET}", "Pièce comptable   Émise le", "AV-2024-131   17/03/2024",
         "Montant dû 105,00 €"]
FIELDS = {"supplier_name": "Atelier du Verre", "supplier_siret": SIRET, "invoice_number": "AV-2024-131",
          "invoice_date": "2024-03-17", "total_incl_tax": "105.00"}
PLACE = {"kind": "reference", "page": 1, "words": 1, "direction": "below", "rows_below": 1,
         "anchor": ["piece", "comptable"], "anchor_box": [0.1, 0.1, 0.3, 0.12], "value_box": [0.1, 0.13, 0.2, 0.15]}


def learned_invoice(store) -> str:
    """An invoice in vidéocodage from a supplier taught by an earlier correction, its number read from memory."""
    learned.learn_supplier(store, "Atelier du Verre", SIRET, "", IBAN, "a" * 24, "marc.teacher",
                           at="2024-03-12T09:30:00+00:00")
    layouts.save_layout(store, "L-732829320", "supplier_invoice", {"invoice_number": PLACE}, "a" * 24,
                        "marc.teacher", at="2024-03-12T09:30:00+00:00")
    doc = seed_document(store, "videocodage", "supplier_invoice", FIELDS, LINES, status="review",
                        reason="champ manquant : Date d'échéance")
    rec = documents.read_json(store, doc, "record.json")
    rec.update(supplier_id="L-732829320", fields_from_memory=["invoice_number"])
    store.put(layout.document(doc, "record.json"), json.dumps(rec).encode(), "application/json")
    return doc


def test_the_station_shows_the_lesson_and_undoes_it(client, store):
    doc = learned_invoice(store)
    csrf = signed_in(client, "vero")
    page = client.get(f"/videocodage/{doc}")
    assert page.status_code == 200
    html = page.text
    assert "fournisseur appris" in html and "marc.teacher" in html and "12/03/2024 à 10:30" in html  # Paris time
    label = load_taxonomy().field_label("invoice_number")
    assert "emplacements appris" in html and f"lus de mémoire : {label}" in html
    number_field = html[html.index('name="invoice_number"'):html.index('name="invoice_date"')]
    assert "lu de mémoire" in number_field  # the field read from memory is marked, not the others
    assert html.count("lu de mémoire (") == 1

    r = client.post(f"/videocodage/{doc}/oublier", data={"csrf": csrf, "what": "supplier"})
    assert r.status_code == 303 and r.headers["location"] == f"/videocodage/{doc}"
    assert learned.get_supplier(store, "L-732829320") is None and layouts.get_layout(store, "L-732829320") is None
    [undo] = [e for e in events(store, doc) if e.kind == "learned_forgotten"]
    assert undo.actor == "vero" and undo.details["supplier_id"] == "L-732829320"
    assert undo.details["forgot"] == ["supplier", "layout"]
    after = client.get(f"/videocodage/{doc}", follow_redirects=True).text
    assert "Leçon oubliée" in after and 'id="lessons"' not in after
    # nothing left: said so, nothing audited
    client.post(f"/videocodage/{doc}/oublier", data={"csrf": csrf, "what": "supplier"})
    assert len([e for e in events(store, doc) if e.kind == "learned_forgotten"]) == 1


def test_a_learned_tenant_is_forgotten_and_outsiders_cannot(client, store):
    learned.learn_tenant(store, "20459001", "Jean Dupuis", "31100", "b" * 24, "marc.teacher")
    doc = seed_document(store, "videocodage", "repair_request", {"tenant_reference": "20459001"},
                        ["Madame, Monsieur,", "le radiateur ne chauffe plus.", "Jean Dupuis"], status="review")
    csrf = signed_in(client, "paul")  # technique: not vidéocodage
    assert client.post(f"/videocodage/{doc}/oublier", data={"csrf": csrf, "what": "tenant"}).status_code == 404
    assert learned.get_tenant(store, "20459001") is not None
    client.cookies.clear()
    csrf = signed_in(client, "vero")
    assert "locataire appris" in client.get(f"/videocodage/{doc}").text
    assert client.post(f"/videocodage/{doc}/oublier", data={"csrf": "forged", "what": "tenant"}).status_code != 303
    assert learned.get_tenant(store, "20459001") is not None
    assert client.post(f"/videocodage/{doc}/oublier", data={"csrf": csrf, "what": "tenant"}).status_code == 303
    assert learned.get_tenant(store, "20459001") is None
    assert [e.details.get("tenant_reference") for e in events(store, doc) if e.kind == "learned_forgotten"] == [
        "20459001"]
