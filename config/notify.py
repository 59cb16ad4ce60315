"""Who is told what, and how: the notification settings, checked on load.

In ``aiguillage.yaml``::

    notify:
      smtp_host: smtp.bailleur.fr        # e-mail; the password only in AIGUILLAGE_NOTIFY_SMTP_PASSWORD
      smtp_port: 587
      smtp_starttls: true
      smtp_user: aiguillage
      sender: courrier@bailleur.fr
      web_url: https://courrier.bailleur.fr   # links to the web inbox
      digest_at: "07:30"                      # the morning digest of overdue items (Paris time)
      teams:
        technique:
          email: [astreinte-technique@bailleur.fr]
          webhooks: ["msteams://…", "mmost://mattermost.bailleur.fr/…"]   # apprise's URL syntax
        accompagnement-social:
          email: [accompagnement@bailleur.fr]

A team is a queue of the taxonomy. No ``teams`` (the embedded default): nothing is sent and
nothing is written. Each key is checked here and a wrong one named with the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from config.errors import ConfigError

_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[A-Za-z]{2,}$")
_CHANNEL_KEYS = {"email", "webhooks"}


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    starttls: bool
    user: str | None
    password: str | None
    sender: str
    timeout: float


@dataclass(frozen=True)
class TeamChannels:
    emails: tuple[str, ...] = ()
    webhooks: tuple[str, ...] = ()  # apprise URLs: secrets inside, never stored nor printed


@dataclass(frozen=True)
class NotifySettings:
    smtp: Smtp | None
    teams: Mapping[str, TeamChannels] = field(default_factory=dict)
    digest_at: str = "07:30"
    web_url: str | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.teams)

    def channels(self, team: str) -> TeamChannels | None:
        return self.teams.get(team)


def load_notify(settings, queues: Mapping[str, str]) -> NotifySettings:
    """The notification settings in force, checked against the taxonomy's ``queues``."""
    source = settings.source
    raw = settings["notify.teams"] or {}
    teams: dict[str, TeamChannels] = {}
    for team, spec in raw.items():
        key = f"notify.teams.{team}"
        if team not in queues:
            raise ConfigError(source, key, f"équipe « {team} » inconnue (files connues : {', '.join(queues)})")
        teams[team] = _channels(spec, source, key)
    smtp = None
    if settings["notify.smtp_host"]:
        smtp = Smtp(settings["notify.smtp_host"], settings["notify.smtp_port"], settings["notify.smtp_starttls"],
                    settings["notify.smtp_user"], settings["notify.smtp_password"], settings["notify.sender"],
                    settings["notify.smtp_timeout"])
    if any(t.emails for t in teams.values()) and smtp is None:
        raise ConfigError(source, "notify.smtp_host", "des adresses e-mail sont réglées dans notify.teams mais aucun "
                                                      "serveur SMTP : indiquez notify.smtp_host")
    if smtp is not None and smtp.user and not smtp.password:
        raise ConfigError(source, "notify.smtp_password", "notify.smtp_user est réglé sans mot de passe : "
                                                          "mettez-le dans AIGUILLAGE_NOTIFY_SMTP_PASSWORD")
    if not _EMAIL.match(settings["notify.sender"] or ""):
        raise ConfigError(source, "notify.sender", f"adresse d'expéditeur invalide : « {settings['notify.sender']} »")
    at = settings["notify.digest_at"]
    if not re.fullmatch(r"(?:[01]\d|2[0-3]):[0-5]\d", at or ""):
        raise ConfigError(source, "notify.digest_at", f"valeur « {at} » invalide : une heure HH:MM attendue, "
                                                      "entre guillemets dans le YAML (ex. \"07:30\")")
    url = settings["notify.web_url"]
    if url and not re.match(r"^https?://[^\s/]+", url):
        raise ConfigError(source, "notify.web_url", f"adresse « {url} » invalide : attendu http(s)://hôte[:port]")
    return NotifySettings(smtp, teams, at, url.rstrip("/") if url else None)


def _channels(spec: Any, source: str, key: str) -> TeamChannels:
    if not isinstance(spec, dict):
        raise ConfigError(source, key, "une table est attendue : email: [adresses], webhooks: [URL apprise]")
    unknown = set(spec) - _CHANNEL_KEYS
    if unknown:
        raise ConfigError(source, f"{key}.{sorted(unknown)[0]}", "clé inconnue (attendu : email, webhooks)")
    emails = _texts(spec.get("email"), source, f"{key}.email")
    for address in emails:
        if not _EMAIL.match(address):
            raise ConfigError(source, f"{key}.email", f"adresse e-mail invalide : « {address} »")
    hooks = _texts(spec.get("webhooks"), source, f"{key}.webhooks")
    for url in hooks:
        if not _apprise_accepts(url):
            raise ConfigError(source, f"{key}.webhooks", f"URL de notification non reconnue : « {shown_url(url)} » "
                                                         "(syntaxe d'apprise : msteams://…, mmost://…, json://hôte/chemin)")
    if not emails and not hooks:
        raise ConfigError(source, key, "ni email ni webhooks : retirez l'équipe ou donnez-lui un canal")
    return TeamChannels(emails, hooks)


def _texts(raw: Any, source: str, key: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise ConfigError(source, key, "une liste de textes est attendue")
    return tuple(x.strip() for x in raw)


def _apprise_accepts(url: str) -> bool:
    import apprise

    return apprise.Apprise.instantiate(url) is not None


def shown_url(url: str) -> str:
    """A webhook URL as it may be printed: its scheme and host, never its token."""
    m = re.match(r"^([a-z][a-z0-9+]*)://([^/?#@]*@)?([^/?#]*)", url or "", re.I)
    return f"{m.group(1)}://{m.group(3)}/…" if m else "…"
