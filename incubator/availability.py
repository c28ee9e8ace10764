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
