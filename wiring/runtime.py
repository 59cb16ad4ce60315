"""What every task needs, loaded once per process: settings, taxonomy, rules, registries,
the object store and the classification model. Also the Prefect environment.

One ``Runtime`` is the context object: plain functions below the flows take it explicitly
(``deliver(rt, …)``, ``reprocess(rt, …)``, ``route_file(rt, …)``), and a flow takes it once at
its top. Prefect tasks are the exception: they may run in another process or on another
machine (``ocr.task_runner: processes``, workers), so they receive plain, small inputs and ask
``runtime()`` for this process's own copy (built once; a model and an S3 client do not travel).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from config import Settings, Taxonomy, load_settings, load_taxonomy
from config.registries import Registries, load_registries
from config.routing import RoutingRules, load_routing

log = logging.getLogger("aiguillage.runtime")
LEARNED_TTL_SECONDS = 30.0  # a lesson learned on another machine reaches this process within this time


def prepare_prefect_environment(settings: Settings) -> Path:
    """Before Prefect is imported: its state lives under AIGUILLAGE_HOME, no telemetry.

    Two runs with different AIGUILLAGE_HOME share nothing, Prefect's database included,
    unless the user points PREFECT_API_URL or PREFECT_HOME somewhere on purpose.
    """
    home = settings.home
    (home / "logs").mkdir(parents=True, exist_ok=True)
    if not os.environ.get("PREFECT_API_URL"):
        os.environ.setdefault("PREFECT_HOME", str(home / "prefect"))
        os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "60")
        # The embedded server shares the cores with Tesseract. Its default records each task
        # run's events in a transaction of their own, ~25 ms of CPU per page; batched (within
        # its 5-second flush), a tenth of that. Run logs go to our log file, not to its database.
        os.environ.setdefault("PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE", "100")
        os.environ.setdefault("PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE", "100")
        os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return home / "logs" / "aiguillage.log"


@dataclass
class Runtime:
    settings: Settings
    taxonomy: Taxonomy
    routing: RoutingRules
    registries: Registries  # the registries as configured (CSV); ``registries_now()`` adds what corrections taught
    _learned: tuple = field(default=(None, None, 0.0), init=False, repr=False, compare=False)
    _learned_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    def registries_now(self) -> Registries:
        """The registries and the suppliers and tenants learned from validated corrections
        (storage/learned.py), read from the store at most ``LEARNED_TTL_SECONDS`` ago: a
        long-lived process (``serve``, a worker) sees another machine's lesson. The same object
        while nothing changed (extraction caches its indexes per registries object)."""
        with self._learned_lock:
            learned, merged, read_at = self._learned
            if merged is not None and time.monotonic() - read_at < LEARNED_TTL_SECONDS:
                return merged
            from storage.errors import StorageError
            from storage.learned import learned_entries

            try:
                fresh = learned_entries(self.store)
            except StorageError as exc:  # the store will fail the batch itself; extraction keeps what it knew
                log.warning("entrées apprises illisibles (%s) : les précédentes restent en usage", exc)
                fresh = learned if learned is not None else ((), ())
            if merged is None or fresh != learned:
                merged = self.registries.with_learned(*fresh)
            self._learned = (fresh, merged, time.monotonic())
            return merged

    def refresh_learned(self) -> None:
        """Read the learned entries again at the next ``registries_now()`` (a batch starts, a
        correction taught something)."""
        with self._learned_lock:
            learned, merged, _ = self._learned
            self._learned = (learned, merged, 0.0)

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
