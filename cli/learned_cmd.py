"""``aiguillage learned``: what validated corrections taught the pipeline, and undoing it.

    aiguillage learned list [--json]                          learned suppliers, layouts and tenants
    aiguillage learned forget --supplier L-732829320 --user LOGIN   (its identity and layout; F0001: a
                                                              registered supplier's layout)
    aiguillage learned forget --tenant REF --user LOGIN       erase a learned tenant (RGPD)

The entries live in the object store (``learned/``, storage/learned.py), shared by every
process; the next batch (or within half a minute, a long-lived one) sees the change.
"""

from __future__ import annotations

import json
import sys

from cli.errors import UsageError
from cli.who import login


def register(sub) -> None:
    p = sub.add_parser("learned", help="ce que les corrections ont appris : fournisseurs, emplacements de leurs "
                                       "champs, locataires ; l'effacer",
                       description="Liste les fournisseurs, les emplacements de leurs champs et les locataires "
                                   "appris des corrections validées (stockés sous learned/ dans le stockage), ou en "
                                   "efface un.")
    p.set_defaults(func=run_list, json=False)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    ls = actions.add_parser("list", help="lister ce qui a été appris")
    ls.add_argument("--json", action="store_true", help="une ligne JSON par entrée")
    ls.set_defaults(func=run_list)
    fg = actions.add_parser("forget", help="effacer un fournisseur ou un locataire appris")
    what = fg.add_mutually_exclusive_group(required=True)
    what.add_argument("--supplier", metavar="ID", help="fournisseur appris (ex. L-732829320 : son identité et "
                                                       "ses emplacements) ou du registre (ex. F0001 : ses emplacements)")
    what.add_argument("--tenant", metavar="REF", help="référence locataire apprise")
    fg.add_argument("--user", default=login(), metavar="PERSONNE", help="qui efface, nommé dans le journal d'audit")
    fg.set_defaults(func=run_forget)


def _store():
    from wiring.runtime import runtime

    return runtime().store


def run_list(args) -> int:
    from storage import layouts, learned

    store = _store()
    suppliers, tenants = learned.list_suppliers(store), learned.list_tenants(store)
    places = layouts.list_layouts(store)
    if args.json:
        for e in suppliers:
            print(json.dumps(dict(e, kind="supplier"), ensure_ascii=False))
        for e in tenants:
            print(json.dumps(dict(e, kind="tenant"), ensure_ascii=False))
        for e in places:
            print(json.dumps({"kind": "layout", "supplier_id": e["supplier_id"], "types": sorted(e["types"]),
                              "fields": layouts.field_names(e),
                              "learned_from": e.get("learned_from"), "learned_by": e.get("learned_by"),
                              "learned_at": e.get("learned_at")}, ensure_ascii=False))
        return 0
    print(f"Fournisseurs appris : {len(suppliers)}")
    for e in suppliers:
        pending = f" ; IBAN en attente de confirmation : {e['pending_iban']}" if e.get("pending_iban") else ""
        if e.get("status") == "registered":
            print(f"  {e['supplier_id']} (fournisseur du registre){pending}")
            continue
        ids = ", ".join(f"{k} {e[k]}" for k in ("siret", "vat", "iban") if e.get(k))
        print(f"  {e['supplier_id']}  {e.get('name')}  ({ids}) — appris de {e.get('learned_from')} "
              f"par {e.get('learned_by')}{pending}")
    print(f"Emplacements de champs appris : {len(places)} fournisseurs")
    for e in places:
        print(f"  {e['supplier_id']}  ({', '.join(sorted(e['types']))}) champs : {', '.join(layouts.field_names(e))}"
              f" — appris de {e.get('learned_from')} par {e.get('learned_by')}")
    print(f"Locataires appris : {len(tenants)}")
    for e in tenants:
        print(f"  {e['tenant_reference']}  {e.get('tenant_name')} — appris de {e.get('learned_from')} "
              f"par {e.get('learned_by')}")
    return 0


def run_forget(args) -> int:
    from storage import learned
    from storage.audit import AuditEvent, record
    from storage.claims import check_user

    try:
        user = check_user(args.user)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    store = _store()
    if args.supplier:
        from storage import layouts

        try:
            found = learned.forget_supplier(store, args.supplier)
        except ValueError:  # no learned supplier's id: a registry's may still have a layout
            found = False
        found = layouts.forget_layout(store, args.supplier) or found  # and where it prints its fields
        details, what = {"supplier_id": args.supplier}, f"fournisseur {args.supplier}"
    else:
        found = learned.forget_tenant(store, args.tenant)
        details, what = {"tenant_reference": args.tenant}, f"locataire {args.tenant}"
    if not found:
        print(f"aiguillage : {what} : rien d'appris à effacer", file=sys.stderr)
        return 1
    record(store, AuditEvent("learned_forgotten", None, actor=user, details=details))
    print(f"{what} : effacé")
    return 0
