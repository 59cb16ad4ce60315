"""The web inbox: sign-in, the teams' inboxes, the document view, the vidéocodage station and
accounts payable's alerts and export.

``create_app()`` builds the FastAPI application; ``aiguillage web`` serves it with uvicorn.
Pages are rendered on the server (Jinja2); the little JavaScript there is (live checks and
keys of the station) is served from inbox/static, nothing from the network.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from fastapi import FastAPI, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from inbox import routes_ops, routes_payables, routes_station, routes_team, signin_log
from inbox.auth import Lockout, Sessions, same_token, verify_password
from inbox.guard import RequestGuard, error_page, sign_in_redirect
from inbox.views import FlowCounter
from inbox.web import (
    HERE,
    PRE_COOKIE,
    SESSION_COOKIE,
    AccountBook,
    BadCsrf,
    NotFound,
    NotSignedIn,
    current,
    safe_next,
    templates,
)
from wiring.runtime import runtime

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


def create_app(accounts_file: Path | None = None, secure_cookies: bool = False,
               lockout: Lockout | None = None, max_body_kb: int | None = None) -> FastAPI:
    """``accounts_file``: the accounts (default ``<AIGUILLAGE_HOME>/accounts.yaml``);
    ``secure_cookies``: cookies only over HTTPS (behind a TLS proxy); ``max_body_kb``: the
    largest request body (default: setting ``web.max_body_kb``)."""
    app = FastAPI(title="aiguillage — guichet", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.sessions = Sessions()
    app.state.lockout = lockout or Lockout()
    app.state.accounts = AccountBook(Path(accounts_file) if accounts_file else None)
    app.state.flows = FlowCounter()
    app.state.secure = secure_cookies
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    if max_body_kb is None:
        from config import load_settings

        max_body_kb = load_settings()["web.max_body_kb"]
    # Inside the headers' middleware below (added after it, so outside): size and session are
    # checked before anything reads the body.
    app.add_middleware(RequestGuard, max_body=max_body_kb * 1024)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        return _with_headers(request, await call_next(request))

    @app.exception_handler(Exception)
    async def server_fault(request: Request, exc: Exception):
        """A fault of ours (every input a client may send is answered otherwise): logged with
        the route, never the form or query (personal data), and a French page."""
        logging.getLogger("aiguillage.web").error("échec inattendu sur %s %s", request.method,
                                                  request.scope.get("route_path") or request.url.path, exc_info=exc)
        return _with_headers(request, error_page(request, 500))

    @app.exception_handler(RequestValidationError)
    async def unreadable_request(request: Request, _exc):
        return error_page(request, 400)

    @app.exception_handler(NotSignedIn)
    async def to_sign_in(request: Request, _exc):
        return sign_in_redirect(request.url.path if request.method == "GET" else "/")

    @app.exception_handler(NotFound)
    async def not_found(request: Request, _exc):
        return _not_found(request)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return _not_found(request)
        response = error_page(request, exc.status_code)
        for name, value in (exc.headers or {}).items():  # Allow of a 405
            response.headers[name] = value
        return response

    @app.exception_handler(BadCsrf)
    async def bad_csrf(request: Request, _exc):
        return templates.TemplateResponse(request, "error.html", {
            "ctx": None, "title": "Requête refusée",
            "message": "Jeton de sécurité absent ou invalide : rechargez la page et recommencez."},
            status_code=403)

    @app.get("/connexion")
    def sign_in_form(request: Request, suite: str = "/"):
        try:
            current(request)
            return RedirectResponse(safe_next(suite), status_code=303)
        except NotSignedIn:
            pass
        return _login_page(request, suite)

    @app.post("/connexion")
    def sign_in(request: Request, identifiant: str = Form(""), mot_de_passe: str = Form(""),
                csrf: str = Form(""), suite: str = Form("/")):
        pre = request.cookies.get(PRE_COOKIE)
        if not same_token(pre, csrf):
            raise BadCsrf()
        login = identifiant.strip().lower()[:64]
        # The connecting address, or the one a trusted proxy forwarded (web.trusted_proxies)
        address = (request.client.host if request.client else "?")[:64]
        lock: Lockout = app.state.lockout
        left = lock.locked_for(login, address)
        if left > 0:
            signin_log.refused_while_locked(login, address)
            return _login_page(request, suite, status=429, error=(
                f"Trop d'essais infructueux : connexion bloquée pendant encore {int(left // 60) + 1} min."))
        rt = runtime()
        account = app.state.accounts.load(rt).get(login)
        ok = verify_password(account.password_hash if account else None, mot_de_passe)
        if not ok or account is None or account.disabled:
            locked = lock.failed(login, address)
            signin_log.failed(login, address)
            if locked:
                signin_log.locked_out(rt.store, login, address, locked)
            return _login_page(request, suite, status=401, error="Identifiant ou mot de passe incorrect.")
        lock.succeeded(login)
        session = app.state.sessions.open(account.login, stamp=account.stamp)
        signin_log.succeeded(account.login, address)
        response = RedirectResponse(safe_next(suite), status_code=303)
        response.set_cookie(SESSION_COOKIE, session.token, httponly=True, samesite="strict",
                            secure=app.state.secure, path="/")
        response.delete_cookie(PRE_COOKIE, path="/")
        return response

    @app.post("/deconnexion")
    def sign_out(request: Request, csrf: str = Form("")):
        ctx = current(request)
        if not ctx.session.check_csrf(csrf):
            raise BadCsrf()
        app.state.sessions.close(ctx.session.token)
        response = RedirectResponse("/connexion", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @app.get("/")
    def home(request: Request):
        ctx = current(request)
        return RedirectResponse(f"/equipes/{ctx.account.teams[0]}", status_code=303)

    app.include_router(routes_team.router)
    app.include_router(routes_station.router)
    app.include_router(routes_payables.router)
    app.include_router(routes_ops.router)
    routes_ops.install_metrics()
    return app


def _with_headers(request: Request, response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    if not request.url.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"  # personal data: nothing kept by the browser
    return response


def _login_page(request: Request, suite: str, status: int = 200, error: str | None = None) -> Response:
    pre = secrets.token_urlsafe(32)
    response = templates.TemplateResponse(request, "login.html", {
        "ctx": None, "csrf": pre, "suite": safe_next(suite), "error": error}, status_code=status)
    response.set_cookie(PRE_COOKIE, pre, httponly=True, samesite="strict",
                        secure=request.app.state.secure, path="/")
    return response


def _not_found(request: Request) -> Response:
    return templates.TemplateResponse(request, "error.html", {
        "ctx": None, "title": "Introuvable", "message": "Cette page ou ce document n'existe pas."}, status_code=404)
