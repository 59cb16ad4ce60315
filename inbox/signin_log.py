"""What the sign-in form leaves behind: each success, failure and refusal while locked in the
log (logger ``aiguillage.web``: the login as typed and the client's address, never the
password), and each lock-out in the audit trail too (kind ``sign_in_locked``)."""

from __future__ import annotations

import logging
import re

log = logging.getLogger("aiguillage.web")
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")
UNKNOWN = "inconnu"


def succeeded(login: str, address: str) -> None:
    log.info("connexion réussie : identifiant %r, adresse %s", login, address)


def failed(login: str, address: str) -> None:
    log.warning("échec de connexion : identifiant %r, adresse %s", login, address)


def refused_while_locked(login: str, address: str) -> None:
    log.warning("connexion refusée (bloquée après des échecs répétés) : identifiant %r, adresse %s",
                login, address)


def locked_out(store, login: str, address: str, what: list[str]) -> None:
    """``what`` (``login``, ``address``) was just locked by repeated failures: logged and audited.
    The audit's actor is the login tried when it is one a person could have (else « inconnu »)."""
    from storage.audit import AuditEvent, record
    from storage.errors import StorageError

    log.warning("connexion bloquée (%s) après des échecs répétés : identifiant %r, adresse %s",
                " et ".join({"login": "identifiant", "address": "adresse"}[w] for w in what), login, address)
    actor = login if _LOGIN.match(login) else UNKNOWN
    try:
        record(store, AuditEvent("sign_in_locked", None, actor=actor,
                                 details={"login": login, "client": address, "locked": list(what)}))
    except StorageError as exc:  # the refusal stands; the log above keeps the trace
        log.error("verrouillage non consigné dans le journal d'audit : %s", exc)
