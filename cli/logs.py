"""Where messages go: the terminal shows the command's own output and errors; everything
logged (retries, Prefect, the web server) goes to AIGUILLAGE_HOME/logs/aiguillage.log."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

LOG_NAME = "aiguillage.log"


def log_file(home: Path) -> Path:
    return home / "logs" / LOG_NAME


def send_logs_to_file(logfile: Path, level: int = logging.INFO) -> None:
    """Route every logger to ``logfile`` through the root logger, and take console handlers
    off (ours and Prefect's; Prefect's handler that sends run logs to its API stays).
    Safe to call again after Prefect has set its logging up."""
    names = ["", "prefect", "aiguillage", "uvicorn", "httpx"] + [
        n for n in logging.root.manager.loggerDict if n.startswith(("prefect.", "uvicorn."))]
    for name in names:
        logger = logging.getLogger(name)
        for h in list(logger.handlers):
            if isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler):
                logger.removeHandler(h)
    logging.getLogger("prefect").propagate = True
    target = str(Path(logfile).resolve())
    for h in [h for h in logging.root.handlers if getattr(h, "_aiguillage", False)]:
        if getattr(h, "baseFilename", None) != target:  # another data folder: one log file at a time
            logging.root.removeHandler(h)
            h.close()
    if not any(getattr(h, "_aiguillage", False) for h in logging.root.handlers):
        try:
            Path(logfile).parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.FileHandler(logfile, encoding="utf-8")
        except OSError:
            handler = logging.NullHandler()  # an unwritable data folder is reported elsewhere
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.setLevel(level)
        handler._aiguillage = True  # type: ignore[attr-defined]
        logging.root.addHandler(handler)
    logging.root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)


_at_end: list = []


def at_end(fn) -> None:
    """Call ``fn`` when the command ends, after its last word (an error's line) is printed:
    for what would hide that line, like ``silence_exit_noise``."""
    _at_end.append(fn)


def run_at_end() -> None:
    while _at_end:
        fn = _at_end.pop()
        try:
            fn()
        except Exception:  # noqa: BLE001 - the command is over; nothing left to report it to
            logging.getLogger("aiguillage").debug("fin de commande", exc_info=True)


def silence_exit_noise(logfile: Path) -> None:
    """Send whatever is printed on stderr from now on (Prefect's temporary server shutting
    down) to the log file: the terminal shows our output only."""
    sys.stderr.flush()
    fd = os.open(logfile, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    os.dup2(fd, 2)
