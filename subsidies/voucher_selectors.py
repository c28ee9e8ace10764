"""Who sees and does what with care-voucher holders: bureau officers see every community;
a community worker the communities they are assigned to, nobody else's. Amounts are summed in
the database."""

from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from incubator.kernel.roles import Role, user_has_role
from incubator.kernel.services.dates import add_months
from subsidies.models import Community, EntryKind, LedgerEntry, Resident, VoucherScheme


def _bureau(user, perm: str) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(perm))


def _anybody(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def communities_user_may_enrol_in(user) -> QuerySet[Community]:
    """Every community for bureau officers; a community worker's own communities."""
    if not _anybody(user):
        return Community.objects.none()
    if _bureau(user, "subsidies.add_resident"):
        return Community.objects.all()
    if user_has_role(user, Role.COMMUNITY_WORKER):
        return Community.objects.filter(workers__user=user)
    return Community.objects.none()


def residents_visible_to(user) -> QuerySet[Resident]:
    """Voucher holders the user may see (masked): all for bureau officers, their communities'
    for community workers, none for anyone else."""
    if not _anybody(user):
        return Resident.objects.none()
    if _bureau(user, "subsidies.view_resident"):
        return Resident.objects.all()
    if user_has_role(user, Role.COMMUNITY_WORKER):
        return Resident.objects.filter(community__workers__user=user)
    return Resident.objects.none()


def user_may_reveal_citizen_id(user, resident: Resident) -> bool:
    """Whether the user may see this holder's full identity number (each view is audited)."""
    if not _anybody(user):
        return False
    if _bureau(user, "subsidies.reveal_citizen_id"):
        return True
    return (
        user_has_role(user, Role.COMMUNITY_WORKER)
        and Community.objects.filter(pk=resident.community_id, workers__user=user).exists()
    )


def user_may_run_credits(user) -> bool:
    """Whether the user may start a month's credit run (bureau officers)."""
    return _anybody(user) and _bureau(user, "subsidies.run_creditrun")


def scheme_in_force() -> VoucherScheme | None:
    """The scheme in force, with its bands."""
    return VoucherScheme.objects.filter(active=True).prefetch_related("bands").first()


def ledger_sum(resident: Resident) -> Decimal:
    """What the ledger says the holder has: the sum of every entry."""
    return resident.entries.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


def statement(resident: Resident, month: date) -> list[LedgerEntry]:
    """The holder's entries of ``month`` by the day they are about, in order: the month's
    credit, each service on the day it was given (China Standard Time), any other entry on the
    day it was recorded; each service with its site (one query)."""
    start = month.replace(day=1)
    end = add_months(start, 1)
    zone = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), zone)
    until = timezone.make_aware(datetime.combine(end, time.min), zone)
    entries = list(
        resident.entries.filter(
            Q(kind=EntryKind.CREDIT, month=start)
            | Q(redemption__served_at__gte=since, redemption__served_at__lt=until)
            | (
                ~Q(kind=EntryKind.CREDIT)
                & Q(redemption__isnull=True, created_at__gte=since, created_at__lt=until)
            )
        ).select_related("redemption__site")
    )

    def value_moment(entry):
        if entry.kind == EntryKind.CREDIT:
            return since
        redemption = getattr(entry, "redemption", None)
        return redemption.served_at if redemption is not None else entry.created_at

    entries.sort(key=lambda entry: (value_moment(entry), entry.pk))
    for entry in entries:
        entry.value_moment = value_moment(entry)
    return entries


def statement_months(today: date, count: int = 12) -> list[date]:
    """The months a statement can be asked for: this one and the ``count - 1`` before it."""
    first = today.replace(day=1)
    return [add_months(first, -offset) for offset in range(count)]


def credit_expiring(resident: Resident, today: date) -> tuple[Decimal, date] | None:
    """What of the balance lapses first and when: credit valid until the earliest date still
    ahead, as far as the balance still holds it (spending uses the oldest credit first)."""
    if resident.balance <= 0:
        return None
    credits = list(
        resident.entries.filter(kind="credit", expires_on__gte=today)
        .order_by("expires_on")
        .values_list("expires_on", "amount")
    )
    if not credits:
        return None
    first_day = credits[0][0]
    later = sum((amount for day, amount in credits if day != first_day), Decimal("0"))
    lapsing = resident.balance - later
    return (lapsing, first_day) if lapsing > 0 else None
