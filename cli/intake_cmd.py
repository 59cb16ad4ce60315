"""``aiguillage push FILE...``: a scanning station that reaches only the storage server drops
its files in the store's intake; ``aiguillage serve`` routes them."""

from __future__ import annotations

from pathlib import Path

from cli.errors import UsageError
from config import load_settings


def register(sub) -> None:
    p = sub.add_parser("push", help="déposer des fichiers numérisés pour traitement",
                       description="Dépose les fichiers dans l'entrée du stockage (intake/) : le service "
                                   "(aiguillage serve) les traite ensuite.")
    p.add_argument("paths", nargs="+", metavar="FICHIER")
    p.set_defaults(func=push)


def push(args) -> int:
    from stages.hotfolder import push as push_file
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
