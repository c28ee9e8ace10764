"""Subsidies in the organisation portal: members see their organisation's applications and the
open schemes; administrators fill in, submit and withdraw applications. Every object comes from
the visitor's own organisation; anything else answers 404."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

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
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.uploads import MB
from subsidies.forms import AttachmentsForm, staff_line_formset
from subsidies.models import Scheme, StaffLine, SubsidyApplication
from subsidies.selectors import schemes_open_to
from subsidies.services import (
    subsidy_application_save_draft,
    subsidy_application_submit,
    subsidy_application_withdraw,
)
from subsidies.services.common import LineError, incubation_of, money

LINE_FIELDS = [
    "name",
    "title",
    "qualification",
    "employment_started_on",
    "monthly_salary",
    "months",
]


def _applications(request):
    return SubsidyApplication.objects.filter(organisation=request.membership.organisation)


@member_required
def index(request):
    """The organisation's applications, and the schemes it may apply to now."""
    organisation = request.membership.organisation
    applications = list(
        _applications(request).select_related("scheme", "award_letter").order_by("-created_at")
    )
    live = {
        application.scheme_id: application
        for application in applications
        if application.status not in SubsidyApplication.CLOSED
    }
    now = timezone.now()
    open_schemes = [
        (scheme, live.get(scheme.pk))
        for scheme in schemes_open_to(
            organisation, Scheme.objects.filter(opens_at__lte=now, closes_at__gt=now)
        )
    ]
    return TemplateResponse(
        request,
        "subsidies/portal/index.html",
        _context(request, applications=applications, open_schemes=open_schemes),
    )


@member_required
def detail(request, pk: int):
    """One application: status, lines with their eligible amounts, the decision, the award
    letter and the payments."""
    application = get_visible_or_404(
        request,
        _applications(request).select_related(
            "scheme", "award_letter", "submitted_by", "decided_by"
        ),
        pk=pk,
    )
    return TemplateResponse(
        request,
        "subsidies/portal/detail.html",
        _context(
            request,
            application=application,
            lines=application.lines.all(),
            attachments=application.attachments.all(),
            disbursements=application.disbursements.all(),
            may_edit=application.status in SubsidyApplication.EDITABLE,
            may_withdraw=SubsidyApplication.Status.WITHDRAWN
            in SubsidyApplication.ALLOWED_MOVES[application.status],
        ),
    )


@admin_required
def apply(request, scheme_pk: int):
    """Start an application under an open scheme the organisation is eligible for."""
    organisation = request.membership.organisation
    now = timezone.now()
    candidates = Scheme.objects.filter(pk=scheme_pk, closes_at__gt=now)
    schemes = schemes_open_to(organisation, candidates)
    if not schemes:
        raise Http404
    existing = (
        _applications(request)
        .filter(scheme=schemes[0])
        .exclude(status__in=SubsidyApplication.CLOSED)
        .first()
    )
    if existing is not None:
        return redirect(
            "subsidies:edit"
            if existing.status in SubsidyApplication.EDITABLE
            else "subsidies:detail",
            pk=existing.pk,
        )
    return _application_form(request, scheme=schemes[0], application=None)


@admin_required
def edit(request, pk: int):
    """Change a draft or returned application; save it or submit it."""
    application = get_visible_or_404(
        request,
        _applications(request)
        .select_related("scheme")
        .prefetch_related(Prefetch("lines", queryset=StaffLine.objects.order_by("position", "pk"))),
        pk=pk,
    )
    if application.status not in SubsidyApplication.EDITABLE:
        messages.error(request, _("This application cannot be changed now."))
        return redirect("subsidies:detail", pk=application.pk)
    return _application_form(request, scheme=application.scheme, application=application)


def _application_form(request, *, scheme: Scheme, application: SubsidyApplication | None):
    organisation = request.membership.organisation
    formset_class = staff_line_formset(scheme)
    initial = (
        [{name: getattr(line, name) for name in LINE_FIELDS} for line in application.lines.all()]
        if application
        else []
    )
    existing = application.attachments.all() if application else None
    posted = request.method == "POST"
    formset = formset_class(request.POST if posted else None, initial=initial, prefix="lines")
    attachments_form = AttachmentsForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        existing=existing,
    )
    earlier = earlier_submission(request)
    if earlier is not None:
        return already_submitted_response(request, earlier, reverse("subsidies:index"))
    if posted and formset.is_valid() and attachments_form.is_valid():
        lines, indexes = formset.lines()
        submit = request.POST.get("action") == "submit"
        try:
            # Once per form token: a double click neither saves nor attaches files twice.
            with submit_once(request) as done:
                application = subsidy_application_save_draft(
                    scheme=scheme,
                    organisation=organisation,
                    application=application,
                    lines=lines,
                    attachments=attachments_form.uploads(),
                    remove_attachments=[
                        item.pk for item in attachments_form.cleaned_data.get("remove") or []
                    ],
                    by=request.user,
                )
                view = "subsidies:detail" if submit else "subsidies:edit"
                done(reverse(view, args=[application.pk]))
        except AlreadySubmitted as error:
            return already_submitted_response(request, error.submission, reverse("subsidies:index"))
        except LineError as error:
            for index, problems in error.errors.items():
                for field, message in problems.items():
                    formset.forms[indexes[index]].add_error(field, message)
            formset._non_form_errors = formset.error_class([error.message])
        except ServiceError as error:
            formset._non_form_errors = formset.error_class([error.message])
        else:
            if not submit:
                messages.success(
                    request,
                    _("The draft was saved. Eligible in total: ¥%(total)s.")
                    % {"total": money(application.eligible_total)},
                )
                return redirect("subsidies:edit", pk=application.pk)
            try:
                subsidy_application_submit(application=application, by=request.user)
            except ServiceError as error:
                # The draft is saved; what stops the submission shows above the form.
                messages.error(request, error.message)
                return redirect("subsidies:edit", pk=application.pk)
            messages.success(
                request, _("The application was submitted. Your hub manager reviews it first.")
            )
            return redirect("subsidies:detail", pk=application.pk)
    return TemplateResponse(
        request,
        "subsidies/portal/form.html",
        _context(
            request,
            scheme=scheme,
            application=application,
            incubation=incubation_of(request.membership.organisation),
            formset=formset,
            attachments_form=attachments_form,
            saved_lines=list(application.lines.all()) if application else [],
            attachments=list(existing) if existing is not None else [],
            max_mb=settings.PRIVATE_UPLOAD_MAX_BYTES // MB,
            **confirmation_context(request),
        ),
    )


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
