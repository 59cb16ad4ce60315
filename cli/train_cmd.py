"""``aiguillage train``: train a candidate document-type model, store it with its scores and
promote it if it is not worse than the model in service (flows/retrain.py); with ``--out``,
only write a model folder (how the embedded model is rebuilt)."""

from __future__ import annotations

import sys
from pathlib import Path

from cli.who import login
from config import load_settings


def register(sub) -> None:
    p = sub.add_parser("train", help="entraîner un modèle de classement candidat, le promouvoir s'il n'est pas moins bon",
                       description="Entraîne le classeur spaCy sur des documents générés, du courrier écrit hors du "
                                   "générateur et les "
                                   "corrections des opérateurs de vidéocodage (une sur cinq est réservée à "
                                   "l'évaluation), le note sur le jeu étranger et les corrections réservées, "
                                   "l'enregistre dans le stockage et le met en service s'il n'est pas moins bon "
                                   "que le modèle en service (aiguillage model list|promote|rollback).")
    p.add_argument("--count", type=int, default=6000, help="documents générés (défaut : 6000)")
    p.add_argument("--seed", type=int, default=2020, help="graine du générateur (défaut : 2020)")
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--calibration-count", type=int, default=1300,
                   help="documents générés (autre graine) pour calibrer la confiance (défaut : 1300)")
    p.add_argument("--no-corrections", action="store_true",
                   help="ne pas utiliser les corrections des opérateurs")
    p.add_argument("--no-written", action="store_true",
                   help="ne pas apprendre le courrier écrit par d'autres mains que le générateur (corpus/data/written)")
    p.add_argument("--no-promote", action="store_true",
                   help="enregistrer le candidat et ses notes sans le mettre en service")
    p.add_argument("--user", default=login(), metavar="PERSONNE", help="qui entraîne, nommé dans le journal d'audit")
    p.add_argument("--out", type=Path, default=None,
                   help="écrire seulement le modèle dans ce dossier (rien dans le stockage, rien de promu)")
    p.set_defaults(func=run)


def run(args) -> int:
    from cli.errors import UsageError
    from flows.maintenance import CALIBRATION_SEED_OFFSET

    if args.count < 50:
        raise UsageError("--count : au moins 50 documents")
    if args.calibration_count < 13:
        raise UsageError("--calibration-count : au moins 13 documents")
    print(f"Entraînement sur {args.count} documents générés (graine {args.seed})"
          f"{'' if args.no_written else ', le courrier écrit hors du générateur'}"
          f"{'' if args.no_corrections else ' et les corrections des opérateurs'} ; calibration sur "
          f"{args.calibration_count} documents (graine {args.seed + CALIBRATION_SEED_OFFSET})…", file=sys.stderr)
    if args.out is not None:
        return _to_folder(args)
    from cli.model_cmd import scores_line, user_of
    from flows.retrain import train_candidate
    from wiring.runtime import runtime

    outcome = train_candidate(runtime(), user_of(args), count=args.count, seed=args.seed, epochs=args.epochs,
                              calibration_count=args.calibration_count, use_corrections=not args.no_corrections,
                              promote=not args.no_promote, use_written=not args.no_written)
    trained = outcome["trained"]
    print(f"Candidat {outcome['version']} ({trained['corrections']} corrections apprises, "
          f"{trained['held_back_corrections']} réservées) : {scores_line(outcome['scores'])}")
    print(outcome["report"])
    return 0 if outcome["promoted"] or args.no_promote else 1


def _to_folder(args) -> int:
    from flows.maintenance import build_model
    from storage.factory import open_store

    settings = load_settings()
    meta = build_model(open_store(settings), args.out, args.count, args.seed, args.epochs, args.calibration_count,
                       use_corrections=not args.no_corrections, use_written=not args.no_written)
    print(f"Modèle enregistré dans {args.out} : exactitude sur documents de calibration (bruit d'OCR) "
          f"{meta['held_out_accuracy']:.1%}, température {meta['temperature']}, "
          f"{meta['corrections']} corrections et {meta.get('written', 0)} documents écrits hors du générateur utilisés")
    return 0
