"""Who is signed in: argon2id password hashes, server-side sessions with a CSRF token each,
and a lock-out after repeated failures.

Sessions live in the web process's memory: a restart signs everybody out, which is the safe
default for staff working on personal data. The lock-out counts failures per login (known or
not, so it tells nothing about which logins exist) and per client address.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()  # argon2id, library defaults (RFC 9106 low-memory profile)
_DUMMY = _HASHER.hash(secrets.token_urlsafe(16))  # verified for unknown logins: same cost
MIN_PASSWORD = 10


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"mot de passe trop court ({MIN_PASSWORD} caractères au moins)")
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; always costs one argon2 verification."""
    try:
        return _HASHER.verify(password_hash or _DUMMY, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass
class Session:
    token: str
    login: str
    csrf: str
    created: float
    seen: float
    flash: list[tuple[str, str]] = field(default_factory=list)  # (kind, message)

    def check_csrf(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf, str(token))


class Sessions:
    def __init__(self, idle_seconds: float = 2 * 3600, max_seconds: float = 12 * 3600):
        self.idle, self.max = idle_seconds, max_seconds
        self._by_token: dict[str, Session] = {}
        self._lock = threading.Lock()

    def open(self, login: str, now: float | None = None) -> Session:
        now = time.time() if now is None else now
        s = Session(secrets.token_urlsafe(32), login, secrets.token_urlsafe(32), now, now)
        with self._lock:
            self._by_token[s.token] = s
            self._purge(now)
        return s

    def get(self, token: str | None, now: float | None = None) -> Session | None:
        if not token:
            return None
        now = time.time() if now is None else now
        with self._lock:
            s = self._by_token.get(token)
            if s is None:
                return None
            if now - s.seen > self.idle or now - s.created > self.max:
                del self._by_token[token]
                return None
            s.seen = now
            return s

    def close(self, token: str | None) -> None:
        with self._lock:
            self._by_token.pop(token or "", None)

    def close_all(self, login: str) -> None:
        with self._lock:
            for t in [t for t, s in self._by_token.items() if s.login == login]:
                del self._by_token[t]

    def _purge(self, now: float) -> None:
        for t in [t for t, s in self._by_token.items()
                  if now - s.seen > self.idle or now - s.created > self.max]:
            del self._by_token[t]


class Lockout:
    """``max_failures`` failed sign-ins within ``window`` seconds lock the login for ``lock``
    seconds; an address gets ``max_failures * 4`` before it is locked too."""

    def __init__(self, max_failures: int = 5, window: float = 15 * 60, lock: float = 15 * 60):
        self.max, self.window, self.lock = max_failures, window, lock
        self._fails: dict[str, list[float]] = {}
        self._locked: dict[str, float] = {}
        self._mutex = threading.Lock()

    def locked_for(self, login: str, address: str, now: float | None = None) -> float:
        """Seconds left before ``login`` from ``address`` may try again (0: may try now)."""
        now = time.time() if now is None else now
        with self._mutex:
            left = [self._locked.get(k, 0) - now for k in (f"u:{login}", f"a:{address}")]
        return max(0.0, *left)

    def failed(self, login: str, address: str, now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self._mutex:
            for key, limit in ((f"u:{login}", self.max), (f"a:{address}", self.max * 4)):
                fails = [t for t in self._fails.get(key, []) if now - t < self.window] + [now]
                self._fails[key] = fails
                if len(fails) >= limit:
                    self._locked[key] = now + self.lock
                    self._fails[key] = []

    def succeeded(self, login: str) -> None:
        with self._mutex:
            self._fails.pop(f"u:{login}", None)
