"""Working days: Monday to Friday, except public holidays, plus make-up working days on
weekends (调休). The holidays and make-up days of every year come from the ``holidays``
package (China: the statutory holidays, and the State Council notice's substituted days and
make-up working days once the package carries them); overrides come on top, and a year counts
as confirmed against the notice, from the calendar source an app registers
(``register_calendar_source``: the tenders app's, with the bureau's ``CalendarDay`` and
``CalendarYear``). A deadline counted through a year nobody has confirmed is provisional.

A year's calendar is built once and kept in the cache under a generation of its own, which
moves whenever an override or a confirmation changes (``calendar_changed``), so listing
deadlines costs no query per row. Entries live a minute at most: a process without a shared
cache (no REDIS_URL) learns of a confirmation made elsewhere within that minute."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext_lazy as _

import holidays

# Far enough for any count the services make (a count of 7 working days spans at most 3 years
# only in theory); a bound keeps a bad input from looping for ever.
MAX_SPAN_DAYS = 3 * 366


GENERATION_KEY = "working-calendar:generation"
TIMEOUT = 60
_MISSING = object()


def _generation() -> str:
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, uuid4().hex, None)
        current = cache.get(GENERATION_KEY)
    return current


def _cached(name: str, build):
    key = f"working-calendar:{_generation()}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid4().hex, None)


def calendar_changed(**kwargs) -> None:
    """An override or a confirmation changed: a new generation now and again on commit, so
    that no request that read the old state in between leaves it behind. Also a signal
    receiver (connected by the app that registers the calendar source)."""
    _new_generation()
    transaction.on_commit(_new_generation)


@lru_cache(maxsize=32)
def package_year(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """The ``holidays`` package's days off (with their Chinese names) and weekend make-up
    working days of ``year``. Fixed for a release of the package: kept per process."""
    china = holidays.country_holidays("CN", years=year, language="zh_CN")
    days_off = {day: name for day, name in china.items() if day.year == year}
    make_up = frozenset(day for day in china.weekend_workdays if day.year == year)
    return days_off, make_up


@dataclass(frozen=True)
class YearCalendar:
    """One year's working days as the system counts them, and who confirmed them."""

    year: int
    days_off: frozenset[date]
    working_weekend_days: frozenset[date]
    names: dict[date, str] = field(default_factory=dict)
    overridden: frozenset[date] = frozenset()
    notice_number: str = ""
    confirmed: bool = False

    def is_working_day(self, day: date) -> bool:
        if day in self.working_weekend_days:
            return True
        if day in self.days_off:
            return False
        return day.weekday() < 5

    def special_days(self) -> list[tuple[date, bool, str, bool]]:
        """The days that are not what their weekday says, in order: (day, working?, name,
        overridden by the bureau?)."""
        days = {day for day in self.days_off if day.weekday() < 5} | self.working_weekend_days
        return [
            (day, self.is_working_day(day), self.names.get(day, ""), day in self.overridden)
            for day in sorted(days)
        ]


@dataclass(frozen=True)
class CalendarSource:
    """What an app adds to the package's calendar: ``overrides(year)`` gives (day, working?,
    name) for the days it sets itself; ``confirmation(year)`` the notice number a year was
    confirmed against, or None; ``confirmed_years()`` every confirmed year."""

    overrides: Callable[[int], Iterable[tuple[date, bool, str]]]
    confirmation: Callable[[int], str | None]
    confirmed_years: Callable[[], Iterable[int]]


_NO_SOURCE = CalendarSource(
    overrides=lambda year: (), confirmation=lambda year: None, confirmed_years=lambda: ()
)
_source: list[CalendarSource] = [_NO_SOURCE]


def register_calendar_source(source: CalendarSource) -> None:
    """Called once at start-up by the app that keeps the overrides and confirmations."""
    _source[0] = source


def _build(year: int) -> YearCalendar:
    days_off, make_up = package_year(year)
    days_off, make_up, names = set(days_off), set(make_up), dict(days_off)
    overrides = list(_source[0].overrides(year))
    for day, working, name in overrides:
        if working:
            make_up.add(day)
            days_off.discard(day)
        else:
            days_off.add(day)
            make_up.discard(day)
        names[day] = name or names.get(day, "")
    notice_number = _source[0].confirmation(year)
    return YearCalendar(
        year=year,
        days_off=frozenset(days_off),
        working_weekend_days=frozenset(make_up),
        names=names,
        overridden=frozenset(day for day, _working, _name in overrides),
        notice_number=notice_number or "",
        confirmed=notice_number is not None,
    )


def year_calendar(year: int) -> YearCalendar:
    """The calendar of ``year``, from the shared cache (two queries when it is built)."""
    return _cached(f"year:{year}", lambda: _build(year))


def confirmed_years() -> frozenset[int]:
    """The years an officer has confirmed (one cached query)."""
    return _cached("confirmed", lambda: frozenset(_source[0].confirmed_years()))


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day."""
    return year_calendar(day.year).is_working_day(day)


def _walk(start: date, days: int, step: int) -> date:
    if days < 0:
        raise ValueError("days must not be negative")
    day, counted, calendar = start, 0, None
    while counted < days:
        day += timedelta(days=step)
        if abs((day - start).days) > MAX_SPAN_DAYS:
            raise ValueError("the count runs past the calendar's bound")
        if calendar is None or calendar.year != day.year:
            calendar = year_calendar(day.year)
        counted += calendar.is_working_day(day)
    return day


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted)."""
    return _walk(start, days, 1)


def working_days_before(end: date, days: int) -> date:
    """The date ``days`` working days before ``end`` (``end`` itself is not counted)."""
    return _walk(end, days, -1)


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


PROVISIONAL = _(
    "Provisional: counted on the %(years)s holiday calendar, which the bureau has not yet "
    "confirmed against the State Council's notice; it may still change, and any change will "
    "be announced."
)


@dataclass(frozen=True)
class DeadlineState:
    """Whether a deadline counted from ``start`` to ``end`` is final or provisional, and why."""

    unconfirmed_years: tuple[int, ...]

    @property
    def provisional(self) -> bool:
        return bool(self.unconfirmed_years)

    def __bool__(self) -> bool:
        return self.provisional

    @property
    def reason(self) -> str:
        if not self.unconfirmed_years:
            return ""
        years = "、".join(str(year) for year in self.unconfirmed_years)
        return str(PROVISIONAL) % {"years": years}


def deadline_state(start: date, end: date) -> DeadlineState:
    """The years from ``start`` to ``end`` that nobody has confirmed (none: the deadline is
    final)."""
    confirmed = confirmed_years()
    years = range(min(start, end).year, max(start, end).year + 1)
    return DeadlineState(tuple(year for year in years if year not in confirmed))
