"""Urgent mail reaches a person (flows/notify.py): real documents through the batch flow, a
real SMTP server on loopback (aiosmtpd) and a real HTTP server taking the webhook's POST; an
SMTP outage delays but loses nothing; restricted types told without personal details; every
notification audited; the morning digest of overdue items."""

from __future__ import annotations

import json
import socket
import threading
import time
from email import message_from_bytes
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storage import notifications as outbox
from storage.audit import events
from tests.pages import letter_pdf

pytestmark = pytest.mark.slow

GAS = ["Paul DURAND", "12 rue des Lilas", "31200 Toulouse", "Réf. locataire : 20451237", "",
       "Objet : odeur de gaz dans la cage d'escalier", "", "Madame, Monsieur,",
       "Depuis ce matin une forte odeur de gaz envahit la cage d'escalier du bâtiment B.",
       "Les voisins ont peur, merci d'envoyer quelqu'un en urgence.", "", "Cordialement,", "Paul Durand"]
VIOLENCE = ["Sandrine MOREAU", "4 allée des Cèdres", "31770 Colomiers", "", "Madame, Monsieur,",
            "Mon conjoint est violent avec moi et mes enfants depuis des mois, il me frappe.",
            "J'ai peur pour notre sécurité et je dois quitter le logement au plus vite.",
            "Je vous demande de l'aide pour être relogée en urgence.", "", "Sandrine Moreau"]
QUIET = ["Jean MARTIN", "3 rue Bayard", "31000 Toulouse", "", "Madame, Monsieur,",
         "Je vous prie de bien vouloir m'adresser une quittance de loyer pour le mois de mars.",
         "", "Cordialement,", "Jean Martin"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """aiosmtpd on loopback, keeping every message it accepts."""

    def __init__(self, port: int):
        from aiosmtpd.controller import Controller

        self.messages: list = []
        mailbox = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
                mailbox.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content,
                                                                                     policy=email_policy)))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


class Hooks:
    """A local HTTP server taking the webhooks' POSTs."""

    def __init__(self):
        self.bodies: list[dict] = []
        hooks = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                n = int(self.headers.get("Content-Length") or 0)
                hooks.bodies.append({"path": self.path, "json": json.loads(self.rfile.read(n) or b"{}")})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *_):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def channels(aiguillage_home):
    """A data folder whose technique and social teams have e-mail, technique a webhook too."""
    smtp_port, hooks = free_port(), Hooks()
    aiguillage_home.mkdir(parents=True, exist_ok=True)
    (aiguillage_home / "aiguillage.yaml").write_text(
        "notify:\n"
        f"  smtp_host: 127.0.0.1\n  smtp_port: {smtp_port}\n  smtp_timeout: 3\n"
        "  sender: courrier@bailleur.example.fr\n  web_url: https://courrier.bailleur.example.fr\n"
        "  teams:\n"
        "    technique:\n      email: [astreinte@bailleur.example.fr]\n"
        f"      webhooks: [\"json://127.0.0.1:{hooks.port}/canal-technique\"]\n"
        "    accompagnement-social:\n      email: [social@bailleur.example.fr]\n", encoding="utf-8")
    yield smtp_port, hooks
    hooks.close()


def route(tmp_path, *letters: list[str]) -> list[dict]:
    from flows.batch import run_batch

    files = []
    for n, lines in enumerate(letters):
        f = tmp_path / f"lettre-{n}.pdf"
        f.write_bytes(letter_pdf(lines))
        files.append(str(f))
    return run_batch(files)


def test_urgent_mail_reaches_its_team_by_email_and_webhook_at_once(prefect_harness, channels, tmp_path):
    smtp_port, hooks = channels
    from wiring.runtime import runtime

    with Mailbox(smtp_port) as box:
        gas, quiet = route(tmp_path, GAS, QUIET)
    assert gas["queue"] == "technique" and gas["status"] in ("routed", "review")
    ((to, msg),) = box.messages  # the quiet letter tells nobody
    assert to == ["astreinte@bailleur.example.fr"]
    assert msg["Subject"].startswith("[aiguillage] Urgent : réclamation technique")
    body = msg.get_content()
    assert gas["document_id"] in body and "20451237" in body
    assert f"https://courrier.bailleur.example.fr/equipes/technique/documents/{gas['document_id']}" in body
    (hook,) = hooks.bodies
    assert hook["path"] == "/canal-technique" and gas["document_id"] in hook["json"]["message"]
    store = runtime().store
    (told,) = [e for e in events(store, gas["document_id"]) if e.kind == "notified"]
    assert told.queue == "technique" and told.details["channels"] == ["email", "webhook"]
    assert "astreinte" not in json.dumps(told.details)  # no address in the trail
    assert list(outbox.pending(store)) == [] and not [e for e in events(store, quiet["document_id"])
                                                      if e.kind.startswith("notif")]


def test_a_restricted_type_is_told_without_any_personal_detail(prefect_harness, channels, tmp_path):
    smtp_port, _ = channels
    with Mailbox(smtp_port) as box:
        (line,) = route(tmp_path, VIOLENCE)
    assert line["type"] == "social_distress" and line["queue"] == "accompagnement-social"
    ((to, msg),) = box.messages
    assert to == ["social@bailleur.example.fr"]
    text = msg["Subject"] + msg.get_content()
    assert line["document_id"] in text and "accès restreint" in text
    for personal in ("Moreau", "MOREAU", "Sandrine", "Colomiers", "31770", "violen", "conjoint", "détresse"):
        assert personal not in text, personal


def test_an_smtp_outage_delays_the_notification_and_loses_nothing(prefect_harness, channels, tmp_path):
    smtp_port, _ = channels
    from flows.notify import send_due
    from wiring.runtime import runtime

    (gas,) = route(tmp_path, GAS)  # no SMTP server listening: the document is routed all the same
    assert gas["queue"] == "technique"
    rt = runtime()
    (waiting,) = outbox.pending(rt.store)
    assert waiting.attempts == 1 and "e-mail" in waiting.last_error and waiting.done == ["webhook:0"]
    assert [e.kind for e in events(rt.store, gas["document_id"]) if e.kind.startswith("notif")] == [
        "notification_failed"]
    assert send_due(rt) == {"sent": 0, "failed": 0, "abandoned": 0}  # not due yet: waits its turn
    with Mailbox(smtp_port) as box:
        assert send_due(rt, now=time.time() + 120) == {"sent": 1, "failed": 0, "abandoned": 0}
        assert send_due(rt, now=time.time() + 7200) == {"sent": 0, "failed": 0, "abandoned": 0}
    assert len(box.messages) == 1  # once, the webhook already told is not told again
    assert list(outbox.pending(rt.store)) == []
    kinds = [e.kind for e in events(rt.store, gas["document_id"]) if e.kind.startswith("notif")]
    assert kinds == ["notification_failed", "notified"]


def test_given_up_after_three_days_and_said(prefect_harness, channels, tmp_path):
    from flows.notify import send_due
    from wiring.runtime import runtime

    (gas,) = route(tmp_path, GAS)
    rt = runtime()
    assert send_due(rt, now=time.time() + 4 * 86400) == {"sent": 0, "failed": 0, "abandoned": 1}
    assert list(outbox.pending(rt.store)) == [] and len(outbox.finished(rt.store, "abandoned")) == 1
    assert "notification_abandoned" in [e.kind for e in events(rt.store, gas["document_id"])]


def test_the_morning_digest_lists_each_teams_overdue_items(prefect_harness, channels, tmp_path):
    smtp_port, _ = channels
    from flows.notify import ServeNotifier
    from wiring.runtime import runtime

    with Mailbox(smtp_port) as box:
        gas, quiet = route(tmp_path, GAS, QUIET)
        box.messages.clear()
        from datetime import datetime, timedelta

        from config.clock import PARIS

        morning = (datetime.now(PARIS) + timedelta(days=30)).replace(hour=8, minute=0)  # every deadline passed
        later = morning.timestamp()
        notifier = ServeNotifier(runtime())
        notifier.round(now=later - 3600)  # 07:00: before notify.digest_at (07:30), no digest yet
        assert not [m for _, m in box.messages if "en retard" in m["Subject"]]
        notifier.round(now=later)
        notifier.round(now=later + 60)  # once a day
        ServeNotifier(runtime()).round(now=later + 120)  # and once whichever process makes it
    digests = [(to, m) for to, m in box.messages if "en retard" in m["Subject"]]
    (to, msg), = digests  # technique only: gestion-locative has no channel
    assert to == ["astreinte@bailleur.example.fr"] and msg["Subject"].endswith("Service technique")
    body = msg.get_content()
    assert gas["document_id"] in body and quiet["document_id"] not in body
    assert "réclamation technique" in body


def test_without_settings_nothing_is_written(prefect_harness, tmp_path):
    from flows.notify import send_due
    from wiring.runtime import runtime

    route(tmp_path, GAS)
    store = runtime().store
    from storage import layout

    assert list(store.list(layout.NOTIFICATIONS)) == []
    assert send_due(runtime()) == {"sent": 0, "failed": 0, "abandoned": 0}
