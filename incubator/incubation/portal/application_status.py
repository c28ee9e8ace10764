"""The applicant's page: where each of their applications to join the incubator stands, as a
timeline (sent, email confirmed, under review, admitted or declined) that says at each step
what happens next. It lists only the visitor's own applications; the portal sends a
signed-in visitor who belongs to no organisation but has applied here."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from incubator.models import IntakeApplication


@dataclass
class Step:
    """One step of an application's timeline: ``state`` is done, current, or upcoming."""

    key: str
    label: str
    state: str
    at: datetime | None = None


def applications_of(user):
    """The applications the user sent, newest first, with what their page shows."""
    return (
        IntakeApplication.objects.filter(applicant=user)
        .select_related("hub", "organisation")
        .order_by("-submitted_at")
    )


def timeline(application: IntakeApplication) -> list[Step]:
    """The steps of one application, each done, current or upcoming."""
    status = IntakeApplication.Status
    decided = application.status != status.SUBMITTED
    confirmed = application.email_confirmed
    steps = [
        Step("submitted", _("Application sent"), "done", application.submitted_at),
        Step(
            "email",
            _("Email address confirmed"),
            "done" if confirmed else "current",
            application.email_confirmed_at,
        ),
        Step(
            "review",
            _("Reviewed by the hub") if decided else _("Under review by the hub"),
            "done" if decided else ("current" if confirmed else "upcoming"),
        ),
    ]
    if application.status == status.ADMITTED:
        steps.append(Step("admitted", _("Admitted"), "done", application.decided_at))
    elif application.status == status.DECLINED:
        steps.append(Step("declined", _("Declined"), "done", application.decided_at))
    else:
        steps.append(Step("decision", _("Decision: admitted or declined"), "upcoming"))
    return steps


@login_required
def application_status(request):
    """The visitor's own applications to join, each with its timeline and next step."""
    applications = [
        (application, timeline(application)) for application in applications_of(request.user)
    ]
    return TemplateResponse(
        request,
        "incubator/portal/application_status.html",
        {"applications": applications},
    )
