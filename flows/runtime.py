"""What every task needs, loaded once per process: settings, taxonomy, rules, registries,
the object store and the classification model. Also the Prefect environment.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from config import Settings, Taxonomy, load_settings, load_taxonomy
from config.registries import Registries, load_registries
from config.routing import RoutingRules, load_routing


def prepare_prefect_environment(settings: Settings) -> Path:
    """Before Prefect is imported: its state lives under AIGUILLAGE_HOME, no telemetry.

    Two runs with different AIGUILLAGE_HOME share nothing, Prefect's database included,
    unless the user points PREFECT_API_URL or PREFECT_HOME somewhere on purpose.
    """
    home = settings.home
    logs = home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("PREFECT_API_URL"):
        os.environ.setdefault("PREFECT_HOME", str(home / "prefect"))
        os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "60")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return logs / "aiguillage.log"


def send_logs_to_file(logfile: Path, level: int = logging.INFO) -> None:
    """Prefect's and our loggers write to ``logfile`` (through the root logger), not to the
    terminal; Prefect's handler that sends run logs to its API is kept."""
    handler = logging.FileHandler(logfile, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(level)
    names = ["prefect", "aiguillage", "uvicorn", "httpx"] + [
        n for n in logging.root.manager.loggerDict if n.startswith("prefect.")]
    for name in names:
        logger = logging.getLogger(name)
        for h in list(logger.handlers):
            if isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler):
                logger.removeHandler(h)
    for h in list(logging.root.handlers):
        if isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler):
            logging.root.removeHandler(h)
    logging.getLogger("prefect").propagate = True
    logging.root.addHandler(handler)
    logging.root.setLevel(min(logging.root.level or level, level))
    logging.getLogger("aiguillage").setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)


def silence_exit_noise(logfile: Path) -> None:
    """Send whatever is printed on stderr from now on (Prefect's temporary server shutting
    down) to the log file: the terminal shows our output only."""
    sys.stderr.flush()
    fd = os.open(logfile, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    os.dup2(fd, 2)


@dataclass
class Runtime:
    settings: Settings
    taxonomy: Taxonomy
    routing: RoutingRules
    registries: Registries

    @cached_property
    def store(self):
        from storage.factory import open_store

        return open_store(self.settings)

    @cached_property
    def model(self):
        from classifiers.model import MODEL_META, embedded_model_dir, load_model

        trained = self.settings.home / "model"
        return load_model(trained if (trained / MODEL_META).is_file() else embedded_model_dir())


def runtime() -> Runtime:
    """The runtime for the current ``AIGUILLAGE_*`` environment, built once per process."""
    key = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("AIGUILLAGE_")))
    return _runtime(key)


@lru_cache(maxsize=4)
def _runtime(_env_key: tuple) -> Runtime:
    settings = load_settings()
    taxonomy = load_taxonomy()
    return Runtime(
        settings=settings,
        taxonomy=taxonomy,
        routing=load_routing(taxonomy, settings["routing.rules_file"]),
        registries=load_registries(settings["registries.suppliers_file"], settings["registries.tenants_file"]),
    )
