"""No input gives a 500 (issue 18, item 3 and « How it is shown »): every route of the app,
walked from its own route table, gets odd bytes (non-ASCII, NUL, control characters, values of
200 KB and 1 MB, bad UTF-8) in every form field, query parameter, path segment, cookie and
header it may read; every POST is sent without a token, with another session's token and with
odd tokens. The answer is never a 500, and a forged POST is never obeyed.

The TestClient raises any exception the app lets out, so a failure here shows its traceback."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from conftest import _hash, csrf_of, sign_in, signed_in
from seed import INVOICE_FIELDS, INVOICE_LINES, seed_document

from tests.homes import home_set

COMPTA = "comptabilite-fournisseurs"
BIG = 1_000_000
ODD = {
    "non-ascii": "é€😀ﬁ\u202eàç",
    "nul": "a\x00b\x00",
    "controls": "\r\n\t\x1b[0m\x7f\x08",
    "large": "x" * 200_000,  # under web.max_body_kb: read and handled
    "1MB": "é" * (BIG // 2),  # over it (1 MB of UTF-8, 3 MB once encoded): refused unread
}
ODD_PATHS = {"bad-utf8": "%FF%FE", "nul": "%00", "non-ascii": quote("é😀"), "dots": "..", "encoded-dots": "%2e%2e",
             "slash": "a%2Fb", "long": "a" * 5000, "percent": "%25%", "huge-number": "9" * 40}
# raw bodies a browser never sends: (content-type, body)
RAW_BODIES = {
    "bad-utf8": ("application/x-www-form-urlencoded", b"csrf=\xff\xfe\xfd&note=\xc3\x28&vers=\xed\xa0\x80"),
    "bad-percent": ("application/x-www-form-urlencoded", b"csrf=%FF%FE&note=%&vers=%C3%28%ZZ&=&&="),
    "latin1-charset": ("application/x-www-form-urlencoded; charset=latin-1", "csrf=été".encode("latin-1")),
    "unknown-charset": ("application/x-www-form-urlencoded; charset=x-nope", b"csrf=abc"),
    "multipart-no-boundary": ("multipart/form-data", b"--x\r\nContent-Disposition: form-data; name=csrf\r\n\r\na"),
    "multipart-garbage": ("multipart/form-data; boundary=zz", b"\x00\xff garbage --zz\r\n\r\n--zz--"),
    "multipart-file-as-field": ("multipart/form-data; boundary=zz",
                                b'--zz\r\nContent-Disposition: form-data; name="csrf"; filename="a.txt"\r\n'
                                b"Content-Type: text/plain\r\n\r\nabc\r\n--zz--\r\n"),
    "json": ("application/json", b'{"csrf": ["x"]}'),
    "no-type": ("", b"\x00\x01\x02"),
}
ODD_COOKIES = [
    b"aiguillage_session=\xff\xfe\xfd",
    b"aiguillage_session=\xc3\xa9t\xc3\xa9",
    b"aiguillage_session=a\x00b",
    b'aiguillage_session="quoted\\"; aiguillage_pre="',
    b"aiguillage_session",
    b"=;;;=;aiguillage_session=;=x",
    b"aiguillage_session=" + b"A" * BIG,
    b"aiguillage_session=a; aiguillage_session=b; aiguillage_pre=\x01",
    b"aiguillage_pre=\xc3\xa9\xff",
]
ODD_HEADERS = [
    {"content-length": "abc"}, {"content-length": "-1"}, {"content-length": "99999999999999999999999"},
    {"user-agent": "é😀".encode()}, {"accept-language": "x" * BIG}, {"x-forwarded-for": "\xff, é, ::::".encode()},
    {"origin": "null"}, {"referer": "http://é.invalid/\x7f".encode()}, {"host": "é.invalid".encode()},
    {"transfer-encoding": "chunked"},
]


@pytest.fixture(scope="module")
def module_home(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-home")


@pytest.fixture(autouse=True)
def aiguillage_home(module_home, monkeypatch):
    monkeypatch.setenv("AIGUILLAGE_HOME", str(module_home))
    return module_home


@pytest.fixture(scope="module")
def world(module_home):
    """The app on a data folder with accounts (``omni`` in accounts payable, vidéocodage and
    technique; ``paul`` in technique) and two documents."""
    with home_set(module_home):
        from config import load_taxonomy
        from config.accounts import Account, accounts_path, save_account
        from inbox.app import create_app
        from inbox.auth import Lockout
        from wiring.runtime import runtime

        tax = load_taxonomy()
        for login, teams in (("omni", (COMPTA, "videocodage", "technique")), ("paul", ("technique",))):
            save_account(accounts_path(module_home), Account(login, login, teams, ("agent",), _hash()), tax)
        store = runtime().store
        invoice = seed_document(store, COMPTA, "supplier_invoice", INVOICE_FIELDS, INVOICE_LINES)
        review = seed_document(store, "videocodage", "other", {}, INVOICE_LINES, status="review", confidence=0.3)
        # no lock-out: the sign-in form is sent many wrong passwords from one address
        yield {"app": create_app(lockout=Lockout(max_failures=10**6)), "invoice": invoice, "review": review}


@pytest.fixture(autouse=True)
def no_flow_runs(monkeypatch):
    """A valid station form would run the reprocessing flow: what it returns is enough here."""
    calls = []

    def reprocess(document_id, doc_type, fields, actor):
        calls.append(document_id)
        return {"queue": "technique", "status": "routed", "copies": []}

    monkeypatch.setattr("inbox.routes_station._reprocess", reprocess)
    return calls


def _client(app):
    from fastapi.testclient import TestClient

    return TestClient(app, follow_redirects=False)


def _flat_routes(app):
    flat = []
    for route in app.routes:  # routers included as a whole (recent FastAPI) hold their own
        flat.extend(route.original_router.routes if hasattr(route, "original_router") else [route])
    return [r for r in flat if getattr(r, "methods", None) and hasattr(r, "dependant")]


def _station_fields() -> list[str]:
    from inbox.routes_station import _all_names

    return ["csrf", "type", "what", *_all_names()]


def routes(method: str) -> list[tuple[str, list[str], list[str], list[str]]]:
    """(path, form fields, query parameters, path parameters) of every route for ``method``."""
    import tempfile

    from inbox.app import create_app

    with tempfile.TemporaryDirectory() as home, home_set(home):
        app = create_app(max_body_kb=256)
    out = []
    for r in _flat_routes(app):
        if method not in r.methods:
            continue
        fields = [f.alias for f in r.dependant.body_params]
        if method == "POST" and r.path.startswith("/videocodage/"):  # they read request.form() themselves
            fields = _station_fields()
        out.append((r.path, fields, [f.alias for f in r.dependant.query_params],
                    [f.alias for f in r.dependant.path_params]))
    return out


def _url(path: str, world, **odd: str) -> str:
    doc = world["review"] if path.startswith("/videocodage/") else world["invoice"]
    values = {"team": COMPTA, "document_id": doc, "number": "1", "action": "prendre", "code": "duplicate_invoice",
              "run_id": "2024-01-01", "name": "export.csv"}
    values.update(odd)
    for name, value in values.items():
        path = path.replace("{%s}" % name, value).replace("{%s:int}" % name, value)
    return path


def _plausible(path: str) -> dict[str, str]:
    """Field values that get past the first checks, so that the odd one is the one looked at."""
    if path.startswith("/videocodage/"):
        return {"type": "supplier_invoice", "what": "supplier", "supplier_name": "Plomberie", "invoice_date": "2024-01-02"}
    return {"vers": "technique", "motif": "essai", "note": "essai", "identifiant": "nobody", "suite": "/"}


POSTS = routes("POST")
GETS = routes("GET")


def _check(r, what) -> None:
    assert r.status_code != 500, (what, r.status_code, r.text[:300])
    assert "Traceback" not in r.text


@pytest.mark.parametrize("path, fields", [(p, f) for p, f, _q, _pp in POSTS], ids=[p for p, *_ in POSTS])
def test_forged_tokens_are_refused_never_a_500(world, path, fields):
    app = world["app"]
    other = _client(app)
    other_token = signed_in(other, "paul")  # another person's session: its token is not omni's
    client = _client(app)
    signed_in(client, "omni")
    url = _url(path, world)
    before = _state(world)
    tokens = {"none": None, "another-session": other_token, **ODD}
    for name, token in tokens.items():
        data = dict(_plausible(path))
        if token is not None:
            data["csrf"] = token
        if path == "/connexion":
            client.get("/connexion")  # a fresh pre-session cookie, the form's token forged
        r = client.post(url, data=data)
        _check(r, (url, name))
        assert r.status_code in (403, 413), (url, name, r.status_code)
    assert _state(world) == before  # nothing was claimed, completed, rerouted or signed out
    assert client.get(f"/equipes/{COMPTA}").status_code == 200  # still signed in


def _state(world):
    from storage import claims, queues
    from wiring.runtime import runtime

    store = runtime().store
    return (claims.head(store, COMPTA, world["invoice"]), queues.get_item(store, COMPTA, world["invoice"]).is_open)


@pytest.mark.parametrize("path, fields", [(p, f) for p, f, _q, _pp in POSTS], ids=[p for p, *_ in POSTS])
def test_odd_bytes_in_every_form_field_never_a_500(world, path, fields):
    client = _client(world["app"])
    csrf = "" if path == "/connexion" else signed_in(client, "omni")  # the sign-in form: anonymous
    url = _url(path, world)
    for i, field in enumerate(f for f in fields if f != "csrf"):  # the token itself: the test above
        if path == "/deconnexion":
            continue
        for name, value in ODD.items():
            if name == "1MB" and i > 0:
                continue  # refused before any field is read: once is enough
            if path == "/connexion":
                csrf = csrf_of(client.get("/connexion").text)
            data = dict(_plausible(path), csrf=csrf)
            data[field] = value
            r = client.post(url, data=data)
            _check(r, (url, field, name))
            if name == "1MB":
                assert r.status_code == 413, (url, field)
    for name, (content_type, body) in RAW_BODIES.items():
        headers = {"content-type": content_type} if content_type else {}
        r = client.post(url, content=body, headers=headers)
        _check(r, (url, name))
        assert not 200 <= r.status_code < 300, (url, name, r.status_code)  # never a valid token in these


@pytest.mark.parametrize("path, query, params", [(p, q, pp) for p, _f, q, pp in GETS], ids=[p for p, *_ in GETS])
def test_odd_queries_and_path_segments_never_a_500(world, path, query, params):
    client, anonymous = _client(world["app"]), _client(world["app"])
    signed_in(client, "omni")
    for c in (client, anonymous):
        for name, value in ODD.items():
            value = value[:4000]  # a URL: servers refuse longer request lines (uvicorn ~64 KB of headers)
            for q in query or ["x"]:
                _check(c.get(_url(path, world) + f"?{q}={quote(value)}"), (path, q, name))
            _check(c.get(_url(path, world) + "?%FF%FE=%FF&&=&" + "&".join(f"{q}=%00" for q in query)), (path, name))
        for param in params:
            for name, value in ODD_PATHS.items():
                r = c.get(_url(path, world, **{param: value}))
                _check(r, (path, param, name))


@pytest.mark.parametrize("method, path", [("GET", p) for p, *_ in GETS] + [("POST", p) for p, *_ in POSTS])
def test_odd_cookies_and_headers_never_a_500(world, method, path):
    client = _client(world["app"])
    csrf = signed_in(client, "omni")
    session = client.cookies.get("aiguillage_session")
    url = _url(path, world)
    data = {"csrf": csrf} if method == "POST" else None
    for cookie in ODD_COOKIES + [f"aiguillage_session={session}; aiguillage_session=x".encode()]:
        bare = _client(world["app"])  # no cookie jar of its own: the header is all it sends
        r = bare.request(method, url, data=data, headers={"cookie": cookie})
        _check(r, (method, url, cookie[:40]))
        if method == "POST":
            assert not 200 <= r.status_code < 300, (url, cookie[:40])
    for headers in ODD_HEADERS:
        r = client.request(method, url, data=data, headers=headers)
        _check(r, (method, url, str(headers)[:60]))


def test_a_fault_of_ours_is_a_french_page_not_a_traceback(world, monkeypatch):
    from fastapi.testclient import TestClient

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret detail of a bug")

    monkeypatch.setattr("inbox.views.listing", broken)
    client = TestClient(world["app"], follow_redirects=False, raise_server_exceptions=False)
    assert sign_in(client, "omni").status_code == 303
    r = client.get(f"/equipes/{COMPTA}")
    assert r.status_code == 500
    assert "Erreur du serveur" in r.text and "secret detail" not in r.text and "Traceback" not in r.text
    assert r.headers["content-security-policy"] and r.headers["cache-control"] == "no-store"


def test_tokens_compare_whatever_the_client_sends():
    from inbox.auth import Session, same_token

    s = Session("t", "omni", "abc", 0.0, 0.0)
    assert s.check_csrf("abc") and not s.check_csrf("abd") and not s.check_csrf("")
    for odd in ["é", "abc\x00", "\udcff", "abc" * 100_000, None, 42, ["abc"]]:
        assert s.check_csrf(odd) is False  # type: ignore[arg-type]
        assert same_token("abc", odd) is False
    assert same_token("été", "été") and not same_token(None, None) and not same_token("", "")
