"""``aiguillage commandes``: the purchase orders invoices are matched against.

    aiguillage commandes import EXTRAIT.csv [--colonne order_reference="N° BC" ...] [--fusionner] [--user LOGIN]
    aiguillage commandes list [--json]

The ERP's extract is checked whole (a bad line refused, naming the line and the column), then
stored in the object store (storage/orders.py), so that every process and machine sharing the
store matches against it; it goes over the configured registry (config/purchase_orders.py).
An import replaces the previous one, or with ``--fusionner`` is merged with it. Audited.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from cli.errors import UsageError
from cli.who import login


def register(sub) -> None:
    p = sub.add_parser("commandes", aliases=["orders"],
                       help="bons de commande : importer l'extrait de l'ERP, les lister",
                       description="Les bons de commande auxquels les factures sont rapprochées (référence, "
                                   "fournisseur, montant). L'extrait de l'ERP importé est gardé dans le stockage, "
                                   "partagé par tous les postes, par-dessus le registre configuré.")
    p.set_defaults(func=run_list, json=False)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    imp = actions.add_parser("import", help="importer l'extrait CSV des bons de commande de l'ERP",
                             description="Vérifie tout le fichier (une ligne fautive est refusée, avec sa ligne "
                                         "et sa colonne), puis le range dans le stockage. Colonnes : order_reference, "
                                         "supplier_id, amount_excl_tax et/ou amount_incl_tax, building, cost_centre, "
                                         "status ; séparateur virgule, point-virgule ou tabulation.")
    imp.add_argument("file", metavar="FICHIER", help="extrait CSV (UTF-8 ou Windows-1252)")
    imp.add_argument("--colonne", action="append", default=[], metavar="NOTRE=LEUR",
                     help="nom de la colonne du fichier pour une des nôtres, ex. --colonne "
                          "order_reference=\"N° BC\" (répétable)")
    imp.add_argument("--fusionner", action="store_true",
                     help="ajouter au dernier import (même référence : remplacée) au lieu de le remplacer")
    imp.add_argument("--user", default=login(), metavar="PERSONNE", help="qui importe, nommé dans le journal d'audit")
    imp.set_defaults(func=run_import)
    ls = actions.add_parser("list", help="lister les bons de commande en usage (registre et import)")
    ls.add_argument("--json", action="store_true", help="une ligne JSON par bon de commande")
    ls.set_defaults(func=run_list)


def mapping_of(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise UsageError(f"--colonne « {pair} » : attendu NOTRE=LEUR, ex. order_reference=\"N° BC\"")
        out[ours.strip()] = theirs.strip()
    return out


def run_import(args) -> int:
    from config.purchase_orders import read_orders_file
    from storage.audit import AuditEvent, record
    from storage.claims import check_user
    from storage.orders import IMPORTED, save_import
    from wiring.runtime import runtime

    try:
        user = check_user(args.user)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    path = Path(args.file)
    orders = read_orders_file(path, mapping_of(args.colonne), origin=IMPORTED)
    if not orders:
        raise UsageError(f"{path} : aucun bon de commande dans le fichier (rien n'est importé)")
    rt = runtime()
    stored = save_import(rt.store, orders, path.name, user, merge=args.fusionner)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    record(rt.store, AuditEvent("purchase_orders_imported", None, actor=user,
                                details={"file": path.name, "sha256": digest, "orders": len(orders),
                                         "merged": args.fusionner, "total": stored["count"]}))
    unknown = sorted({o.supplier_id for o in orders if rt.registries.supplier_by("supplier_id", o.supplier_id) is None})
    how = f"fusionnés avec l'import précédent ({stored['replaced']} remplacés)" if args.fusionner else \
        "remplacent l'import précédent"
    print(f"{len(orders)} bons de commande importés de {path.name} ; {how} ; {stored['count']} en tout dans l'import")
    if unknown:
        print(f"aiguillage : attention : fournisseurs absents du registre : {', '.join(unknown[:10])}"
              f"{' …' if len(unknown) > 10 else ''} (leurs factures ne seront pas rapprochées)", file=sys.stderr)
    return 0


def run_list(args) -> int:
    from config.clock import shown
    from config.purchase_orders import STATUS_FR
    from storage.orders import read_import
    from wiring.runtime import runtime

    rt = runtime()
    book = rt.orders_now()
    orders = sorted(book.by_key.values(), key=lambda o: o.order_reference)
    if args.json:
        for o in orders:
            print(json.dumps(o.as_dict(), ensure_ascii=False))
        return 0
    last = read_import(rt.store)
    imported = sum(1 for o in orders if o.source != "registry")
    print(f"Bons de commande : {len(orders)} (registre : {len(orders) - imported}, import : {imported})")
    if last:
        print(f"Dernier import : {last.get('file')} le {shown(last.get('imported_at'))} par {last.get('imported_by')}")
    for o in orders:
        amounts = " / ".join(f"{v} € {label}" for v, label in ((o.amount_excl_tax, "HT"), (o.amount_incl_tax, "TTC"))
                             if v)
        where = ", ".join(x for x in (o.building, o.cost_centre) if x)
        print(f"  {o.order_reference}  {o.supplier_id}  {amounts}  {STATUS_FR[o.status]}"
              f"{'  ' + where if where else ''}  ({'import' if o.source != 'registry' else 'registre'})")
    return 0
