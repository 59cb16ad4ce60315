"""Retrying a call that may fail for a passing reason, with exponential backoff and jitter.

Ours rather than tenacity's: tenacity is not installed with our dependencies (Prefect does not
bring it), and this policy is one small class whose waits the tests
set directly; a new dependency would do the same with more to learn."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Callable, TypeVar

T = TypeVar("T")


class Retryable(Exception):
    """Raised by a call to ask for another attempt; ``cause`` is the original failure."""

    def __init__(self, cause: BaseException, reason: str):
        super().__init__(reason)
        self.cause = cause
        self.reason = reason


class RetriesExhausted(Exception):
    def __init__(self, last: Retryable, attempts: int):
        super().__init__(last.reason)
        self.last = last
        self.attempts = attempts


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5          # total tries, first one included
    base_delay: float = 0.2    # seconds before the second try
    max_delay: float = 5.0     # cap on one wait

    def delay(self, attempt: int) -> float:
        """Wait after failed try number ``attempt`` (1-based): base * 2^(n-1), capped, jittered."""
        full = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return full * (0.5 + random.random() / 2)


def call_with_retry(fn: Callable[[int], T], policy: RetryPolicy,
                    sleep: Callable[[float], None] = time.sleep) -> T:
    """Call ``fn(attempt)`` until it returns or raises something other than Retryable.

    After ``policy.attempts`` Retryable failures, raise RetriesExhausted.
    """
    attempts = max(1, policy.attempts)
    for attempt in range(1, attempts + 1):
        try:
            return fn(attempt)
        except Retryable as exc:
            if attempt == attempts:
                raise RetriesExhausted(exc, attempts) from exc.cause
            sleep(policy.delay(attempt))
    raise AssertionError("unreachable")
