"""``aiguillage web users list|disable|enable|remove`` (issue 18, item 10): the accounts file
rewritten, each change audited with the person who made it, the person's sessions ended."""

from __future__ import annotations

import io
import json

import pytest

from cli.main import main

HASH_MARK = "$argon2id$"


@pytest.fixture
def people(aiguillage_home, monkeypatch):
    """Two accounts made with ``add-user`` (audited as ``admin``)."""
    for login, team in (("marie", "recouvrement"), ("paul", "technique")):
        monkeypatch.setattr("sys.stdin", io.StringIO("un-mot-de-passe-long\n"))
        assert main(["web", "add-user", login, "--team", team, "--name", login.capitalize(),
                     "--password-stdin", "--user", "admin"]) == 0
    return aiguillage_home / "accounts.yaml"


def _events(kind: str):
    from storage.audit import events
    from wiring.runtime import runtime

    return [e for e in events(runtime().store) if e.kind == kind]


def _account(path, login):
    from config import load_taxonomy
    from config.accounts import load_accounts

    return load_accounts(path, load_taxonomy()).get(login)


def test_add_user_is_audited(people):
    saved = _events("account_saved")
    assert [(e.actor, e.details["login"], e.details["created"]) for e in saved] == [
        ("admin", "marie", True), ("admin", "paul", True)]
    assert all(HASH_MARK not in json.dumps(e.details) for e in saved)


def test_list_shows_accounts_never_hashes(people, capsys):
    capsys.readouterr()
    assert main(["web", "users", "disable", "paul", "--user", "admin"]) == 0
    capsys.readouterr()
    assert main(["web", "users", "list"]) == 0
    out = capsys.readouterr().out
    assert "marie" in out and "recouvrement" in out and "agent" in out
    assert "DÉSACTIVÉ" in out.split("paul")[1] and "DÉSACTIVÉ" not in out.split("paul")[0]
    assert HASH_MARK not in out and "argon2" not in out
    assert main(["web", "users", "list", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows == [
        {"login": "marie", "name": "Marie", "teams": ["recouvrement"], "roles": ["agent"], "disabled": False},
        {"login": "paul", "name": "Paul", "teams": ["technique"], "roles": ["agent"], "disabled": True}]


def test_list_without_accounts(aiguillage_home, capsys):
    assert main(["web", "users", "list"]) == 0
    assert "aucun compte" in capsys.readouterr().err


def test_disable_then_enable_audited_with_the_actor(people, capsys):
    assert main(["web", "users", "disable", "marie", "--user", "chef.equipe"]) == 0
    assert "désactivé" in capsys.readouterr().out
    assert _account(people, "marie").disabled and not _account(people, "paul").disabled
    assert main(["web", "users", "disable", "marie", "--user", "chef.equipe"]) == 0  # already: nothing
    assert "déjà" in capsys.readouterr().out
    assert main(["web", "users", "enable", "marie", "--user", "chef.equipe"]) == 0
    assert not _account(people, "marie").disabled
    assert [(e.actor, e.details["login"]) for e in _events("account_disabled")] == [("chef.equipe", "marie")]
    assert [(e.actor, e.details["login"]) for e in _events("account_enabled")] == [("chef.equipe", "marie")]
    assert people.stat().st_mode & 0o077 == 0  # still readable by its owner only


def test_remove_deletes_the_account_and_its_sessions(people, capsys):
    from inbox.auth import Sessions
    from storage import sessions as stored
    from wiring.runtime import runtime

    store = runtime().store
    opened = Sessions(store).open("marie", stamp=_account(people, "marie").stamp)
    kept = Sessions(store).open("paul")
    assert main(["web", "users", "remove", "marie", "--user", "chef.equipe"]) == 0
    assert "1 session" in capsys.readouterr().out
    assert _account(people, "marie") is None and _account(people, "paul") is not None
    assert stored.load(store, opened.token) is None and stored.load(store, kept.token) is not None
    [removed] = _events("account_removed")
    assert removed.actor == "chef.equipe" and removed.details["login"] == "marie"


@pytest.mark.parametrize("verb", ["disable", "enable", "remove"])
def test_unknown_login_is_a_clear_error(people, capsys, verb):
    before = people.read_text()
    assert main(["web", "users", verb, "personne", "--user", "admin"]) == 1
    err = capsys.readouterr().err
    assert "aucun compte « personne »" in err and "users list" in err and "Traceback" not in err
    assert people.read_text() == before
    assert not _events(f"account_{verb}d") and not _events("account_removed")


def test_bad_actor_and_missing_action_are_usage_errors(people, capsys):
    assert main(["web", "users", "disable", "marie", "--user", "Pas Valide!"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not _account(people, "marie").disabled
    assert main(["web", "users"]) == 2
    assert "précisez l'action" in capsys.readouterr().err
