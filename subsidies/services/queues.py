"""Who an application waits for, told when it enters their queue: a submitted application its
hub's managers (to recommend or return), a recommended one the bureau officers who decide, an
approved one those who record payments. Each notification is about the application and is
done once it moves on, whoever moved it."""

from incubator.incubation.services.notifications import hub_managers
from incubator.kernel.permissions import users_allowed
from incubator.kernel.services.notifications import notifications_done, notify_on_commit
from subsidies.models import SubsidyApplication
from subsidies.selectors import (
    applications_user_may_decide,
    applications_user_may_pay,
    applications_user_may_review,
)

Status = SubsidyApplication.Status

# status -> (who may act on it now, the template telling them)
QUEUES = {
    Status.SUBMITTED: (applications_user_may_review, "subsidies/email/queue_recommend"),
    Status.RECOMMENDED: (applications_user_may_decide, "subsidies/email/queue_decide"),
    Status.APPROVED: (applications_user_may_pay, "subsidies/email/queue_pay"),
}


def application_queue_moved(application: SubsidyApplication) -> None:
    """``application`` has just moved: what waited for someone about it is done; whoever it
    waits for now (if anyone) is told, in the transaction of the move."""
    notifications_done(item=application)
    queue = QUEUES.get(application.status)
    if queue is None:
        return
    selector, template = queue
    candidates = None
    if application.status == Status.SUBMITTED:
        candidates = hub_managers(application.organisation.hub_id)
    notify_on_commit(
        users=users_allowed(selector, application, candidates=candidates),
        template=template,
        context={"application": application},
        link=("subsidy_applications:inspect", [application.pk]),
        item=application,
    )
