"""``aiguillage web``: the web inbox for teleworking staff and the vidéocodage station.

    aiguillage web [--host 127.0.0.1] [--port 8750]       serve it (embedded defaults)
    aiguillage web add-user LOGIN --team EQUIPE [...]      add or update a person's account
    aiguillage web users list|disable|enable|remove …      the accounts (cli/web_users.py)
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from cli import web_users
from cli.errors import UsageError
from cli.who import login as login_at_keyboard

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8750


def register(sub) -> None:
    p = sub.add_parser("web", help="le guichet web des équipes (files, documents, vidéocodage)",
                       description="Sert le guichet web : chaque personne se connecte avec son compte et "
                                   "travaille les files de ses équipes. Sans action : démarre le serveur.")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"adresse d'écoute (défaut {DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (défaut {DEFAULT_PORT})")
    p.add_argument("--accounts", type=Path, default=None, metavar="FICHIER",
                   help="fichier des comptes (défaut : AIGUILLAGE_HOME/accounts.yaml)")
    p.add_argument("--secure-cookies", action="store_true",
                   help="cookies de session en HTTPS seulement (derrière un mandataire TLS)")
    p.set_defaults(func=serve)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    a = actions.add_parser("add-user", help="ajouter une personne (ou changer ses équipes, rôles, mot de passe)",
                           description="Ajoute ou met à jour un compte. Le mot de passe est demandé au clavier "
                                       "(ou lu sur l'entrée standard avec --password-stdin) et seule son "
                                       "empreinte argon2id est gardée.")
    a.add_argument("login", metavar="IDENTIFIANT", help="ex. marie.dupont (minuscules, chiffres, . _ -)")
    a.add_argument("--team", action="append", required=True, metavar="EQUIPE",
                   help="une équipe (= sa file), répétable : --team recouvrement --team accompagnement-social")
    a.add_argument("--name", default=None, metavar="NOM", help="nom affiché, ex. « Marie Dupont »")
    a.add_argument("--role", action="append", default=None, choices=("agent", "lecture"),
                   help="agent (défaut) : traite les documents ; lecture : consulte seulement")
    a.add_argument("--password-stdin", action="store_true", help="lire le mot de passe sur l'entrée standard")
    a.add_argument("--user", default=login_at_keyboard(), metavar="PERSONNE",
                   help="qui crée ou modifie le compte, nommé dans le journal d'audit")
    a.add_argument("--accounts", type=Path, default=None, metavar="FICHIER", help=argparse_hidden())
    a.set_defaults(func=add_user)
    web_users.register(actions, argparse_hidden())


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


def _accounts_file(args, settings) -> Path:
    from config.accounts import accounts_path

    return args.accounts or accounts_path(settings.home)


def add_user(args) -> int:
    from config import load_settings, load_taxonomy
    from config.accounts import Account, check_login, load_accounts, save_account
    from config.errors import ConfigError
    from inbox.auth import hash_password
    from storage.claims import check_user

    settings = load_settings()
    taxonomy = load_taxonomy()
    try:
        login = check_login(args.login)
        actor = check_user(args.user)
    except ConfigError as exc:
        raise UsageError(exc.problem) from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    unknown = [t for t in args.team if t not in taxonomy.queues]
    if unknown:
        raise UsageError(f"équipe « {unknown[0]} » inconnue (équipes : {', '.join(taxonomy.queues)})")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"Mot de passe de {login} : ")
        if getpass.getpass("Encore une fois : ") != password:
            raise UsageError("les deux saisies diffèrent : rien n'a été changé")
    try:
        password_hash = hash_password(password)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    path = _accounts_file(args, settings)
    account = Account(login, args.name or login, tuple(dict.fromkeys(args.team)),
                      tuple(dict.fromkeys(args.role or ["agent"])), password_hash)
    existed = load_accounts(path, taxonomy).get(login) is not None
    save_account(path, account, taxonomy)
    _audit_saved(actor, account, existed)
    print(f"aiguillage : compte {login} enregistré dans {path} (équipes : {', '.join(account.teams)})")
    return 0


def _audit_saved(actor: str, account, existed: bool) -> None:
    """An ``account_saved`` audit event: who created or changed whose account (never the hash).
    A changed account's open sessions end on their next request (its stamp changed)."""
    from storage.audit import AuditEvent, record
    from wiring.runtime import runtime

    record(runtime().store, AuditEvent("account_saved", None, actor=actor, details={
        "login": account.login, "teams": list(account.teams), "roles": list(account.roles), "created": not existed}))


def serve(args) -> int:
    from config import load_settings, load_taxonomy
    from config.accounts import load_accounts
    from config.registries import load_registries
    from config.routing import load_routing
    from wiring.runtime import prepare_prefect_environment

    settings = load_settings()
    taxonomy = load_taxonomy()
    load_routing(taxonomy, settings["routing.rules_file"])
    load_registries(settings["registries.suppliers_file"], settings["registries.tenants_file"])
    path = _accounts_file(args, settings)
    accounts = load_accounts(path, taxonomy)  # a bad file stops here, with its name and key
    if not 0 < args.port < 65536:
        raise UsageError(f"port {args.port} invalide")
    logfile = prepare_prefect_environment(settings)
    from wiring import temporary_server

    temporary_server.start(logfile)  # waited for by the warm-up below
    import flows.reprocess  # noqa: F401  (imports Prefect, which sets its logging up)
    from cli.logs import send_logs_to_file
    from inbox.app import create_app

    send_logs_to_file(logfile)  # Prefect's and the web app's messages go to the log file

    app = create_app(accounts_file=args.accounts, secure_cookies=args.secure_cookies)
    if not accounts.users:
        print(f"aiguillage : aucun compte dans {path} : créez-en un avec "
              "« aiguillage web add-user IDENTIFIANT --team EQUIPE »", file=sys.stderr)
    print(f"aiguillage : guichet sur http://{args.host}:{args.port}/ (Ctrl+C pour arrêter ; journal : {logfile})",
          file=sys.stderr)
    from inbox.flowrun import start_warm_up
    from wiring.prefect_server import Terminated, stop_temporary_server, terminated_cleanly

    warming = None
    try:
        with terminated_cleanly():  # SIGTERM ends the command like Ctrl+C: Prefect's server is stopped
            warming = start_warm_up()
            from flows.health import load_model_in_background
            from wiring.runtime import runtime

            load_model_in_background(runtime())  # /readyz turns true once the type model is loaded
            web_server(app, args.host, args.port, settings).run()
    except Terminated:
        pass
    finally:
        stop_temporary_server(warming)
    print("aiguillage : guichet arrêté", file=sys.stderr)
    return 0


def web_server(app, host: str, port: int, settings):
    """The uvicorn server of ``aiguillage web``. Forwarded headers (X-Forwarded-For, -Proto)
    are believed only from the proxies named in ``web.trusted_proxies``: by default none, so
    the address a request comes from is the one the sign-in lock-out counts (uvicorn would
    otherwise believe any process of this host)."""
    import uvicorn

    proxies = list(settings["web.trusted_proxies"])
    return uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", server_header=False,
                                         proxy_headers=bool(proxies), forwarded_allow_ips=proxies or None))

