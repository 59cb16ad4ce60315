"""How long each type of document is kept after its matter closed (RGPD: no longer than
needed; the law sets some periods), and where the web app caches page images.

The defaults are in ``config/data/taxonomy.yaml`` (``retention`` of each type, and
``quarantine_retention``); ``retention.periods`` in ``aiguillage.yaml`` overrides any of them:

    retention:
      periods: {supplier_quote: 6 ans, social_distress: 6 mois, quarantine: 60 jours}

A period is a number of days, or a text: ``10 ans``, ``6 mois``, ``30 jours`` (also ``10y``,
``6m``, ``30d``), or ``jamais`` (kept until erased by hand).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from config.errors import ConfigError

QUARANTINE = "quarantine"  # the key of quarantined files in retention.periods
NEVER = ("jamais", "never")
_PERIOD = re.compile(r"^(\d{1,5})\s*(ans?|années?|years?|y|mois|months?|m|jours?|days?|d|j)?$")
_UNIT_DAYS = {"a": 365.25, "y": 365.25, "m": 30.4375, "j": 1.0, "d": 1.0}
MAX_DAYS = 36500


def parse_period(raw: Any, source: str, key: str) -> int | None:
    """Days of a period (``10 ans`` -> 3653), None for ``jamais``; ConfigError naming ``key``."""
    if isinstance(raw, bool) or raw is None:
        raise ConfigError(source, key, f"durée « {raw} » invalide : ex. 10 ans, 6 mois, 30 jours ou jamais")
    if isinstance(raw, int):
        text = f"{raw} jours"
    else:
        text = str(raw).strip().lower()
    if text in NEVER:
        return None
    m = _PERIOD.match(text)
    if not m:
        raise ConfigError(source, key, f"durée « {raw} » invalide : ex. 10 ans, 6 mois, 30 jours ou jamais")
    days = math.ceil(int(m.group(1)) * _UNIT_DAYS[(m.group(2) or "j")[0]])
    if days > MAX_DAYS:
        raise ConfigError(source, key, f"durée « {raw} » trop longue (au plus 100 ans ; « jamais » pour tout garder)")
    return days


def describe(days: int | None) -> str:
    """A period as staff read it: ``10 ans``, ``6 mois``, ``30 jours``, ``jamais``."""
    if days is None:
        return "jamais"
    years = days / 365.25
    if days >= 365 and abs(years - round(years)) * 365.25 < 1:
        n = round(years)
        return f"{n} an{'s' if n > 1 else ''}"
    months = days / 30.4375
    if days >= 60 and abs(months - round(months)) * 30.4375 < 1:
        return f"{round(months)} mois"
    return f"{days} jour{'s' if days > 1 else ''}"


@dataclass(frozen=True)
class RetentionPolicy:
    by_type: Mapping[str, int | None]  # type code -> days after the matter closed (None: never)
    quarantine: int | None  # days after quarantine

    def days_for(self, doc_type: str | None, quarantined: bool = False) -> int | None:
        if quarantined:
            return self.quarantine
        return self.by_type.get(doc_type or "other", self.by_type.get("other"))

    def shortest(self) -> int | None:
        known = [d for d in (*self.by_type.values(), self.quarantine) if d is not None]
        return min(known) if known else None


def check_overrides(overrides: Mapping[str, Any], types: set[str], source: str) -> dict[str, int | None]:
    """``retention.periods`` checked: known type codes (or ``quarantine``) and valid periods."""
    out: dict[str, int | None] = {}
    for code, raw in overrides.items():
        key = f"retention.periods.{code}"
        if code != QUARANTINE and code not in types:
            raise ConfigError(source, key, f"type « {code} » inconnu (connus : {', '.join(sorted(types))}, "
                                           f"{QUARANTINE})")
        out[code] = parse_period(raw, source, key)
    return out


def policy(settings, taxonomy) -> RetentionPolicy:
    """The periods in force: the taxonomy's, then ``retention.periods`` over them."""
    overrides = check_overrides(settings["retention.periods"] or {}, set(taxonomy.types), settings.source)
    by_type = {code: overrides.get(code, t.retention_days) for code, t in taxonomy.types.items()}
    return RetentionPolicy(by_type, overrides.get(QUARANTINE, taxonomy.quarantine_retention_days))


def page_cache(home: Path) -> Path:
    """The web app's cache of rendered page images (one folder per document id)."""
    return Path(home) / "cache" / "pages"
