"""Claims in the organisation portal, for a provider whose sites took care vouchers: the months
with services not yet claimed and their totals, a month's claim submitted by an admin after a
confirmation page (its count and total), and each claim with its services (residents masked),
its status and, once paid, its settlement letter. Members see them; only admins submit; any
other claim answers 404."""

from datetime import date

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format

from incubator.incubation.portal.views import _context, member_required
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.services.dates import add_months
from incubator.models import OrganisationMembership
from subsidies.claim_selectors import (
    claims_visible_to,
    redemptions_of_month,
    unclaimed_months,
)
from subsidies.redemption_selectors import mask_name
from subsidies.services.claims import MONTH_NOT_ENDED, claim_submit


def _ended(month: date) -> bool:
    """Whether the month is over on the China Standard Time clock (it may be claimed)."""
    return add_months(month, 1) <= timezone.localdate()


def _is_admin(request) -> bool:
    return request.membership.role == OrganisationMembership.Role.ADMIN


@member_required
def claims(request):
    """The months with unclaimed services (count and total) and the organisation's claims."""
    organisation = request.membership.organisation
    rows = list(
        claims_visible_to(request.user)
        .filter(organisation=organisation)
        .select_related("settlement_letter")
        .order_by("-month", "-pk")
    )
    return TemplateResponse(
        request,
        "subsidies/portal/voucher_claims.html",
        _context(
            request,
            months=[
                {**row, "ended": _ended(row["month"])} for row in unclaimed_months(organisation)
            ],
            claims=rows,
        ),
    )


def _month(year: int, month: int) -> date:
    try:
        return date(year, month, 1)
    except ValueError as error:
        raise Http404 from error


@member_required
def submit(request, year: int, month: int):
    """Confirm, then submit, the claim of a month: its services' count and total (admins)."""
    if not _is_admin(request):
        raise Http404
    organisation = request.membership.organisation
    first = _month(year, month)
    pending = redemptions_of_month(organisation, first).filter(claim__isnull=True)
    summary = next((row for row in unclaimed_months(organisation) if row["month"] == first), None)
    error = None
    if request.method == "POST":
        try:
            claim = claim_submit(organisation=organisation, month=first, by=request.user)
        except ServiceError as refused:
            error = refused.message
        else:
            return redirect("subsidies:voucher_claim", pk=claim.pk)
    if summary is None and error is None:
        raise Http404
    if summary is not None and not _ended(first) and error is None:
        error = MONTH_NOT_ENDED % {"month": date_format(first, "YEAR_MONTH_FORMAT")}
    return TemplateResponse(
        request,
        "subsidies/portal/voucher_claim_submit.html",
        _context(
            request,
            month=first,
            summary=summary,
            sites=pending.values("site__name").distinct().order_by("site__name"),
            error=error,
            may_submit=summary is not None and _ended(first),
        ),
    )


@member_required
def claim(request, pk: int):
    """A claim: its status, total, services (residents masked) and settlement letter."""
    claim = get_visible_or_404(
        request,
        claims_visible_to(request.user)
        .filter(organisation=request.membership.organisation)
        .select_related("settlement_letter"),
        pk=pk,
    )
    services = list(
        claim.redemptions.select_related("resident", "site")
        .only(
            "served_at",
            "service_name",
            "amount",
            "claim_id",
            "site__name",
            "resident__family_name",
            "resident__given_name",
            "resident__card_number",
        )
        .order_by("served_at", "pk")
    )
    for redemption in services:
        resident = redemption.resident
        redemption.masked_name = mask_name(resident.family_name, resident.given_name)
    return TemplateResponse(
        request,
        "subsidies/portal/voucher_claim.html",
        _context(request, claim=claim, services=services),
    )
