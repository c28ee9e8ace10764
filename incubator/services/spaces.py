"""Office space: allocating seats of a hub's spaces to incubating organisations without ever
promising a seat twice, also when two managers allocate at the same moment."""

from datetime import date, timedelta

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.audit import audit_log
from incubator.errors import ServiceError
from incubator.models import Incubation, Organisation, Space, SpaceAllocation

NOT_INCUBATING = _("%(organisation)s is not incubating, so it cannot be given space.")
OTHER_HUB = _("%(space)s belongs to another hub than %(organisation)s.")
INACTIVE_SPACE = _("%(space)s is not in use.")
OUTSIDE_INCUBATION = _("The allocation must lie within the incubation, from %(start)s to %(end)s.")
BAD_DATES = _("The allocation cannot end before it starts.")
TOO_MANY_SEATS = _("%(space)s has only %(seats)s seats.")
CONFLICT = _("Not enough free seats in %(space)s (%(capacity)s seats): %(days)s.")
CONFLICT_DAYS = _("%(start)s to %(end)s, %(used)s taken and %(wanted)s asked")


def _usage_by_day(space: Space, starts_on: date, ends_on: date) -> dict[date, int]:
    """Seats already allocated in ``space`` on each day of the period that has any."""
    usage: dict[date, int] = {}
    overlapping = SpaceAllocation.objects.filter(
        space=space, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).values_list("starts_on", "ends_on", "seats")
    for first, last, seats in overlapping:
        day = max(first, starts_on)
        while day <= min(last, ends_on):
            usage[day] = usage.get(day, 0) + seats
            day += timedelta(days=1)
    return usage


def _conflict_ranges(usage: dict[date, int], capacity: int, wanted: int):
    """Runs of consecutive days with the same overbooked count: (first, last, used)."""
    runs: list[list] = []
    for day in sorted(usage):
        used = usage[day]
        if used + wanted <= capacity:
            continue
        if runs and runs[-1][1] + timedelta(days=1) == day and runs[-1][2] == used:
            runs[-1][1] = day
        else:
            runs.append([day, day, used])
    return runs


@transaction.atomic
def space_allocate(
    *,
    space: Space,
    organisation: Organisation,
    seats: int,
    starts_on: date,
    ends_on: date,
    by,
) -> SpaceAllocation:
    """Give ``organisation`` ``seats`` of ``space`` from ``starts_on`` to ``ends_on``.
    Before: the organisation is incubating in the space's hub, the period lies within its
    incubation, and on every day of it the space has the seats free. After: the allocation,
    audited. The space row stays locked until commit, so concurrent allocations queue and the
    second one sees the first."""
    space = Space.objects.select_for_update().get(pk=space.pk)
    names = {"space": space.code, "organisation": organisation.name}
    if not space.is_active:
        raise ServiceError(INACTIVE_SPACE % names, code="inactive_space")
    if organisation.stage != Organisation.Stage.INCUBATING:
        raise ServiceError(NOT_INCUBATING % names, code="not_incubating")
    if organisation.hub_id != space.hub_id:
        raise ServiceError(OTHER_HUB % names, code="other_hub")
    if ends_on < starts_on:
        raise ServiceError(BAD_DATES, code="bad_dates")
    if seats < 1 or seats > space.seats:
        raise ServiceError(TOO_MANY_SEATS % {**names, "seats": space.seats}, code="too_many_seats")
    incubation = Incubation.objects.filter(organisation=organisation, ended_on__isnull=True).first()
    if incubation is None or not (
        incubation.started_on <= starts_on and ends_on <= incubation.planned_end_on
    ):
        raise ServiceError(
            OUTSIDE_INCUBATION
            % {
                "start": date_format(incubation.started_on) if incubation else "—",
                "end": date_format(incubation.planned_end_on) if incubation else "—",
            },
            code="outside_incubation",
        )
    conflicts = _conflict_ranges(_usage_by_day(space, starts_on, ends_on), space.seats, seats)
    if conflicts:
        days = "; ".join(
            str(CONFLICT_DAYS)
            % {
                "start": date_format(first),
                "end": date_format(last),
                "used": used,
                "wanted": seats,
            }
            for first, last, used in conflicts
        )
        raise ServiceError(
            CONFLICT % {"space": space.code, "capacity": space.seats, "days": days},
            code="seat_conflict",
        )
    allocation = SpaceAllocation(
        space=space,
        organisation=organisation,
        incubation=incubation,
        seats=seats,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
    )
    allocation.full_clean()
    allocation.save()
    audit_log(
        instance=organisation,
        action="incubator.space.allocate",
        user=by,
        data={
            "space": space.code,
            "seats": seats,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
        },
    )
    return allocation
