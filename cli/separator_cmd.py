"""``aiguillage separator-sheet OUT.pdf``: print the separator sheet to slip between documents."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("separator-sheet", help="écrire la feuille de séparation (PDF à imprimer)",
                              description="Écrit la feuille de séparation à glisser entre deux documents d'un lot.")
    p.add_argument("out", type=Path, metavar="SORTIE.pdf", help="fichier PDF à écrire")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from cli.errors import system_reason
    from config.errors import FileAccessError
    from extractors.separator import separator_sheet_pdf

    out: Path = args.out
    try:
        if out.parent and not out.parent.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(separator_sheet_pdf())
    except OSError as exc:  # cli.main: one line, exit 9 (8 when the disk is full)
        raise FileAccessError(f"impossible d'écrire « {out} » ({system_reason(exc)})") from exc
    print(f"Feuille de séparation écrite dans « {out} ». Imprimez-la et glissez-la entre deux documents.")
    return 0
