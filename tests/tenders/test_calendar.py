"""Working days as the State Council's notice on the 2026 holidays has them (国务院办公厅关于
2026年部分节假日安排的通知, 4 November 2025), from the ``holidays`` package with no override,
walked day by day; deadlines across the holidays; the bureau's overrides on top."""

from datetime import date, timedelta

import pytest

from incubator.incubation.reminders import working_days_before as kernel_working_days_before
from incubator.kernel.calendar import (
    add_working_days,
    is_working_day,
    working_days_before,
    working_days_between,
    year_calendar,
)
from tenders.models import CalendarDay

pytestmark = pytest.mark.django_db

# The notice, item by item: (first day off, last day off, make-up working days).
NOTICE_2026 = {
    "元旦": (date(2026, 1, 1), date(2026, 1, 3), [date(2026, 1, 4)]),
    "春节": (date(2026, 2, 15), date(2026, 2, 23), [date(2026, 2, 14), date(2026, 2, 28)]),
    "清明节": (date(2026, 4, 4), date(2026, 4, 6), []),
    "劳动节": (date(2026, 5, 1), date(2026, 5, 5), [date(2026, 5, 9)]),
    "端午节": (date(2026, 6, 19), date(2026, 6, 21), []),
    "中秋节": (date(2026, 9, 25), date(2026, 9, 27), []),
    "国庆节": (date(2026, 10, 1), date(2026, 10, 7), [date(2026, 9, 20), date(2026, 10, 10)]),
}


def _notice_days() -> tuple[set[date], set[date]]:
    off, on = set(), set()
    for first, last, make_up in NOTICE_2026.values():
        off |= {first + timedelta(days=n) for n in range((last - first).days + 1)}
        on |= set(make_up)
    return off, on


def test_every_day_of_2026_is_counted_as_the_notice_says():
    off, on = _notice_days()
    assert len(off) == 33 and len(on) == 6  # the notice's 33 days off and 6 make-up days
    day, wrong = date(2026, 1, 1), []
    while day.year == 2026:
        expected = day in on or (day.weekday() < 5 and day not in off)
        if is_working_day(day) != expected:
            wrong.append((day, expected))
        day += timedelta(days=1)
    assert wrong == []


def test_the_make_up_days_are_weekend_days_and_count_as_working_days():
    _, on = _notice_days()
    assert {day.weekday() for day in on} <= {5, 6}
    assert year_calendar(2026).working_weekend_days == frozenset(on)


def test_new_year_2026_is_three_days_and_sunday_the_4th_is_worked():
    assert not is_working_day(date(2026, 1, 2))  # a Friday off
    assert is_working_day(date(2026, 1, 4))  # a Sunday worked
    # Wednesday 31 December 2025: the next working day is Sunday 4 January.
    assert add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)
    assert add_working_days(date(2025, 12, 31), 2) == date(2026, 1, 5)
    assert working_days_before(date(2026, 1, 5), 1) == date(2026, 1, 4)
    assert working_days_before(date(2026, 1, 4), 1) == date(2025, 12, 31)


def test_deadlines_across_the_spring_festival():
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)  # the make-up Saturday
    assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)
    # 24, 25, 26, 27, Saturday 28 (make-up), 2, 3 March: seven working days.
    assert add_working_days(date(2026, 2, 14), 7) == date(2026, 3, 3)
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2


def test_deadlines_across_labour_day():
    assert add_working_days(date(2026, 4, 30), 1) == date(2026, 5, 6)
    # 7, 8, Saturday 9 (make-up), 11, 12, 13, 14 May.
    assert add_working_days(date(2026, 5, 6), 7) == date(2026, 5, 14)
    assert working_days_between(date(2026, 4, 30), date(2026, 5, 14)) == 8


def test_deadlines_across_national_day():
    assert is_working_day(date(2026, 9, 20))  # Sunday before, worked
    assert add_working_days(date(2026, 9, 19), 1) == date(2026, 9, 20)
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert add_working_days(date(2026, 10, 8), 2) == date(2026, 10, 10)  # the make-up Saturday
    assert working_days_before(date(2026, 10, 8), 1) == date(2026, 9, 30)


def test_the_kernel_counts_on_the_same_calendar():
    """Reminders of every app count through ``incubator.incubation.reminders``, which the
    tenders app lends this calendar."""
    assert kernel_working_days_before(date(2026, 1, 5), 1) == date(2026, 1, 4)
    assert kernel_working_days_before(date(2026, 10, 8), 1) == date(2026, 9, 30)


def test_an_override_of_the_bureau_wins_over_the_package():
    assert is_working_day(date(2026, 11, 2))
    CalendarDay.objects.create(
        date=date(2026, 11, 2), kind=CalendarDay.Kind.HOLIDAY, name="地方性调休"
    )
    assert not is_working_day(date(2026, 11, 2))
    assert add_working_days(date(2026, 10, 30), 1) == date(2026, 11, 3)
    CalendarDay.objects.create(date=date(2026, 2, 14), kind=CalendarDay.Kind.HOLIDAY)
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 24)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1)
