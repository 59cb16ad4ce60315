"""Retention periods: the taxonomy's defaults per type, ``retention.periods`` over them, checked
on load with errors naming the key; ``retention.days`` refused with the way to migrate."""

from __future__ import annotations

import pytest

from config.errors import ConfigError
from config.retention import describe, parse_period, policy
from config.settings import load_settings
from config.taxonomy import load_taxonomy


def test_periods_read_as_staff_write_them():
    assert [parse_period(x, "f", "k") for x in ("10 ans", "1 an", "6 mois", "30 jours", "30d", 45, "jamais")] == \
        [3653, 366, 183, 30, 30, 45, None]
    assert [describe(d) for d in (3653, 366, 183, 30, None)] == ["10 ans", "1 an", "6 mois", "30 jours", "jamais"]
    for bad in ("6 semaines", "-3", "", True, "200 ans"):
        with pytest.raises(ConfigError, match="« k »"):
            parse_period(bad, "f", "k")


def test_defaults_follow_a_social_landlords_obligations():
    rules = policy(load_settings({}), load_taxonomy())
    years = {t: round(d / 365.25) for t, d in rules.by_type.items()}
    assert years["supplier_invoice"] == years["supplier_credit_note"] == 10  # Code de commerce L123-22
    assert years["supplier_quote"] == years["lease_termination"] == years["legal_notice"] == 5
    assert rules.by_type["social_distress"] == min(rules.by_type.values()) == rules.by_type["other"]
    assert rules.quarantine == 30 and rules.days_for("neighbour_dispute", quarantined=True) == 30
    assert rules.days_for("no_such_type") == rules.by_type["other"]


def test_overrides_in_the_configuration_file_are_checked(tmp_path):
    conf = tmp_path / "aiguillage.yaml"
    conf.write_text("retention:\n  periods: {supplier_quote: 6 ans, quarantine: 60 jours, other: jamais}\n")
    rules = policy(load_settings({}, conf), load_taxonomy())
    assert (rules.by_type["supplier_quote"], rules.quarantine, rules.by_type["other"]) == (2192, 60, None)
    assert rules.by_type["supplier_invoice"] == 3653  # the others keep their defaults
    conf.write_text("retention:\n  periods: {supplier_quot: 6 ans}\n")
    with pytest.raises(ConfigError, match="retention.periods.supplier_quot.*inconnu"):
        load_settings({}, conf)
    conf.write_text("retention:\n  periods: {other: bientôt}\n")
    with pytest.raises(ConfigError, match="retention.periods.other"):
        load_settings({}, conf)


def test_the_old_global_setting_says_how_to_migrate(tmp_path):
    conf = tmp_path / "aiguillage.yaml"
    conf.write_text("retention:\n  days: 365\n")
    with pytest.raises(ConfigError, match="retention.days.*retention.periods"):
        load_settings({}, conf)
    with pytest.raises(ConfigError, match="AIGUILLAGE_RETENTION_DAYS.*retention.periods"):
        load_settings({"AIGUILLAGE_RETENTION_DAYS": "365"})
