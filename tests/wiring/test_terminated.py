"""SIGTERM under ``terminated_cleanly`` ends the command even when it lands inside code that
survives ordinary errors (a round, a page, a notification)."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from wiring.prefect_server import Terminated, terminated_cleanly


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="signals reach the main thread")
def test_sigterm_is_not_swallowed_by_code_that_survives_errors():
    swallowed = []
    with pytest.raises(Terminated):
        with terminated_cleanly():
            try:  # as a page, a round or the notifier does
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)
            except Exception as exc:  # noqa: BLE001
                swallowed.append(exc)
    assert swallowed == []
    assert signal.getsignal(signal.SIGTERM) is not None  # the previous handler is back
