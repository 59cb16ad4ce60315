"""Entry point of the ``aiguillage`` command: parses arguments, maps errors to exit codes.

Each sub-command lives in its own module with ``register(subparsers)``; the module sets
``func`` on its parser. Errors that users can fix print one French line, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import traceback

from cli.errors import exit_code_of, failure_message
from config.errors import ExitCode

# module name -> registered by its register(); order is the order of --help.
COMMAND_MODULES = ("cli.run_cmd", "cli.intake_cmd", "cli.serve_cmd", "cli.train_cmd", "cli.model_cmd", "cli.corpus_cmd", "cli.separator_cmd", "cli.inbox_cmd", "cli.status_cmd", "cli.notify_cmd", "cli.correct_cmd", "cli.learned_cmd", "cli.orders_cmd", "cli.alerts_cmd", "cli.export_cmd", "cli.retention_cmd", "cli.rgpd_cmd", "cli.routes_cmd", "cli.audit_cmd", "cli.web_cmd")


def build_parser() -> argparse.ArgumentParser:
    from cli.argparse_fr import install

    install()  # before any parser is built: argparse names its sections when it builds them
    parser = argparse.ArgumentParser(
        prog="aiguillage",
        description="Numérisation et aiguillage du courrier : OCR, classement, files des équipes.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure ends here, mapped once (README, "Codes de sortie"): an
    error of ours (``AiguillageError``) prints its French line and returns its code, a full
    disk 8, a refused local file 9, Ctrl-C 130. Only a bug (any other exception) prints a
    traceback, with exit status 1."""
    from cli.logs import run_at_end

    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return ExitCode.USAGE
        _logs_to_file()
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # here, where a closed pipe is caught, rather than at exit
        return code
    except KeyboardInterrupt:
        print(f"aiguillage : {ExitCode.INTERRUPTED.meaning}", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``aiguillage inbox list --json | head -1``): nothing more to say.
        _quiet_stdout()
        return ExitCode.OK
    except Exception as exc:  # noqa: BLE001 - the one place where failures become exit statuses
        return _failed(exc)
    finally:
        run_at_end()


def _failed(exc: Exception) -> int:
    code = exit_code_of(exc, default=-1)
    log = logging.getLogger("aiguillage")
    if code == -1:  # not one a user can cause or fix: a bug, shown whole
        if logging.root.handlers:  # the log file; never a second copy on the terminal
            log.error("échec inattendu", exc_info=exc)
        traceback.print_exception(exc, file=sys.stderr)
        print(f"aiguillage : erreur interne {type(exc).__name__} (un défaut du programme : signalez-le "
              "avec le message ci-dessus)", file=sys.stderr)
        return ExitCode.FAILED
    message = failure_message(exc)
    log.info("échec (code de sortie %d) : %s", code, message, exc_info=exc)  # the details, for support
    print(f"aiguillage : {message}", file=sys.stderr)
    return code


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that flushing it at exit raises nothing more."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _logs_to_file() -> None:
    """Messages logged by any command (retries, warnings) go to the data folder's log file,
    not to the terminal, where the command's own output and one-line errors are."""
    import os
    from pathlib import Path

    from cli.logs import log_file, send_logs_to_file
    from config.settings import default_home

    send_logs_to_file(log_file(Path(os.environ.get("AIGUILLAGE_HOME") or default_home()).expanduser()))
    # Libraries' warnings (PIL's "Corrupt EXIF data"…) go to the log, not to the terminal.
    logging.captureWarnings(True)


if __name__ == "__main__":
    sys.exit(main())
