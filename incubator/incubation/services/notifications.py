"""Who hears of a change in the incubation domain: an organisation's administrators and
members, a hub's managers (the kernel's ``notify`` does the telling)."""

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
