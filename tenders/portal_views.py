"""The organisation portal for tenders: the organisation's bids, the bid form of a tender,
withdrawal, and clarification questions. Members read; admins change."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from incubator.incubation.portal.views import _context, admin_required, member_required
from incubator.kernel.errors import ServiceError
from incubator.kernel.idempotency import (
    AlreadySubmitted,
    already_submitted_response,
    confirmation_context,
    earlier_submission,
    submit_once,
)
from incubator.kernel.money import format_rmb
from incubator.kernel.ratelimit import rate_limited
from incubator.kernel.security import log_refused_access
from incubator.models import OrganisationMembership
from tenders.forms import BidForm, QuestionForm
from tenders.models import Tender, TenderBid, TenderPage
from tenders.portal_check import discard, stage, staged, staged_fields, staged_uploads
from tenders.portal_contracts import attach_outcomes, standing_awards_prefetch
from tenders.services.bids import bid_save_draft, bid_submit, bid_withdraw
from tenders.services.clarifications import clarification_ask
from tenders.services.eligibility import tender_eligibility


def _tender(pk: int) -> Tender:
    page = get_object_or_404(TenderPage.objects.live().public(), pk=pk)
    return page.tender


@member_required
def bids(request):
    """The organisation's bids, newest first; after an award, won or not won with the notice
    and the letter, and the challenge deadline."""
    organisation = request.membership.organisation
    rows = (
        TenderBid.objects.filter(organisation=organisation)
        .select_related("tender")
        .prefetch_related(
            standing_awards_prefetch(),
            # Each tender's title in the member's language, without a query per row.
            Prefetch("tender__pages", queryset=TenderPage.objects.select_related("locale")),
        )
        .order_by("-created_at")
    )
    rows = list(rows)
    attach_outcomes(rows, organisation)
    return TemplateResponse(request, "tenders/portal/bids.html", _context(request, bids=rows))


@member_required
def bid(request, pk: int):
    """A tender's bid form for the organisation: admins save a draft, submit, change and
    withdraw while the tender is open; members read."""
    tender = _tender(pk)
    organisation = request.membership.organisation
    is_admin = request.membership.role == OrganisationMembership.Role.ADMIN
    now = timezone.now()
    current = (
        TenderBid.objects.filter(
            tender=tender, organisation=organisation, status__in=TenderBid.LIVE
        )
        .prefetch_related("attachments")
        .first()
    )
    editable = is_admin and tender.is_open(now)
    reasons = tender_eligibility(tender=tender, organisation=organisation)
    # A withdrawn bid stays on the page as it was, marked withdrawn; a new bid starts only
    # when the admin asks for one (or is already typing it).
    withdrawn = (
        None
        if current is not None
        else TenderBid.objects.filter(
            tender=tender, organisation=organisation, status=TenderBid.Status.WITHDRAWN
        )
        .prefetch_related("attachments")
        .order_by("-withdrawn_at", "-pk")
        .first()
    )
    starting_new = request.method == "POST" or request.GET.get("new") == "1"
    if withdrawn is not None and not starting_new:
        editable = False
    initial = (
        {
            "method_statement": current.method_statement,
            "staffing_plan": current.staffing_plan,
            "price": current.price,
            "declaration": current.declaration,
        }
        if current
        else {}
    )
    waiting = staged(request, tender) if editable else None
    if waiting is not None:
        # Back from "check your answers": the form as the admin left it.
        initial = staged_fields(waiting)
    form = BidForm(request.POST or None, request.FILES or None, initial=initial)
    back = reverse("tenders_portal:bid", args=[tender.pk])
    earlier = earlier_submission(request)
    if earlier is not None:
        return already_submitted_response(request, earlier, back)
    if request.method == "POST":
        if not is_admin:
            log_refused_access(request, model=TenderBid, object_id=current.pk if current else None)
            raise Http404
        if form.is_valid():
            data = dict(form.cleaned_data)
            files = data.pop("attachments")
            if "check" in request.POST:
                # Nothing is submitted yet: the answers wait for the admin to check them.
                stage(request, tender, data, files)
                return redirect("tenders_portal:check", pk=tender.pk)
            service = bid_submit if "submit" in request.POST else bid_save_draft
            files = [*(files or []), *staged_uploads(waiting)]
            try:
                # Once per form token: a double click neither submits nor attaches twice.
                with submit_once(request) as done:
                    service(
                        tender=tender,
                        organisation=organisation,
                        fields=data,
                        files=files,
                        by=request.user,
                    )
                    done(back)
            except AlreadySubmitted as error:
                return already_submitted_response(request, error.submission, back)
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                discard(request, tender, files)
                if service is bid_submit:
                    messages.success(request, _("Your bid is submitted."))
                else:
                    messages.success(request, _("Your draft is saved."))
                return redirect("tenders_portal:bid", pk=tender.pk)
    shown = current or (withdrawn if not editable else None)
    if shown is not None:
        shown.tender = tender
        tender.standing = [award] if (award := tender.standing_award()) else []
        attach_outcomes([shown], organisation)
    history = TenderBid.objects.filter(tender=tender, organisation=organisation).exclude(
        status__in=TenderBid.LIVE
    )
    return TemplateResponse(
        request,
        "tenders/portal/bid.html",
        _context(
            request,
            tender=tender,
            bid=shown,
            form=form if editable and not reasons else None,
            reasons=reasons,
            history=history.exclude(pk=withdrawn.pk) if withdrawn and not editable else history,
            is_open=tender.is_open(now),
            may_start_new=bool(withdrawn) and is_admin and tender.is_open(now) and not reasons,
            waiting_files=[item["name"] for item in (waiting or {}).get("files", [])],
            **confirmation_context(request),
        ),
    )


@admin_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int):
    """Withdraw the organisation's live bid for a tender while it is open: GET asks for
    confirmation (a page of its own, no JavaScript needed), POST withdraws, once. The bid
    stays as it was, marked withdrawn."""
    tender = _tender(pk)
    back = reverse("tenders_portal:bid", args=[tender.pk])
    current = TenderBid.objects.filter(
        tender=tender, organisation=request.membership.organisation, status__in=TenderBid.LIVE
    ).first()
    earlier = earlier_submission(request)
    if earlier is not None:
        return already_submitted_response(request, earlier, back)
    if current is None:
        messages.error(request, _("Your organisation has no bid to withdraw."))
        return redirect(back)
    if request.method == "GET":
        return TemplateResponse(
            request,
            "incubator/portal/confirm.html",
            _context(
                request,
                **confirmation_context(
                    request,
                    heading=_("Withdraw the bid"),
                    question=_(
                        "Withdraw your bid for %(tender)s? It stays as it is, marked withdrawn, "
                        "and is not evaluated. Before the deadline you may start a new bid."
                    )
                    % {"tender": f"{tender.reference} {tender.title}"},
                    summary=[
                        (_("Status"), current.get_status_display()),
                        (_("Price (RMB)"), format_rmb(current.price) if current.price else "—"),
                    ],
                    action=request.path,
                    back=back,
                    confirm_label=_("Yes, withdraw the bid"),
                ),
            ),
        )
    try:
        with submit_once(request) as done:
            bid_withdraw(bid=current, by=request.user)
            done(back)
    except AlreadySubmitted as error:
        return already_submitted_response(request, error.submission, back)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your bid is withdrawn. You may start a new one."))
    return redirect(back)


@member_required
@require_POST
@rate_limited("clarification")
def ask(request, pk: int):
    """A member asks a clarification question from the tender page."""
    tender = _tender(pk)
    page = get_object_or_404(TenderPage.objects.live().public(), pk=pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            clarification_ask(
                tender=tender,
                organisation=request.membership.organisation,
                question=form.cleaned_data["question"],
                by=request.user,
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Your question is sent. The answer will appear on this page.")
            )
    else:
        messages.error(request, _("Write your question."))
    return redirect(page.get_url(request) or reverse("tenders_portal:bid", args=[tender.pk]))
