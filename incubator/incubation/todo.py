"""The incubation domain's share of the task lists (``incubator.kernel.todo``): an
organisation's milestones (due soon, overdue or returned; later ones; evidence under review),
and a hub manager's intake applications and milestone evidence to decide. Three queries at
most per audience, whatever the data."""

from datetime import timedelta

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.incubation.admin.dashboard import admin_list_url
from incubator.incubation.selectors import (
    hubs_user_may_manage,
    intake_applications_user_may_decide,
    manages_any_hub,
    milestones_user_may_review,
    milestones_user_may_submit_evidence,
)
from incubator.kernel.todo import (
    BACK_OFFICE,
    PORTAL,
    Kind,
    TodoItem,
    TodoRequest,
    capped,
    first_with_total,
    local_date,
)
from incubator.models import IntakeApplication, Milestone

# A milestone due within this many days needs the organisation now.
DUE_SOON_DAYS = 30

MORE_MILESTONES = _("All milestones")
OVERDUE = _("Overdue")


def _milestone_item(milestone: Milestone, kind: str, today) -> TodoItem:
    overdue = milestone.is_overdue(today)
    return TodoItem(
        title=milestone.title,
        url=reverse("portal:milestone", args=[milestone.pk]),
        kind=kind,
        status_label=str(OVERDUE if overdue else milestone.get_status_display()),
        due_on=milestone.due_on,
        detail=str(milestone.get_area_display()),
        overdue=overdue,
    )


def organisation_items(todo: TodoRequest) -> list:
    """The milestones of the organisation's running incubation: open ones due within
    ``DUE_SOON_DAYS`` (or overdue, or returned) need it now; later ones are coming; those with
    evidence submitted wait for the hub manager."""
    plan = milestones_user_may_submit_evidence(todo.user).filter(
        organisation=todo.membership.organisation_id, incubation__ended_on__isnull=True
    )
    today = todo.today
    soon = today + timedelta(days=DUE_SOON_DAYS)
    list_url = reverse("portal:milestones")
    sections = (
        (
            Kind.NOW,
            plan.filter(status=Milestone.Status.RETURNED)
            | plan.filter(status=Milestone.Status.PLANNED, due_on__lte=soon),
        ),
        (Kind.COMING, plan.filter(status=Milestone.Status.PLANNED, due_on__gt=soon)),
        (Kind.WAITING, plan.filter(status=Milestone.Status.SUBMITTED)),
    )
    entries = []
    for kind, milestones in sections:
        rows, total = first_with_total(milestones.order_by("due_on", "pk"))
        entries += capped(
            rows,
            total,
            kind=kind,
            url=list_url,
            label=MORE_MILESTONES,
            build=lambda milestone, kind=kind: _milestone_item(milestone, kind, today),
        )
    return entries


def hub_manager_items(todo: TodoRequest) -> list:
    """For hub managers: intake applications of their hubs whose applicants confirmed their
    address, and milestone evidence submitted for review."""
    user = todo.user
    if not manages_any_hub(user):
        return []
    applications = intake_applications_user_may_decide(user).filter(
        hub__in=hubs_user_may_manage(user).values("pk"),
        status=IntakeApplication.Status.SUBMITTED,
        email_confirmed_at__isnull=False,
    )
    rows, total = first_with_total(applications.select_related("hub").order_by("submitted_at"))
    entries = capped(
        rows,
        total,
        kind=Kind.NOW,
        url=admin_list_url("intake:index", status=IntakeApplication.Status.SUBMITTED),
        label=_("All intake applications to decide"),
        build=lambda application: TodoItem(
            title=str(_("Decide on the intake application of %(name)s"))
            % {"name": application.name},
            url=reverse("intake:inspect", args=[application.pk]),
            kind=Kind.NOW,
            status_label=str(application.get_status_display()),
            due_on=None,
            detail=str(_("%(hub)s · submitted on %(date)s"))
            % {
                "hub": application.hub.display_name(),
                "date": date_format(local_date(application.submitted_at)),
            },
        ),
    )
    evidence = milestones_user_may_review(user).filter(status=Milestone.Status.SUBMITTED)
    rows, total = first_with_total(
        evidence.select_related("organisation").order_by("submitted_at", "pk")
    )
    entries += capped(
        rows,
        total,
        kind=Kind.NOW,
        url=admin_list_url("milestones:index", status=Milestone.Status.SUBMITTED),
        label=_("All milestone evidence to check"),
        build=lambda milestone: TodoItem(
            title=str(_("Check the evidence for “%(title)s”")) % {"title": milestone.title},
            url=reverse("milestones:inspect", args=[milestone.pk]),
            kind=Kind.NOW,
            status_label=str(milestone.get_status_display()),
            due_on=milestone.due_on,
            detail=milestone.organisation.name,
        ),
    )
    return entries


def incubation_todo(todo: TodoRequest) -> list:
    """The incubation items of ``todo``'s user, for the portal or the back office."""
    if todo.audience == PORTAL:
        return organisation_items(todo) if todo.membership is not None else []
    if todo.audience == BACK_OFFICE:
        return hub_manager_items(todo)
    return []
