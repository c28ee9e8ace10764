"""Care vouchers in the organisation portal, for the staff of a provider whose sites take
them: record a service against a resident's card (on success its receipt, on screen and
printable in large type; on a refusal the form again with the reason and all but the PIN
kept), the services recorded, and the residents served (masked, never their balance). Every
object comes from the visitor's own organisation's sites; anything else answers 404."""

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from incubator.incubation.portal.views import _context, member_required
from incubator.kernel.errors import ServiceError
from incubator.kernel.files import private_file_response
from incubator.kernel.permissions import get_visible_or_404
from subsidies.redemption_forms import RedemptionForm
from subsidies.redemption_selectors import (
    balance_after,
    mask_name,
    receipt_for,
    redemptions_visible_to,
    residents_served_by,
    voucher_price_lists,
)
from subsidies.services.redemptions import redemption_record
from tenders.voucher_api import feedback_url

PER_PAGE = 25


@member_required
def record(request):
    """Record a service paid with a care voucher at one of the organisation's sites."""
    price_lists = voucher_price_lists(request.user)
    if request.method == "POST":
        form = RedemptionForm(request.POST, request.FILES, price_lists=price_lists)
        if form.is_valid():
            try:
                redemption = redemption_record(by=request.user, **form.service_arguments())
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                return redirect("subsidies:voucher_receipt", pk=redemption.pk)
    else:
        form = RedemptionForm(price_lists=price_lists)
    return TemplateResponse(
        request,
        "subsidies/portal/voucher_record.html",
        _context(request, form=form, price_lists=price_lists),
    )


def _receipt_context(request, redemption) -> dict:
    resident = redemption.resident
    return _context(
        request,
        redemption=redemption,
        masked_name=mask_name(resident.family_name, resident.given_name),
        card_last4=resident.card_number[-4:],
        balance_after=balance_after(redemption),
        feedback_url=feedback_url(redemption.site),
    )


@member_required
def receipt(request, pk: int):
    """A redemption's receipt: the resident (masked), the card's last digits, the site, the
    service, the amount, the balance after it, the time, and the one-time feedback code with
    the site's feedback address. Printable in large type."""
    redemption = receipt_for(request.user, pk)
    if redemption is None:
        get_visible_or_404(request, redemptions_visible_to(request.user), pk=pk)
    return TemplateResponse(
        request, "subsidies/portal/voucher_receipt.html", _receipt_context(request, redemption)
    )


@member_required
def receipts(request):
    """The services recorded at the organisation's sites, newest first, paginated."""
    rows = (
        redemptions_visible_to(request.user)
        .select_related("resident", "site")
        .only(
            "served_at",
            "service_name",
            "amount",
            "method",
            "site__name",
            "resident__family_name",
            "resident__given_name",
            "resident__card_number",
        )
        .order_by("-served_at", "-pk")
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    for redemption in page:
        resident = redemption.resident
        redemption.masked_name = mask_name(resident.family_name, resident.given_name)
    return TemplateResponse(
        request, "subsidies/portal/voucher_receipts.html", _context(request, page=page)
    )


@member_required
def served(request):
    """The residents who used the organisation's services, masked, newest first; no balance."""
    page = Paginator(residents_served_by(request.user), PER_PAGE).get_page(request.GET.get("page"))
    for resident in page:
        resident.masked_name = mask_name(resident.family_name, resident.given_name)
    return TemplateResponse(
        request, "subsidies/portal/voucher_served.html", _context(request, page=page)
    )


@member_required
def receipt_photo(request, pk: int):
    """The photo of a home visit's signed receipt, for the organisation's members."""
    redemption = get_visible_or_404(
        request, redemptions_visible_to(request.user).exclude(receipt_photo=""), pk=pk
    )
    return private_file_response(
        redemption.receipt_photo, download_name=_("receipt-%(pk)s") % {"pk": redemption.pk}
    )
