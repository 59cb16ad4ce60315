"""``aiguillage model``: the document-type models kept in the store, and which one is in service.

    aiguillage model list [--json]                  versions, dates, scores; which is in service
    aiguillage model promote VERSION [--force]      put a version in service (refused if worse)
    aiguillage model rollback                       back to the model in service before

Every process sharing the store (pipeline, workers, web app) follows within
``model.refresh_seconds`` (30 s); each change is an audit event naming the person.
"""

from __future__ import annotations

import json

from cli.errors import UsageError
from cli.who import login


def register(sub) -> None:
    p = sub.add_parser("model", help="modèles de classement : liste, mise en service, retour arrière",
                       description="Les modèles de classement entraînés (aiguillage train) sont gardés dans le "
                                   "stockage avec leurs notes ; un seul est en service, pour tous les processus.")
    p.set_defaults(func=run_list, json=False)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    ls = actions.add_parser("list", help="les versions, leurs notes, celle en service")
    ls.add_argument("--json", action="store_true", help="une ligne JSON par version")
    ls.set_defaults(func=run_list)
    pr = actions.add_parser("promote", help="mettre une version en service")
    pr.add_argument("version", metavar="VERSION", help="ex. 20261205T021500Z-3fa2c1d0 (aiguillage model list)")
    pr.add_argument("--force", action="store_true", help="sans la comparer au modèle en service")
    pr.add_argument("--user", default=login(), metavar="PERSONNE", help="qui décide, nommé dans le journal d'audit")
    pr.set_defaults(func=run_promote)
    rb = actions.add_parser("rollback", help="remettre en service le modèle précédent")
    rb.add_argument("--user", default=login(), metavar="PERSONNE", help="qui décide, nommé dans le journal d'audit")
    rb.set_defaults(func=run_rollback)


def user_of(args) -> str:
    from storage.claims import check_user

    try:
        return check_user(args.user)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def scores_line(scores: dict) -> str:
    from classifiers.scoring import percent

    parts = []
    for name, words in (("foreign", "jeu étranger"), ("corrections", "corrections réservées")):
        s = scores.get(name) or {}
        if s.get("documents"):
            parts.append(f"{percent(s['accuracy'])} sur le {words} ({s['documents']} documents)"
                         if name == "foreign" else f"{percent(s['accuracy'])} sur {s['documents']} {words}")
    return " ; ".join(parts) or "aucun jeu d'évaluation"


def run_list(args) -> int:
    from config.clock import shown
    from flows.retrain import version_name
    from storage import models
    from wiring.runtime import runtime

    store = runtime().store
    current = models.in_service(store)
    versions = models.list_versions(store)
    if args.json:
        for r in versions:
            print(json.dumps(dict(r, in_service=r["version"] == current), ensure_ascii=False))
        return 0
    print(f"En service : {version_name(current)}")
    for r in versions:
        mark = "*" if r["version"] == current else " "
        decision = (r.get("decision") or {}).get("report") or ""
        print(f"{mark} {r['version']}  {shown(r.get('created_at'))}  par {r.get('created_by', '?')}  "
              f"{scores_line(r.get('scores') or {})}")
        if decision:
            print(f"    {decision}")
    if not versions:
        print("Aucun modèle entraîné dans le stockage (aiguillage train en entraîne un).")
    return 0


def run_promote(args) -> int:
    from flows.retrain import promote_version, version_name
    from wiring.runtime import runtime

    rt = runtime()
    done = promote_version(rt, args.version, user_of(args), force=args.force)
    link = done["link"]
    if link is None:
        print(f"{args.version} est déjà en service")
        return 0
    print(f"{link.version} en service, remplace {version_name(link.replaced)} ; {done['report']}")
    return 0


def run_rollback(args) -> int:
    from flows.retrain import rollback_model, version_name
    from wiring.runtime import runtime

    link = rollback_model(runtime(), user_of(args))
    print(f"{version_name(link.version)} de nouveau en service, remplace {version_name(link.replaced)}")
    return 0
