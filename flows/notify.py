"""Telling a team: urgent mail at once, the morning digest of overdue items.

An urgent document (a gas smell, a water leak, violence at home) is written to the store's
outbox as it is delivered (``queue_urgent``), then sent by whichever process comes next
(``send_due``: right after the batch that delivered it, and at every round of ``serve``), by
e-mail (SMTP) and to the team's webhooks (Teams, Mattermost… through apprise). A failure
never stops the mail: the entry waits and is tried again (1 min, doubling, at most an hour
apart; given up after 3 days, audited). Restricted types are told without any personal
detail: no name, no type, no field, only that an urgent piece of mail waits, and where.
Every notification sent is an audit event (``notified``), with no address and no content.
"""

from __future__ import annotations

import logging
import smtplib
import time
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from config.clock import PARIS, shown
from config.notify import NotifySettings, TeamChannels, load_notify
from storage import notifications as outbox
from storage.audit import AuditEvent, record
from storage.notifications import Entry
from storage.queues import entries

log = logging.getLogger("aiguillage.notify")


def notify_settings(rt) -> NotifySettings:
    return load_notify(rt.settings, rt.taxonomy.queues)


# -- what is said ---------------------------------------------------------------------------

def urgent_message(rt, ns: NotifySettings, doc_id: str, queue: str, item: dict) -> tuple[str, str]:
    team = rt.taxonomy.queues.get(queue, queue)
    link = f"\nOuvrir : {ns.web_url}/equipes/{queue}/documents/{doc_id}" if ns.web_url else ""
    deadline = f"\nÀ traiter avant le {shown(item['deadline'])}." if item.get("deadline") else ""
    if item.get("restricted"):  # nothing that tells who, or what about
        return (f"[aiguillage] Courrier urgent pour l'équipe {team}",
                f"Un courrier urgent à accès restreint attend l'équipe {team}.{deadline}\n"
                f"Document {doc_id}.{link}\n")
    label = rt.taxonomy.type(item["type"]).label if item.get("type") else "document"
    why = ", ".join(item.get("urgency") or [])
    fields = item.get("fields") or {}
    where = " ; ".join(f"{name} {fields[key]}" for key, name in (("tenant_reference", "référence locataire"),
                                                                 ("postal_code", "code postal")) if fields.get(key))
    return (f"[aiguillage] Urgent : {label}" + (f" ({why})" if why else ""),
            f"Un courrier urgent vient d'arriver dans la file « {team} » : {label}"
            + (f", {why}" if why else "") + f".{deadline}\n" + (f"{where}.\n" if where else "")
            + f"Document {doc_id}.{link}\n")


def digest_message(rt, ns: NotifySettings, queue: str, now: float) -> tuple[str, str] | None:
    """The team's overdue open items, or None when there is none."""
    late = [e for e in entries(rt.store, queue) if e.deadline is not None and e.deadline < now]
    if not late:
        return None
    team = rt.taxonomy.queues.get(queue, queue)
    shown_items = [e for e in late if not e.restricted]
    hidden = len(late) - len(shown_items)
    lines = [f"{len(late)} élément(s) en retard dans la file « {team} » ce matin :", ""]
    for e in sorted(shown_items, key=lambda e: e.deadline or 0):
        label = rt.taxonomy.type(e.type).label if e.type else "document"
        lines.append(f"- {label}, échéance {shown(e.deadline)}, reçu le {shown(e.created)} (document {e.document_id})")
    if hidden:
        lines.append(f"- et {hidden} courrier(s) à accès restreint")
    if ns.web_url:
        lines += ["", f"Ouvrir la file : {ns.web_url}/equipes/{queue}?retard=1"]
    return f"[aiguillage] {len(late)} élément(s) en retard — {team}", "\n".join(lines) + "\n"


# -- queuing --------------------------------------------------------------------------------

def queue_urgent(rt, doc_id: str, queue: str, item: dict) -> bool:
    """Put the urgent document's notification in the outbox (nothing when the team has no
    channel). Never raises: a notification must not stop a delivery."""
    try:
        ns = notify_settings(rt)
        if ns.channels(queue) is None:
            return False
        subject, body = urgent_message(rt, ns, doc_id, queue, item)
        entry = Entry(outbox.entry_id("urgent", doc_id, queue), "urgent", queue, subject, body, doc_id,
                      bool(item.get("restricted")))
        return outbox.queue(rt.store, entry)
    except Exception as exc:  # noqa: BLE001 - logged; the document is routed all the same
        log.warning("notification urgente de %s non mise en attente (%s)", doc_id, exc)
        return False


def make_digests(rt, now: float | None = None) -> int:
    """Queue today's digest of each team with channels and overdue items (once a day: the
    entry's id is the team's and the day's)."""
    now = time.time() if now is None else now
    ns = notify_settings(rt)
    day = datetime.fromtimestamp(now, PARIS).date().isoformat()
    made = 0
    for team in ns.teams:
        message = digest_message(rt, ns, team, now)
        if message:
            made += outbox.queue(rt.store, Entry(outbox.entry_id("digest", team, day), "digest", team, *message))
    return made


# -- sending --------------------------------------------------------------------------------

def send_due(rt, now: float | None = None, ns: NotifySettings | None = None) -> dict[str, int]:
    """Send every entry whose time has come; counts of sent, failed, abandoned. Never raises."""
    counts = {"sent": 0, "failed": 0, "abandoned": 0}
    try:
        ns = ns or notify_settings(rt)
        if not ns.enabled:
            return counts  # the feature off: not even a LIST of the store
        now = time.time() if now is None else now
        for entry in list(outbox.pending(rt.store)):
            if entry.next_attempt_at > now or not outbox.claim(rt.store, entry):
                continue
            counts[_try(rt, ns, entry, now)] += 1
    except Exception as exc:  # noqa: BLE001 - the store down: the next round tries again
        log.warning("notifications : envoi reporté (%s)", exc)
    return counts


def _try(rt, ns: NotifySettings, entry: Entry, now: float) -> str:
    channels = ns.channels(entry.team) or TeamChannels()
    errors = []
    if channels.emails and "email" not in entry.done:
        try:
            send_email(ns, channels.emails, entry.subject, entry.body)
            entry.done.append("email")
        except (OSError, smtplib.SMTPException) as exc:
            errors.append(f"e-mail : {type(exc).__name__} {exc}".strip())
    for n, url in enumerate(channels.webhooks):
        if f"webhook:{n}" in entry.done:
            continue
        if send_webhook(url, entry.subject, entry.body):
            entry.done.append(f"webhook:{n}")
        else:
            from config.notify import shown_url

            errors.append(f"webhook {shown_url(url)} : refusé ou injoignable")
    details = {"kind": entry.kind, "channels": sorted({c.split(":")[0] for c in entry.done}),
               "recipients": len(channels.emails) + len(channels.webhooks), "attempt": entry.attempts + 1}
    if not errors:
        outbox.sent(rt.store, entry, now)
        _audit(rt, "notified", entry, details)
        return "sent"
    if now - entry.created_at >= outbox.MAX_AGE:
        entry.last_error = "; ".join(errors)[:300]
        outbox.abandoned(rt.store, entry, now)
        _audit(rt, "notification_abandoned", entry, dict(details, error=entry.last_error))
        log.error("notification %s abandonnée après %d essais : %s", entry.id, entry.attempts + 1, entry.last_error)
        return "abandoned"
    outbox.failed(rt.store, entry, "; ".join(errors), now)
    if entry.attempts == 1:
        _audit(rt, "notification_failed", entry, dict(details, error=entry.last_error))
    log.warning("notification %s non envoyée (essai %d) : %s ; nouvel essai à %s", entry.id, entry.attempts,
                entry.last_error, shown(entry.next_attempt_at))
    return "failed"


def _audit(rt, kind: str, entry: Entry, details: dict) -> None:
    record(rt.store, AuditEvent(kind, entry.document_id, actor="notifications", queue=entry.team,
                                details=dict(details, notification=entry.id, restricted=entry.restricted)))


def send_email(ns: NotifySettings, to: tuple[str, ...], subject: str, body: str) -> None:
    smtp = ns.smtp
    if smtp is None:
        raise smtplib.SMTPException("aucun serveur SMTP réglé (notify.smtp_host)")
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = smtp.sender, ", ".join(to), subject
    msg["Date"], msg["Message-ID"] = formatdate(localtime=True), make_msgid(domain=smtp.sender.rsplit("@", 1)[-1])
    msg.set_content(body)
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as client:
        if smtp.starttls:
            client.starttls()
        if smtp.user:
            client.login(smtp.user, smtp.password or "")
        client.send_message(msg)


def send_webhook(url: str, title: str, body: str) -> bool:
    import apprise

    sender = apprise.Apprise()
    if not sender.add(url):
        return False
    return bool(sender.notify(body=body, title=title))


class ServeNotifier:
    """What ``aiguillage serve`` does for notifications at each of its rounds: today's digests
    once the time has come (``notify.digest_at``, Paris time; once a day, and once whichever
    station makes them), then whatever is due."""

    def __init__(self, rt):
        self.rt, self.digest_day = rt, None
        self.settings = notify_settings(rt)  # checked when the service started; read once

    def round(self, now: float | None = None) -> dict[str, int]:
        now = time.time() if now is None else now
        try:
            ns = self.settings
            if not ns.enabled:
                return {}
            moment = datetime.fromtimestamp(now, PARIS)
            if moment.strftime("%H:%M") >= ns.digest_at and self.digest_day != moment.date():
                make_digests(self.rt, now)
                self.digest_day = moment.date()
        except Exception as exc:  # noqa: BLE001 - the store down: the next round tries again
            log.warning("notifications : résumé du matin reporté (%s)", exc)
        return send_due(self.rt, now, self.settings)
