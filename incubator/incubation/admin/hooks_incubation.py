"""Back-office hooks of incubation: hubs, intake, organisations, the milestone framework and
milestones, the audit action types of the domain, and the dashboard panels (the task list
first)."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from incubator.incubation.admin.dashboard import dashboard_panels
from incubator.incubation.admin.milestone_viewsets import MilestoneTemplateViewSet, MilestoneViewSet
from incubator.incubation.admin.todo_panel import TodoPanel
from incubator.incubation.admin.viewsets import (
    HubViewSet,
    IntakeViewSet,
    OrganisationViewSet,
)
from incubator.kernel.audit import AuditAction, register_audit_actions
from incubator.models import OrganisationDocument, OrganisationMembership

AUDIT_ACTIONS = [
    AuditAction(
        "incubator.membership.create",
        _("Member added"),
        _("%(member)s joined as %(role)s"),
        choices={"role": OrganisationMembership.Role},
    ),
    AuditAction(
        "incubator.membership.end",
        _("Member removed"),
        _("%(member)s (%(role)s) left the organisation"),
        choices={"role": OrganisationMembership.Role},
    ),
    AuditAction(
        "incubator.hub_manager.assign",
        _("Hub manager assigned"),
        _("%(manager)s now manages this hub"),
    ),
    AuditAction(
        "incubator.hub_manager.unassign",
        _("Hub manager unassigned"),
        _("%(manager)s no longer manages this hub"),
    ),
    AuditAction(
        "incubator.invitation.create",
        _("Invitation sent"),
        _("Invited %(email)s as %(role)s"),
        choices={"role": OrganisationMembership.Role},
    ),
    AuditAction(
        "incubator.invitation.accept",
        _("Invitation accepted"),
        _("%(email)s accepted the invitation"),
    ),
    AuditAction(
        "incubator.invitation.revoke",
        _("Invitation withdrawn"),
        _("The invitation to %(email)s was withdrawn"),
    ),
    AuditAction(
        "incubator.document.upload",
        _("Document uploaded"),
        _("Uploaded “%(title)s” (%(kind)s)"),
        choices={"kind": OrganisationDocument.Kind},
    ),
    AuditAction(
        "incubator.space.allocate",
        _("Space allocated"),
        _("%(seats)s seats of %(space)s from %(starts_on)s to %(ends_on)s"),
    ),
    AuditAction(
        "incubator.space.change",
        _("Space changed"),
        _("The space's details were changed"),
    ),
    AuditAction(
        "incubator.space.end",
        _("Allocation ended early"),
        _("%(seats)s seats of %(space)s now end on %(ends_on)s instead of %(was)s"),
    ),
    AuditAction(
        "incubator.space.withdraw",
        _("Allocation withdrawn"),
        _("%(seats)s seats of %(space)s from %(starts_on)s to %(ends_on)s were withdrawn"),
    ),
    AuditAction(
        "incubator.waitlist.add",
        _("Added to the waitlist"),
        _("Waiting for %(seats)s seats from %(wanted_from)s"),
    ),
    AuditAction(
        "incubator.waitlist.serve",
        _("Waitlist request served"),
        _("The request of %(requested_at)s for %(seats)s seats was served with %(space)s"),
    ),
    AuditAction(
        "incubator.waitlist.cancel",
        _("Waitlist request cancelled"),
        _("The request of %(requested_at)s for %(seats)s seats was cancelled"),
    ),
    AuditAction(
        "incubator.intake.admit",
        _("Admitted"),
        _("Admitted to %(hub)s; admission letter %(reference)s"),
    ),
    AuditAction(
        "incubator.intake.decline",
        _("Application declined"),
        _("The application of %(name)s was declined"),
    ),
    AuditAction(
        "incubator.document.delete",
        _("Document deleted"),
        _("Deleted “%(title)s”"),
    ),
    AuditAction(
        "incubator.milestone.submit",
        _("Evidence submitted"),
        _("Evidence submitted for “%(title)s”"),
    ),
    AuditAction(
        "incubator.milestone.verify",
        _("Milestone verified"),
        _("“%(title)s” verified"),
    ),
    AuditAction(
        "incubator.milestone.return",
        _("Evidence returned"),
        _("The evidence for “%(title)s” was returned"),
    ),
    AuditAction(
        "incubator.incubation.graduate",
        _("Graduated"),
        _("Graduated from %(hub)s on %(on)s"),
    ),
    AuditAction(
        "incubator.incubation.exit",
        _("Incubation ended"),
        _("Left %(hub)s on %(on)s"),
    ),
    AuditAction(
        "incubator.organisation.update_profile",
        _("Profile updated"),
        _("%(fields)s fields of the profile changed"),
    ),
]


@hooks.register("register_log_actions")
def register_incubation_actions(actions):
    register_audit_actions(actions, AUDIT_ACTIONS)


@hooks.register("register_admin_viewset")
def register_incubation_viewsets():
    return [
        HubViewSet("hubs"),
        IntakeViewSet("intake"),
        OrganisationViewSet("organisations"),
        MilestoneTemplateViewSet("milestone_templates"),
        MilestoneViewSet("milestones"),
    ]


@hooks.register("construct_homepage_summary_items", order=100)  # after Wagtail's own
def no_site_summary(request, items):
    # The home page is a work page: what waits for the user, then the figures of their
    # domain. Wagtail's count of pages, images and documents (five queries) says nothing
    # there that the menu does not; every Wagtail panel (moderation, locked pages, recent
    # edits) stays.
    items.clear()


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.append(TodoPanel(request))
    panels.extend(dashboard_panels(request))
