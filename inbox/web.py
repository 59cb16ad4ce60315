"""What every route needs: the signed-in person (or a redirect to sign in), the CSRF check,
the person's teams as ``Member``s (anything else is not found), and page rendering."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates

from config.accounts import Account, Accounts, accounts_path, load_accounts
from inbox import reads
from inbox.auth import Session, same_token
from storage.workitems import Member
from wiring.runtime import Runtime, runtime

SESSION_COOKIE = "aiguillage_session"
PRE_COOKIE = "aiguillage_pre"
_DOC_ID = re.compile(r"^[0-9a-f]{8,64}$")
HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))


class NotSignedIn(Exception):
    pass


class NotFound(Exception):
    """Answered as 404, whether the thing does not exist or is not this person's to see."""


class BadCsrf(Exception):
    pass


@dataclass
class Ctx:
    request: Request
    session: Session
    account: Account
    rt: Runtime

    def member(self, team: str) -> Member:
        if team not in self.account.teams:
            if team in self.rt.taxonomy.queues:  # another team's queue (anything else: just not found)
                self.refuse(team, "team")
            raise NotFound()
        restricted_teams = {t.queue for t in self.rt.taxonomy.types.values() if t.restricted}
        return Member(team, self.account.login, sees_restricted=team in restricted_teams)

    def members(self) -> list[Member]:
        return [self.member(t) for t in self.account.teams]

    def refuse(self, team: str, reason: str, document_id: str | None = None) -> NotFound:
        """Log this request as refused (``access_refused``, inbox/reads.py); the caller raises
        the NotFound returned, so the answer is the same as for what does not exist."""
        doc = document_id or self.request.path_params.get("document_id")
        doc = doc if isinstance(doc, str) and _DOC_ID.match(doc) else None
        reads.of(self.request.app).refused(self.rt.store, self.account.login, team, doc, reason,
                                           self.request.url.path)
        return NotFound()

    def flash(self, message: str, kind: str = "ok") -> None:
        self.session.flash.append((kind, message))


class AccountBook:
    """The accounts file, read again when it changes (``aiguillage web add-user`` while the
    app runs takes effect at once)."""

    def __init__(self, path: Path | None):
        self.fixed = path
        self._lock = threading.Lock()
        self._cache: tuple[Path, object, Accounts] | None = None

    def path(self, rt: Runtime) -> Path:
        return self.fixed or accounts_path(rt.settings.home)

    def load(self, rt: Runtime) -> Accounts:
        path = self.path(rt)
        try:  # the file is replaced whole (renamed): a new inode, whatever the clock's resolution
            st = path.stat()
            mtime: object = (st.st_mtime_ns, st.st_ino, st.st_size)
        except FileNotFoundError:
            mtime = None
        with self._lock:
            if self._cache and self._cache[0] == path and self._cache[1] == mtime:
                return self._cache[2]
            accounts = load_accounts(path, rt.taxonomy)
            self._cache = (path, mtime, accounts)
            return accounts


def current(request: Request) -> Ctx:
    """The signed-in person; raises NotSignedIn otherwise. A session ends (deleted from the
    store) when its account is removed, disabled, or changed since sign-in: new password,
    teams or roles (``Account.stamp``)."""
    state = request.app.state
    session = state.sessions.get(request.cookies.get(SESSION_COOKIE))
    if session is None:
        raise NotSignedIn()
    rt = runtime()
    account = state.accounts.load(rt).get(session.login)
    if account is None or account.disabled or not same_token(account.stamp, session.stamp):
        state.sessions.close(session.token)
        raise NotSignedIn()
    return Ctx(request, session, account, rt)


def acting(request: Request, csrf: str | None) -> Ctx:
    """For every POST: signed in, a valid CSRF token (checked before anything is looked up,
    so a forged request learns nothing), and an account allowed to act."""
    ctx = current(request)
    if not ctx.session.check_csrf(csrf):
        raise BadCsrf()
    if not ctx.account.can_act:
        raise NotFound()
    return ctx


def check_doc_id(document_id: str) -> str:
    if not _DOC_ID.match(document_id or ""):
        raise NotFound()
    return document_id


def render(ctx: Ctx | None, request: Request, name: str, status: int = 200, **values: Any):
    data: dict[str, Any] = {"ctx": ctx, "account": ctx.account if ctx else None,
                            "csrf": ctx.session.csrf if ctx else "",
                            "queue_labels": runtime().taxonomy.queues}
    if ctx is not None:
        data["flashes"] = list(ctx.session.flash)
        ctx.session.flash.clear()  # the list the sessions keep for this session
        data["review_queue"] = ctx.rt.taxonomy.review_queue
    data.update(values)
    return templates.TemplateResponse(request, name, data, status_code=status)


def safe_next(path: str | None) -> str:
    """Only a local path may follow sign-in (no open redirect)."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path and "\n" not in path:
        return path
    return "/"
