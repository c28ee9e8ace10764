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


def communities_visible_to(user) -> QuerySet[Community]:
    """The communities whose holders the user may see: every one for bureau officers, a
    community worker's own."""
    if not _anybody(user):
        return Community.objects.none()
    if _bureau(user, "subsidies.view_resident"):
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
    return statements([resident], month)[resident.pk]


def statements(residents, month: date) -> dict[int, list[LedgerEntry]]:
    """:func:`statement` of each of ``residents`` (by id), in one query whatever their number."""
    start = month.replace(day=1)
    end = add_months(start, 1)
    zone = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), zone)
    until = timezone.make_aware(datetime.combine(end, time.min), zone)
    ids = [resident.pk for resident in residents]
    entries = LedgerEntry.objects.filter(resident_id__in=ids).filter(
        Q(kind=EntryKind.CREDIT, month=start)
        | Q(redemption__served_at__gte=since, redemption__served_at__lt=until)
        | (
            ~Q(kind=EntryKind.CREDIT)
            & Q(redemption__isnull=True, created_at__gte=since, created_at__lt=until)
        )
    )

    def value_moment(entry):
        if entry.kind == EntryKind.CREDIT:
            return since
        redemption = getattr(entry, "redemption", None)
        return redemption.served_at if redemption is not None else entry.created_at

    by_resident: dict[int, list[LedgerEntry]] = {pk: [] for pk in ids}
    for entry in entries.select_related("redemption__site"):
        entry.value_moment = value_moment(entry)
        by_resident[entry.resident_id].append(entry)
    for listed in by_resident.values():
        listed.sort(key=lambda entry: (entry.value_moment, entry.pk))
    return by_resident


def statement_months(today: date, count: int = 12) -> list[date]:
    """The months a statement can be asked for: this one and the ``count - 1`` before it."""
    first = today.replace(day=1)
    return [add_months(first, -offset) for offset in range(count)]


def credit_expiring(resident: Resident, today: date) -> tuple[Decimal, date] | None:
    """What of the balance lapses first and when: credit valid until the earliest date still
    ahead, as far as the balance still holds it (spending uses the oldest credit first)."""
    return credits_expiring([resident], today).get(resident.pk)


def credits_expiring(residents, today: date) -> dict[int, tuple[Decimal, date]]:
    """:func:`credit_expiring` of each of ``residents`` that has something lapsing (by id), in
    one query."""
    holding = {resident.pk: resident.balance for resident in residents if resident.balance > 0}
    credits: dict[int, list[tuple[date, Decimal]]] = {}
    rows = (
        LedgerEntry.objects.filter(
            resident_id__in=list(holding), kind=EntryKind.CREDIT, expires_on__gte=today
        )
        .order_by("resident_id", "expires_on")
        .values_list("resident_id", "expires_on", "amount")
    )
    for resident_id, expires_on, amount in rows:
        credits.setdefault(resident_id, []).append((expires_on, amount))
    lapsing = {}
    for resident_id, listed in credits.items():
        first_day = listed[0][0]
        later = sum((amount for day, amount in listed if day != first_day), Decimal("0"))
        first = holding[resident_id] - later
        if first > 0:
            lapsing[resident_id] = (first, first_day)
    return lapsing
