"""``aiguillage web users``: the accounts of the web inbox, beside ``aiguillage web add-user``.

    aiguillage web users list [--json]                    login, name, teams, roles, disabled
    aiguillage web users disable IDENTIFIANT [--user P]   no more sign-in; open sessions end
    aiguillage web users enable IDENTIFIANT [--user P]    may sign in again
    aiguillage web users remove IDENTIFIANT [--user P]    the account is deleted; open sessions end

Each change rewrites the accounts file atomically (config/accounts.py), records an audit event
naming the person who made it (``--user``, by default the login at the keyboard), and deletes
the person's sessions from the store (they would end anyway: the account's stamp changed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cli.errors import UsageError
from cli.who import login as who
from config.errors import AiguillageError, ExitCode

KINDS = {"disable": "account_disabled", "enable": "account_enabled", "remove": "account_removed"}


class UnknownAccount(AiguillageError):
    exit_code = ExitCode.FAILED


def register(actions, hidden: str) -> None:
    u = actions.add_parser("users", help="les comptes : lister, désactiver, réactiver, supprimer",
                           description="Les comptes du guichet web. Chaque changement est consigné dans le "
                                       "journal d'audit et met fin aux sessions ouvertes de la personne.")
    u.add_argument("--accounts", type=Path, default=None, metavar="FICHIER", help=hidden)
    u.set_defaults(func=_no_action)
    verbs = u.add_subparsers(dest="users_action", metavar="ACTION")
    ls = verbs.add_parser("list", help="identifiant, nom, équipes, rôles, désactivé (jamais les empreintes)")
    ls.add_argument("--json", action="store_true", help="une ligne JSON par compte")
    ls.add_argument("--accounts", type=Path, default=None, metavar="FICHIER", help=hidden)
    ls.set_defaults(func=run_list)
    for verb, text in (("disable", "désactiver un compte : plus de connexion, sessions ouvertes fermées"),
                       ("enable", "réactiver un compte désactivé"),
                       ("remove", "supprimer un compte : sessions ouvertes fermées")):
        v = verbs.add_parser(verb, help=text, description=text[0].upper() + text[1:] + ".")
        v.add_argument("login", metavar="IDENTIFIANT")
        v.add_argument("--user", default=who(), metavar="PERSONNE", help="qui le fait, nommé dans le journal d'audit")
        v.add_argument("--accounts", type=Path, default=None, metavar="FICHIER", help=hidden)
        v.set_defaults(func=run_change, verb=verb)


def _no_action(_args) -> int:
    raise UsageError("précisez l'action : aiguillage web users list | disable | enable | remove IDENTIFIANT")


def _setup(args):
    from config import load_settings, load_taxonomy
    from config.accounts import accounts_path

    settings = load_settings()
    return (args.accounts or accounts_path(settings.home)), load_taxonomy()


def run_list(args) -> int:
    from config.accounts import load_accounts

    path, taxonomy = _setup(args)
    accounts = load_accounts(path, taxonomy)
    rows = [{"login": a.login, "name": a.name, "teams": list(a.teams), "roles": list(a.roles),
             "disabled": a.disabled} for a in sorted(accounts.users.values(), key=lambda a: a.login)]
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if not rows:
        print(f"aiguillage : aucun compte dans {path} (créez-en un avec « aiguillage web add-user »)",
              file=sys.stderr)
        return 0
    print(f"Comptes ({len(rows)}) — {path}")
    for r in rows:
        state = "  DÉSACTIVÉ" if r["disabled"] else ""
        teams, roles = ", ".join(r["teams"]), ", ".join(r["roles"])
        print(f"  {r['login']}  {r['name']}  équipes : {teams}  rôles : {roles}{state}")
    return 0


def run_change(args) -> int:
    from config.accounts import remove_account, set_disabled
    from storage import sessions
    from storage.audit import AuditEvent, record
    from storage.claims import check_user
    from wiring.runtime import runtime

    try:
        actor = check_user(args.user)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    path, taxonomy = _setup(args)
    login = args.login.strip().lower()
    try:
        if args.verb == "remove":
            account, changed = remove_account(path, login, taxonomy), True
        else:
            account, changed = set_disabled(path, login, args.verb == "disable", taxonomy)
    except KeyError:
        raise UnknownAccount(f"aucun compte « {args.login} » dans {path}",
                             fix="« aiguillage web users list » montre les comptes existants") from None
    done = {"disable": "désactivé", "enable": "réactivé", "remove": "supprimé"}[args.verb]
    if not changed:
        print(f"aiguillage : compte {login} déjà {done} : rien n'a changé")
        return 0
    store = runtime().store
    ended = sessions.delete_for(store, login) if args.verb != "enable" else 0
    record(store, AuditEvent(KINDS[args.verb], None, actor=actor,
                             details={"login": login, "teams": list(account.teams), "sessions_ended": ended}))
    more = f" ; {ended} session(s) ouverte(s) fermée(s)" if ended else ""
    print(f"aiguillage : compte {login} {done} dans {path}{more}")
    return 0
