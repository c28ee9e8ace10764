"""Who may see and do what in the incubation domain: the selectors every view uses (the generic
``get_visible_or_404`` and ``ScopedPermissionPolicy`` live in ``incubator.kernel.permissions``).

Tenant-scoped lists never fall back to global permissions through guardian
(``accept_global_perms=False``): the global case is decided here, explicitly, once."""

from django.db.models import Q, QuerySet

from guardian.shortcuts import get_objects_for_user

from incubator.models import (
    Hub,
    IntakeApplication,
    Letter,
    Milestone,
    MilestoneTemplate,
    Organisation,
    OrganisationMembership,
    Space,
    SpaceAllocation,
    WaitlistEntry,
)


def _global(user, perm: str) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(perm))


def hubs_managed_by(user) -> QuerySet[Hub]:
    """Hubs the user manages through an assignment (object permission), never globally."""
    if not user.is_authenticated:
        return Hub.objects.none()
    return get_objects_for_user(
        user, "incubator.manage_hub", klass=Hub, accept_global_perms=False, with_superuser=False
    )


def hubs_visible_to(user) -> QuerySet[Hub]:
    """Every hub for bureau officers; a hub manager's own hubs otherwise."""
    if not user.is_authenticated:
        return Hub.objects.none()
    if _global(user, "incubator.view_hub"):
        return Hub.objects.all()
    return hubs_managed_by(user)


def _organisations(user, *, global_perm: str, object_perm: str) -> QuerySet[Organisation]:
    """All organisations with the model-wide permission; otherwise those the user holds the
    object permission on (through a membership) and those of the hubs they manage."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if _global(user, global_perm):
        return Organisation.objects.all()
    own = get_objects_for_user(
        user, object_perm, klass=Organisation, accept_global_perms=False, with_superuser=False
    )
    return Organisation.objects.filter(
        Q(pk__in=own.values("pk")) | Q(hub__in=hubs_managed_by(user).values("pk"))
    )


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Every organisation for bureau officers; for others, the organisations they belong to
    and those in the hubs they manage."""
    return _organisations(
        user,
        global_perm="incubator.view_organisation",
        object_perm="incubator.view_organisation",
    )


def organisations_managed_by(user) -> QuerySet[Organisation]:
    """Organisations whose profile, members and files the user may change: bureau officers
    all, hub managers those of their hubs, an organisation admin their own."""
    return _organisations(
        user,
        global_perm="incubator.change_organisation",
        object_perm="incubator.manage_organisation",
    )


def letters_visible_to(user) -> QuerySet[Letter]:
    """Letters to the organisations the user may see."""
    return Letter.objects.filter(recipient__in=organisations_visible_to(user))


def intake_applications_for(user) -> QuerySet[IntakeApplication]:
    """Applications a user reviews: all for bureau officers, their hubs' for hub managers."""
    if not user.is_authenticated:
        return IntakeApplication.objects.none()
    if _global(user, "incubator.view_intakeapplication"):
        return IntakeApplication.objects.all()
    return IntakeApplication.objects.filter(hub__in=hubs_managed_by(user).values("pk"))


def spaces_visible_to(user) -> QuerySet[Space]:
    """Every space for bureau officers; the spaces of their hubs for hub managers."""
    if not user.is_authenticated:
        return Space.objects.none()
    if _global(user, "incubator.view_space"):
        return Space.objects.all()
    return Space.objects.filter(hub__in=hubs_managed_by(user).values("pk"))


def milestones_visible_to(user) -> QuerySet[Milestone]:
    """Milestones of the organisations the user may see."""
    return Milestone.objects.filter(organisation__in=organisations_visible_to(user).values("pk"))


def milestones_reviewed_by(user) -> QuerySet[Milestone]:
    """Milestones whose evidence the user verifies or returns: those of the organisations in
    the hubs they manage. Bureau officers read plans but do not review them."""
    if not user.is_authenticated:
        return Milestone.objects.none()
    return Milestone.objects.filter(organisation__hub__in=hubs_managed_by(user).values("pk"))


def milestone_templates_visible_to(user) -> QuerySet[MilestoneTemplate]:
    """The frameworks of the hubs the user may see."""
    return MilestoneTemplate.objects.filter(hub__in=hubs_visible_to(user).values("pk"))


def milestone_templates_managed_by(user) -> QuerySet[MilestoneTemplate]:
    """The frameworks a hub manager keeps: those of their own hubs."""
    return MilestoneTemplate.objects.filter(hub__in=hubs_managed_by(user).values("pk"))


def hubs_for_spaces_of(user) -> QuerySet[Hub]:
    """Hubs the user may add spaces to: every hub for bureau officers, their own for hub
    managers."""
    if not user.is_authenticated:
        return Hub.objects.none()
    if _global(user, "incubator.add_space"):
        return Hub.objects.all()
    return hubs_managed_by(user)


def spaces_managed_by(user) -> QuerySet[Space]:
    """Spaces the user may change, and whose seats they allocate or free: every space for
    bureau officers, the spaces of their hubs for hub managers."""
    if not user.is_authenticated:
        return Space.objects.none()
    if _global(user, "incubator.change_space"):
        return Space.objects.all()
    return Space.objects.filter(hub__in=hubs_managed_by(user).values("pk"))


def allocations_visible_to(user) -> QuerySet[SpaceAllocation]:
    """Every allocation for bureau officers; those in their hubs' spaces for hub managers."""
    if not user.is_authenticated:
        return SpaceAllocation.objects.none()
    if _global(user, "incubator.view_spaceallocation"):
        return SpaceAllocation.objects.all()
    return SpaceAllocation.objects.filter(space__hub__in=hubs_managed_by(user).values("pk"))


def allocations_managed_by(user) -> QuerySet[SpaceAllocation]:
    """Allocations the user may end early: in the spaces they manage."""
    return SpaceAllocation.objects.filter(space__in=spaces_managed_by(user).values("pk"))


def waitlist_visible_to(user) -> QuerySet[WaitlistEntry]:
    """The whole waitlist for bureau officers; their hubs' entries for hub managers."""
    if not user.is_authenticated:
        return WaitlistEntry.objects.none()
    if _global(user, "incubator.view_waitlistentry"):
        return WaitlistEntry.objects.all()
    return WaitlistEntry.objects.filter(hub__in=hubs_managed_by(user).values("pk"))


def waitlist_managed_by(user) -> QuerySet[WaitlistEntry]:
    """Entries the user may serve or cancel: those of the hubs whose spaces they manage."""
    if not user.is_authenticated:
        return WaitlistEntry.objects.none()
    if _global(user, "incubator.change_space"):
        return WaitlistEntry.objects.all()
    return WaitlistEntry.objects.filter(hub__in=hubs_managed_by(user).values("pk"))


def manages_any_hub(user) -> bool:
    """Whether the user manages at least one hub; asked by many menus, panels and policies,
    so read once and remembered on the user object, which lives for one request (the hub
    assignment services forget it when they change the answer)."""
    memo = user.__dict__.setdefault("_scope_memo", {})
    if "manages_any_hub" not in memo:
        memo["manages_any_hub"] = hubs_managed_by(user).exists()
    return memo["manages_any_hub"]


def live_membership(user) -> OrganisationMembership | None:
    """The user's current membership, with its organisation and hub, or None."""
    if not user.is_authenticated:
        return None
    return (
        OrganisationMembership.objects.filter(user=user, ended_at__isnull=True)
        .select_related("organisation__hub")
        .first()
    )
