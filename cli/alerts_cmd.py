"""``aiguillage alerts``: accounts payable's open alerts, and lifting them.

    aiguillage alerts list [--json]
    aiguillage alerts clear DOCUMENT ALERT --user LOGIN [--note "..."]

``bank_details_changed`` needs two different people (SPEC.md): the first ``clear`` by someone
other than the operator who validated the document records their agreement, a second person's
confirms the new IBAN, which becomes the supplier's validated one.
"""

from __future__ import annotations

import json

from cli.who import login

STEPS = {"cleared": "alerte levée", "vouched": "accord enregistré ; une deuxième personne doit confirmer",
         "confirmed": "nouvel IBAN confirmé par une deuxième personne"}


def register(sub) -> None:
    p = sub.add_parser("alerts", help="alertes de la comptabilité fournisseurs : lister, lever",
                       description="Liste les factures dont une alerte est ouverte, ou lève une alerte "
                                   "(changement d'IBAN : deux personnes différentes).")
    p.set_defaults(func=run_list, json=False)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    ls = actions.add_parser("list", help="les alertes ouvertes")
    ls.add_argument("--json", action="store_true", help="une ligne JSON par document")
    ls.set_defaults(func=run_list)
    cl = actions.add_parser("clear", help="lever une alerte (ou la confirmer, pour un IBAN)")
    cl.add_argument("document_id")
    cl.add_argument("alert", help="code de l'alerte, ex. duplicate_invoice")
    cl.add_argument("--user", default=login(), metavar="PERSONNE", help="qui lève l'alerte (journal d'audit)")
    cl.add_argument("--note", default="", help="pourquoi")
    cl.set_defaults(func=run_clear)


def run_list(args) -> int:
    from flows.payables import open_alerts
    from storage import documents, queues
    from wiring.runtime import runtime

    rt = runtime()
    queue = rt.taxonomy.type("supplier_invoice").queue
    found = 0
    for item in queues.list_items(rt.store, queue, open_only=False):
        if not item.alerts or item.copy_of:
            continue
        rec = documents.read_json(rt.store, item.document_id, "record.json")
        still = open_alerts(rt, item.document_id, rec)
        if not still:
            continue
        found += 1
        f = rec.get("fields") or {}
        if args.json:
            print(json.dumps({"document_id": item.document_id, "alerts": still,
                              "duplicate_of": rec.get("duplicate_of"), "supplier_name": f.get("supplier_name"),
                              "invoice_number": f.get("invoice_number"),
                              "total_incl_tax": f.get("total_incl_tax")}, ensure_ascii=False))
        else:
            dup = f" (double de {rec['duplicate_of']})" if rec.get("duplicate_of") else ""
            print(f"{item.document_id}  {f.get('supplier_name') or '?'}  n° {f.get('invoice_number') or '?'}  "
                  f"{f.get('total_incl_tax') or '?'} €  : {', '.join(still)}{dup}")
    if not found and not args.json:
        print("Aucune alerte ouverte.")
    return 0


def run_clear(args) -> int:
    from flows.payables import AlertRefused, clear_alert
    from storage import documents
    from wiring.runtime import runtime

    try:
        step = clear_alert(runtime(), args.document_id, args.alert, args.user, args.note)
    except documents.UnreadableArtefact as exc:
        raise AlertRefused(str(exc)) from None
    print(f"{args.document_id} : {args.alert} : {STEPS[step]}")
    return 0
