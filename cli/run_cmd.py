"""``aiguillage run PATH... [--json]``: the whole pipeline on files and folders, once."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Callable

from cli.errors import UsageError, exit_code_of, failure_message
from config import Settings, load_settings, load_taxonomy
from config.registries import load_registries
from config.routing import load_routing


def register(sub) -> None:
    p = sub.add_parser("run", help="traiter des fichiers ou dossiers et aiguiller chaque document",
                       description="Lit chaque fichier (PDF, TIFF, PNG, JPEG), le découpe en documents, "
                                   "les lit (OCR), les classe et les dépose dans la file de l'équipe.")
    p.add_argument("paths", nargs="+", metavar="CHEMIN", help="fichiers ou dossiers à traiter")
    p.add_argument("--json", action="store_true", help="une ligne JSON par document (SPEC.md), rien d'autre")
    p.set_defaults(func=run)


class ModelUnavailable(UsageError):
    exit_code = 3


def start_pipeline(settings: Settings) -> tuple[Path, Callable[[], None]]:
    """Check every configuration file, then set Prefect up to log to our file, quietly.

    Returns the log file and the function to call last, which keeps Prefect's shutdown
    noise off the terminal."""
    taxonomy = load_taxonomy()
    load_routing(taxonomy, settings["routing.rules_file"])
    load_registries(settings["registries.suppliers_file"], settings["registries.tenants_file"])
    from cli.logs import send_logs_to_file, silence_exit_noise
    from flows.runtime import prepare_prefect_environment

    logfile = prepare_prefect_environment(settings)
    from classifiers.model import ModelMissing
    from flows.runtime import runtime

    from flows.batch import task_runner  # imports Prefect, which sets its logging up

    send_logs_to_file(logfile)
    task_runner()  # a task runner that cannot be built is a configuration error
    try:
        runtime().model
    except ModelMissing as exc:
        raise ModelUnavailable(str(exc)) from None
    return logfile, lambda: silence_exit_noise(logfile)


def run(args) -> int:
    from flows.intake import InputMissing, expand_inputs

    settings = load_settings()
    try:
        files, skipped = expand_inputs(args.paths)
    except InputMissing as exc:
        raise UsageError(str(exc)) from None
    folders = [f for f in skipped if f.is_dir()]
    skipped = [f for f in skipped if not f.is_dir()]
    if skipped:
        names = ", ".join(f.name for f in skipped[:3]) + (" …" if len(skipped) > 3 else "")
        print(f"aiguillage : {len(skipped)} fichier(s) ignoré(s), pas au format PDF, TIFF, PNG ou JPEG "
              f"({names})", file=sys.stderr)
    if folders:
        names = ", ".join(f.name for f in folders[:3]) + (" …" if len(folders) > 3 else "")
        print(f"aiguillage : {len(folders)} dossier(s) illisible(s), accès refusé ({names})", file=sys.stderr)
    logfile, quiet_exit = start_pipeline(settings)
    if not files:
        print("aiguillage : aucun fichier à traiter", file=sys.stderr)
        return 0
    from cli.progress import ProgressBar
    from flows.batch import run_batch

    bar = ProgressBar(len(files))

    def on_file(path: str, lines: list[dict]) -> None:
        if args.json:
            for line in lines:
                sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            sys.stdout.flush()

    try:
        lines = run_batch([str(f) for f in files], on_file=on_file, progress=bar)
    except Exception as exc:  # noqa: BLE001 - the log has the traceback, the terminal one line
        bar.close()
        logging.getLogger("aiguillage.run").exception("le traitement a échoué")
        print(f"aiguillage : le traitement a échoué ({failure_message(exc)}). "
              f"Détails dans {logfile}", file=sys.stderr)
        quiet_exit()
        return exit_code_of(exc)
    bar.close()
    if not args.json:
        from cli.output import run_summary

        print(run_summary(lines))
    sys.stdout.flush()
    quiet_exit()
    return 0
