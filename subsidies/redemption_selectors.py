"""Who sees which care-voucher redemptions, and what the provider's staff see of the residents
they served: the provider's members see the redemptions at their organisation's sites and the
residents who used them, masked (name, identity number and card), never their balance nor
where else they were served. Sums are computed in the database."""

from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet, Sum

from subsidies.models import LedgerEntry, Redemption, Resident
from subsidies.voucher_selectors import scheme_in_force
from tenders.voucher_api import (
    ServiceType,
    sites_of_user_provider,
    sites_user_records_vouchers_at,
    voucher_services,
    with_offer,
)


def mask_name(family_name: str, given_name: str) -> str:
    """The name as a receipt or a provider's list shows it: the family name and the given
    name's last character, the others starred (王秀英 → 王*英, 李娟 → 李*)."""
    family, given = (family_name or "").strip(), (given_name or "").strip()
    if len(given) <= 1:
        return f"{family}*"
    return f"{family}{'*' * (len(given) - 1)}{given[-1]}"


def redemptions_visible_to(user) -> QuerySet[Redemption]:
    """The redemptions at the sites of the organisation the user is a live member of."""
    return Redemption.objects.filter(site__in=sites_of_user_provider(user).values("pk"))


def voucher_price_lists(user) -> list:
    """The sites where the user records voucher services, each with the services of its price
    list that the scheme in force pays for (``site.voucher_services``); none without a scheme.
    Four queries for any number of sites."""
    scheme = scheme_in_force()
    if scheme is None:
        return []
    eligible = set(scheme.eligible_service_types or [])
    sites = list(with_offer(sites_user_records_vouchers_at(user)).order_by("town", "name"))
    for site in sites:
        site.voucher_services = [
            service for service in voucher_services(site) if service.service_type in eligible
        ]
    return [site for site in sites if site.voucher_services]


def receipt_for(user, pk: int) -> Redemption | None:
    """One redemption of the user's organisation with what its receipt shows."""
    return (
        redemptions_visible_to(user)
        .select_related("resident", "site", "feedback_code")
        .filter(pk=pk)
        .first()
    )


def balance_after(redemption: Redemption) -> Decimal:
    """The holder's balance right after this redemption's debit: the sum of the entries up to
    it (entries of one holder are written under its row lock, so their order is the ledger's)."""
    total = LedgerEntry.objects.filter(
        resident_id=redemption.resident_id, pk__lte=redemption.debit_id
    ).aggregate(total=Sum("amount"))["total"]
    return total or Decimal("0.00")


def residents_served_by(user) -> QuerySet[Resident]:
    """The residents with a redemption at the sites of the user's organisation, each with how
    many services and when last served there (``services``, ``last_served_at``), newest first;
    only the masked fields are loaded. One query for a page, whatever its length."""
    sites = sites_of_user_provider(user).values("pk")
    at_ours = Q(redemptions__site__in=sites)
    return (
        Resident.objects.filter(pk__in=Redemption.objects.filter(site__in=sites).values("resident"))
        .annotate(
            services=Count("redemptions", filter=at_ours),
            last_served_at=Max("redemptions__served_at", filter=at_ours),
        )
        .select_related("community")
        .only(
            "family_name",
            "given_name",
            "citizen_id_masked",
            "card_number",
            "community__town",
            "community__name",
        )
        .order_by("-last_served_at", "pk")
    )


def service_type_label(value: str) -> str:
    """The translated name of a service type copied on a redemption."""
    try:
        return str(ServiceType(value).label)
    except ValueError:
        return value
