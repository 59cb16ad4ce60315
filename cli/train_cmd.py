"""``aiguillage train``: (re)build the document-type model."""

from __future__ import annotations

import sys
from pathlib import Path

from config import load_settings

CALIBRATION_SEED_OFFSET = 500_000  # calibration documents come from another generator seed


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


def load_corrections(settings) -> list[tuple[str, str]]:
    from config import load_taxonomy
    from storage.corrections import training_examples
    from storage.factory import open_store

    return training_examples(open_store(settings), set(load_taxonomy().types))


def run(args) -> int:
    from cli.errors import UsageError
    from classifiers.train import train
    from corpus.texts import generate_texts

    if args.count < 50:
        raise UsageError("--count : au moins 50 documents")
    if args.calibration_count < 13:
        raise UsageError("--calibration-count : au moins 13 documents")
    settings = load_settings()
    out = args.out or settings.home / "model"
    examples = [(d["text"], d["type"]) for d in generate_texts(args.count, args.seed)]
    cal_seed = args.seed + CALIBRATION_SEED_OFFSET
    calibration = [(d["text"], d["type"]) for d in generate_texts(args.calibration_count, cal_seed)]
    corrections = [] if args.no_corrections else load_corrections(settings)
    print(f"Entraînement sur {len(examples)} documents générés (graine {args.seed}) et "
          f"{len(corrections)} corrections d'opérateurs ; calibration sur {len(calibration)} documents "
          f"(graine {cal_seed})…", file=sys.stderr)
    meta = train(examples, out, seed=args.seed, epochs=args.epochs, corrections=corrections,
                 calibration=calibration)
    print(f"Modèle enregistré dans {out} : exactitude sur documents de calibration (bruit d'OCR) "
          f"{meta['held_out_accuracy']:.1%}, température {meta['temperature']}, "
          f"{meta['corrections']} corrections utilisées")
    return 0
