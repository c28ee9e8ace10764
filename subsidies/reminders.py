"""Subsidy reminders: applications waiting more than five working days for the hub manager's
recommendation or the bureau's decision."""

from django.utils import timezone

from incubator.incubation.reminders import (
    DECISION_WAITS_WORKING_DAYS,
    Reminder,
    reminder_source,
    working_days_before,
)
from incubator.incubation.services.notifications import hub_managers
from incubator.kernel.services.notifications import bureau_officers
from subsidies.models import SubsidyApplication


@reminder_source
def subsidy_reminders(now):
    cutoff = working_days_before(timezone.localdate(now), DECISION_WAITS_WORKING_DAYS)
    applications = SubsidyApplication.objects.select_related("organisation", "scheme")
    for application in applications.filter(
        status=SubsidyApplication.Status.SUBMITTED, submitted_at__date__lt=cutoff
    ):
        yield Reminder(
            key=f"subsidy-recommend:{application.pk}:{application.submitted_at:%Y%m%d%H%M%S}",
            users=hub_managers(application.organisation.hub_id),
            template="reminder_decision_waiting",
            context={
                "what": application.scheme.name,
                "organisation": application.organisation,
                "since": application.submitted_at,
            },
            link=("subsidy_applications:inspect", [application.pk]),
            item=application,
        )
    officers = None
    for application in applications.filter(
        status=SubsidyApplication.Status.RECOMMENDED, recommended_at__date__lt=cutoff
    ):
        officers = officers if officers is not None else bureau_officers()
        yield Reminder(
            key=f"subsidy-decide:{application.pk}:{application.recommended_at:%Y%m%d%H%M%S}",
            users=officers,
            template="reminder_decision_waiting",
            context={
                "what": application.scheme.name,
                "organisation": application.organisation,
                "since": application.recommended_at,
            },
            link=("subsidy_applications:inspect", [application.pk]),
            item=application,
        )
