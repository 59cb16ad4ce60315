"""``aiguillage push FILE...`` and ``aiguillage watch``: the scanning station's two ways in."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from cli.errors import UsageError
from config import load_settings


def register(sub) -> None:
    p = sub.add_parser("push", help="déposer des fichiers numérisés pour traitement",
                       description="Dépose les fichiers dans l'entrée du stockage (intake/) : le service "
                                   "(aiguillage watch ou serve) les traite ensuite.")
    p.add_argument("paths", nargs="+", metavar="FICHIER")
    p.set_defaults(func=push)
    w = sub.add_parser("watch", help="traiter le dossier de dépôt et les fichiers déposés, en continu",
                       description="Surveille intake.hot_folder et l'entrée du stockage ; un fichier "
                                   "compte quand il ne change plus depuis intake.settle_seconds.")
    w.add_argument("--once", action="store_true", help="un seul passage puis s'arrêter")
    w.add_argument("--json", action="store_true", help="une ligne JSON par document")
    w.add_argument("--interval", type=float, default=2.0, help="secondes entre deux passages")
    w.set_defaults(func=watch)


def push(args) -> int:
    from flows.hotfolder import push as push_file
    from storage.factory import open_store

    settings = load_settings()
    missing = [p for p in args.paths if not Path(p).is_file()]
    if missing:
        raise UsageError(f"{missing[0]} : fichier introuvable")
    store = open_store(settings)
    for p in args.paths:
        key, created = push_file(store, Path(p))
        state = "déposé" if created else "déjà en attente"
        print(f"{state} : {p} -> {key}")
    return 0


def watch(args) -> int:
    from cli.run_cmd import start_pipeline

    settings = load_settings()
    if args.interval <= 0:
        raise UsageError("--interval : un nombre de secondes positif est attendu")
    logfile, quiet_exit = start_pipeline(settings)
    from flows.watch import hot_folder_from_settings, intake_round

    hot = hot_folder_from_settings()
    if hot is None:
        print("aiguillage : pas de dossier de dépôt (intake.hot_folder) ; seule l'entrée du stockage "
              "est surveillée", file=sys.stderr)

    def show(path: str, lines: list[dict]) -> None:
        for line in lines:
            if args.json:
                print(json.dumps(line, ensure_ascii=False), flush=True)
            else:
                print(f"{line['source']} p.{line['source_pages']} -> {line['queue']} ({line['status']})",
                      flush=True)

    try:
        while True:
            intake_round(hot, on_file=show)
            if args.once:
                break
            time.sleep(args.interval)
    except KeyboardInterrupt:
        print("aiguillage : surveillance arrêtée", file=sys.stderr)
    finally:
        quiet_exit()
    return 0
