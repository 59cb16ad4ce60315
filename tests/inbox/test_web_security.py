"""The web inbox refuses what it must: anonymous requests on every route, forged CSRF
tokens, another team's documents (answered as not found, like documents that do not exist),
restricted types outside the social support team, paths smuggled into parameters, and
repeated wrong passwords."""

import re

import pytest
from conftest import PASSWORD, sign_in, signed_in
from seed import INVOICE_FIELDS, INVOICE_LINES, seed_document

from storage import claims, queues
from storage.audit import events

COMPTA = "comptabilite-fournisseurs"


@pytest.fixture
def docs(store):
    invoice = seed_document(store, COMPTA, "supplier_invoice", INVOICE_FIELDS, INVOICE_LINES)
    review = seed_document(store, "videocodage", "other", {}, INVOICE_LINES, status="review", confidence=0.3)
    distress = seed_document(store, "accompagnement-social", "social_distress", {"tenant_reference": "99982789"},
                             ["Madame, je suis en danger chez moi."], restricted=True, urgent=True, priority=1)
    return {"invoice": invoice, "review": review, "distress": distress}


def _routes(app):
    """Every route of the app with a concrete URL (path parameters filled in)."""
    out = []
    flat = []
    for route in app.routes:  # routers included as a whole (recent FastAPI) hold their own
        flat.extend(route.original_router.routes if hasattr(route, "original_router") else [route])
    for route in flat:
        methods = getattr(route, "methods", None)
        if not methods or route.path.startswith("/static"):
            continue
        for method in sorted(methods - {"HEAD"}):
            out.append((method, route.path))
    return out


def _fill(path, team, doc):
    return (path.replace("{team}", team).replace("{document_id}", doc).replace("{number:int}", "1")
            .replace("{action}", "prendre"))


OPEN_TO_MACHINES = {"/healthz", "/readyz", "/metrics"}


def test_every_route_refuses_an_anonymous_request(app, client, docs, store):
    routes = _routes(app)
    assert len(routes) >= 12
    for method, path in routes:
        if path == "/connexion":
            continue
        url = _fill(path, COMPTA, docs["invoice"])
        r = client.request(method, url, data={"csrf": "x", "type": "supplier_invoice"} if method == "POST" else None)
        if path in OPEN_TO_MACHINES:  # counts and checks for an orchestrator and Prometheus, nothing personal
            assert r.status_code in (200, 503) and "Plomberie" not in r.text and docs["invoice"] not in r.text
            continue
        assert r.status_code == 303, (method, url, r.status_code)
        assert r.headers["location"].startswith("/connexion"), (method, url)
        assert "Plomberie" not in r.text and docs["invoice"] not in r.text
    assert claims.head(store, COMPTA, docs["invoice"]) is None  # nothing was claimed
    assert not [e for e in events(store, docs["invoice"]) if e.kind == "viewed"]


def test_every_post_refuses_a_forged_csrf_token(app, client, docs, store):
    real = signed_in(client, "marie")
    for method, path in _routes(app):
        if method != "POST" or path == "/connexion":
            continue
        url = _fill(path, COMPTA, docs["invoice"])
        for forged in ("", "forged-token-123", real + "x", real[:-1]):
            r = client.post(url, data={"csrf": forged, "vers": "technique", "motif": "test"})
            assert r.status_code == 403, (url, forged, r.status_code)
    assert claims.head(store, COMPTA, docs["invoice"]) is None
    assert queues.get_item(store, COMPTA, docs["invoice"]).is_open
    assert client.get("/equipes/" + COMPTA).status_code == 200  # still signed in: logout needs the token too


def test_sign_in_form_needs_its_own_token(client):
    client.get("/connexion")
    r = client.post("/connexion", data={"identifiant": "marie", "mot_de_passe": PASSWORD, "csrf": "forged"})
    assert r.status_code == 403 and "aiguillage_session" not in r.cookies


def test_another_teams_document_is_not_found(client, docs, store):
    csrf = signed_in(client, "paul")  # technique
    doc = docs["invoice"]
    ghost = "0123456789abcdef01234567"
    for team in (COMPTA, "technique"):
        for d in (doc, ghost):
            pages = [f"/equipes/{team}/documents/{d}", f"/equipes/{team}/documents/{d}/pages/1"]
            for url in pages:
                assert client.get(url).status_code == 404, url
            for action in ("prendre", "terminer", "rendre", "reaiguiller", "revoir"):
                r = client.post(f"/equipes/{team}/documents/{d}/{action}",
                                data={"csrf": csrf, "vers": "technique", "motif": "à moi"})
                assert r.status_code == 404, (team, d, action)
    assert client.get(f"/equipes/{COMPTA}").status_code == 404
    assert client.get(f"/videocodage/{docs['review']}").status_code == 404
    r = client.post(f"/videocodage/{docs['review']}/valider", data={"csrf": csrf, "type": "supplier_invoice"})
    assert r.status_code == 404
    # the same answer for an existing document of another team and for one that does not exist
    a = client.get(f"/equipes/{COMPTA}/documents/{doc}")
    b = client.get(f"/equipes/{COMPTA}/documents/{ghost}")
    assert a.status_code == b.status_code == 404 and a.text == b.text
    assert queues.get_item(store, COMPTA, doc).is_open and claims.head(store, COMPTA, doc) is None
    # paul left refusals in the audit trail (tests/inbox/test_web_access.py), never a look or a claim
    assert {e.kind for e in events(store, doc) if e.actor == "paul"} == {"access_refused"}


def test_restricted_types_only_for_social_support(client, docs, store):
    signed_in(client, "sophie")  # accompagnement-social + recouvrement
    r = client.get("/equipes/accompagnement-social")
    assert docs["distress"] in r.text
    assert client.get(f"/equipes/accompagnement-social/documents/{docs['distress']}").status_code == 200
    viewed = [e for e in events(store, docs["distress"]) if e.kind == "viewed"]
    assert [(e.actor, e.queue) for e in viewed] == [("sophie", "accompagnement-social")]
    # recouvrement does not see it, even when its item is put there
    client.cookies.clear()
    signed_in(client, "luc")
    assert client.get(f"/equipes/accompagnement-social/documents/{docs['distress']}").status_code == 404
    hidden = seed_document(store, "recouvrement", "social_distress", {}, ["détresse"], restricted=True)
    assert hidden not in client.get("/equipes/recouvrement").text
    assert client.get(f"/equipes/recouvrement/documents/{hidden}").status_code == 404
    assert client.get(f"/equipes/recouvrement/documents/{hidden}/pages/1").status_code == 404


@pytest.mark.parametrize("url", [
    "/equipes/..%2F..%2Fetc%2Fpasswd",
    "/equipes/comptabilite-fournisseurs/documents/..%2F..%2Frecord.json",
    "/equipes/comptabilite-fournisseurs/documents/{doc}%2F..%2F..%2F..%2Fetc/pages/1",
    "/equipes/comptabilite-fournisseurs/documents/{doc}/pages/..%2F..%2Fsearchable.pdf",
    "/equipes/comptabilite-fournisseurs/documents/{doc}/pages/-1",
    "/equipes/comptabilite-fournisseurs/documents/{doc}/pages/99",
    "/equipes/comptabilite-fournisseurs/documents/../../../etc/passwd",
    "/videocodage/..%2Fcomptabilite-fournisseurs",
    "/videocodage/{doc}%00.png",
    "/static/..%2F..%2Fconfig%2Faccounts.py",
    "/static/%2e%2e/app.py",
])
def test_paths_in_parameters_are_not_found(client, docs, url):
    signed_in(client, "marie")
    r = client.get(url.replace("{doc}", docs["invoice"]))
    assert r.status_code == 404, (url, r.status_code)
    assert "root:" not in r.text and "def " not in r.text


def test_paths_in_posted_values_are_refused(client, docs, store):
    csrf = signed_in(client, "marie")
    doc = docs["invoice"]
    r = client.post(f"/equipes/{COMPTA}/documents/{doc}/reaiguiller",
                    data={"csrf": csrf, "vers": "../../audit", "motif": "x"})
    assert r.status_code == 303
    assert "choisissez la file" in client.get(r.headers["location"]).text
    assert queues.get_item(store, COMPTA, doc).is_open
    assert client.post("/connexion", data={"csrf": "x", "suite": "//evil.example"}).status_code == 403


def test_lock_out_after_repeated_failures(client):
    for _ in range(5):
        r = sign_in(client, "marie", "wrong-password!")
        assert r.status_code == 401 and "incorrect" in r.text
    r = sign_in(client, "marie")  # the right password, too late
    assert r.status_code == 429 and "bloquée" in r.text
    assert "aiguillage_session" not in r.cookies
    # an unknown login is locked the same way: nothing tells which logins exist
    for _ in range(5):
        assert sign_in(client, "personne", "whatever-123").status_code == 401
    assert sign_in(client, "personne", "whatever-123").status_code == 429


def test_read_only_account_cannot_act(client, docs, store):
    csrf = signed_in(client, "lea")
    assert client.get(f"/equipes/{COMPTA}/documents/{docs['invoice']}").status_code == 200
    r = client.post(f"/equipes/{COMPTA}/documents/{docs['invoice']}/prendre", data={"csrf": csrf})
    assert r.status_code == 404 and claims.head(store, COMPTA, docs["invoice"]) is None


def test_sign_out_ends_the_session(client, docs):
    csrf = signed_in(client, "marie")
    token = client.cookies.get("aiguillage_session")
    assert client.post("/deconnexion", data={"csrf": csrf}).status_code == 303
    client.cookies.set("aiguillage_session", token)  # replaying the old cookie
    assert client.get(f"/equipes/{COMPTA}").status_code == 303


def test_security_headers_and_no_cache(client):
    signed_in(client, "marie")
    r = client.get(f"/equipes/{COMPTA}")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["cache-control"] == "no-store" and r.headers["x-frame-options"] == "DENY"
    assert not re.search(r"<script>[^<]", r.text)  # no inline script (the CSP would block it)
