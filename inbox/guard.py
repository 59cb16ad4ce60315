"""What a request must pass before the app reads anything of it (an ASGI middleware, so that
nothing has touched the body yet):

- a body of at most ``max_body`` bytes: a larger Content-Length is refused (413) unread, and a
  body sent without one (chunked) is read only up to the limit, then refused;
- for every method that sends data (POST…), except the sign-in form, a session: without one
  the answer is the same redirect to the sign-in page as for any route, the body unread.

The error pages of the whole app are here too, in French.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inbox.web import SESSION_COOKIE, templates

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OPEN_FORMS = frozenset({"/connexion"})  # POSTed without a session

TITLES = {400: "Requête invalide", 403: "Requête refusée", 404: "Introuvable", 405: "Action impossible ici",
          413: "Envoi trop volumineux", 422: "Requête invalide", 500: "Erreur du serveur"}
MESSAGES = {
    400: "Le navigateur a envoyé une requête illisible : rechargez la page et recommencez.",
    405: "Cette adresse ne s'utilise pas ainsi : revenez à vos files.",
    413: "Ce qui a été envoyé dépasse la taille permise : raccourcissez le texte saisi et recommencez.",
    422: "Le formulaire envoyé est incomplet ou illisible : rechargez la page et recommencez.",
    500: "Un défaut du guichet a empêché de répondre ; il est consigné dans le journal. "
         "Recommencez, et prévenez l'équipe informatique s'il se répète.",
}


def error_page(request: Request, status: int, message: str | None = None) -> Response:
    """The French error page for ``status`` (a page of the app, never a traceback)."""
    return templates.TemplateResponse(request, "error.html", {
        "ctx": None, "title": TITLES.get(status, f"Erreur {status}"),
        "message": message or MESSAGES.get(status, "La requête n'a pas pu aboutir.")}, status_code=status)


def sign_in_redirect(target: str) -> Response:
    return RedirectResponse(f"/connexion?suite={quote(target)}", status_code=303)


class RequestGuard:
    """``max_body``: bytes a request body may hold."""

    def __init__(self, app: ASGIApp, max_body: int):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)  # headers and cookies only: the body is not touched
        declared = _content_length(scope)
        if declared == -1:
            return await error_page(request, 400)(scope, receive, send)
        if declared is not None and declared > self.max_body:
            return await error_page(request, 413)(scope, receive, send)
        if scope["method"] not in READ_ONLY_METHODS and scope["path"] not in OPEN_FORMS:
            sessions = scope["app"].state.sessions
            token = request.cookies.get(SESSION_COOKIE)
            if not token or await run_in_threadpool(sessions.get, token) is None:
                return await sign_in_redirect("/")(scope, receive, send)
        if declared is not None:
            return await self.app(scope, receive, send)
        # No Content-Length (chunked, or no body at all): read it here, up to the limit.
        body, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client went away: nobody to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return await error_page(request, 413)(scope, receive, send)
            body.append(chunk)
            if not message.get("more_body", False):
                break
        return await self.app(scope, _replay(b"".join(body), receive), send)


def _content_length(scope: Scope) -> int | None:
    """The declared body length; None when there is none, -1 when it is not a number (or
    several differing ones)."""
    values = {v.strip() for k, v in scope["headers"] if k == b"content-length"}
    if not values:
        return None
    if len(values) > 1:
        return -1
    value = values.pop()
    return int(value) if value.isdigit() and len(value) < 19 else -1


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: the client's disconnect, when it comes

    return replayed
