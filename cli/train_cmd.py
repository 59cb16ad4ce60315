"""``aiguillage train``: (re)build the document-type model."""

from __future__ import annotations

import sys
from pathlib import Path

from config import load_settings

def register(sub) -> None:
    p = sub.add_parser("train", help="entraîner le modèle de classement des documents",
                       description="Entraîne le classeur spaCy sur des documents générés et sur les "
                                   "corrections des opérateurs de vidéocodage (objets corrections/ du stockage).")
    p.add_argument("--count", type=int, default=6000, help="documents générés (défaut : 6000)")
    p.add_argument("--seed", type=int, default=2020, help="graine du générateur (défaut : 2020)")
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--calibration-count", type=int, default=1300,
                   help="documents générés (autre graine) pour calibrer la confiance (défaut : 1300)")
    p.add_argument("--no-corrections", action="store_true",
                   help="ne pas utiliser les corrections des opérateurs")
    p.add_argument("--out", type=Path, default=None,
                   help="dossier du modèle (défaut : AIGUILLAGE_HOME/model, utilisé ensuite par run)")
    p.set_defaults(func=run)


def run(args) -> int:
    from cli.errors import UsageError
    from flows.maintenance import CALIBRATION_SEED_OFFSET, build_model
    from storage.factory import open_store

    if args.count < 50:
        raise UsageError("--count : au moins 50 documents")
    if args.calibration_count < 13:
        raise UsageError("--calibration-count : au moins 13 documents")
    settings = load_settings()
    out = args.out or settings.home / "model"
    print(f"Entraînement sur {args.count} documents générés (graine {args.seed})"
          f"{'' if args.no_corrections else ' et les corrections des opérateurs'} ; calibration sur "
          f"{args.calibration_count} documents (graine {args.seed + CALIBRATION_SEED_OFFSET})…", file=sys.stderr)
    meta = build_model(open_store(settings), out, args.count, args.seed, args.epochs, args.calibration_count,
                       use_corrections=not args.no_corrections)
    print(f"Modèle enregistré dans {out} : exactitude sur documents de calibration (bruit d'OCR) "
          f"{meta['held_out_accuracy']:.1%}, température {meta['temperature']}, "
          f"{meta['corrections']} corrections utilisées")
    return 0
