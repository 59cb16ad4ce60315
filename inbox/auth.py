"""Who is signed in: argon2id password hashes, server-side sessions with a CSRF token each,
and a lock-out after repeated failures.

Sessions live in the object store (storage/sessions.py), so that several web processes and a
restarted one share them; they end after ``web.session_idle_minutes`` unused, after 12 hours,
and when the account changes (the web app compares ``Account.stamp``). The lock-out counts
failures per login (known or not, so it tells nothing about which logins exist) and per client
address, in this process's memory.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from storage import sessions as stored

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


def same_token(expected: str | None, given: object) -> bool:
    """``given`` is ``expected`` (both non-empty), compared in constant time. Never raises,
    whatever a client sent: ``hmac.compare_digest`` refuses non-ASCII text, so both are
    compared as UTF-8 bytes (a lone surrogate kept as such)."""
    if not expected or not given or not isinstance(expected, str) or not isinstance(given, str):
        return False
    return hmac.compare_digest(expected.encode("utf-8", "surrogatepass"), given.encode("utf-8", "surrogatepass"))


@dataclass
class Session:
    token: str
    login: str
    csrf: str
    created: float
    seen: float
    flash: list[tuple[str, str]] = field(default_factory=list)  # (kind, message)
    stamp: str = ""  # the account's stamp when signed in (``Account.stamp``)

    def check_csrf(self, token: str | None) -> bool:
        return same_token(self.csrf, token)


class Sessions:
    """Sessions kept in the object store (storage/sessions.py), shared by every web process
    and kept over a restart. ``store``: the store (default: the runtime's, looked up at each
    use); ``idle_seconds``: default setting ``web.session_idle_minutes``; ``clock``: epoch
    seconds (tests turn it). ``seen`` is written back at most once a minute; flash messages
    stay in this process's memory (cosmetic)."""

    REFRESH_SECONDS = 60.0
    PURGE_EVERY_SECONDS = 600.0
    MAX_TOKEN = 128  # ours are 43 characters: anything longer is not looked up

    def __init__(self, store=None, idle_seconds: float | None = None, max_seconds: float = 12 * 3600,
                 clock=time.time):
        self._store, self._idle, self.max, self.clock = store, idle_seconds, max_seconds, clock
        self._flashes: dict[str, tuple[float, list[tuple[str, str]]]] = {}
        self._lock = threading.Lock()
        self._purged = float("-inf")

    @property
    def store(self):
        if self._store is not None:
            return self._store
        from wiring.runtime import runtime

        return runtime().store

    @property
    def idle(self) -> float:
        if self._idle is not None:
            return self._idle
        from wiring.runtime import runtime

        return runtime().settings["web.session_idle_minutes"] * 60.0

    def open(self, login: str, now: float | None = None, stamp: str = "") -> Session:
        """A new session for ``login`` (signed in now); expired sessions are purged on the way."""
        now = self.clock() if now is None else now
        token = secrets.token_urlsafe(32)
        record = stored.SessionRecord(login, secrets.token_urlsafe(32), now, now, stamp)
        store = self.store
        stored.save(store, token, record)
        if now - self._purged > self.PURGE_EVERY_SECONDS:
            self._purged = now
            stored.purge(store, now, self.idle, self.max)
            self._forget_flashes(now)
        return self._session(token, record, now)

    def get(self, token: str | None, now: float | None = None) -> Session | None:
        """The session of ``token``; None when there is none or it expired (then deleted)."""
        if not token or not isinstance(token, str) or len(token) > self.MAX_TOKEN:
            return None
        now = self.clock() if now is None else now
        store = self.store
        record = stored.load(store, token)
        if record is None:
            return None
        if record.expired(now, self.idle, self.max):
            self.close(token)
            return None
        if now - record.seen >= min(self.REFRESH_SECONDS, self.idle / 10):  # once a minute at most
            record.seen = now
            stored.save(store, token, record)
        return self._session(token, record, now)

    def close(self, token: str | None) -> None:
        if not token or not isinstance(token, str) or len(token) > self.MAX_TOKEN:
            return
        stored.delete(self.store, token)
        with self._lock:
            self._flashes.pop(stored.session_id(token), None)

    def close_all(self, login: str) -> None:
        stored.delete_for(self.store, login)

    def _session(self, token: str, record, now: float) -> Session:
        with self._lock:
            sid = stored.session_id(token)
            flash = self._flashes.get(sid, (now, []))[1]
            self._flashes[sid] = (now, flash)
        return Session(token, record.login, record.csrf, record.created, record.seen, flash, record.stamp)

    def _forget_flashes(self, now: float) -> None:
        with self._lock:
            for sid in [s for s, (at, _) in self._flashes.items() if now - at > self.max]:
                del self._flashes[sid]


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

    def failed(self, login: str, address: str, now: float | None = None) -> list[str]:
        """Count a failure; returns what it locked: ``"login"``, ``"address"``, both or none."""
        now = time.time() if now is None else now
        locked = []
        with self._mutex:
            for what, key, limit in (("login", f"u:{login}", self.max), ("address", f"a:{address}", self.max * 4)):
                fails = [t for t in self._fails.get(key, []) if now - t < self.window] + [now]
                self._fails[key] = fails
                if len(fails) >= limit:
                    self._locked[key] = now + self.lock
                    self._fails[key] = []
                    locked.append(what)
        return locked

    def succeeded(self, login: str) -> None:
        with self._mutex:
            self._fails.pop(f"u:{login}", None)
