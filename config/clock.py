"""One time convention for what people and scripts read: Europe/Paris, the landlord's time.

Stored objects keep UTC (``…Z``); every time shown on screen or printed in JSON by the command
line and the web app goes through here: ISO 8601 with its offset in JSON
(``2026-03-02T09:15:00+01:00``), ``02/03/2026 09:15`` on screen.
"""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
SCREEN = "%d/%m/%Y %H:%M"


def paris(value: str | float | datetime | None) -> datetime | None:
    """A stored time (ISO text, epoch seconds or datetime; naive means UTC) in Paris time."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, (int, float)):
        moment = datetime.fromtimestamp(value, timezone.utc)
    else:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(PARIS)


def iso(value: str | float | datetime | None) -> str | None:
    """For JSON: ISO 8601 in Paris time with its offset, to the second; None stays None."""
    moment = paris(value)
    return moment.isoformat(timespec="seconds") if moment else None


def shown(value: str | float | datetime | None, fmt: str = SCREEN, empty: str = "-") -> str:
    """For people: Paris time in ``fmt``; text that is not a time is shown as it is."""
    try:
        moment = paris(value)
    except ValueError:
        return str(value)
    return moment.strftime(fmt) if moment else empty
