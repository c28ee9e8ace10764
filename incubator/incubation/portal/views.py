"""The organisation portal: plain Django views on the public site for organisation members.
Every view works on the visitor's own organisation, found through their live membership;
anything else answers 404."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.incubation.milestone_history import milestone_earlier_returns
from incubator.incubation.portal.forms import (
    EvidenceForm,
    ProfileForm,
)
from incubator.incubation.selectors import live_membership
from incubator.incubation.services.milestones import (
    milestone_submit_evidence,
    progress_by_area,
)
from incubator.incubation.services.organisations import organisation_update_profile
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.security import log_refused_access
from incubator.kernel.todo import PORTAL, TodoRequest, todo_context
from incubator.kernel.uploads import MB
from incubator.models import (
    Milestone,
    Organisation,
    OrganisationMembership,
)


def member_required(view):
    """Log in first; then the visitor must belong to an organisation (``request.membership``).
    Others get a page explaining the portal, or 404 where the URL names an object; one who
    applied to join is sent to their application's page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.membership = live_membership(request.user)
        if request.membership is None:
            if kwargs:
                log_refused_access(request, object_id=kwargs.get("pk"))
                raise Http404
            if request.user.intake_applications.exists():
                return redirect("portal:application_status")
            return TemplateResponse(request, "incubator/portal/no_organisation.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def admin_required(view):
    """Only the organisation's administrators; other members get 404."""

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.membership.role != OrganisationMembership.Role.ADMIN:
            log_refused_access(request, object_id=kwargs.get("pk"))
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _context(request, **extra) -> dict:
    membership = request.membership
    return {
        "membership": membership,
        "organisation": membership.organisation,
        "is_org_admin": membership.role == OrganisationMembership.Role.ADMIN,
        **extra,
    }


@member_required
def dashboard(request):
    """The organisation at a glance: its task list first (what needs the member now, what is
    coming, what waits for others), then stage, incubation, office space, progress per area
    and latest letters."""
    organisation = request.membership.organisation
    todo = todo_context(
        TodoRequest(user=request.user, audience=PORTAL, membership=request.membership),
        empty_now=_(
            "Nothing waits for you. New milestones, open tenders and subsidy schemes appear "
            "here when they concern your organisation."
        ),
    )
    today = timezone.localdate()
    incubation = organisation.incubations.filter(ended_on__isnull=True).first()
    allocations = organisation.allocations.filter(ends_on__gte=today).select_related("space")
    latest_letters = organisation.letters.filter(revoked_at__isnull=True)[:3]
    plan = organisation.milestones.filter(incubation=incubation) if incubation else None
    return TemplateResponse(
        request,
        "incubator/portal/dashboard.html",
        _context(
            request,
            incubation=incubation,
            allocations=allocations,
            latest_letters=latest_letters,
            progress=progress_by_area(plan) if plan is not None else [],
            **todo,
        ),
    )


def _plan(organisation):
    """The milestones of the organisation's latest incubation."""
    incubation = organisation.incubations.order_by("-started_on").first()
    if incubation is None:
        return incubation, Milestone.objects.none()
    return incubation, organisation.milestones.filter(incubation=incubation)


@member_required
def milestones(request):
    """The milestone plan by area, with progress, due dates and what waits for whom."""
    incubation, plan = _plan(request.membership.organisation)
    today = timezone.localdate()
    by_area = {}
    for milestone in plan.order_by("due_on", "title"):
        milestone.overdue = milestone.is_overdue(today) and incubation.ended_on is None
        by_area.setdefault(milestone.area, []).append(milestone)
    progress = progress_by_area(plan)
    areas = [(row, by_area[row.area]) for row in progress]
    return TemplateResponse(
        request,
        "incubator/portal/milestones.html",
        _context(request, incubation=incubation, areas=areas, progress=progress),
    )


@member_required
def milestone(request, pk: int):
    """One milestone: what it asks for, the evidence so far, the hub manager's decision, and
    the form to submit evidence while it waits for the organisation."""
    milestone = get_visible_or_404(
        request,
        Milestone.objects.select_related("incubation", "decided_by", "submitted_by").filter(
            organisation=request.membership.organisation
        ),
        pk=pk,
    )
    may_submit = milestone.status in Milestone.OPEN and milestone.incubation.ended_on is None
    form = EvidenceForm(request.POST or None, request.FILES or None) if may_submit else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Evidence for this milestone cannot be changed now."))
            return redirect("portal:milestone", pk=milestone.pk)
        if form.is_valid():
            try:
                milestone_submit_evidence(
                    milestone=milestone,
                    note=form.cleaned_data["note"],
                    files=form.cleaned_data["files"],
                    by=request.user,
                )
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("The evidence was submitted. Your hub manager will review it.")
                )
                return redirect("portal:milestone", pk=milestone.pk)
    return TemplateResponse(
        request,
        "incubator/portal/milestone.html",
        _context(
            request,
            milestone=milestone,
            evidence=milestone.evidence.select_related("uploaded_by"),
            earlier_returns=milestone_earlier_returns(milestone),
            form=form,
            max_mb=settings.PRIVATE_UPLOAD_MAX_BYTES // MB,
            overdue=milestone.is_overdue(timezone.localdate()),
        ),
    )


@member_required
def profile(request):
    """The organisation's profile; its administrators can edit it."""
    organisation = request.membership.organisation
    is_admin = request.membership.role == OrganisationMembership.Role.ADMIN
    if request.method == "POST" and not is_admin:
        log_refused_access(request, model=Organisation, object_id=organisation.pk)
        raise Http404
    # A copy: a refused form must not change the organisation shown in the page header.
    editable = Organisation.objects.get(pk=organisation.pk) if is_admin else None
    form = ProfileForm(request.POST or None, instance=editable) if is_admin else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "service_areas"}
        try:
            organisation_update_profile(
                organisation=organisation,
                data=data,
                service_areas=form.cleaned_data["service_areas"],
                by=request.user,
            )
        except ValidationError as error:
            _add_model_errors(form, error)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect("portal:profile")
    return TemplateResponse(
        request,
        "incubator/portal/profile.html",
        _context(request, form=form, service_areas=organisation.service_areas.all()),
    )


def _add_model_errors(form, error: ValidationError) -> None:
    """Show a model's validation errors on the form fields they concern."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@member_required
def letters(request):
    """The organisation's official letters, with their status and downloads."""
    organisation = request.membership.organisation
    return TemplateResponse(
        request,
        "incubator/portal/letters.html",
        _context(request, letters=organisation.letters.select_related("replaced_by")),
    )
