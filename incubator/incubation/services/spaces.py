"""Office space: allocating seats of a hub's spaces to incubating organisations without ever
promising a seat twice, also when two managers allocate at the same moment."""

from datetime import date, timedelta
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.notifications import notify_organisation_admins
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.models import Incubation, Organisation, Space, SpaceAllocation

NOT_INCUBATING = _("%(organisation)s is not incubating, so it cannot be given space.")
OTHER_HUB = _("%(space)s belongs to another hub than %(organisation)s.")
INACTIVE_SPACE = _("%(space)s is not in use.")
OUTSIDE_INCUBATION = _("The allocation must lie within the incubation, from %(start)s to %(end)s.")
BAD_DATES = _("The allocation cannot end before it starts.")
TOO_MANY_SEATS = _("%(space)s has only %(seats)s seats.")
CONFLICT = _("Not enough free seats in %(space)s (%(capacity)s seats): %(days)s.")
CONFLICT_DAYS = _("%(start)s to %(end)s, %(used)s taken and %(wanted)s asked")
SEATS_BELOW_ALLOCATED = _(
    "%(space)s cannot have fewer than %(used)s seats: that many are allocated on %(day)s."
)
DEACTIVATE_ALLOCATED = _(
    "%(space)s cannot be taken out of use: it is allocated until %(day)s. End those "
    "allocations first."
)
MOVE_ALLOCATED = _("%(space)s cannot move to another hub while it has allocations.")
END_NOT_EARLIER = _("The allocation already ends on %(end)s; choose an earlier day.")
END_BEFORE_START = _("The allocation starts on %(start)s; it cannot end before that.")


def usage_by_day(space: Space, starts_on: date, ends_on: date) -> dict[date, int]:
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
    conflicts = _conflict_ranges(usage_by_day(space, starts_on, ends_on), space.seats, seats)
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
    notify_organisation_admins(
        organisation,
        template="space_allocated",
        context={"allocation": allocation, "space": space},
        link=("portal:dashboard", []),
    )
    return allocation


def _peak_from(space: Space, day: date) -> tuple[int, date | None]:
    """The most seats allocated in ``space`` on any one day from ``day`` on, and that day."""
    last = (
        SpaceAllocation.objects.filter(space=space, ends_on__gte=day)
        .order_by("-ends_on")
        .values_list("ends_on", flat=True)
        .first()
    )
    if last is None:
        return 0, None
    usage = usage_by_day(space, day, last)
    peak_day = max(sorted(usage), key=lambda d: usage[d])
    return usage[peak_day], peak_day


@transaction.atomic
def space_update(*, space: Space, by, **changes) -> Space:
    """Change a space's fields (``changes`` maps field names to new values). Before: from today
    on, no day has more seats allocated than the new number of seats, a space taken out of use
    has no allocation from today on, and a space with allocations stays in its hub. After: the
    space, audited with the old and new values. The row is locked as in ``space_allocate``, so
    no allocation slips in between the check and the change."""
    locked = Space.objects.select_for_update().get(pk=space.pk)
    today = timezone.localdate()
    names = {"space": locked.code}
    seats = changes.get("seats", locked.seats)
    if "hub" in changes and changes["hub"].pk != locked.hub_id and locked.allocations.exists():
        raise ServiceError(MOVE_ALLOCATED % names, code="space_has_allocations")
    if changes.get("is_active", locked.is_active) is False and locked.is_active:
        last = (
            locked.allocations.filter(ends_on__gte=today)
            .order_by("-ends_on")
            .values_list("ends_on", flat=True)
            .first()
        )
        if last is not None:
            raise ServiceError(
                DEACTIVATE_ALLOCATED % {**names, "day": date_format(last)},
                code="space_allocated",
            )
    if seats < locked.seats:
        used, day = _peak_from(locked, today)
        if used > seats:
            raise ServiceError(
                SEATS_BELOW_ALLOCATED % {**names, "used": used, "day": date_format(day)},
                code="seats_below_allocated",
            )
    changed = {
        name: (getattr(locked, name), value)
        for name, value in changes.items()
        if getattr(locked, name) != value
    }
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    if changed:
        audit_log(instance=locked, action="incubator.space.change", user=by, changes=changed)
    return locked


@transaction.atomic
def allocation_end(*, allocation: SpaceAllocation, on: date, by) -> SpaceAllocation:
    """End an allocation early: its last day becomes ``on``. Before: ``on`` is earlier than its
    current end and not before its start. After: the shorter allocation, audited on the
    organisation; the seats after ``on`` are free again."""
    allocation = (
        SpaceAllocation.objects.select_for_update()
        .select_related("space", "organisation")
        .get(pk=allocation.pk)
    )
    if on >= allocation.ends_on:
        raise ServiceError(
            END_NOT_EARLIER % {"end": date_format(allocation.ends_on)}, code="not_earlier"
        )
    if on < allocation.starts_on:
        raise ServiceError(
            END_BEFORE_START % {"start": date_format(allocation.starts_on)},
            code="before_start",
        )
    _cut(allocation, on, by)
    return allocation


def _cut(allocation: SpaceAllocation, on: date, by, reason: str = "") -> None:
    was = allocation.ends_on
    allocation.ends_on = on
    allocation.save(update_fields=["ends_on"])
    audit_log(
        instance=allocation.organisation,
        action="incubator.space.end",
        user=by,
        reason=reason,
        data={
            "space": allocation.space.code,
            "seats": allocation.seats,
            "starts_on": allocation.starts_on.isoformat(),
            "ends_on": on.isoformat(),
            "was": was.isoformat(),
        },
    )


class AllocationsEnded(NamedTuple):
    """What ending an incubation did to its space: allocations cut short, allocations that had
    not started yet and were withdrawn, and waitlist entries cancelled."""

    cut: int
    withdrawn: int
    cancelled: int


@transaction.atomic
def allocations_end_for_incubation(
    *, incubation: Incubation, on: date, by, reason: str = ""
) -> AllocationsEnded:
    """Free the seats of an incubation that ends on ``on`` (graduation or exit). After: no
    allocation of the incubation runs past ``on`` (those running past it end on ``on``, those
    starting after it are withdrawn, both audited), and the organisation's waiting waitlist
    entries are cancelled. Safe to call twice: the second call finds nothing to do."""
    # Waitlist entries build on allocations, so that module imports this one, not the reverse.
    from incubator.incubation.services.waitlist import waitlist_cancel_for_organisation

    allocations = (
        SpaceAllocation.objects.select_for_update()
        .select_related("space", "organisation")
        .filter(incubation=incubation, ends_on__gt=on)
        .order_by("pk")
    )
    cut = withdrawn = 0
    for allocation in allocations:
        if allocation.starts_on > on:
            audit_log(
                instance=allocation.organisation,
                action="incubator.space.withdraw",
                user=by,
                reason=reason,
                data={
                    "space": allocation.space.code,
                    "seats": allocation.seats,
                    "starts_on": allocation.starts_on.isoformat(),
                    "ends_on": allocation.ends_on.isoformat(),
                },
            )
            allocation.delete()
            withdrawn += 1
        else:
            _cut(allocation, on, by, reason)
            cut += 1
    cancelled = waitlist_cancel_for_organisation(
        organisation=incubation.organisation, by=by, reason=reason
    )
    return AllocationsEnded(cut=cut, withdrawn=withdrawn, cancelled=cancelled)
