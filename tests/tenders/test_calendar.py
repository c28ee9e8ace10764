from datetime import date

import pytest

from incubator.seeding import SeedLog
from tenders.calendar_2026 import CALENDAR_2026
from tenders.demo import seed_calendar_2026
from tenders.models import CalendarDay
from tenders.services.calendar import add_working_days, is_working_day, working_days_between


@pytest.fixture
def calendar_2026(db):
    seed_calendar_2026(SeedLog())


def test_weekends_are_off_without_a_calendar(db):
    assert add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)  # Friday → Monday
    assert add_working_days(date(2026, 3, 16), 5) == date(2026, 3, 23)


def test_working_days_skip_labour_day_and_count_its_make_up_saturday(calendar_2026):
    assert not is_working_day(date(2026, 5, 4))
    assert is_working_day(date(2026, 5, 9))  # a Saturday worked for Labour Day
    # Thursday 30 April: the next working day is Wednesday 6 May, after the holiday.
    assert add_working_days(date(2026, 4, 30), 1) == date(2026, 5, 6)
    # Then 7, 8, 9 (make-up Saturday), 11, 12, 13, 14 May.
    assert add_working_days(date(2026, 5, 6), 7) == date(2026, 5, 14)
    assert working_days_between(date(2026, 4, 30), date(2026, 5, 14)) == 8


def test_spring_festival_and_its_make_up_days(calendar_2026):
    assert is_working_day(date(2026, 2, 14))  # Saturday before the festival
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)


def test_the_demo_calendar_is_idempotent(calendar_2026):
    log = SeedLog()
    seed_calendar_2026(log)
    assert log.created == []
    assert CalendarDay.objects.count() == len(CALENDAR_2026)
