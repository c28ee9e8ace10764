"""Check your answers before submitting a bid. The bid form's answers and files wait in the
session (files in private storage, under ``tender-bid-staging/``) while the admin reads a
summary; "Change" goes back to the form as typed, with the files still chosen; nothing is
submitted (and a submitted bid is not changed) until the final click, which is safe to
click twice."""

import uuid
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.files import File
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from incubator.incubation.portal.views import _context, admin_required
from incubator.kernel.errors import ServiceError
from incubator.kernel.files import get_private_storage
from incubator.kernel.idempotency import (
    AlreadySubmitted,
    already_submitted_response,
    confirmation_context,
    earlier_submission,
    submit_once,
)
from incubator.kernel.money import format_rmb
from tenders.models import TenderBid, TenderPage
from tenders.services.bids import bid_submit

STAGING = "tender-bid-staging"
TEXT_FIELDS = ("method_statement", "staffing_plan")


def _key(tender) -> str:
    return f"tender-bid-check-{tender.pk}"


def staged(request, tender) -> dict | None:
    """The answers and files waiting to be checked for ``tender``, or None."""
    return request.session.get(_key(tender))


def staged_fields(data: dict) -> dict:
    """The bid's fields as the services take them (the price back to a Decimal)."""
    fields = {name: data["fields"].get(name, "") for name in TEXT_FIELDS}
    fields["declaration"] = bool(data["fields"].get("declaration"))
    try:
        price = data["fields"].get("price")
        fields["price"] = Decimal(price) if price not in (None, "") else None
    except InvalidOperation:
        fields["price"] = None
    return fields


def stage(request, tender, fields: dict, files) -> None:
    """Keep the answers (replacing earlier ones) and add the files to those already chosen."""
    storage = get_private_storage()
    earlier = staged(request, tender) or {}
    kept = list(earlier.get("files", []))
    for upload in files or []:
        name = getattr(upload, "name", "") or "file"
        path = storage.save(f"{STAGING}/{uuid.uuid4().hex}/{name}", upload)
        kept.append({"path": path, "name": name[:255]})
    price = fields.get("price")
    request.session[_key(tender)] = {
        "fields": {
            **{name: fields.get(name) or "" for name in TEXT_FIELDS},
            "price": str(price) if price is not None else "",
            "declaration": bool(fields.get("declaration")),
        },
        "files": kept,
    }


def staged_uploads(data: dict | None) -> list[File]:
    """The chosen files, opened, to hand to a bid service."""
    storage = get_private_storage()
    return [
        File(storage.open(item["path"], "rb"), name=item["name"])
        for item in (data or {}).get("files", [])
    ]


def discard(request, tender, uploads=()) -> None:
    """Forget the waiting answers and delete their files."""
    data = request.session.pop(_key(tender), None)
    for upload in uploads:
        upload.close()
    storage = get_private_storage()
    for item in (data or {}).get("files", []):
        storage.delete(item["path"])


def _problems(fields: dict, tender) -> list[str]:
    """What stops the bid being submitted, said before the final click."""
    problems = []
    price = fields["price"]
    if price is None or price <= 0:
        problems.append(_("Give a price above zero."))
    elif price > tender.budget_ceiling:
        problems.append(
            _("The price is above the budget ceiling of %(ceiling)s.")
            % {"ceiling": format_rmb(tender.budget_ceiling)}
        )
    if not fields["declaration"]:
        problems.append(_("Tick the declaration."))
    return problems


@admin_required
@require_http_methods(["GET", "POST"])
def check(request, pk: int):
    """The summary of the bid about to be submitted, with links to change each answer; the
    final click submits it, once."""
    tender = get_object_or_404(TenderPage.objects.live().public(), pk=pk).tender
    organisation = request.membership.organisation
    back = reverse("tenders_portal:bid", args=[tender.pk])
    earlier = earlier_submission(request)
    if earlier is not None:
        return already_submitted_response(request, earlier, back)
    data = staged(request, tender)
    if data is None:
        return redirect(back)
    fields = staged_fields(data)
    current = (
        TenderBid.objects.filter(
            tender=tender, organisation=organisation, status__in=TenderBid.LIVE
        )
        .prefetch_related("attachments")
        .first()
    )
    error = None
    if request.method == "POST":
        uploads = staged_uploads(data)
        try:
            with submit_once(request) as done:
                bid_submit(
                    tender=tender,
                    organisation=organisation,
                    fields=fields,
                    files=uploads,
                    by=request.user,
                )
                done(back)
        except AlreadySubmitted as refused:
            return already_submitted_response(request, refused.submission, back)
        except ServiceError as refused:
            error = refused.message
            for upload in uploads:
                upload.close()
        else:
            discard(request, tender, uploads)
            messages.success(request, _("Your bid is submitted."))
            return redirect(back)
    return TemplateResponse(
        request,
        "tenders/portal/bid_check.html",
        _context(
            request,
            tender=tender,
            fields=fields,
            price=format_rmb(fields["price"]) if fields["price"] is not None else None,
            existing=current.attachments.all() if current else [],
            new_files=[item["name"] for item in data["files"]],
            resubmission=current is not None and current.status == TenderBid.Status.SUBMITTED,
            problems=_problems(fields, tender) if tender.is_open(timezone.now()) else [],
            is_open=tender.is_open(timezone.now()),
            error=error,
            back=back,
            **confirmation_context(request),
        ),
    )
