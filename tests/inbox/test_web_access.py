"""Access follows the document (issue 18): every GET route for every role against seeded
documents, including one re-typed as restricted after routing and one its team closed; every
read of content audited (page images tied to the document view); refused requests of
signed-in people in the audit trail; reroute only to the queues the form offers."""

from __future__ import annotations

import re

import pytest
from conftest import PEOPLE, signed_in
from seed import INVOICE_FIELDS, INVOICE_LINES, seed_document

from storage import exports, queues
from storage.audit import events
from storage.errors import ObjectNotFound

COMPTA = "comptabilite-fournisseurs"
SOCIAL = "accompagnement-social"
REVIEW = "videocodage"
LETTER = ["Monsieur, je vous écris au sujet de mon logement.", "Je ne sais plus vers qui me tourner.",
          "Madame Durand, 12 rue des Lilas"]
RUN_FILE = "export.csv"


@pytest.fixture(autouse=True)
def reprocess_without_prefect(monkeypatch):
    """The station's validation runs the real reprocessing (flows/reprocess.py), without the
    Prefect flow around it."""
    from flows.reprocess import reprocess
    from wiring.runtime import runtime

    monkeypatch.setattr("inbox.routes_station._reprocess",
                        lambda doc, doc_type, fields, actor: reprocess(runtime(), doc, doc_type, fields, actor))


def _taken_back_and_retyped(app, store) -> str:
    """A letter routed to technique; paul sends it back to vidéocodage, vero types it
    social_distress at the station: it goes to accompagnement-social, restricted."""
    from fastapi.testclient import TestClient

    doc = seed_document(store, "technique", "repair_request", {}, LETTER)
    with TestClient(app, follow_redirects=False) as c:
        csrf = signed_in(c, "paul")
        assert c.get(f"/equipes/technique/documents/{doc}").status_code == 200  # before: his
        assert c.post(f"/equipes/technique/documents/{doc}/prendre", data={"csrf": csrf}).status_code == 303
        r = c.post(f"/equipes/technique/documents/{doc}/revoir", data={"csrf": csrf, "motif": "pas une réparation"})
        assert r.status_code == 303
    with TestClient(app, follow_redirects=False) as c:
        csrf = signed_in(c, "vero")
        assert c.get(f"/videocodage/{doc}").status_code == 200
        r = c.post(f"/videocodage/{doc}/valider", data={"csrf": csrf, "type": "social_distress",
                                                         "tenant_reference": "99982789"})
        assert r.status_code == 303, r.text
    assert queues.get_item(store, SOCIAL, doc).is_open
    assert queues.get_item(store, SOCIAL, doc).restricted
    assert queues.get_item(store, "technique", doc).state == "returned"
    assert not queues.get_item(store, REVIEW, doc).is_open
    return doc


def _handled_by_paul(app, store) -> str:
    from fastapi.testclient import TestClient

    doc = seed_document(store, "technique", "repair_request", {}, ["Fuite sous l'évier, merci de passer."])
    with TestClient(app, follow_redirects=False) as c:
        csrf = signed_in(c, "paul")
        c.post(f"/equipes/technique/documents/{doc}/prendre", data={"csrf": csrf})
        assert c.post(f"/equipes/technique/documents/{doc}/terminer", data={"csrf": csrf}).status_code == 303
    assert queues.get_item(store, "technique", doc).state == "completed"
    return doc


@pytest.fixture
def world(app, store):
    docs = {
        "invoice": seed_document(store, COMPTA, "supplier_invoice", INVOICE_FIELDS, INVOICE_LINES),
        "letter": seed_document(store, "technique", "repair_request", {}, ["Le radiateur ne chauffe plus."]),
        "review": seed_document(store, REVIEW, "other", {}, INVOICE_LINES, status="review", confidence=0.3),
        "distress": seed_document(store, SOCIAL, "social_distress", {"tenant_reference": "99982789"},
                                  ["Madame, je suis en danger chez moi."], restricted=True, urgent=True),
        "retyped": _taken_back_and_retyped(app, store),
        "handled": _handled_by_paul(app, store),
    }
    run_id = exports.new_run_id()  # a finished export holding the invoice, as flows/export.py leaves it
    exports.start_run(store, run_id, [docs["invoice"]], "marie", ["csv"])
    exports.put_file(store, run_id, RUN_FILE, b"invoice;total\nF2024-0117;1200.00\n", "text/csv")
    exports.finish_run(store, run_id, [docs["invoice"]], [RUN_FILE])
    # where each document has an item, and whether that item is still open
    places = {("invoice", COMPTA): True, ("letter", "technique"): True, ("review", REVIEW): True,
              ("distress", SOCIAL): True, ("retyped", "technique"): False, ("retyped", REVIEW): False,
              ("retyped", SOCIAL): True, ("handled", "technique"): False}
    return {"docs": docs, "places": places, "run": run_id, "restricted": {"distress", "retyped"}}


def _get_routes(app) -> set[str]:
    flat = []
    for route in app.routes:
        flat.extend(route.original_router.routes if hasattr(route, "original_router") else [route])
    return {r.path for r in flat if "GET" in (getattr(r, "methods", None) or ()) and not r.path.startswith("/static")}


def _matrix(app, world) -> list[tuple[str, str, object]]:
    """(route, URL, who may see it: a set of logins, "anyone signed in", or "nobody") for every
    GET route of the app; the expectation is the access rule, from the seeded world."""
    from config import load_taxonomy

    tax = load_taxonomy()
    docs, places, run = world["docs"], world["places"], world["run"]
    in_team = {q: {p for p, (teams, _) in PEOPLE.items() if q in teams} for q in tax.queues}
    cases = [("/", "/", "signed"), ("/connexion", "/connexion", "anonymous")]
    for q in tax.queues:
        cases.append(("/equipes/{team}", f"/equipes/{q}", in_team[q]))
        cases.append(("/equipes/{team}/export", f"/equipes/{q}/export", in_team[q] if q == COMPTA else set()))
        cases.append(("/equipes/{team}/export/{run_id}/{name}", f"/equipes/{q}/export/{run}/{RUN_FILE}",
                      in_team[q] if q == COMPTA else set()))
    for name, doc in docs.items():
        for q in (COMPTA, "technique", REVIEW, SOCIAL, "recouvrement"):
            is_open = places.get((name, q))
            # an item of the team's (open, or closed less than web.closed_visible_hours ago),
            # and a restricted document only for the team that sees restricted types
            who = in_team[q] if is_open is not None and (name not in world["restricted"] or q == SOCIAL) else set()
            cases.append(("/equipes/{team}/documents/{document_id}", f"/equipes/{q}/documents/{doc}", who))
            cases.append(("/equipes/{team}/documents/{document_id}/pages/{number:int}",
                          f"/equipes/{q}/documents/{doc}/pages/1", who))
            if q == REVIEW:
                cases.append(("/videocodage/{document_id}", f"/videocodage/{doc}", who))
    cases.append(("/videocodage", "/videocodage", {"vero"}))  # a redirect to the team's inbox
    cases.append(("/etat", "/etat", set(PEOPLE)))  # each person's own queues: tests/inbox/test_web_ops.py
    for path in ("/healthz", "/readyz", "/metrics"):  # for machines: counts and checks, nothing personal
        cases.append((path, path, "public"))
    return cases


def test_the_access_matrix_of_every_get_route_for_every_role(app, client, world, store):
    cases = _matrix(app, world)
    assert {route for route, _, _ in cases} == _get_routes(app)  # a new route needs its line here
    before = [e for e in events(store) if e.kind == "access_refused"]
    for _, url, who in cases:  # anonymous: sent to sign in, nothing read, nothing in the trail
        r = client.get(url)
        if url == "/connexion":
            assert r.status_code == 200
        elif who == "public":
            assert r.status_code in (200, 503), url  # /readyz: 503 while the model loads
        else:
            assert r.status_code == 303 and r.headers["location"].startswith("/connexion"), url
    assert [e for e in events(store) if e.kind == "access_refused"] == before
    for login in PEOPLE:
        client.cookies.clear()
        signed_in(client, login)
        for _, url, who in cases:
            r = client.get(url)
            if who == "public":
                assert r.status_code in (200, 503), url
            elif who == "anonymous" or url == "/":
                assert r.status_code == 303, (login, url, r.status_code)
            elif url == "/videocodage":
                assert r.status_code == (303 if login in who else 404), (login, url)
            else:
                assert r.status_code == (200 if login in who else 404), (login, url, r.status_code)
            if r.status_code == 404:
                assert "Introuvable" in r.text and "Plomberie" not in r.text and "danger" not in r.text
    # what the re-typed letter shows its new team: the operator's type and the letter's text
    client.cookies.clear()
    signed_in(client, "sophie")
    page = client.get(f"/equipes/{SOCIAL}/documents/{world['docs']['retyped']}").text
    assert "Je ne sais plus vers qui me tourner" in page


def test_the_retyped_document_is_gone_for_its_earlier_teams_with_its_actions(app, client, world, store):
    doc = world["docs"]["retyped"]
    csrf = signed_in(client, "paul")
    base = f"/equipes/technique/documents/{doc}"
    for url in (base, base + "/pages/1"):
        assert client.get(url).status_code == 404, url
    for action in ("prendre", "rendre", "terminer", "reaiguiller", "revoir"):
        r = client.post(f"{base}/{action}", data={"csrf": csrf, "vers": "recouvrement", "motif": "x"})
        assert r.status_code == 404, action
    refused = [e for e in events(store, doc) if e.kind == "access_refused" and e.actor == "paul"]
    assert {e.details["reason"] for e in refused} == {"restricted"} and {e.queue for e in refused} == {"technique"}
    assert {e.details["path"] for e in refused} >= {base, base + "/pages/1", base + "/prendre"}
    client.cookies.clear()
    csrf = signed_in(client, "vero")  # the operator who typed it: her closed item is restricted now
    assert client.get(f"/videocodage/{doc}").status_code == 404
    r = client.post(f"/videocodage/{doc}/valider", data={"csrf": csrf, "type": "other"})
    assert r.status_code == 404
    assert queues.get_item(store, SOCIAL, doc).is_open  # nothing moved


def test_a_closed_item_is_seen_by_its_team_for_the_configured_time(app, client, world, store, monkeypatch):
    doc = world["docs"]["handled"]
    signed_in(client, "paul")
    url = f"/equipes/technique/documents/{doc}"
    assert client.get(url).status_code == 200 and "traité" in client.get(url).text
    assert doc not in client.get("/equipes/technique").text  # the listing shows open items only
    monkeypatch.setenv("AIGUILLAGE_WEB_CLOSED_VISIBLE_HOURS", "0")  # not at all once closed
    for u in (url, url + "/pages/1"):
        assert client.get(u).status_code == 404, u
    assert client.get(f"/equipes/technique/documents/{world['docs']['letter']}").status_code == 200  # open: seen
    [refusal] = [e for e in events(store, doc) if e.kind == "access_refused" and e.details["path"] == url]
    assert (refusal.actor, refusal.queue, refusal.details["reason"]) == ("paul", "technique", "closed")


def test_closed_visibility_window_from_the_closing_time():
    from dataclasses import replace

    from inbox.access import closed_too_long
    from storage.queues import WorkItem, epoch

    closed = "2026-03-02T10:00:00Z"
    item = WorkItem(document_id="ab" * 12, queue="technique", status="routed", type="repair_request",
                    confidence=0.9, reason=None, priority=3, deadline=None, urgent=False, restricted=False,
                    sha256="0" * 64, source="x.pdf", source_pages=[1], state="completed", closed_at=closed)
    t = epoch(closed)
    assert not closed_too_long(item, 72, now=t + 71.9 * 3600)
    assert closed_too_long(item, 72, now=t + 72 * 3600)
    assert closed_too_long(item, 0, now=t)
    assert not closed_too_long(replace(item, state="open", closed_at=None), 0, now=t + 10**7)
    # no closing time: the last history entry's, else long ago
    assert not closed_too_long(replace(item, closed_at=None, history=[{"at": closed}]), 1, now=t + 60)
    assert closed_too_long(replace(item, closed_at=None, history=[]), 1000, now=t)


def test_the_setting_is_checked_on_load(monkeypatch):
    from config import load_settings
    from config.errors import AiguillageError

    assert load_settings()["web.closed_visible_hours"] == 72
    monkeypatch.setenv("AIGUILLAGE_WEB_CLOSED_VISIBLE_HOURS", "-1")
    with pytest.raises(AiguillageError) as err:
        load_settings()
    assert "web.closed_visible_hours" in str(err.value)


def _viewed(store, doc, login):
    return [e for e in events(store, doc) if e.kind == "viewed" and e.actor == login]


def test_page_images_are_tied_to_the_view_or_audited_themselves(app, client, store):
    from fastapi.testclient import TestClient

    from inbox.app import create_app

    doc = seed_document(store, COMPTA, "supplier_invoice", INVOICE_FIELDS, INVOICE_LINES)
    signed_in(client, "marie")
    client.get(f"/equipes/{COMPTA}/documents/{doc}")
    assert client.get(f"/equipes/{COMPTA}/documents/{doc}/pages/1").status_code == 200
    [view] = _viewed(store, doc, "marie")  # the page came with the logged view
    assert "page" not in view.details
    # another web process (or a URL kept from yesterday): no view logged there, the page logs its own
    with TestClient(create_app(), follow_redirects=False) as other:
        signed_in(other, "lea")
        for _ in range(3):
            assert other.get(f"/equipes/{COMPTA}/documents/{doc}/pages/1").status_code == 200
        [page] = _viewed(store, doc, "lea")  # once per page while it is fresh, not per request
        assert (page.queue, page.details["page"]) == (COMPTA, 1)
        assert other.get(f"/equipes/{COMPTA}/documents/{doc}/pages/2").status_code == 404  # no such page
        assert len(_viewed(store, doc, "lea")) == 1


def test_reads_memos_cover_for_their_time():
    from inbox.reads import REFUSAL_EVERY_SECONDS, VIEW_COVERS_SECONDS, Reads

    class Store:  # what record() needs is not reached when nothing is logged
        pass

    reads = Reads()
    reads.view_logged("marie", "d1", now=1000.0)
    assert not reads.page_read(Store(), "marie", COMPTA, "d1", 1, now=1000.0 + VIEW_COVERS_SECONDS - 1)
    assert reads.refusals.take(("paul", "/x"), now=0.0)
    assert not reads.refusals.take(("paul", "/x"), now=REFUSAL_EVERY_SECONDS - 1)
    assert reads.refusals.take(("paul", "/y"), now=1.0) and reads.refusals.take(("luc", "/x"), now=1.0)
    assert reads.refusals.take(("paul", "/x"), now=REFUSAL_EVERY_SECONDS)


def test_refusals_are_audited_once_a_minute_and_not_for_what_is_no_team(app, client, store):
    invoice = seed_document(store, COMPTA, "supplier_invoice", INVOICE_FIELDS, INVOICE_LINES)
    signed_in(client, "paul")
    url = f"/equipes/{COMPTA}/documents/{invoice}"
    for _ in range(5):
        assert client.get(url).status_code == 404
    [refusal] = [e for e in events(store, invoice) if e.kind == "access_refused"]
    assert (refusal.actor, refusal.queue, refusal.details) == ("paul", COMPTA, {"reason": "team", "path": url})
    before = len([e for e in events(store) if e.kind == "access_refused"])
    for u in (f"/equipes/{COMPTA}", "/videocodage"):
        assert client.get(u).status_code == 404
    asked = [(e.queue, e.document_id) for e in events(store) if e.kind == "access_refused"][before:]
    assert asked == [(COMPTA, None), (REVIEW, None)]
    assert client.get("/equipes/nulle-part").status_code == 404  # not a team: just not found
    assert client.get(f"/equipes/technique/documents/{invoice}").status_code == 404  # his team, no such item
    assert len([e for e in events(store) if e.kind == "access_refused"]) == before + 2


def test_restricted_refusal_is_audited(app, client, store):
    hidden = seed_document(store, "recouvrement", "social_distress", {}, ["détresse"], restricted=True)
    signed_in(client, "luc")
    assert client.get(f"/equipes/recouvrement/documents/{hidden}").status_code == 404
    [refusal] = [e for e in events(store, hidden) if e.kind == "access_refused"]
    assert (refusal.actor, refusal.queue, refusal.details["reason"]) == ("luc", "recouvrement", "restricted")
    assert not _viewed(store, hidden, "luc")


@pytest.mark.parametrize("target", ["quarantaine", "nulle-part", "technique", REVIEW, "../../audit", ""])
def test_reroute_only_to_what_the_form_offers(client, store, target):
    doc = seed_document(store, "technique", "repair_request", {}, ["Le radiateur ne chauffe plus."])
    csrf = signed_in(client, "paul")
    page = client.get(f"/equipes/technique/documents/{doc}").text
    offered = re.findall(r'<option value="([^"]+)"', page)
    assert offered and target not in offered and "recouvrement" in offered
    r = client.post(f"/equipes/technique/documents/{doc}/reaiguiller",
                    data={"csrf": csrf, "vers": target, "motif": "essai"})
    assert r.status_code == 303
    assert "choisissez la file de destination" in client.get(r.headers["location"]).text
    assert queues.get_item(store, "technique", doc).is_open
    for q in ("quarantaine", REVIEW):
        with pytest.raises(ObjectNotFound):
            queues.get_item(store, q, doc)
    # what the form offers is accepted
    r = client.post(f"/equipes/technique/documents/{doc}/reaiguiller",
                    data={"csrf": csrf, "vers": "recouvrement", "motif": "impayé"})
    assert r.status_code == 303 and queues.get_item(store, "recouvrement", doc).is_open
