"""Working days in metropolitan France: deadlines that skip weekends and public holidays.

Public holidays come from the maintained ``holidays`` package (``holidays.France``, no
subdivision: metropolitan France without Alsace-Moselle's two extra days), never from a table
of ours: Easter Monday, Ascension and Whit Monday move every year. A working day is Monday to
Friday and not a public holiday. Dates are Europe/Paris dates (config/clock.py).

Deadlines (README, "Échéances"):

* the routing rules give ``deadline_hours``; they are counted in working days of 24 h: 24 h
  is one working day, 72 h three, 120 h five (a working week). The deadline is the same time
  of day that many working days later (a document received on Friday with 24 h is due on
  Monday, or Tuesday when Monday is a holiday; one received on Saturday is due on Monday). A
  remainder under 24 h is added as hours; landing on a day off moves it to the next working day.
* an invoice's payment: ``payment_lead_days`` working days before its due date, at the end of
  that working day (18:00, Paris); a due date on a day off counts from the working day before.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from config.clock import PARIS, paris

END_OF_DAY = time(18, 0)  # a payment date's deadline: the end of that working day, Paris time


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> dict[date, str]:
    return dict(holidays.France(years=year, language="fr"))


def holiday_name(day: date) -> str | None:
    """The French public holiday on ``day`` (its French name), or None."""
    return _holidays_of(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def add_working_days(start: date, n: int) -> date:
    """``n`` > 0: the n-th working day after ``start``; ``n`` < 0: the |n|-th working day
    before it; 0: ``start`` itself when it is a working day, else the next working day."""
    if n == 0:
        return start if is_working_day(start) else add_working_days(start, 1)
    step = timedelta(days=1 if n > 0 else -1)
    day, left = start, abs(n)
    while left:
        day += step
        if is_working_day(day):
            left -= 1
    return day


def next_working_day(day: date) -> date:
    return add_working_days(day, 1)


def working_day_on_or_before(day: date) -> date:
    return day if is_working_day(day) else add_working_days(day, -1)


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=PARIS)


def working_deadline(now: datetime, hours: float) -> datetime:
    """A routing rule's ``deadline_hours`` from ``now``, counted in working days of 24 h
    (module docstring); an aware datetime in Paris time."""
    local = paris(now)
    days, rest = divmod(max(float(hours), 0.0), 24.0)
    day = add_working_days(local.date(), int(days)) if days else local.date()
    moment = _at(day, local.time().replace(tzinfo=None)) + timedelta(hours=rest)
    if (days or rest) and not is_working_day(moment.date()):
        moment = _at(next_working_day(moment.date()), moment.time())
    return moment


def pay_by(due: date, lead_days: int) -> date:
    """The working day by which an invoice due on ``due`` must be paid: ``lead_days`` working
    days before it (0: the due date, or the working day before when it is a day off)."""
    return add_working_days(due, -lead_days) if lead_days > 0 else working_day_on_or_before(due)


def payment_deadline(now: datetime, due: date, lead_days: int) -> tuple[datetime, bool]:
    """When accounts payable must have paid an invoice due on ``due``, and whether that is
    already too late: a deadline never lies in the past, the next working day instead (as
    soon as possible), flagged ``True``."""
    local = paris(now)
    deadline = _at(pay_by(due, lead_days), END_OF_DAY)
    if deadline >= local:
        return deadline, False
    return _at(next_working_day(local.date()), END_OF_DAY), True
