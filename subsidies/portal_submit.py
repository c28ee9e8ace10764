"""Submitting and withdrawing a subsidy application in the organisation portal. "Check your
answers" shows everything that will be submitted, with links back to change it; nothing is
submitted before its one button is pressed, and pressing it twice submits once. Withdrawing
asks for confirmation on a page of its own. Every object comes from the visitor's own
organisation; anything else answers 404."""

from django.contrib import messages
from django.db.models import DecimalField, ExpressionWrapper, F, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from incubator.incubation.portal.views import _context, admin_required
from incubator.kernel.errors import ServiceError
from incubator.kernel.idempotency import (
    AlreadySubmitted,
    already_submitted_response,
    confirmation_context,
    earlier_submission,
    submit_once,
)
from incubator.kernel.money import format_rmb
from incubator.kernel.permissions import get_visible_or_404
from subsidies.models import SubsidyApplication, SubsidyAttachment
from subsidies.services import subsidy_application_submit, subsidy_application_withdraw


def _applications(request):
    return SubsidyApplication.objects.filter(organisation=request.membership.organisation)


def _check_page(request, application, *, error: str = ""):
    lines = application.lines.all()
    cost = ExpressionWrapper(
        F("monthly_salary") * F("months"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    totals = lines.aggregate(cost=Sum(cost), months=Sum("months"))
    attachments = list(application.attachments.all())
    return TemplateResponse(
        request,
        "subsidies/portal/check.html",
        _context(
            request,
            application=application,
            scheme=application.scheme,
            lines=lines,
            totals=totals,
            attachments=attachments,
            payroll_missing=not any(
                item.kind == SubsidyAttachment.Kind.PAYROLL for item in attachments
            ),
            error=error,
            **confirmation_context(request),
        ),
    )


@admin_required
@require_http_methods(["GET", "POST"])
def check(request, pk: int):
    """Check your answers: the scheme, its covered period, each person with the amounts the
    rules allow, the totals and the amount requested, each with a "Change" link; POST
    submits, once per form token."""
    application = get_visible_or_404(
        request, _applications(request).select_related("scheme"), pk=pk
    )
    detail = reverse("subsidies:detail", args=[application.pk])
    earlier = earlier_submission(request)
    if earlier is not None:
        return already_submitted_response(request, earlier, detail)
    if application.status not in SubsidyApplication.EDITABLE:
        messages.error(request, _("This application cannot be changed now."))
        return redirect(detail)
    if request.method == "GET":
        return _check_page(request, application)
    try:
        with submit_once(request) as done:
            subsidy_application_submit(application=application, by=request.user)
            done(detail)
    except AlreadySubmitted as error:
        return already_submitted_response(request, error.submission, detail)
    except ServiceError as error:
        # Nothing was submitted; what stops it shows above the answers, with a way to change them.
        return _check_page(request, application, error=error.message)
    messages.success(
        request, _("The application was submitted. Your hub manager reviews it first.")
    )
    return redirect(detail)


@admin_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int):
    """Withdraw the application before the bureau's decision: GET asks for confirmation (a
    page of its own, no JavaScript needed), POST withdraws, once."""
    application = get_visible_or_404(request, _applications(request), pk=pk)
    back = reverse("subsidies:detail", args=[application.pk])
    earlier = earlier_submission(request)
    if earlier is not None:
        return already_submitted_response(request, earlier, back)
    if request.method == "GET":
        return TemplateResponse(
            request,
            "incubator/portal/confirm.html",
            _context(
                request,
                **confirmation_context(
                    request,
                    heading=_("Withdraw the application"),
                    question=_(
                        "Withdraw the application to %(scheme)s? A withdrawn application "
                        "cannot be submitted again."
                    )
                    % {"scheme": application.scheme.name},
                    summary=[
                        (_("Status"), application.get_status_display()),
                        (_("Eligible (RMB)"), format_rmb(application.eligible_total)),
                    ],
                    action=request.path,
                    back=back,
                    confirm_label=_("Yes, withdraw the application"),
                ),
            ),
        )
    try:
        with submit_once(request) as done:
            subsidy_application_withdraw(application=application, by=request.user)
            done(back)
    except AlreadySubmitted as error:
        return already_submitted_response(request, error.submission, back)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The application was withdrawn."))
    return redirect(back)
