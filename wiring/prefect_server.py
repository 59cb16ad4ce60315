"""Prefect's temporary server ends with the command that started it.

Without PREFECT_API_URL, Prefect starts its own API server as a child process on the first
flow run (or client) and stops it from an ``atexit`` hook. A process killed by SIGTERM's
default action runs no such hook, and uvicorn, once it has shut down on SIGTERM, raises the
signal again with the default action in place: the child would outlive ``aiguillage web``.
``terminated_cleanly`` turns SIGTERM into an exception, so the command ends like any other and
``stop_temporary_server`` (or Prefect's own hook) stops the child.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Iterator

from wiring import temporary_server

log = logging.getLogger("aiguillage.prefect")


class Terminated(BaseException):
    """SIGTERM was received (a service manager, ``kill``): the command is to end now. A
    ``BaseException``, like ``KeyboardInterrupt``: the ``except Exception`` that keep a round,
    a page or a notification going must not swallow it (the service then ran on after the
    signal, and a page being read when it came was failed with its name as the reason)."""


@contextmanager
def terminated_cleanly() -> Iterator[None]:
    """While the block runs, SIGTERM raises ``Terminated`` in the main thread (where signals
    are handled) instead of ending the process on the spot, and SIGINT raises
    ``KeyboardInterrupt`` even if the command was started with it ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_terminated(_signum, _frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, raise_terminated)
    # Ctrl-C stops the command even when it was started with SIGINT ignored (a parent that
    # ignores it passes that on: the service then ran on after Ctrl-C)
    previous_int = signal.getsignal(signal.SIGINT)
    if previous_int in (signal.SIG_IGN, signal.SIG_DFL, None):
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        if previous_int in (signal.SIG_IGN, signal.SIG_DFL):
            signal.signal(signal.SIGINT, previous_int)


def stop_temporary_server(starting: threading.Thread | None = None, wait_seconds: float = 60.0) -> None:
    """Stop Prefect's temporary server if this process started one (nothing otherwise).
    ``starting``: a thread that may still be starting it, waited for first (at most
    ``wait_seconds``), so that a server coming up during the stop is stopped too."""
    if starting is not None and starting.is_alive():
        starting.join(wait_seconds)
    temporary_server.stop()
    module = sys.modules.get("prefect.server.api.server")
    if module is None:  # never imported: no temporary server in this process
        return
    try:
        module.SubprocessASGIServer().stop()  # the instance Prefect started (one per process)
    except Exception:  # noqa: BLE001 - the command is ending; Prefect's atexit hook tries again
        log.warning("arrêt du serveur temporaire de Prefect en échec", exc_info=True)
