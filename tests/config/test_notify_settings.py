"""The notification settings (config/notify.py): each wrong key named on load, with the fix;
no secret printed."""

from __future__ import annotations

import pytest

from config import load_settings
from config.errors import ConfigError
from config.notify import load_notify, shown_url
from config.taxonomy import load_taxonomy

GOOD = """notify:
  smtp_host: smtp.bailleur.fr
  sender: courrier@bailleur.fr
  teams:
    technique:
      email: [astreinte@bailleur.fr]
      webhooks: ["json://hooks.bailleur.fr/technique", "mmost://chat.bailleur.fr/abcdef0123456789"]
"""


def settings_from(tmp_path, monkeypatch, yaml: str, **env: str):
    (tmp_path / "aiguillage.yaml").write_text(yaml, encoding="utf-8")
    monkeypatch.setenv("AIGUILLAGE_HOME", str(tmp_path))
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return load_settings()


def test_a_good_configuration(tmp_path, monkeypatch):
    ns = load_notify(settings_from(tmp_path, monkeypatch, GOOD), load_taxonomy().queues)
    assert ns.enabled and ns.smtp.host == "smtp.bailleur.fr" and ns.smtp.port == 25 and ns.digest_at == "07:30"
    assert ns.channels("technique").emails == ("astreinte@bailleur.fr",)
    assert len(ns.channels("technique").webhooks) == 2 and ns.channels("recouvrement") is None


def test_nothing_configured_is_off(tmp_path, monkeypatch):
    monkeypatch.setenv("AIGUILLAGE_HOME", str(tmp_path))
    assert not load_notify(load_settings(), load_taxonomy().queues).enabled


@pytest.mark.parametrize("yaml, key, words", [
    (GOOD.replace("    technique:", "    plomberie:"), "notify.teams.plomberie", "inconnue"),
    (GOOD.replace("json://hooks", "nimportequoi://hooks"), "notify.teams.technique.webhooks", "non reconnue"),
    (GOOD.replace("[astreinte@bailleur.fr]", "[astreinte-at-bailleur]"), "notify.teams.technique.email", "invalide"),
    (GOOD.replace("      email:", "      courriel:"), "notify.teams.technique.courriel", "clé inconnue"),
    (GOOD + "  digest_at: \"7h30\"\n", "notify.digest_at", "HH:MM"),
    (GOOD.replace("  smtp_host: smtp.bailleur.fr\n", ""), "notify.smtp_host", "aucun serveur SMTP"),
    (GOOD + "  smtp_user: aiguillage\n", "notify.smtp_password", "AIGUILLAGE_NOTIFY_SMTP_PASSWORD"),
    (GOOD + "  web_url: courrier.bailleur.fr\n", "notify.web_url", "http"),
])
def test_each_wrong_key_is_named_on_load(tmp_path, monkeypatch, yaml, key, words):
    with pytest.raises(ConfigError) as err:
        settings_from(tmp_path, monkeypatch, yaml)
    assert err.value.key == key and words in str(err.value)


def test_the_password_comes_from_the_environment_and_is_never_shown(tmp_path, monkeypatch):
    s = settings_from(tmp_path, monkeypatch, GOOD + "  smtp_user: aiguillage\n",
                      AIGUILLAGE_NOTIFY_SMTP_PASSWORD="s3cret-pass")
    assert load_notify(s, load_taxonomy().queues).smtp.password == "s3cret-pass"
    assert "s3cret-pass" not in str(s.describe())
    with pytest.raises(ConfigError):  # not in the YAML file
        settings_from(tmp_path, monkeypatch, GOOD + "  smtp_password: s3cret\n")


def test_a_webhook_url_is_shown_without_its_token():
    assert shown_url("msteams://team-token/abcdef/ghijk") == "msteams://team-token/…"
    assert shown_url("mmost://user:pass@chat.example.fr/tok") == "mmost://chat.example.fr/…"
