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


def test_ctrl_c_works_even_when_the_command_was_started_with_sigint_ignored():
    """A parent that ignores SIGINT passes that on to the service it starts: inside the block,
    Ctrl-C raises KeyboardInterrupt all the same; the parent's choice comes back after it."""
    import signal

    from wiring.prefect_server import terminated_cleanly

    saved = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with terminated_cleanly():
            assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
            with pytest.raises(KeyboardInterrupt):
                signal.raise_signal(signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, saved)
