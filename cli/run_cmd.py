"""``aiguillage run PATH... [--json]``: the whole pipeline on files and folders, once."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable

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


def start_pipeline(settings: Settings) -> tuple[Path, Callable[[], None]]:
    """Check every configuration file, then set Prefect up to log to our file, quietly.

    Returns the log file and the function to call last, which keeps Prefect's shutdown
    noise off the terminal (give it to cli.logs.at_end: it then runs after an error's line).
    A missing Tesseract language (ocr.languages) stops here, before any work (exit 3); a
    missing or unusable model too (exit 6)."""
    taxonomy = load_taxonomy()
    load_routing(taxonomy, settings["routing.rules_file"])
    load_registries(settings["registries.suppliers_file"], settings["registries.tenants_file"])
    from cli.logs import send_logs_to_file, silence_exit_noise
    from wiring.runtime import prepare_prefect_environment

    logfile = prepare_prefect_environment(settings)
    from wiring import temporary_server

    temporary_server.start(logfile)  # boots while the model loads
    from extractors.ocr import check_languages
    from wiring.runtime import runtime

    from wiring.runners import task_runner  # imports Prefect, which sets its logging up

    send_logs_to_file(logfile)
    task_runner()  # a task runner that cannot be built is a configuration error
    check_languages(settings["ocr.languages"], settings["ocr.engine"])
    runtime().model  # ModelMissing (exit 6) when missing or unusable
    temporary_server.wait()
    return logfile, lambda: silence_exit_noise(logfile)


def refused_credentials_first(settings: Settings) -> None:
    """An S3 server that refuses the credentials is said at once (exit 5), before the model and
    Prefect's server are started (about ten seconds): they would not come right by waiting. A
    server that does not answer is left to the batch, which waits for it to come back."""
    if settings["storage.backend"] != "s3":
        return
    from storage.errors import StorageAuthError
    from storage.factory import probe_store

    try:
        probe_store(settings)
    except StorageAuthError:
        raise
    except Exception:  # noqa: BLE001 - unreachable or anything else: the batch's own retries decide
        pass


def run(args) -> int:
    from flows.receipts import expand_inputs

    settings = load_settings()
    files, skipped = expand_inputs(args.paths)  # InputMissing: a usage error (exit 2)
    folders = [f for f in skipped if f.is_dir()]
    skipped = [f for f in skipped if not f.is_dir()]
    if skipped:
        names = ", ".join(f.name for f in skipped[:3]) + (" …" if len(skipped) > 3 else "")
        print(f"aiguillage : {len(skipped)} fichier(s) ignoré(s), pas au format PDF, TIFF, PNG ou JPEG "
              f"({names})", file=sys.stderr)
    if folders:
        names = ", ".join(f.name for f in folders[:3]) + (" …" if len(folders) > 3 else "")
        print(f"aiguillage : {len(folders)} dossier(s) illisible(s), accès refusé ({names})", file=sys.stderr)
    refused_credentials_first(settings)
    logfile, quiet_exit = start_pipeline(settings)
    from cli.logs import at_end

    at_end(quiet_exit)  # after cli.main has printed an error's line, if any
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

    try:  # a failure (storage down, a missing program…) ends in cli.main: one line, its exit status
        lines = run_batch([str(f) for f in files], on_file=on_file, progress=bar)
    finally:
        bar.close()
    if not args.json:
        from cli.output import run_summary

        print(run_summary(lines))
    sys.stdout.flush()
    return 0
