"""Sessions in the shared store (issue 18, item 6): several web processes (here, several
``create_app()``) and a restarted one share them; a change of the account ends them; idle
expiry on an injected clock. Sign-in successes, failures and lock-outs are logged (item 7)."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from tests.inbox.conftest import PASSWORD, csrf_of, sign_in, signed_in

COMPTA = "comptabilite-fournisseurs"
COOKIE = "aiguillage_session"


@pytest.fixture
def other_app(accounts_file):
    """A second web process sharing the data folder's store."""
    from inbox.app import create_app

    return create_app()


def _client(app) -> TestClient:
    return TestClient(app, follow_redirects=False)


def _with_cookie(app, token: str) -> TestClient:
    c = _client(app)
    c.cookies.set(COOKIE, token)
    return c


def _inbox_status(c: TestClient) -> int:
    return c.get(f"/equipes/{COMPTA}").status_code


def _change(accounts_file, login: str, **changes) -> None:
    from config import load_taxonomy
    from config.accounts import load_accounts, save_account

    tax = load_taxonomy()
    account = load_accounts(accounts_file, tax).get(login)
    save_account(accounts_file, replace(account, **changes), tax)


def test_a_session_opened_on_one_process_is_accepted_by_another(client, other_app):
    signed_in(client, "marie")
    with _with_cookie(other_app, client.cookies.get(COOKIE)) as c2:
        assert _inbox_status(c2) == 200
        page = c2.get(f"/equipes/{COMPTA}")
        assert "Marie" in page.text


def test_signed_out_on_one_process_refused_by_the_other(client, other_app):
    csrf = signed_in(client, "marie")
    token = client.cookies.get(COOKIE)
    with _with_cookie(other_app, token) as c2:
        assert _inbox_status(c2) == 200
        assert c2.post("/deconnexion", data={"csrf": csrf}).status_code == 303  # signed out over there
    client.cookies.set(COOKIE, token)
    assert _inbox_status(client) == 303  # and refused here


def test_a_restart_keeps_the_session(accounts_file):
    from inbox.app import create_app

    with _client(create_app()) as first:
        signed_in(first, "marie")
        token = first.cookies.get(COOKIE)
    with _with_cookie(create_app(), token) as after_restart:
        assert _inbox_status(after_restart) == 200


def test_the_session_lives_in_the_store_never_its_token(client, store):
    from storage import layout
    from storage import sessions as stored

    signed_in(client, "marie")
    token = client.cookies.get(COOKIE)
    [key] = list(store.list(layout.SESSIONS))
    assert token not in key and token.encode() not in store.get(key)
    assert stored.load(store, token).login == "marie"


@pytest.mark.parametrize("change", [
    "password", "disabled", "teams", "roles",
])
def test_a_change_of_the_account_ends_its_sessions(app, client, other_app, accounts_file, store, change):
    from inbox.auth import hash_password
    from storage import sessions as stored

    signed_in(client, "marie")
    token = client.cookies.get(COOKIE)
    with _client(app) as someone_else:
        signed_in(someone_else, "paul")
        paul = someone_else.cookies.get(COOKIE)
    changes = {"password": {"password_hash": hash_password("un-nouveau-mot-de-passe")},
               "disabled": {"disabled": True},
               "teams": {"teams": (COMPTA, "recouvrement")},
               "roles": {"roles": ("lecture",)}}[change]
    _change(accounts_file, "marie", **changes)
    with _with_cookie(other_app, token) as c2:
        assert _inbox_status(c2) == 303 and "/connexion" in c2.get(f"/equipes/{COMPTA}").headers["location"]
    assert stored.load(store, token) is None  # ended for every process, not only refused here
    with _with_cookie(other_app, paul) as c3:
        assert c3.get("/equipes/technique").status_code == 200


def test_an_unchanged_save_keeps_the_session(client, accounts_file):
    signed_in(client, "marie")
    _change(accounts_file, "marie", name="Marie Dupont")  # the name is not what a session stands on
    assert _inbox_status(client) == 200


def test_a_removed_account_ends_its_sessions(client, accounts_file, store):
    from cli.main import main

    signed_in(client, "marie")
    assert main(["web", "users", "remove", "marie", "--user", "admin"]) == 0
    assert _inbox_status(client) == 303


def test_idle_sessions_end_and_seen_is_written_once_a_minute(app, client, store):
    from storage import sessions as stored

    now = [1_000_000.0]
    app.state.sessions.clock = lambda: now[0]
    signed_in(client, "marie")
    token = client.cookies.get(COOKIE)
    now[0] += 30
    assert _inbox_status(client) == 200
    assert stored.load(store, token).seen == 1_000_000.0  # not rewritten within the minute
    now[0] += 29 * 60  # 29 min 30 s after sign-in, 29 min after the last request
    assert _inbox_status(client) == 200
    assert stored.load(store, token).seen == now[0]
    now[0] += 29 * 60
    assert _inbox_status(client) == 200  # busy: 58 minutes in, still signed in
    now[0] += 31 * 60  # 31 minutes without a request: more than the default 30
    assert _inbox_status(client) == 303
    assert stored.load(store, token) is None  # deleted when met


def test_idle_time_is_a_setting(accounts_file, monkeypatch):
    from inbox.app import create_app

    monkeypatch.setenv("AIGUILLAGE_WEB_SESSION_IDLE_MINUTES", "5")
    app = create_app()
    now = [2_000_000.0]
    app.state.sessions.clock = lambda: now[0]
    with _client(app) as c:
        signed_in(c, "marie")
        now[0] += 4 * 60
        assert _inbox_status(c) == 200
        now[0] += 6 * 60
        assert _inbox_status(c) == 303


def test_twelve_hours_at_most_however_busy(app, client):
    now = [2_500_000.0]
    app.state.sessions.clock = lambda: now[0]
    signed_in(client, "marie")
    answers = []
    for _ in range(37):  # a request every 20 minutes: never idle; the 37th is 12 h 20 min in
        now[0] += 20 * 60
        answers.append(_inbox_status(client))
    assert answers == [200] * 36 + [303]


def test_a_bad_idle_setting_is_refused_on_load(monkeypatch):
    from config import ConfigError, load_settings

    monkeypatch.setenv("AIGUILLAGE_WEB_SESSION_IDLE_MINUTES", "0")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "web.session_idle_minutes" in str(err.value)


def test_expired_sessions_are_purged_on_sign_in(app, client, store):
    from storage import sessions as stored

    now = [3_000_000.0]
    app.state.sessions.clock = lambda: now[0]
    signed_in(client, "marie")
    old = client.cookies.get(COOKIE)
    now[0] += 3 * 3600
    with _client(app) as c:
        signed_in(c, "paul")
    assert stored.load(store, old) is None
    assert [r.login for _, r in stored.records(store)] == ["paul"]


def test_flash_messages_are_shown_once(client):
    """Flash messages stay with the session in this process's memory, and are shown once."""
    signed_in(client, "marie")
    client.app.state.sessions.get(client.cookies.get(COOKIE)).flash.append(("ok", "Bien reçu"))
    assert "Bien reçu" in client.get(f"/equipes/{COMPTA}").text
    assert "Bien reçu" not in client.get(f"/equipes/{COMPTA}").text


# -- item 7: sign-in successes, failures and lock-outs are logged ---------------------------

def test_sign_in_success_and_failure_are_logged_without_the_password(client, caplog):
    caplog.set_level(logging.INFO, logger="aiguillage.web")
    assert sign_in(client, "marie", "pas-le-bon-mot").status_code == 401
    assert sign_in(client, "marie").status_code == 303
    web = [r for r in caplog.records if r.name == "aiguillage.web"]
    failed = [r.getMessage() for r in web if "échec de connexion" in r.getMessage()]
    ok = [r.getMessage() for r in web if "connexion réussie" in r.getMessage()]
    assert len(failed) == 1 and len(ok) == 1
    assert "marie" in failed[0] and "testclient" in failed[0]  # the login and the client's address
    assert "marie" in ok[0] and "testclient" in ok[0]
    assert all(PASSWORD not in r.getMessage() and "pas-le-bon-mot" not in r.getMessage() for r in caplog.records)


def test_a_lock_out_is_logged_and_audited(accounts_file, caplog, store):
    from inbox.app import create_app
    from inbox.auth import Lockout
    from storage.audit import events

    caplog.set_level(logging.INFO, logger="aiguillage.web")
    with _client(create_app(lockout=Lockout(max_failures=2))) as c:
        for _ in range(2):
            assert sign_in(c, "marie", "mauvais-mot-de-passe").status_code == 401
        assert sign_in(c, "marie").status_code == 429
    messages = [r.getMessage() for r in caplog.records if r.name == "aiguillage.web"]
    assert any("connexion bloquée" in m and "marie" in m for m in messages)
    assert any("refusée (bloquée" in m for m in messages)
    assert all("mauvais-mot-de-passe" not in m and PASSWORD not in m for m in messages)
    [locked] = [e for e in events(store) if e.kind == "sign_in_locked"]
    assert locked.actor == "marie" and locked.details["client"] == "testclient"
    assert locked.details["locked"] == ["login"]


def test_an_odd_login_is_logged_escaped(client, caplog):
    caplog.set_level(logging.INFO, logger="aiguillage.web")
    page = client.get("/connexion")
    r = client.post("/connexion", data={"identifiant": "marie\nFAUX connexion réussie", "mot_de_passe": "x",
                                        "csrf": csrf_of(page.text), "suite": "/"})
    assert r.status_code == 401
    assert all("\n" not in rec.getMessage() for rec in caplog.records if rec.name == "aiguillage.web")
