"""The web app's operations endpoints and status page (inbox/routes_ops.py): /healthz and
/readyz for an orchestrator, /metrics scraped and parsed, « État du courrier » showing each
person their own teams' queues only."""

from __future__ import annotations

import re

from conftest import signed_in
from prometheus_client.parser import text_string_to_metric_families
from seed import INVOICE_FIELDS, INVOICE_LINES, seed_document

from storage import daybook

COMPTA = "comptabilite-fournisseurs"
SOCIAL = "accompagnement-social"


def test_liveness_and_readiness_need_no_session(client, rt):
    assert client.get("/healthz").json() == {"status": "vivant"}
    rt.model  # noqa: B018 - loaded, as `aiguillage web` does at start
    r = client.get("/readyz")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "pret" and set(body["checks"]) == {"stockage", "prefect", "modele"}


def test_readiness_goes_false_when_the_store_is_down(client, rt, monkeypatch):
    rt.model  # noqa: B018
    monkeypatch.setattr("storage.factory.probe_store", _down)
    r = client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["checks"]["stockage"] == {"ok": False, "detail": "stockage injoignable : plus de réseau"}


def _down(settings, timeout):
    from storage.errors import StorageError

    raise StorageError("plus de réseau")


def test_metrics_are_scraped_and_parsed(client, store):
    seed_document(store, COMPTA, "supplier_invoice", INVOICE_FIELDS, INVOICE_LINES, deadline_hours=-2)
    seed_document(store, COMPTA, "supplier_invoice", INVOICE_FIELDS, INVOICE_LINES)
    r = client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for f in text_string_to_metric_families(r.text) for s in f.samples}
    assert samples[("aiguillage_queue_depth", (("queue", COMPTA),))] == 2
    assert samples[("aiguillage_queue_overdue", (("queue", COMPTA),))] == 1
    assert samples[("aiguillage_queue_depth", (("queue", SOCIAL),))] == 0
    assert samples[("aiguillage_store_up", ())] == 1
    assert any(name == "aiguillage_model_info" for name, _ in samples)
    assert "Plomberie" not in r.text and INVOICE_FIELDS["invoice_number"] not in r.text


def test_the_status_page_shows_each_person_their_own_queues(client, store):
    seed_document(store, COMPTA, "supplier_invoice", INVOICE_FIELDS, INVOICE_LINES, deadline_hours=-2)
    seed_document(store, SOCIAL, "social_distress", {}, ["Je suis en danger."], restricted=True, urgent=True)
    import time

    daybook.note(store, daybook.Line(time.time(), "f" * 24, "routed", 2, "supplier_invoice", None))
    daybook.note(store, daybook.Line(time.time(), "e" * 24, "quarantined", 0, None, "encrypted"))
    assert client.get("/etat").status_code == 303  # signed in first
    signed_in(client, "marie")
    page = client.get("/etat").text
    rows = re.findall(r"<tr[^>]*>\s*<td>([^<]+)</td><td>(\d+)</td><td>[^<]*</td>\s*<td>(\d+)</td>", page)
    assert rows == [("Comptabilité fournisseurs", "1", "1")]
    assert "Accompagnement social" not in page.split('id="etat-files"')[1].split("</table>")[0]
    assert "2 documents reçus" in page.replace("<strong>", "").replace("</strong>", "")
    assert "chiffré : 1" in page
    client.cookies.clear()
    signed_in(client, "sophie")  # accompagnement-social and recouvrement
    page = client.get("/etat").text
    rows = re.findall(r"<tr[^>]*>\s*<td>([^<]+)</td><td>(\d+)</td>", page)
    assert rows == [("Recouvrement", "0"), ("Accompagnement social", "1")]
    assert "danger" not in page
