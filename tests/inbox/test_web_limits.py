"""Issue 18, item 8: the session is checked and the body's size limited before anything reads
the body. Driven at the ASGI level, with a body that counts what was taken of it (a test
client reads the whole body before the app sees it)."""

from __future__ import annotations

import asyncio

import pytest
from conftest import csrf_of, signed_in
from seed import INVOICE_LINES, seed_document

MB = 1024 * 1024
CHUNK = 64 * 1024


class CountedBody:
    """An ASGI ``receive`` handing out ``size`` bytes in chunks, counting what was taken."""

    def __init__(self, size: int):
        self.size, self.taken = size, 0

    async def __call__(self):
        if self.taken >= self.size:
            await asyncio.sleep(3600)  # no more body: a client that waits (disconnect never comes)
        chunk = min(CHUNK, self.size - self.taken)
        self.taken += chunk
        return {"type": "http.request", "body": b"a" * chunk, "more_body": self.taken < self.size}


def call(app, path: str, body: CountedBody, cookie: str | None = None, declared: bool = True):
    """POST ``body`` to ``path``: (status, headers, response body)."""
    headers = [(b"content-type", b"application/x-www-form-urlencoded"), (b"host", b"testserver")]
    if declared:
        headers.append((b"content-length", str(body.size).encode()))
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": headers,
             "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}
    sent = []

    async def send(message):
        sent.append(message)

    asyncio.run(asyncio.wait_for(app(scope, body, send), 30))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], dict(start["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture
def ran(monkeypatch):
    """Every route handler that ran (none should, for a refused request)."""
    calls = []
    from inbox import routes_station, routes_team

    for module, name in ((routes_team, "acting"), (routes_station, "acting")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, **k: calls.append(a) or _real(*a, **k))
    return calls


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_an_anonymous_20_mb_post_is_sent_to_sign_in_unread(app, ran, declared):
    for path in ("/equipes/comptabilite-fournisseurs/suivant", "/videocodage/0123456789abcdef/valider", "/nowhere"):
        body = CountedBody(20 * MB)
        status, headers, _ = call(app, path, body, cookie="aiguillage_session=forged-or-expired", declared=declared)
        if declared:
            assert status == 413 and body.taken == 0, (path, status, body.taken)  # refused from its length
        else:
            assert status == 303 and headers[b"location"] == b"/connexion?suite=/", (path, status)
            assert body.taken == 0, path
    assert ran == []


def test_a_small_anonymous_post_is_sent_to_sign_in_unread(app, ran):
    body = CountedBody(100)
    status, headers, _ = call(app, "/equipes/comptabilite-fournisseurs/suivant", body)
    assert (status, headers[b"location"], body.taken) == (303, b"/connexion?suite=/", 0)
    assert ran == []


def test_a_signed_in_oversized_post_is_413_read_no_further_than_the_limit(app, client, ran):
    signed_in(client, "marie")
    cookie = f"aiguillage_session={client.cookies.get('aiguillage_session')}"
    limit = 256 * 1024  # web.max_body_kb's default
    body = CountedBody(20 * MB)
    status, _, page = call(app, "/equipes/comptabilite-fournisseurs/suivant", body, cookie=cookie)
    assert status == 413 and body.taken == 0 and "trop volumineux" in page.decode()
    body = CountedBody(20 * MB)
    status, _, page = call(app, "/equipes/comptabilite-fournisseurs/suivant", body, cookie=cookie, declared=False)
    assert status == 413 and limit < body.taken <= limit + CHUNK, body.taken  # chunked: stopped past the limit
    assert ran == []
    # through the test client too: the French page, with the app's headers
    r = client.post("/equipes/comptabilite-fournisseurs/suivant", data={"csrf": "x", "note": "é" * (limit // 2)})
    assert r.status_code == 413 and "Envoi trop volumineux" in r.text
    assert r.headers["content-security-policy"] and r.headers["cache-control"] == "no-store"


def test_the_sign_in_form_is_read_without_a_session_but_limited(app, client):
    page = client.get("/connexion")
    r = client.post("/connexion", data={"identifiant": "marie", "mot_de_passe": "x" * (300 * 1024),
                                        "csrf": csrf_of(page.text)})
    assert r.status_code == 413
    r = client.post("/connexion", data={"identifiant": "marie", "mot_de_passe": "correct-horse-42",
                                        "csrf": csrf_of(client.get("/connexion").text)})
    assert r.status_code == 303  # the form itself still works


def test_the_largest_station_form_fits_the_limit(client, store):
    """Every field of the station filled to the server's limit with two-byte letters (six bytes
    once URL-encoded) still gets through (an error page for invalid values, not a 413)."""
    from inbox.routes_station import _all_names

    doc = seed_document(store, "videocodage", "other", {}, INVOICE_LINES, status="review", confidence=0.3)
    csrf = signed_in(client, "vero")
    form = {name: "é" * 200 for name in _all_names()}
    form.update(csrf=csrf, type="supplier_invoice")
    r = client.post(f"/videocodage/{doc}/valider", data=form)
    assert r.status_code == 422, r.status_code
    assert client.post(f"/equipes/videocodage/documents/{doc}/rendre", data={"csrf": csrf}).status_code == 303


def test_the_limit_is_a_setting(accounts_file, monkeypatch):
    from fastapi.testclient import TestClient

    from inbox.app import create_app

    monkeypatch.setenv("AIGUILLAGE_WEB_MAX_BODY_KB", "16")
    with TestClient(create_app(), follow_redirects=False) as small:
        page = small.get("/connexion")
        r = small.post("/connexion", data={"identifiant": "marie", "mot_de_passe": "x" * 17 * 1024,
                                           "csrf": csrf_of(page.text)})
        assert r.status_code == 413
