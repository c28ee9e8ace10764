"""What a service site offers and when it is open, for the services directory, the care
vouchers and the back office: reads only, each light on queries. Load sites with
``with_offer`` (two prefetches for any number of sites) and the helpers below read the loaded
rows without asking the database again; the working-day calendar is cached by the kernel.

Times are China Standard Time: a moment is compared on the clock of Asia/Shanghai, whatever
time zone it was given in."""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, QuerySet

from incubator.kernel.calendar import year_calendar
from tenders.models import ServiceSite, SiteOpeningHours, SiteService, Weekday

SHANGHAI = ZoneInfo("Asia/Shanghai")


def with_offer(sites: QuerySet[ServiceSite]) -> QuerySet[ServiceSite]:
    """``sites`` with their opening hours and whole price list (offered or not) loaded: two
    queries for the lot, whatever their number."""
    return sites.prefetch_related(
        Prefetch("opening_hours", queryset=SiteOpeningHours.objects.order_by("weekday", "opens")),
        Prefetch("services", queryset=SiteService.objects.order_by("service_type", "name")),
    )


def is_public_holiday(day: date) -> bool:
    """Whether ``day`` is a day off of the working-day calendar other than an ordinary weekend
    (a public holiday, or a day the bureau declared off)."""
    calendar = year_calendar(day.year)
    return day in calendar.days_off and day not in calendar.working_weekend_days


def open_on(site: ServiceSite, day: date) -> bool:
    """Whether the site opens at all on ``day``: it has opening hours on that weekday, and the
    day is not a public holiday when the site closes on them. (A weekend made a working day
    keeps the site's weekend hours: sites keep their own week.)"""
    if site.closed_on_public_holidays and is_public_holiday(day):
        return False
    weekday = day.weekday()
    return any(span.weekday == weekday for span in site.opening_hours.all())


def open_at(site: ServiceSite, moment: datetime) -> bool:
    """Whether the site is open at ``moment`` (time-zone aware), read on the Shanghai clock:
    open on that day and inside one of its spans (opening time included, closing excluded)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("open_at needs a time-zone aware moment")
    local = moment.astimezone(SHANGHAI)
    if not open_on(site, local.date()):
        return False
    weekday, clock = local.weekday(), local.time()
    return any(
        span.weekday == weekday and span.opens <= clock < span.closes
        for span in site.opening_hours.all()
    )


def active_services(site: ServiceSite) -> list[SiteService]:
    """The services the site offers now (its price list without the withdrawn ones)."""
    return [service for service in site.services.all() if service.active]


def voucher_services(site: ServiceSite) -> list[SiteService]:
    """The offered services a care voucher pays for (those with a voucher price); none when
    the site does not take vouchers, whatever its price list says."""
    if not site.accepts_vouchers:
        return []
    return [service for service in active_services(site) if service.voucher_price is not None]


@dataclass(frozen=True)
class DayHours:
    """One weekday of a site's week: its label and its open spans (none: closed)."""

    weekday: int
    label: str
    spans: tuple[tuple[time, time], ...]

    @property
    def closed(self) -> bool:
        return not self.spans


def weekly_hours(site: ServiceSite) -> list[DayHours]:
    """The site's week, Monday first, each day with its spans in order (closed days too)."""
    spans: dict[int, list[tuple[time, time]]] = {day: [] for day in Weekday.values}
    for span in site.opening_hours.all():
        spans[span.weekday].append((span.opens, span.closes))
    return [
        DayHours(weekday=day, label=str(Weekday(day).label), spans=tuple(sorted(spans[day])))
        for day in Weekday.values
    ]
