"""Seats at a glance: for one hub and year, the seats of each space free for a whole month, and
the hub's occupancy per month. Two queries whatever the number of spaces and allocations: the
spaces, then the year's allocations, computed in Python."""

import calendar
from dataclasses import dataclass
from datetime import date

from incubator.models import Hub, Space, SpaceAllocation


@dataclass(frozen=True)
class SpaceRow:
    """One space: the seats free on every day of each month (the month's minimum)."""

    space: Space
    free: list[int]


@dataclass(frozen=True)
class MonthOccupancy:
    """Seat-days used and available in one month; ``percent`` is None without any seats."""

    month: date
    used: int
    available: int

    @property
    def percent(self) -> int | None:
        if not self.available:
            return None
        return round(100 * self.used / self.available)


@dataclass(frozen=True)
class Availability:
    hub: Hub
    year: int
    months: list[date]
    rows: list[SpaceRow]
    occupancy: list[MonthOccupancy]


def hub_availability(*, hub: Hub, year: int) -> Availability:
    """Free seats per active space and month, and occupancy per month, of ``hub`` in ``year``."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    days = (last - first).days + 1
    spaces = list(Space.objects.filter(hub=hub, is_active=True).order_by("code"))
    used: dict[int, list[int]] = {space.pk: [0] * days for space in spaces}
    allocations = SpaceAllocation.objects.filter(
        space__hub=hub, space__is_active=True, starts_on__lte=last, ends_on__gte=first
    ).values_list("space_id", "starts_on", "ends_on", "seats")
    for space_id, starts_on, ends_on, seats in allocations:
        per_day = used[space_id]
        for index in range(
            (max(starts_on, first) - first).days, (min(ends_on, last) - first).days + 1
        ):
            per_day[index] += seats
    months = [date(year, month, 1) for month in range(1, 13)]
    spans = []  # (first index, last index + 1) of each month
    for month in months:
        start = (month - first).days
        spans.append((start, start + calendar.monthrange(year, month.month)[1]))
    rows = [
        SpaceRow(
            space=space,
            free=[space.seats - max(used[space.pk][start:end]) for start, end in spans],
        )
        for space in spaces
    ]
    occupancy = [
        MonthOccupancy(
            month=month,
            used=sum(sum(used[space.pk][start:end]) for space in spaces),
            available=sum(space.seats for space in spaces) * (end - start),
        )
        for month, (start, end) in zip(months, spans, strict=True)
    ]
    return Availability(hub=hub, year=year, months=months, rows=rows, occupancy=occupancy)


def last_months(today: date, count: int = 12) -> list[date]:
    """The first days of the ``count`` months ending with the month of ``today``, oldest first."""
    months = []
    year, month = today.year, today.month
    for _index in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def occupancy_by_hub(*, hub_ids: list[int], months: list[date]) -> dict[int, list[MonthOccupancy]]:
    """Occupancy of each hub in ``hub_ids`` for each month of ``months`` (first days of
    consecutive months): seat-days allocated in the hub's active spaces against their seats.
    Two queries whatever the number of hubs, spaces and allocations."""
    first = months[0]
    last = date(
        months[-1].year, months[-1].month, calendar.monthrange(months[-1].year, months[-1].month)[1]
    )
    spans = []  # (first day, last day) of each month
    for month in months:
        spans.append((month, month.replace(day=calendar.monthrange(month.year, month.month)[1])))
    seats: dict[int, int] = dict.fromkeys(hub_ids, 0)
    for hub_id, space_seats in Space.objects.filter(hub_id__in=hub_ids, is_active=True).values_list(
        "hub_id", "seats"
    ):
        seats[hub_id] += space_seats
    used: dict[int, list[int]] = {hub_id: [0] * len(months) for hub_id in hub_ids}
    allocations = SpaceAllocation.objects.filter(
        space__hub_id__in=hub_ids,
        space__is_active=True,
        starts_on__lte=last,
        ends_on__gte=first,
    ).values_list("space__hub_id", "starts_on", "ends_on", "seats")
    for hub_id, starts_on, ends_on, allocated in allocations:
        per_month = used[hub_id]
        for index, (month_first, month_last) in enumerate(spans):
            days = (min(ends_on, month_last) - max(starts_on, month_first)).days + 1
            if days > 0:
                per_month[index] += allocated * days
    return {
        hub_id: [
            MonthOccupancy(
                month=month,
                used=used[hub_id][index],
                available=seats[hub_id] * ((month_last - month_first).days + 1),
            )
            for index, (month, (month_first, month_last)) in enumerate(
                zip(months, spans, strict=True)
            )
        ]
        for hub_id in hub_ids
    }
