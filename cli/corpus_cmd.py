"""``aiguillage corpus generate OUT --count N --seed S``: realistic test documents with ground truth."""

from __future__ import annotations

import argparse
from pathlib import Path

TYPE_LABELS = {
    "supplier_invoice": "factures fournisseurs", "supplier_credit_note": "avoirs", "supplier_quote": "devis",
    "payment_difficulty": "difficultés de paiement", "repair_request": "réclamations techniques",
    "neighbour_dispute": "troubles de voisinage", "lease_termination": "congés",
    "certificate_or_receipt_request": "demandes d'attestation", "insurance_certificate": "attestations d'assurance",
    "housing_benefit": "courriers CAF", "social_distress": "détresse sociale", "legal_notice": "courriers juridiques",
    "other": "autres",
}
KIND_LABELS = {"scan": "scans", "digital": "PDF natifs", "facturx": "Factur-X", "batch": "lots avec séparateurs",
               "bad": "entrées défectueuses"}


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas un nombre entier") from None
    if value < 1:
        raise argparse.ArgumentTypeError("il faut au moins 1")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("corpus", help="générer un corpus de documents de test avec leur vérité terrain")
    sub = p.add_subparsers(dest="corpus_command", metavar="ACTION")
    g = sub.add_parser("generate", help="écrire N fichiers et leur vérité terrain dans un dossier",
                       description="Génère des courriers et factures réalistes (scans, PDF, Factur-X, lots, "
                                   "fichiers défectueux) avec un fichier .truth.json par fichier.")
    g.add_argument("out", type=Path, metavar="DOSSIER", help="dossier de sortie (créé au besoin)")
    g.add_argument("--count", type=_positive, default=50, help="nombre de fichiers (50 par défaut)")
    g.add_argument("--seed", type=int, default=2020, help="graine : même graine, mêmes fichiers (2020 par défaut)")
    g.add_argument("--dpi", type=_positive, default=None, help="résolution des scans (200 à 300 au hasard par défaut)")
    g.set_defaults(func=run_generate)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run_generate(args: argparse.Namespace) -> int:
    from cli.errors import system_reason
    from config.errors import FileAccessError
    from corpus.generate import generate

    out: Path = args.out
    if out.exists() and not out.is_dir():
        print(f"aiguillage : « {out} » existe et n'est pas un dossier")
        return 2
    try:
        manifest = generate(out, args.count, args.seed, dpi=args.dpi)
    except OSError as exc:  # cli.main: one line, exit 9 (8 when the disk is full)
        raise FileAccessError(f"écriture impossible dans « {out} » ({system_reason(exc)})") from exc
    s = manifest["summary"]
    print(f"Corpus écrit dans « {out} » : {s['files']} fichiers, {s['documents']} documents (graine {args.seed}).")
    print("  Fichiers : " + ", ".join(f"{n} {KIND_LABELS.get(k, k)}" for k, n in s["kinds"].items()))
    print("  Documents : " + ", ".join(f"{n} {TYPE_LABELS[t]}" for t, n in s["types"].items() if n))
    if s["bad_inputs"]:
        print("  Défectueux : " + ", ".join(f"{n} {k}" for k, n in s["bad_inputs"].items()))
    print(f"  Vérité terrain : un fichier .truth.json par fichier, sommaire dans « {out / 'manifest.json'} ».")
    return 0
