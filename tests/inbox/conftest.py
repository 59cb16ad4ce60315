"""Fixtures of the web inbox tests: people with accounts, the app on a fresh data folder,
a signed-in TestClient."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

PASSWORD = "correct-horse-42"
PEOPLE = {
    # login: (teams, roles)
    "marie": (["comptabilite-fournisseurs"], ["agent"]),
    "paul": (["technique"], ["agent"]),
    "vero": (["videocodage"], ["agent"]),
    "sophie": (["accompagnement-social", "recouvrement"], ["agent"]),
    "luc": (["recouvrement"], ["agent"]),
    "lea": (["comptabilite-fournisseurs"], ["lecture"]),
}


@lru_cache(maxsize=1)
def _hash() -> str:
    from inbox.auth import hash_password

    return hash_password(PASSWORD)


@pytest.fixture
def accounts_file(aiguillage_home):
    from config import load_taxonomy
    from config.accounts import Account, accounts_path, save_account

    path = accounts_path(aiguillage_home)
    tax = load_taxonomy()
    for login, (teams, roles) in PEOPLE.items():
        save_account(path, Account(login, login.capitalize(), tuple(teams), tuple(roles), _hash()), tax)
    return path


@pytest.fixture
def rt(aiguillage_home):
    from wiring.runtime import runtime

    return runtime()


@pytest.fixture
def store(rt):
    return rt.store


@pytest.fixture
def app(accounts_file):
    from inbox.app import create_app

    return create_app()


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, follow_redirects=False) as c:
        yield c


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def sign_in(client, login: str, password: str = PASSWORD):
    page = client.get("/connexion")
    return client.post("/connexion", data={"identifiant": login, "mot_de_passe": password,
                                           "csrf": csrf_of(page.text), "suite": "/"})


def signed_in(client, login: str) -> str:
    """Sign ``login`` in; returns the session's CSRF token."""
    r = sign_in(client, login)
    assert r.status_code == 303, r.text
    return csrf_of(client.get(r.headers["location"], follow_redirects=True).text)
