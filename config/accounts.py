"""People who sign in to the web inbox: their teams and roles, checked on load.

    # <AIGUILLAGE_HOME>/accounts.yaml
    users:
      marie.dupont:
        name: "Marie Dupont"
        teams: [comptabilite-fournisseurs]
        roles: [agent]                 # agent: works the queue; lecture: looks only
        password: "$argon2id$v=19$..."  # written by ``aiguillage web add-user``

A team is a queue of the taxonomy (the team works the queue of the same name). Passwords are
stored only as argon2id hashes; this module checks their form, the web app verifies them.
Nothing here imports the rest of aiguillage.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from config.errors import ConfigError
from config.taxonomy import Taxonomy
from config.yamlfile import read_yaml, require_mapping

FILE_NAME = "accounts.yaml"
ROLES = ("agent", "lecture")
DEFAULT_ROLES = ("agent",)
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")
_HASH = re.compile(r"^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$")
_USER_KEYS = {"name", "teams", "roles", "password", "disabled"}


@dataclass(frozen=True)
class Account:
    login: str
    name: str
    teams: tuple[str, ...]
    roles: tuple[str, ...]
    password_hash: str
    disabled: bool = False

    @property
    def can_act(self) -> bool:
        """Claim, complete, reroute, correct: not for read-only accounts."""
        return "agent" in self.roles

    @property
    def stamp(self) -> str:
        """A digest of what a session was opened under (password, teams, roles, disabled): when
        it changes, the person's open sessions end."""
        text = json.dumps([self.password_hash, sorted(self.teams), sorted(self.roles), self.disabled])
        return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Accounts:
    users: dict[str, Account]
    source: str

    def get(self, login: str) -> Account | None:
        return self.users.get(login)


def accounts_path(home: Path) -> Path:
    return Path(home) / FILE_NAME


def check_login(login: str, source: str = "identifiant") -> str:
    if not isinstance(login, str) or not _LOGIN.match(login):
        raise ConfigError(source, None if source == "identifiant" else f"users.{login}",
                          f"identifiant « {login} » invalide (minuscules, chiffres, . _ -, 63 caractères au plus)")
    return login


def load_accounts(path: Path, taxonomy: Taxonomy) -> Accounts:
    """The accounts of ``path``; a missing file means no account yet (nobody can sign in)."""
    source = str(path)
    if not Path(path).exists():
        return Accounts({}, source)
    data = require_mapping(read_yaml(Path(path), "fichier des comptes"), source, None)
    extra = set(data) - {"users"}
    if extra:
        raise ConfigError(source, sorted(extra)[0], "clé inconnue (attendu : users)")
    users: dict[str, Account] = {}
    for login, raw in require_mapping(data.get("users"), source, "users").items():
        login = check_login(str(login), source)
        users[login] = _account(login, raw, taxonomy, source)
    return Accounts(users, source)


def _account(login: str, raw: Any, taxonomy: Taxonomy, source: str) -> Account:
    key = f"users.{login}"
    spec = require_mapping(raw, source, key)
    extra = set(spec) - _USER_KEYS
    if extra:
        raise ConfigError(source, f"{key}.{sorted(extra)[0]}", f"clé inconnue (connues : {', '.join(sorted(_USER_KEYS))})")
    teams = spec.get("teams")
    if not isinstance(teams, list) or not teams:
        raise ConfigError(source, f"{key}.teams", "au moins une équipe (liste de files) est attendue")
    for t in teams:
        taxonomy.check_queue(str(t), source, f"{key}.teams")
    roles = spec.get("roles", list(DEFAULT_ROLES))
    if not isinstance(roles, list) or not roles:
        raise ConfigError(source, f"{key}.roles", f"une liste de rôles est attendue ({', '.join(ROLES)})")
    for r in roles:
        if r not in ROLES:
            raise ConfigError(source, f"{key}.roles", f"rôle « {r} » inconnu (connus : {', '.join(ROLES)})")
    password = spec.get("password")
    if not isinstance(password, str) or not _HASH.match(password):
        raise ConfigError(source, f"{key}.password",
                          "empreinte argon2id attendue (créez le compte avec « aiguillage web add-user »), "
                          "jamais un mot de passe en clair")
    name = spec.get("name", login)
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(source, f"{key}.name", "nom affiché vide")
    disabled = spec.get("disabled", False)
    if not isinstance(disabled, bool):
        raise ConfigError(source, f"{key}.disabled", "true ou false attendu")
    return Account(login, name.strip(), tuple(dict.fromkeys(str(t) for t in teams)),
                   tuple(dict.fromkeys(roles)), password, disabled)


def save_account(path: Path, account: Account, taxonomy: Taxonomy) -> Accounts:
    """Add or replace ``account`` in the file (created if missing), atomically; returns the
    accounts as now stored. The file is checked before and after."""
    path = Path(path)
    current = load_accounts(path, taxonomy)
    _account(account.login, _raw(account), taxonomy, str(path))  # refuse a bad account early
    users = dict(current.users)
    users[check_login(account.login)] = account
    return _write(path, users, taxonomy)


def set_disabled(path: Path, login: str, disabled: bool, taxonomy: Taxonomy) -> tuple[Account, bool]:
    """Disable (or enable again) ``login``; returns the account as now stored and whether it
    changed. KeyError when there is no such account."""
    path = Path(path)
    current = load_accounts(path, taxonomy)
    account = current.users[login]
    if account.disabled == disabled:
        return account, False
    users = dict(current.users)
    users[login] = replace(account, disabled=disabled)
    return _write(path, users, taxonomy).users[login], True


def remove_account(path: Path, login: str, taxonomy: Taxonomy) -> Account:
    """Remove ``login`` from the file, atomically; returns the account removed. KeyError when
    there is no such account."""
    path = Path(path)
    current = load_accounts(path, taxonomy)
    account = current.users[login]
    _write(path, {k: a for k, a in current.users.items() if k != login}, taxonomy)
    return account


def _write(path: Path, users: dict[str, Account], taxonomy: Taxonomy) -> Accounts:
    """Replace the file with ``users`` (readable by its owner only): written beside it, then
    renamed, so a reader never sees half a file. Returns the accounts as read back."""
    text = ("# Comptes du guichet web (aiguillage web add-user). Mots de passe : empreintes argon2id.\n"
            + yaml.safe_dump({"users": {login: _raw(a) for login, a in users.items()}},
                             allow_unicode=True, sort_keys=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".accounts-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return load_accounts(path, taxonomy)


def _raw(a: Account) -> dict[str, Any]:
    raw: dict[str, Any] = {"name": a.name, "teams": list(a.teams), "roles": list(a.roles), "password": a.password_hash}
    if a.disabled:
        raw["disabled"] = True
    return raw
