"""The bureau's share of the working-day calendar (``incubator.kernel.calendar`` counts the
days): its overrides of single days (``CalendarDay``) and the years an officer has confirmed
against the State Council's notice (``CalendarYear``), registered by ``TendersConfig``."""

from incubator.kernel.calendar import CalendarSource
from tenders.models import CalendarDay, CalendarYear


def bureau_overrides(year: int) -> list:
    """(day, working?, name) of the bureau's overrides in ``year``."""
    rows = CalendarDay.objects.filter(date__year=year).values_list("date", "kind", "name")
    return [(day, kind != CalendarDay.Kind.HOLIDAY, name) for day, kind, name in rows]


def bureau_confirmation(year: int) -> str | None:
    """The notice number ``year`` was confirmed against, or None while unconfirmed."""
    row = CalendarYear.objects.filter(year=year).values_list("notice_number").first()
    return row[0] if row else None


def bureau_confirmed_years() -> list[int]:
    return list(CalendarYear.objects.values_list("year", flat=True))


BUREAU_CALENDAR = CalendarSource(
    overrides=bureau_overrides,
    confirmation=bureau_confirmation,
    confirmed_years=bureau_confirmed_years,
)
