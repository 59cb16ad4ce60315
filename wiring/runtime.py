"""What every task needs, loaded once per process: settings, taxonomy, rules, registries,
the object store and the classification model (the one the store says is in service, checked
again every ``model.refresh_seconds``). Also the Prefect environment.

One ``Runtime`` is the context object: plain functions below the flows take it explicitly
(``deliver(rt, …)``, ``reprocess(rt, …)``, ``route_file(rt, …)``), and a flow takes it once at
its top. Prefect tasks are the exception: they may run in another process or on another
machine (``ocr.task_runner: processes``, workers), so they receive plain, small inputs and ask
``runtime()`` for this process's own copy (built once; a model and an S3 client do not travel).
"""

from __future__ import annotations

import logging
import os
import tarfile
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from config import Settings, Taxonomy, load_settings, load_taxonomy
from config.purchase_orders import OrderBook, PurchaseOrder, load_orders
from config.registries import Registries, load_registries
from config.routing import RoutingRules, load_routing
from storage.errors import ObjectNotFound

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
    purchase_orders: tuple[PurchaseOrder, ...] = ()  # as configured (CSV); ``orders_now()`` adds the ERP's import
    _learned: tuple = field(default=(None, None, 0.0), init=False, repr=False, compare=False)
    _learned_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)
    _orders: tuple = field(default=(None, None, 0.0), init=False, repr=False, compare=False)
    _orders_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)
    _model: tuple = field(default=(None, None, 0.0), init=False, repr=False, compare=False)  # version, model, checked at
    _model_pinned: bool = field(default=False, init=False, repr=False, compare=False)
    _model_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

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
        correction taught something), and the imported purchase orders at the next ``orders_now()``."""
        with self._learned_lock:
            learned, merged, _ = self._learned
            self._learned = (learned, merged, 0.0)
        with self._orders_lock:
            imported, book, _ = self._orders
            self._orders = (imported, book, 0.0)

    def orders_now(self) -> OrderBook:
        """The purchase orders: the configured registry with the ERP's extract imported into the
        store over it (storage/orders.py), read at most ``LEARNED_TTL_SECONDS`` ago, so that a
        long-lived process sees an import made on another machine."""
        with self._orders_lock:
            imported, book, read_at = self._orders
            if book is not None and time.monotonic() - read_at < LEARNED_TTL_SECONDS:
                return book
            from storage.errors import StorageError
            from storage.orders import imported_orders

            try:
                fresh = imported_orders(self.store)
            except StorageError as exc:  # the store will fail the batch itself; keep what was known
                log.warning("bons de commande importés illisibles (%s) : les précédents restent en usage", exc)
                fresh = imported if imported is not None else ()
            if book is None or fresh != imported:
                book = OrderBook.of(self.purchase_orders, fresh)
            self._orders = (fresh, book, time.monotonic())
            return book

    @cached_property
    def store(self):
        from storage.factory import open_store

        return open_store(self.settings)

    @property
    def model(self):
        """The document-type model in service: the version the store's promotion chain names
        (storage/models.py), else the embedded one. The chain is read again at most every
        ``model.refresh_seconds``; a newly promoted version is downloaded into
        ``AIGUILLAGE_HOME/cache/models`` (a cache: the store is the truth), loaded, and swapped
        in at once (a document under way keeps the model it started with). While one thread
        checks, the others go on with the current model; a version that cannot be loaded leaves
        the current one in service (logged). A process started while the store does not answer
        uses the embedded model until it does (its steps wait for the store anyway)."""
        version, model, checked = self._model
        if model is not None and (self._model_pinned or time.monotonic() - checked < self._model_ttl()):
            return model
        if not self._model_lock.acquire(blocking=model is None):
            return model  # another thread is checking
        try:
            version, model, checked = self._model
            if model is None or not (self._model_pinned or time.monotonic() - checked < self._model_ttl()):
                self._model = self._model_in_service(version, model)
            return self._model[1]
        finally:
            self._model_lock.release()

    @property
    def model_version(self) -> str | None:
        """The stored version of ``model``; None for the embedded model (or one given to ``use_model``)."""
        _ = self.model
        return self._model[0]

    @property
    def model_loaded(self) -> bool:
        """Whether a type model is loaded in this process (never loads it: for readiness)."""
        return self._model[1] is not None

    @property
    def loaded_model_version(self) -> str | None:
        """The stored version of the model loaded now (None: embedded, or none yet); never loads it."""
        return self._model[0]

    def use_model(self, model) -> None:
        """Use ``model`` from now on, whatever the store promotes (a benchmark of a model folder)."""
        with self._model_lock:
            self._model, self._model_pinned = (None, model, time.monotonic()), True

    def refresh_model(self) -> None:
        """Read the promotion chain again at the next ``model`` (this process just promoted)."""
        with self._model_lock:
            version, model, _ = self._model
            self._model = (version, model, float("-inf"))

    def _model_ttl(self) -> float:
        return float(self.settings["model.refresh_seconds"])

    def _model_in_service(self, version: str | None, model) -> tuple:
        from classifiers.model import ModelMissing, embedded_model_dir, load_model
        from storage import models
        from storage.errors import StorageError

        try:
            wanted = models.in_service(self.store)
        except (StorageError, models.ModelVersionError) as exc:
            if model is None:  # the store down at start: the embedded model meanwhile (the steps wait for the store)
                log.warning("modèle en service illisible dans le stockage (%s) : modèle intégré en attendant", exc)
                return None, load_model(embedded_model_dir()), time.monotonic()
            log.warning("modèle en service illisible dans le stockage (%s) : le modèle actuel reste", exc)
            return version, model, time.monotonic()
        if model is not None and wanted == version:
            return version, model, time.monotonic()
        cache = self.settings.home / "cache" / "models"
        try:
            loaded = load_model(embedded_model_dir() if wanted is None else models.fetch(self.store, wanted, cache))
        except (ModelMissing, StorageError, OSError, EOFError, tarfile.TarError) as exc:
            if model is None:
                if wanted is not None and isinstance(exc, StorageError) and not isinstance(exc, ObjectNotFound):
                    log.warning("modèle %s illisible dans le stockage (%s) : modèle intégré en attendant", wanted, exc)
                    return None, load_model(embedded_model_dir()), time.monotonic()
                damaged = isinstance(exc, (ModelMissing, ObjectNotFound, EOFError, tarfile.TarError))
                if wanted is None or not damaged:  # the embedded model itself, a full disk: said as such
                    raise
                reason = type(exc.__cause__ or exc).__name__
                raise ModelMissing(cache / wanted, f"modèle de classement en service {wanted} inutilisable "
                                                   f"({reason}) : « aiguillage model rollback » rétablit le "
                                                   "précédent") from exc
            log.warning("modèle %s inutilisable (%s) : le modèle %s reste en service", wanted, exc,
                        version or "intégré")
            return version, model, time.monotonic()
        log.info("modèle de classement en service : %s", wanted or "intégré")
        if wanted is not None:
            models.prune_cache(cache, wanted)
        return wanted, loaded, time.monotonic()


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
        purchase_orders=load_orders(settings["registries.purchase_orders_file"]),
    )
