"""``aiguillage retention``: legal holds, and the retention run on demand.

    aiguillage retention hold --document ID | --tenant REF | --supplier ID --reason "…" --user LOGIN
    aiguillage retention release --document ID | --tenant REF | --supplier ID --user LOGIN
    aiguillage retention list [--json]
    aiguillage retention run [--dry-run] [--json]

A hold keeps every document it covers (the document; every document of the tenant or supplier)
out of retention and erasure until released. Holds live in the store (``holds/``); placing and
releasing one are audited (``legal_hold``, ``legal_hold_released``: who, what; the reason stays
with the hold).
"""

from __future__ import annotations

import json
import sys

from cli.errors import UsageError
from cli.who import login

SCOPE_FR = {"document": "document", "tenant": "locataire", "supplier": "fournisseur"}
OUTCOME_FR = (("purged", "purgés"), ("held", "sous conservation légale"), ("open", "encore ouverts"),
              ("kept", "gardés (délai non écoulé)"))


def register(sub) -> None:
    p = sub.add_parser("retention", help="conservation : gels pour raison légale, purge selon les durées par type",
                       description="Gèle des documents (conservation légale : un document, un locataire, un "
                                   "fournisseur), liste les gels, ou lance la purge des documents dont la durée de "
                                   "conservation est écoulée (README, « Conservation et purge »).")
    p.set_defaults(func=run_list, json=False)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    for name, text in (("hold", "geler : rien de ce qui est couvert n'est purgé ni effacé"),
                       ("release", "lever un gel")):
        a = actions.add_parser(name, help=text)
        what = a.add_mutually_exclusive_group(required=True)
        what.add_argument("--document", metavar="ID", help="un document (son identifiant)")
        what.add_argument("--tenant", metavar="REF", help="tous les documents d'un locataire (sa référence)")
        what.add_argument("--supplier", metavar="ID", help="tous les documents d'un fournisseur (F0001, L-…)")
        if name == "hold":
            a.add_argument("--reason", required=True, metavar="MOTIF", help="pourquoi (contentieux, contrôle…)")
        a.add_argument("--user", default=login(), metavar="PERSONNE", help="qui, nommé dans le journal d'audit")
        a.set_defaults(func=run_hold if name == "hold" else run_release)
    ls = actions.add_parser("list", help="lister les gels en cours")
    ls.add_argument("--json", action="store_true", help="une ligne JSON par gel")
    ls.set_defaults(func=run_list)
    rn = actions.add_parser("run", help="purger maintenant les documents dont la durée est écoulée")
    rn.add_argument("--dry-run", action="store_true", help="compter sans rien purger")
    rn.add_argument("--json", action="store_true", help="le compte rendu en JSON")
    rn.set_defaults(func=run_retention)


def _target(args) -> tuple[str, str]:
    from storage import layout

    for scope in ("document", "tenant", "supplier"):
        value = getattr(args, scope)
        if value is not None:
            value = value.strip()
            if not value:
                raise UsageError(f"--{scope} : une valeur est attendue")
            if scope == "document" and not layout.is_id(value):
                raise UsageError(f"--document : identifiant de document invalide : {value!r} "
                                 "(attendu : l'identifiant hexadécimal que donne « aiguillage run --json »)")
            return scope, value
    raise UsageError("--document, --tenant ou --supplier est attendu")


def _user(args) -> str:
    from storage.claims import check_user

    try:
        return check_user(args.user)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _store():
    from wiring.runtime import runtime

    return runtime().store


def _audit(store, kind: str, scope: str, target: str, user: str) -> None:
    from storage.audit import AuditEvent, record

    details = {"scope": scope}
    if scope == "tenant":
        details["tenant_reference"] = target
    elif scope == "supplier":
        details["supplier_id"] = target
    record(store, AuditEvent(kind, target if scope == "document" else None, actor=user, details=details))


def run_hold(args) -> int:
    from storage import holds

    scope, target = _target(args)
    user, reason = _user(args), (args.reason or "").strip()
    if not reason:
        raise UsageError("--reason : dites pourquoi le gel est posé (contentieux, contrôle fiscal…)")
    store = _store()
    hold, placed = holds.place(store, scope, target, reason, user)
    if not placed:
        print(f"aiguillage : {hold.label} : déjà gelé depuis le {hold.at} par {hold.user} ({hold.reason})",
              file=sys.stderr)
        return 1
    _audit(store, "legal_hold", scope, target, user)
    print(f"{hold.label} : gelé (conservation légale : {reason}) ; rien de ce qu'il couvre ne sera purgé "
          "avant la levée du gel")
    return 0


def run_release(args) -> int:
    from storage import holds

    scope, target = _target(args)
    user = _user(args)
    store = _store()
    lifted = holds.release(store, scope, target)
    if lifted is None:
        print(f"aiguillage : {SCOPE_FR[scope]} {target} : aucun gel à lever", file=sys.stderr)
        return 1
    _audit(store, "legal_hold_released", scope, target, user)
    print(f"{lifted.label} : gel levé (posé le {lifted.at} par {lifted.user}) ; la conservation par type "
          "s'applique de nouveau")
    return 0


def run_list(args) -> int:
    from storage import holds

    found = holds.list_holds(_store())
    if args.json:
        for h in found:
            print(json.dumps({"scope": h.scope, "target": h.target, "reason": h.reason, "user": h.user, "at": h.at},
                             ensure_ascii=False))
        return 0
    print(f"Gels en cours : {len(found)}")
    for h in found:
        print(f"  {h.label} — {h.reason} (posé le {h.at} par {h.user})")
    return 0


def run_retention(args) -> int:
    from flows.maintenance import retention_flow

    outcome = retention_flow(dry_run=args.dry_run)
    if args.json:
        print(json.dumps(outcome, ensure_ascii=False))
        return 0
    print("Conservation" + (" (essai : rien n'est purgé)" if args.dry_run else "") + " :")
    for doc_type, counts in sorted(outcome["by_type"].items()):
        parts = ", ".join(f"{counts[k]} {fr}" for k, fr in OUTCOME_FR if counts.get(k))
        print(f"  {doc_type} : {parts or 'aucun'}")
    totals = outcome["totals"]
    verb = "à purger" if args.dry_run else "purgés"
    print(f"Total : {totals['purged']} {verb}, {totals['held']} sous conservation légale, "
          f"{totals['open']} encore ouverts, {totals['kept']} gardés")
    return 0
