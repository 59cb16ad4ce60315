"""Accounts in config (checked on load) and ``aiguillage web add-user``."""

import io

import pytest
import yaml

from cli.main import main
from config import ConfigError, load_taxonomy
from config.accounts import load_accounts
from inbox.auth import Lockout, Sessions, hash_password, verify_password


def _write(path, users):
    path.write_text(yaml.safe_dump({"users": users}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def a_hash():
    return hash_password("un-mot-de-passe")


@pytest.mark.parametrize("spec, key", [
    ({"teams": ["nulle-part"]}, "users.marie.teams"),
    ({"teams": []}, "users.marie.teams"),
    ({"teams": ["technique"], "roles": ["chef"]}, "users.marie.roles"),
    ({"teams": ["technique"], "password": "en-clair"}, "users.marie.password"),
    ({"teams": ["technique"], "colour": "bleu"}, "users.marie.colour"),
])
def test_bad_accounts_are_refused_naming_file_and_key(tmp_path, a_hash, spec, key):
    spec = {"password": a_hash, **spec}
    path = _write(tmp_path / "accounts.yaml", {"marie": spec})
    with pytest.raises(ConfigError) as err:
        load_accounts(path, load_taxonomy())
    assert err.value.key == key and str(path) in str(err.value)


def test_bad_login_refused(tmp_path, a_hash):
    path = _write(tmp_path / "accounts.yaml", {"Marie Dupont": {"teams": ["technique"], "password": a_hash}})
    with pytest.raises(ConfigError):
        load_accounts(path, load_taxonomy())


def test_add_user_command_writes_a_hash_only(aiguillage_home, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("tres-secret-2024\n"))
    code = main(["web", "add-user", "marie.dupont", "--team", "recouvrement", "--team", "accompagnement-social",
                 "--name", "Marie Dupont", "--password-stdin"])
    assert code == 0
    path = aiguillage_home / "accounts.yaml"
    text = path.read_text()
    assert "tres-secret-2024" not in text and "$argon2id$" in text
    account = load_accounts(path, load_taxonomy()).get("marie.dupont")
    assert account.teams == ("recouvrement", "accompagnement-social") and account.can_act
    assert verify_password(account.password_hash, "tres-secret-2024")
    assert not verify_password(account.password_hash, "tres-secret-2025")
    assert path.stat().st_mode & 0o077 == 0  # readable by its owner only


@pytest.mark.parametrize("argv, message", [
    (["web", "add-user", "paul", "--team", "inconnue", "--password-stdin"], "équipe « inconnue » inconnue"),
    (["web", "add-user", "Paul!", "--team", "technique", "--password-stdin"], "identifiant"),
    (["web", "add-user", "paul", "--team", "technique", "--password-stdin"], "trop court"),
])
def test_add_user_refusals(aiguillage_home, monkeypatch, capsys, argv, message):
    monkeypatch.setattr("sys.stdin", io.StringIO("court\n"))
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (aiguillage_home / "accounts.yaml").exists()


def test_sessions_expire_and_lockout_counts_per_login(tmp_path):
    from storage.local import LocalStore

    s = Sessions(LocalStore(tmp_path / "store"), idle_seconds=10, max_seconds=100)
    a = s.open("marie", now=0)
    assert s.get(a.token, now=5).login == "marie" and s.get(a.token, now=14).csrf == a.csrf
    assert s.get(a.token, now=30) is None
    lock = Lockout(max_failures=3, window=60, lock=120)
    for t in range(3):
        assert lock.locked_for("marie", "1.2.3.4", now=t) == 0
        lock.failed("marie", "1.2.3.4", now=t)
    assert lock.locked_for("marie", "5.6.7.8", now=10) > 0
    assert lock.locked_for("paul", "5.6.7.8", now=10) == 0
    assert lock.locked_for("marie", "5.6.7.8", now=200) == 0
