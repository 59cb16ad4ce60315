"""Working-day deadlines around French public holidays (config/working_days.py; issue 17 item 4):
the holidays come from the ``holidays`` package, moving feasts included; routing hours count as
working days of 24 h; an invoice is paid a few working days before its due date, never in the past."""

from __future__ import annotations

from datetime import date, datetime, timezone

import holidays
import pytest

from config.clock import PARIS
from config.working_days import (add_working_days, holiday_name, is_working_day, pay_by, payment_deadline,
                                 working_deadline)


def paris(y, m, d, hh=10, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=PARIS)


@pytest.mark.parametrize("day, name_has", [
    (date(2024, 4, 1), "Pâques"),       # Easter Monday
    (date(2024, 5, 1), "Travail"),      # 1er mai, a Wednesday
    (date(2024, 5, 9), "Ascension"),    # a Thursday
    (date(2024, 5, 20), "Pentecôte"),   # Whit Monday
    (date(2025, 7, 14), "nationale"),   # 14 juillet on a Monday
    (date(2024, 8, 15), "Assomption"),  # 15 août on a Thursday
])
def test_french_public_holidays_on_weekdays_are_days_off(day, name_has):
    assert day.weekday() < 5
    assert not is_working_day(day)
    assert name_has in holiday_name(day)


def test_moving_feasts_come_from_the_library_for_any_year():
    for year in (2019, 2031, 2042):  # no table of ours: Easter moves
        fr = holidays.France(years=year)
        for day in fr:
            assert not is_working_day(day), day
    assert is_working_day(date(2024, 5, 10))  # the Friday after Ascension is worked (no bridge by law)
    assert holiday_name(date(2024, 12, 26)) is None  # Saint-Étienne: Alsace-Moselle only, not metropolitan


def test_adding_working_days_skips_weekends_and_holidays():
    # Easter weekend: Friday 29 March 2024 + 1 = Tuesday 2 April (Sat, Sun, Easter Monday skipped)
    assert add_working_days(date(2024, 3, 29), 1) == date(2024, 4, 2)
    # Ascension bridge: Wednesday 8 May 2024 is itself a holiday (Victoire 1945), Thursday 9 too
    assert add_working_days(date(2024, 5, 7), 1) == date(2024, 5, 10)
    assert add_working_days(date(2024, 5, 7), 2) == date(2024, 5, 13)
    # 1er mai 2025 on a Thursday: Wednesday + 1 = Friday 2
    assert add_working_days(date(2025, 4, 30), 1) == date(2025, 5, 2)
    # 14 juillet 2025, a Monday, after a weekend: Friday 11 + 1 = Tuesday 15
    assert add_working_days(date(2025, 7, 11), 1) == date(2025, 7, 15)
    # 15 août 2024, a Thursday: Wednesday + 2 = Monday 19
    assert add_working_days(date(2024, 8, 14), 2) == date(2024, 8, 19)
    # backwards, and 0 on a day off is the next working day
    assert add_working_days(date(2024, 4, 2), -1) == date(2024, 3, 29)
    assert add_working_days(date(2024, 4, 1), 0) == date(2024, 4, 2)
    assert add_working_days(date(2024, 4, 3), 0) == date(2024, 4, 3)


def test_routing_hours_count_as_working_days_of_24_hours():
    # Friday 17:00 before Easter Monday, 24 h: Tuesday 17:00
    assert working_deadline(paris(2024, 3, 29, 17), 24) == paris(2024, 4, 2, 17)
    # a whole working week from Monday 6 May 2024 (8 and 9 May are holidays): Wednesday 15 May
    assert working_deadline(paris(2024, 5, 6, 9, 30), 120) == paris(2024, 5, 15, 9, 30)
    # received on a Saturday: one working day later is Monday
    assert working_deadline(paris(2025, 7, 12, 11), 24) == paris(2025, 7, 15, 11)  # Monday 14 is off
    # a remainder under 24 h is hours, moved off a day off: Friday 22:00 + 4 h -> Monday 02:00
    assert working_deadline(paris(2024, 8, 9, 22), 4) == paris(2024, 8, 12, 2)
    # Paris time of day is kept across the change to winter time (27 October 2024)
    end = working_deadline(datetime(2024, 10, 25, 8, 0, tzinfo=timezone.utc), 24)  # 10:00 CEST
    assert end == paris(2024, 10, 28, 10) and end.utcoffset().total_seconds() == 3600


def test_an_invoice_is_paid_lead_working_days_before_its_due_date():
    # due Monday 20 May 2024 (Whit Monday, a day off), 2 working days before: Thursday 16 May
    assert pay_by(date(2024, 5, 20), 2) == date(2024, 5, 16)
    # 0 days: the due date, or the working day before it when it is a day off
    assert pay_by(date(2024, 8, 15), 0) == date(2024, 8, 14)
    assert pay_by(date(2024, 8, 16), 0) == date(2024, 8, 16)
    deadline, late = payment_deadline(paris(2024, 5, 2, 9), date(2024, 5, 20), 2)
    assert (deadline, late) == (paris(2024, 5, 16, 18), False)


def test_a_payment_date_already_passed_becomes_the_next_working_day_flagged():
    # on Tuesday 13 August 2024, an invoice that had to be paid by 9 August: next working day,
    # Wednesday 14 (the 15th is a holiday, irrelevant here), flagged late
    deadline, late = payment_deadline(paris(2024, 8, 13, 11), date(2024, 8, 12), 1)
    assert late and deadline == paris(2024, 8, 14, 18)
    # on Wednesday 14 August, the next working day skips the 15th: Friday 16
    deadline, late = payment_deadline(paris(2024, 8, 14, 11), date(2024, 8, 14), 3)
    assert late and deadline == paris(2024, 8, 16, 18)
