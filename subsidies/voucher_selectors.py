"""Who sees and does what with care-voucher holders: bureau officers see every community;
a community worker the communities they are assigned to, nobody else's. Amounts are summed in
the database."""

from datetime import date
from decimal import Decimal

from django.db.models import QuerySet, Sum

from incubator.kernel.roles import Role, user_has_role
from incubator.kernel.services.dates import add_months
from subsidies.models import Community, LedgerEntry, Resident, VoucherScheme


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
    """The holder's entries recorded in ``month`` (a calendar month, China Standard Time)."""
    start = month.replace(day=1)
    return list(
        resident.entries.filter(
            created_at__date__gte=start, created_at__date__lt=add_months(start, 1)
        ).order_by("created_at", "pk")
    )
