"""Riding out a storage outage in the pipeline: which failures are worth waiting for, and how.

Each storage call already retries for a few seconds (S3Store's RetryPolicy) before raising
StorageUnavailable. A pipeline step that gets it waits longer, with growing pauses
(``WAITS``: about two minutes in all), then tries the whole step again; the document waits
meanwhile and is routed when storage is back. Steps are idempotent (create-only work items,
content-addressed originals, same document ids), so a step tried again never routes twice.
Refused credentials (StorageAuthError) are not worth waiting for: they fail at once.

``retry_condition`` is for Prefect tasks (``retry_condition_fn``); ``patiently`` wraps a
plain call. Neither imports Prefect.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Callable, TypeVar

from storage.errors import StorageAuthError, StorageUnavailable

log = logging.getLogger("aiguillage.storage")
T = TypeVar("T")

WAITS: tuple[float, ...] = (1, 2, 5, 10, 20, 30, 30)  # seconds between tries of one step
OTHER_RETRIES = 2  # tries again after a failure that is not a storage outage (as before)


def transient(exc: BaseException | None) -> bool:
    """A failure that may pass: the storage server unreachable or failing."""
    return isinstance(exc, StorageUnavailable) and not isinstance(exc, StorageAuthError)


def retry_condition(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect ``retry_condition_fn``: always retry an outage (up to the task's ``retries``),
    never refused credentials, anything else at most ``OTHER_RETRIES`` times."""
    exc = _exception(state)
    if isinstance(exc, StorageAuthError):
        return False
    if transient(exc):
        log.warning("stockage indisponible (%s) : l'étape %s attend et réessaie", exc, getattr(task, "name", "?"))
        return True
    return int(getattr(task_run, "run_count", 1) or 1) <= OTHER_RETRIES


def patiently(fn: Callable[..., T], *args: Any, waits: tuple[float, ...] = WAITS,
              sleep: Callable[[float], None] = time.sleep, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)``, tried again after each pause of ``waits`` while storage is out."""
    for attempt, wait in enumerate((*waits, None), start=1):
        try:
            return fn(*args, **kwargs)
        except StorageUnavailable as exc:
            if wait is None or not transient(exc):
                raise
            log.warning("stockage indisponible (%s) : nouvel essai %d dans %g s", exc, attempt + 1, wait)
            sleep(wait)
    raise AssertionError("unreachable")


def _exception(state: Any) -> BaseException | None:
    data = getattr(state, "data", None)
    if isinstance(data, BaseException):
        return data
    try:
        result = state.result(raise_on_failure=False)
    except Exception:  # noqa: BLE001 - a result we cannot read is not a storage outage
        return None
    return result if isinstance(result, BaseException) else None


# For ``@task(..., **TASK_RETRIES)``: the pauses above between tries of a pipeline step.
TASK_RETRIES: dict[str, Any] = {"retries": len(WAITS), "retry_delay_seconds": list(WAITS),
                                "retry_condition_fn": retry_condition}
