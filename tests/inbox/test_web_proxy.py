"""Issue 18, item 4: X-Forwarded-For is believed only from the proxies named in
``web.trusted_proxies``. The app is served by uvicorn as ``aiguillage web`` serves it (a test
client would skip uvicorn's proxy handling), on a free loopback port."""

from __future__ import annotations

import contextlib
import contextvars
import re
import socket
import threading
import time

import httpx
import pytest
from conftest import PASSWORD

ADDRESS_LIMIT = 8  # Lockout(max_failures=2): an address is locked after 2 * 4 failures


@contextlib.contextmanager
def served(trusted: str | None):
    from cli.web_cmd import web_server
    from config import load_settings
    from inbox.app import create_app
    from inbox.auth import Lockout

    env = {"AIGUILLAGE_HOME": "unused"} | ({"AIGUILLAGE_WEB_TRUSTED_PROXIES": trusted} if trusted else {})
    settings = load_settings(env=env)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = web_server(create_app(lockout=Lockout(max_failures=2)), "127.0.0.1", port, settings)
    thread = threading.Thread(target=contextvars.copy_context().run, args=(server.run,), daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


def attempt(base: str, login: str, password: str, forwarded_for: str) -> int:
    """One sign-in from this host, claiming to be forwarded for ``forwarded_for``."""
    with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as c:
        page = c.get("/connexion").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        r = c.post("/connexion", data={"identifiant": login, "mot_de_passe": password, "csrf": csrf},
                   headers={"X-Forwarded-For": forwarded_for})
        return r.status_code


def test_rotating_x_forwarded_for_does_not_lift_the_address_lock_out(accounts_file):
    assert ADDRESS_LIMIT < 10
    with served(trusted=None) as base:
        for i in range(ADDRESS_LIMIT):  # a different login each time: only the address adds up
            assert attempt(base, f"spray{i}", "wrong-password", f"198.51.100.{i}") == 401
        # the right password, from "another address": still this host, still locked
        assert attempt(base, "marie", PASSWORD, "198.51.100.99") == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_one_locked(accounts_file):
    with served(trusted="127.0.0.1") as base:
        for i in range(ADDRESS_LIMIT):  # several people behind the proxy: nobody is locked
            assert attempt(base, f"spray{i}", "wrong-password", f"198.51.100.{i}") == 401
        assert attempt(base, "marie", PASSWORD, "198.51.100.50") == 303
        for i in range(ADDRESS_LIMIT):  # one of them sprays
            assert attempt(base, f"other{i}", "wrong-password", "203.0.113.7") == 401
        assert attempt(base, "paul", PASSWORD, "203.0.113.7") == 429
        assert attempt(base, "paul", PASSWORD, "198.51.100.51") == 303  # the others are not


@pytest.mark.parametrize("trusted, expected", [(None, (False, None)), ("10.0.0.5, 10.1.0.0/16",
                                                                         (True, ["10.0.0.5", "10.1.0.0/16"]))])
def test_uvicorn_is_told_which_proxies_to_trust(trusted, expected, monkeypatch):
    from cli.web_cmd import web_server
    from config import load_settings

    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")  # uvicorn's own default must not leak in either
    env = {"AIGUILLAGE_HOME": "unused"} | ({"AIGUILLAGE_WEB_TRUSTED_PROXIES": trusted} if trusted else {})
    config = web_server(object(), "127.0.0.1", 8750, load_settings(env=env)).config
    assert config.proxy_headers == expected[0]
    if expected[0]:
        assert config.forwarded_allow_ips == expected[1]
