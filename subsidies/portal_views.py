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

from incubator.incubation.portal.views import _context, admin_required, member_required
from incubator.kernel.errors import ServiceError
from incubator.kernel.idempotency import (
    AlreadySubmitted,
    already_submitted_response,
    confirmation_context,
    earlier_submission,
    submit_once,
)
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.uploads import MB
from subsidies.forms import AttachmentsForm, staff_line_formset, with_one_more_row
from subsidies.models import Scheme, StaffLine, SubsidyApplication
from subsidies.selectors import schemes_open_to
from subsidies.services import subsidy_application_save_draft
from subsidies.services.common import LineError, incubation_of, money

PREFIX = "lines"
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
    """The form itself. Three buttons post it: "Add a person" shows it again with one more
    row and everything typed kept; "Save draft" saves and stays; "Continue" saves and shows
    the answers to check before the one click that submits."""
    organisation = request.membership.organisation
    saved = list(application.lines.all()) if application else []
    formset_class = staff_line_formset(scheme, blank_rows=0 if saved else 1)
    initial = [{name: getattr(line, name) for name in LINE_FIELDS} for line in saved]
    existing = application.attachments.all() if application else None
    posted = request.method == "POST"
    action = request.POST.get("action") if posted else None
    data = request.POST if posted else None
    if action == "add":
        data = with_one_more_row(data, prefix=PREFIX, limit=scheme.max_lines)
    formset = formset_class(data, initial=initial, prefix=PREFIX)
    attachments_form = AttachmentsForm(data, request.FILES if posted else None, existing=existing)
    earlier = earlier_submission(request)
    if earlier is not None:
        return already_submitted_response(request, earlier, reverse("subsidies:index"))
    if posted and action != "add" and formset.is_valid() and attachments_form.is_valid():
        try:
            application = _save(
                request, scheme, organisation, application, formset, attachments_form
            )
        except AlreadySubmitted as error:
            return already_submitted_response(request, error.submission, reverse("subsidies:index"))
        except ServiceError:
            pass  # shown beside the rows or above the form
        else:
            if action in ("continue", "submit"):  # "submit": a form from before the check page
                return redirect("subsidies:check", pk=application.pk)
            messages.success(
                request,
                _("The draft was saved. Eligible in total: ¥%(total)s.")
                % {"total": money(application.eligible_total)},
            )
            return redirect("subsidies:edit", pk=application.pk)
    return TemplateResponse(
        request,
        "subsidies/portal/form.html",
        _context(
            request,
            scheme=scheme,
            application=application,
            incubation=incubation_of(request.membership.organisation),
            formset=formset,
            # Adding a row is not a submission: the rows typed so far are not judged yet.
            show_errors=action != "add",
            may_add=formset.total_form_count() < scheme.max_lines,
            attachments_form=attachments_form,
            saved_lines=saved,
            attachments=list(existing) if existing is not None else [],
            max_mb=settings.PRIVATE_UPLOAD_MAX_BYTES // MB,
            may_withdraw=application is not None
            and SubsidyApplication.Status.WITHDRAWN
            in SubsidyApplication.ALLOWED_MOVES[application.status],
            **confirmation_context(request),
        ),
    )


def _save(request, scheme, organisation, application, formset, attachments_form):
    """Save the draft once per form token (a double click neither saves nor attaches files
    twice). A refusal of the rules goes beside the rows it concerns, then is raised again."""
    lines, indexes = formset.lines()
    try:
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
            done(reverse("subsidies:edit", args=[application.pk]))
    except LineError as error:
        for index, problems in error.errors.items():
            for field, message in problems.items():
                formset.forms[indexes[index]].add_error(field, message)
        formset._non_form_errors = formset.error_class([error.message])
        raise
    except ServiceError as error:
        formset._non_form_errors = formset.error_class([error.message])
        raise
    return application
