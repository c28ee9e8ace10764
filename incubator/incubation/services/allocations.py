"""Ending allocations: early, by a manager of the space, or all of an incubation's when it ends
(graduation or exit), withdrawing those that had not started and cancelling its waitlist
requests."""

from datetime import date
from typing import NamedTuple

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.incubation.selectors import (
    allocations_user_may_end,
    organisations_user_may_end_incubation,
)
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import require_allowed
from incubator.models import Incubation, SpaceAllocation

END_NOT_EARLIER = _("The allocation already ends on %(end)s; choose an earlier day.")
END_BEFORE_START = _("The allocation starts on %(start)s; it cannot end before that.")


@transaction.atomic
def allocation_end(*, allocation: SpaceAllocation, on: date, by) -> SpaceAllocation:
    """End an allocation early: its last day becomes ``on``. Before: ``on`` is earlier than its
    current end and not before its start. After: the shorter allocation, audited on the
    organisation; the seats after ``on`` are free again. Only those who manage its space."""
    require_allowed(allocations_user_may_end, by, allocation)
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
    entries are cancelled. Safe to call twice: the second call finds nothing to do. Only those
    who end the incubation (a manager of the organisation's hub)."""
    require_allowed(organisations_user_may_end_incubation, by, incubation.organisation)
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
