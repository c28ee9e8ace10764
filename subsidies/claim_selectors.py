"""Who sees and decides the providers' care-voucher claims: bureau officers every claim; a
provider's live members their organisation's claims, and only its admins submit one. The months
a provider may claim and their totals are computed in the database."""

from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, DateField, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from incubator.incubation.selectors import live_membership
from incubator.kernel.services.dates import add_months
from incubator.models import Organisation, OrganisationMembership
from subsidies.models import Claim, Redemption
from tenders.voucher_api import sites_of_organisation


def _anybody(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _bureau(user, perm: str) -> bool:
    return _anybody(user) and (user.is_superuser or user.has_perm(perm))


def claims_visible_to(user) -> QuerySet[Claim]:
    """Every claim for bureau officers; the claims of the provider the user is a live member
    of; none for anyone else."""
    if not _anybody(user):
        return Claim.objects.none()
    if _bureau(user, "subsidies.view_claim"):
        return Claim.objects.all()
    membership = live_membership(user)
    if membership is None:
        return Claim.objects.none()
    return Claim.objects.filter(organisation_id=membership.organisation_id)


def claims_user_may_decide(user) -> QuerySet[Claim]:
    """The claims the user may sample, check, approve, return and pay: bureau officers'."""
    if _bureau(user, "subsidies.decide_claim"):
        return Claim.objects.all()
    return Claim.objects.none()


def organisations_user_may_claim_for(user) -> QuerySet[Organisation]:
    """The provider whose live admin the user is (a claim is the organisation's request)."""
    if not _anybody(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__role=OrganisationMembership.Role.ADMIN,
        memberships__ended_at__isnull=True,
    )


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The first moment of ``month`` and of the next, on the China Standard Time clock."""
    zone = timezone.get_default_timezone()
    start = datetime.combine(month.replace(day=1), time(), tzinfo=zone)
    return start, datetime.combine(add_months(month.replace(day=1), 1), time(), tzinfo=zone)


def redemptions_of_month(organisation, month: date) -> QuerySet[Redemption]:
    """The redemptions served in ``month`` at the organisation's sites."""
    start, end = month_bounds(month)
    return Redemption.objects.filter(
        site__in=sites_of_organisation(organisation).values("pk"),
        served_at__gte=start,
        served_at__lt=end,
    )


def unclaimed_months(organisation) -> list[dict]:
    """Each month with redemptions at the organisation's sites not yet in a claim, newest
    first: ``month`` (its first day), ``count`` and ``total``. One query."""
    rows = (
        Redemption.objects.filter(
            site__in=sites_of_organisation(organisation).values("pk"), claim__isnull=True
        )
        .annotate(month=TruncMonth("served_at", output_field=DateField()))
        .values("month")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("-month")
    )
    return [
        {"month": row["month"], "count": row["count"], "total": row["total"] or Decimal("0")}
        for row in rows
    ]


def claim_total(claim: Claim) -> tuple[Decimal, int]:
    """The sum and the count of the claim's redemptions, from the database."""
    row = claim.redemptions.aggregate(total=Sum("amount"), count=Count("pk"))
    return row["total"] or Decimal("0.00"), row["count"]
