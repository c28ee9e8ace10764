"""The waitlist: incubating organisations without (enough) space wait for seats of their hub,
and are served in the order they asked, unless the space on offer cannot hold the earlier ones."""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.notifications import notify_organisation_admins
from incubator.incubation.services.spaces import space_allocate, usage_by_day
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.models import Incubation, Organisation, Space, SpaceAllocation, WaitlistEntry

NOT_INCUBATING = _("%(organisation)s is not incubating, so it cannot join the waitlist.")
ALREADY_WAITING = _(
    "%(organisation)s is already on the waitlist since %(requested_at)s; change or cancel that "
    "request instead."
)
NO_SEATS = _("Ask for at least one seat.")
NOT_WAITING = _("This request is no longer waiting (%(status)s).")
OTHER_HUB = _("%(space)s belongs to another hub than this request.")
OUT_OF_ORDER = _(
    "%(organisation)s has waited longer (since %(requested_at)s) for %(seats)s seats, and "
    "%(space)s has room for them over that period. Serve or cancel that request first."
)


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


@transaction.atomic
def waitlist_add(
    *,
    organisation: Organisation,
    seats_wanted: int,
    wanted_from: date,
    kind: str = "",
    note: str = "",
    by,
) -> WaitlistEntry:
    """Put an organisation on its hub's waitlist. Before: it is incubating and has no waiting
    request. After: a waiting entry at the end of the line, audited on the organisation."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    names = {"organisation": organisation.name}
    live = Incubation.objects.filter(organisation=organisation, ended_on__isnull=True).exists()
    if organisation.stage != Organisation.Stage.INCUBATING or not live:
        raise ServiceError(NOT_INCUBATING % names, code="not_incubating")
    if seats_wanted < 1:
        raise ServiceError(NO_SEATS, code="no_seats")
    waiting = WaitlistEntry.objects.filter(
        organisation=organisation, status=WaitlistEntry.Status.WAITING
    ).first()
    if waiting is not None:
        raise ServiceError(
            ALREADY_WAITING % {**names, "requested_at": _when(waiting.requested_at)},
            code="already_waiting",
        )
    entry = WaitlistEntry(
        hub_id=organisation.hub_id,
        organisation=organisation,
        seats_wanted=seats_wanted,
        wanted_from=wanted_from,
        kind=kind,
        note=note,
        requested_by=by if getattr(by, "is_authenticated", False) else None,
    )
    entry.full_clean(exclude=["requested_by"])
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:  # a concurrent request for the same organisation won
        raise ServiceError(
            ALREADY_WAITING % {**names, "requested_at": _when(timezone.now())},
            code="already_waiting",
        ) from error
    audit_log(
        instance=organisation,
        action="incubator.waitlist.add",
        user=by,
        data={"seats": seats_wanted, "wanted_from": wanted_from.isoformat(), "kind": kind},
    )
    notify_organisation_admins(
        organisation,
        template="waitlist_added",
        context={"entry": entry},
        link=("portal:dashboard", []),
    )
    return entry


def _lock_waiting(entry: WaitlistEntry) -> WaitlistEntry:
    entry = (
        WaitlistEntry.objects.select_for_update()
        .select_related("organisation", "hub")
        .get(pk=entry.pk)
    )
    if entry.status != WaitlistEntry.Status.WAITING:
        raise ServiceError(NOT_WAITING % {"status": entry.get_status_display()}, code="not_waiting")
    return entry


def _close(entry: WaitlistEntry, status: str, by, reason: str = "", **data) -> None:
    entry.status = status
    entry.closed_at = timezone.now()
    entry.save(update_fields=["status", "closed_at", "allocation"])
    action = (
        "incubator.waitlist.serve"
        if status == WaitlistEntry.Status.SERVED
        else ("incubator.waitlist.cancel")
    )
    audit_log(
        instance=entry.organisation,
        action=action,
        user=by,
        reason=reason,
        data={"seats": entry.seats_wanted, "requested_at": _when(entry.requested_at), **data},
    )


@transaction.atomic
def waitlist_cancel(*, entry: WaitlistEntry, by, reason: str = "") -> WaitlistEntry:
    """Take a request off the waitlist. Before: it is waiting. After: cancelled, audited."""
    entry = _lock_waiting(entry)
    _close(entry, WaitlistEntry.Status.CANCELLED, by, reason)
    return entry


@transaction.atomic
def waitlist_cancel_for_organisation(*, organisation: Organisation, by, reason: str = "") -> int:
    """Cancel the organisation's waiting requests (when its incubation ends); how many."""
    entries = WaitlistEntry.objects.select_for_update().filter(
        organisation=organisation, status=WaitlistEntry.Status.WAITING
    )
    count = 0
    for entry in entries.select_related("organisation"):
        _close(entry, WaitlistEntry.Status.CANCELLED, by, reason)
        count += 1
    return count


def _earlier_that_fits(
    entry: WaitlistEntry, space: Space, starts_on: date, ends_on: date
) -> WaitlistEntry | None:
    """The first request waiting longer than ``entry`` in its hub that ``space`` could hold on
    every day from ``starts_on`` to ``ends_on``, or None."""
    usage = usage_by_day(space, starts_on, ends_on)
    free = space.seats - max(usage.values(), default=0)
    earlier = (
        WaitlistEntry.objects.filter(
            hub_id=entry.hub_id, status=WaitlistEntry.Status.WAITING, seats_wanted__lte=free
        )
        .filter(
            Q(requested_at__lt=entry.requested_at)
            | Q(requested_at=entry.requested_at, pk__lt=entry.pk)
        )
        .filter(Q(kind="") | Q(kind=space.kind))
        .select_related("organisation")
        .order_by("requested_at", "pk")
    )
    return earlier.first()


@transaction.atomic
def waitlist_serve(
    *,
    entry: WaitlistEntry,
    space: Space,
    seats: int,
    starts_on: date,
    ends_on: date,
    by,
) -> SpaceAllocation:
    """Serve a request with seats of a space of its hub. Before: the request is waiting, no
    request waiting longer in the hub fits the space over the period (wanted kind and seats),
    and ``space_allocate``'s rules hold. After: the allocation, and the request served with
    it, both audited, in one transaction."""
    entry = _lock_waiting(entry)
    space = Space.objects.select_for_update().get(pk=space.pk)
    if space.hub_id != entry.hub_id:
        raise ServiceError(OTHER_HUB % {"space": space.code}, code="other_hub")
    earlier = _earlier_that_fits(entry, space, starts_on, ends_on)
    if earlier is not None:
        raise ServiceError(
            OUT_OF_ORDER
            % {
                "organisation": earlier.organisation.name,
                "requested_at": _when(earlier.requested_at),
                "seats": earlier.seats_wanted,
                "space": space.code,
            },
            code="out_of_order",
        )
    allocation = space_allocate(
        space=space,
        organisation=entry.organisation,
        seats=seats,
        starts_on=starts_on,
        ends_on=ends_on,
        by=by,
    )
    entry.allocation = allocation
    _close(entry, WaitlistEntry.Status.SERVED, by, space=space.code)
    return allocation
