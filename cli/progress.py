"""A progress line for long runs, on the terminal only: pages done, pages per minute, ETA."""

from __future__ import annotations

import sys
import threading
import time


class ProgressBar:
    """Fed by the batch flow (flows.batch.Progress protocol); draws on stderr when it is a
    terminal, stays silent otherwise (logs, pipes, tests)."""

    def __init__(self, files: int, stream=None, min_interval: float = 0.5):
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.files_total, self.files_seen = files, 0
        self.pages_known = self.pages_done = 0
        self.started = time.monotonic()
        self._last = 0.0
        self._lock = threading.Lock()
        self.min_interval = min_interval

    def file_started(self, pages: int) -> None:
        with self._lock:
            self.files_seen += 1
            self.pages_known += pages
        self._draw()

    def page_done(self) -> None:
        with self._lock:
            self.pages_done += 1
        self._draw()

    def estimate(self) -> tuple[int, float, float | None]:
        """(pages expected in all, pages per minute, seconds left or None)."""
        elapsed = max(1e-6, time.monotonic() - self.started)
        per_file = self.pages_known / self.files_seen if self.files_seen else 1.0
        total = self.pages_known + round(per_file * (self.files_total - self.files_seen))
        rate = self.pages_done / elapsed * 60
        left = (total - self.pages_done) / (rate / 60) if self.pages_done else None
        return total, rate, left

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self.min_interval:
            return
        self._last = now
        total, rate, left = self.estimate()
        eta = f"reste ~{_duration(left)}" if left is not None else "estimation…"
        self.stream.write(f"\r  {self.pages_done}/{total} pages · {rate:.1f} pages/min · {eta}   ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds // 60 % 60:02d} min"
