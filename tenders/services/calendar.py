"""Working days: Monday to Friday, except public holidays, plus make-up working days on
weekends, as the calendar in the admin says (the State Council's yearly notice)."""

from datetime import date, timedelta

from tenders.models import CalendarDay


def _overrides(start: date, end: date) -> dict[date, str]:
    return dict(CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind"))


def is_working_day(day: date, overrides: dict[date, str] | None = None) -> bool:
    """Whether ``day`` is a working day."""
    if overrides is None:
        overrides = _overrides(day, day)
    kind = overrides.get(day)
    if kind == CalendarDay.Kind.HOLIDAY:
        return False
    if kind == CalendarDay.Kind.WORKING_DAY:
        return True
    return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    # A generous window: even the Spring Festival week and weekends fit in 3 days per day + 30.
    overrides = _overrides(start, start + timedelta(days=days * 3 + 30))
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, overrides):
            counted += 1
    return day


def working_days_before(end: date, days: int) -> date:
    """The date ``days`` working days before ``end`` (``end`` itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    overrides = _overrides(end - timedelta(days=days * 3 + 30), end)
    day, counted = end, 0
    while counted < days:
        day -= timedelta(days=1)
        if is_working_day(day, overrides):
            counted += 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``."""
    overrides = _overrides(start, end)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day, overrides)
    return count
