"""Who hears of a change in the incubation domain: an organisation's administrators and
members, a hub's managers (the kernel's ``notify`` does the telling), and the staff whose
queue an item enters."""

from incubator.incubation.selectors import intake_applications_user_may_decide
from incubator.kernel.permissions import users_allowed
from incubator.kernel.services.notifications import notify_on_commit
from incubator.models import HubManagerAssignment, OrganisationMembership


def organisation_admins(organisation) -> list:
    """The live administrators of ``organisation``."""
    return [
        membership.user
        for membership in OrganisationMembership.objects.filter(
            organisation=organisation,
            role=OrganisationMembership.Role.ADMIN,
            ended_at__isnull=True,
        ).select_related("user")
    ]


def organisation_members(organisations) -> list:
    """The live members of ``organisations`` (organisations, ids or a values queryset)."""
    return [
        membership.user
        for membership in OrganisationMembership.objects.filter(
            organisation__in=organisations, ended_at__isnull=True
        ).select_related("user")
    ]


def hub_managers(hub_id: int) -> list:
    """The people managing a hub now."""
    return [
        assignment.user
        for assignment in HubManagerAssignment.objects.filter(
            hub_id=hub_id, ended_at__isnull=True
        ).select_related("user")
    ]


def notify_organisation_admins(organisation, *, template: str, context: dict, link=None) -> None:
    """Tell the organisation's administrators (with the change: see ``notify_on_commit``)."""
    notify_on_commit(
        users=organisation_admins(organisation), template=template, context=context, link=link
    )


def tell_intake_reviewers(application) -> None:
    """An application whose contact confirmed their address enters the queue of its hub's
    managers: tell them, about the application (done once it is admitted or declined)."""
    notify_on_commit(
        users=users_allowed(
            intake_applications_user_may_decide,
            application,
            candidates=hub_managers(application.hub_id),
        ),
        template="intake_waiting",
        context={"application": application},
        link=("intake:inspect", [application.pk]),
        item=application,
    )
