"""``aiguillage export``: validated invoices without open alerts, to accounting, each once.

    aiguillage export --dossier /srv/compta/entrant [--format csv,cii] [--user LOGIN] [--json]

Files: ``<run>-factures.csv`` (columns: setting ``export.csv_columns``) and one
``<run>-<document>.xml`` per invoice (CII, EN 16931). They are kept in the object store
(``exports/runs/``) and, with ``--dossier``, written there too, each whole or not at all.
Rerun after a crash: the unfinished run is completed first, nothing is exported twice.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cli.errors import UsageError
from cli.who import login

FORMATS = ("csv", "cii")


def register(sub) -> None:
    p = sub.add_parser("export", help="exporter vers la comptabilité les factures validées sans alerte",
                       description="Exporte une seule fois chaque facture ou avoir validé(e) de la file "
                                   "comptabilite-fournisseurs dont toutes les alertes sont levées : un CSV et "
                                   "un XML CII (EN 16931) par facture, gardés dans le stockage (exports/).")
    p.add_argument("--dossier", type=Path, default=None, help="dossier où écrire aussi les fichiers")
    p.add_argument("--format", default="csv,cii", help="csv, cii ou csv,cii (défaut)")
    p.add_argument("--user", default=login(), metavar="PERSONNE", help="qui exporte, nommé dans le journal d'audit")
    p.add_argument("--json", action="store_true", help="le compte rendu en une ligne JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from flows.export import export_invoices
    from storage.exports import ExportBusy
    from wiring.runtime import runtime

    wanted = [f.strip() for f in args.format.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        raise UsageError(f"--format : « {','.join(bad) or args.format} » inconnu (csv, cii ou csv,cii)")
    try:
        report = export_invoices(runtime(), args.dossier, wanted, args.user)
    except ExportBusy as exc:
        print(f"aiguillage export : {exc} ; réessayez plus tard.", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.__dict__, ensure_ascii=False))
        return 0
    for run_id in report.recovered:
        print(f"Export interrompu {run_id} terminé.")
    if report.exported:
        print(f"{len(report.exported)} facture(s) exportée(s) ; fichiers : {', '.join(report.files)}"
              + (f" (dans {report.out_dir})" if report.out_dir else " (dans le stockage, exports/)"))
    else:
        print("Aucune facture à exporter.")
    for doc_id, why in sorted(report.skipped.items()):
        print(f"  non exportée : {doc_id} : {why}")
    return 0
