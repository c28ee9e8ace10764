"""Who may see and do what in the incubation domain: the selectors every view uses (the generic
``get_visible_or_404`` and ``ScopedPermissionPolicy`` live in ``incubator.kernel.permissions``).

Tenant-scoped lists never fall back to global permissions through guardian
(``accept_global_perms=False``): the global case is decided here, explicitly, once."""

from django.db.models import Q, QuerySet

from guardian.shortcuts import get_objects_for_user

from incubator.kernel.roles import Role, user_has_role
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


def hubs_user_may_manage(user) -> QuerySet[Hub]:
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
    return hubs_user_may_manage(user)


def managed_hub_ids(user) -> list[int]:
    """The ids of the hubs the user manages, read now: a handful of numbers, which the
    database plans well as a literal list where a nested permission subquery leaves it
    guessing how many rows come back (at ten times the city, a scan of every milestone)."""
    if not user.is_authenticated:
        return []
    return list(hubs_user_may_manage(user).values_list("pk", flat=True))


def _organisation_scope(user, *, global_perm: str, object_perm: str):
    """None for the model-wide permission (every organisation); otherwise the ids of the
    organisations the user holds ``object_perm`` on (a membership) and of the hubs they
    manage, both read now (see ``managed_hub_ids``)."""
    if _global(user, global_perm):
        return None
    own = get_objects_for_user(
        user, object_perm, klass=Organisation, accept_global_perms=False, with_superuser=False
    )
    return list(own.values_list("pk", flat=True)), managed_hub_ids(user)


def _organisations(user, *, global_perm: str, object_perm: str) -> QuerySet[Organisation]:
    """All organisations with the model-wide permission; otherwise those the user holds the
    object permission on (through a membership) and those of the hubs they manage."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    scope = _organisation_scope(user, global_perm=global_perm, object_perm=object_perm)
    if scope is None:
        return Organisation.objects.all()
    own, hubs = scope
    return Organisation.objects.filter(Q(pk__in=own) | Q(hub__in=hubs))


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Every organisation for bureau officers; for others, the organisations they belong to
    and those in the hubs they manage."""
    return _organisations(
        user,
        global_perm="incubator.view_organisation",
        object_perm="incubator.view_organisation",
    )


def organisations_user_may_manage(user) -> QuerySet[Organisation]:
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


def intake_applications_visible_to(user) -> QuerySet[IntakeApplication]:
    """Applications a user reviews: all for bureau officers, their hubs' for hub managers."""
    if not user.is_authenticated:
        return IntakeApplication.objects.none()
    if _global(user, "incubator.view_intakeapplication"):
        return IntakeApplication.objects.all()
    return IntakeApplication.objects.filter(hub__in=hubs_user_may_manage(user).values("pk"))


def spaces_visible_to(user) -> QuerySet[Space]:
    """Every space for bureau officers; the spaces of their hubs for hub managers."""
    if not user.is_authenticated:
        return Space.objects.none()
    if _global(user, "incubator.view_space"):
        return Space.objects.all()
    return Space.objects.filter(hub__in=hubs_user_may_manage(user).values("pk"))


def milestones_visible_to(user) -> QuerySet[Milestone]:
    """Milestones of the organisations the user may see: one join to the organisation, on
    literal lists of ids (see ``managed_hub_ids``)."""
    if not user.is_authenticated:
        return Milestone.objects.none()
    scope = _organisation_scope(
        user, global_perm="incubator.view_organisation", object_perm="incubator.view_organisation"
    )
    if scope is None:
        return Milestone.objects.all()
    own, hubs = scope
    return Milestone.objects.filter(Q(organisation__in=own) | Q(organisation__hub__in=hubs))


def milestones_user_may_review(user) -> QuerySet[Milestone]:
    """Milestones whose evidence the user verifies or returns: those of the organisations in
    the hubs they manage. Bureau officers read plans but do not review them."""
    return Milestone.objects.filter(organisation__hub__in=managed_hub_ids(user))


def milestone_templates_visible_to(user) -> QuerySet[MilestoneTemplate]:
    """The frameworks of the hubs the user may see."""
    return MilestoneTemplate.objects.filter(hub__in=hubs_visible_to(user).values("pk"))


def milestone_templates_user_may_manage(user) -> QuerySet[MilestoneTemplate]:
    """The frameworks a hub manager keeps: those of their own hubs."""
    return MilestoneTemplate.objects.filter(hub__in=hubs_user_may_manage(user).values("pk"))


def hubs_user_may_add_spaces_to(user) -> QuerySet[Hub]:
    """Hubs the user may add spaces to: every hub for bureau officers, their own for hub
    managers."""
    if not user.is_authenticated:
        return Hub.objects.none()
    if _global(user, "incubator.add_space"):
        return Hub.objects.all()
    return hubs_user_may_manage(user)


def spaces_user_may_manage(user) -> QuerySet[Space]:
    """Spaces the user may change, and whose seats they allocate or free: every space for
    bureau officers, the spaces of their hubs for hub managers."""
    if not user.is_authenticated:
        return Space.objects.none()
    if _global(user, "incubator.change_space"):
        return Space.objects.all()
    return Space.objects.filter(hub__in=hubs_user_may_manage(user).values("pk"))


def allocations_visible_to(user) -> QuerySet[SpaceAllocation]:
    """Every allocation for bureau officers; those in their hubs' spaces for hub managers."""
    if not user.is_authenticated:
        return SpaceAllocation.objects.none()
    if _global(user, "incubator.view_spaceallocation"):
        return SpaceAllocation.objects.all()
    return SpaceAllocation.objects.filter(space__hub__in=hubs_user_may_manage(user).values("pk"))


def allocations_user_may_end(user) -> QuerySet[SpaceAllocation]:
    """Allocations the user may end early: in the spaces they manage."""
    return SpaceAllocation.objects.filter(space__in=spaces_user_may_manage(user).values("pk"))


def waitlist_visible_to(user) -> QuerySet[WaitlistEntry]:
    """The whole waitlist for bureau officers; their hubs' entries for hub managers."""
    if not user.is_authenticated:
        return WaitlistEntry.objects.none()
    if _global(user, "incubator.view_waitlistentry"):
        return WaitlistEntry.objects.all()
    return WaitlistEntry.objects.filter(hub__in=hubs_user_may_manage(user).values("pk"))


def waitlist_user_may_manage(user) -> QuerySet[WaitlistEntry]:
    """Entries the user may serve or cancel: those of the hubs whose spaces they manage."""
    if not user.is_authenticated:
        return WaitlistEntry.objects.none()
    if _global(user, "incubator.change_space"):
        return WaitlistEntry.objects.all()
    return WaitlistEntry.objects.filter(hub__in=hubs_user_may_manage(user).values("pk"))


def intake_applications_user_may_decide(user) -> QuerySet[IntakeApplication]:
    """Applications the user admits or declines: the ones they review (bureau officers all,
    hub managers their hubs')."""
    return intake_applications_visible_to(user)


def milestones_user_may_submit_evidence(user) -> QuerySet[Milestone]:
    """Milestones of the organisation the user belongs to (a live membership, any role)."""
    if not user.is_authenticated:
        return Milestone.objects.none()
    return Milestone.objects.filter(
        organisation__in=OrganisationMembership.objects.filter(
            user=user, ended_at__isnull=True
        ).values("organisation")
    )


def organisations_user_may_end_incubation(user) -> QuerySet[Organisation]:
    """Organisations whose incubation the user ends (graduation or exit): those they may
    manage in the hubs they manage."""
    return organisations_user_may_manage(user).filter(
        hub__in=hubs_user_may_manage(user).values("pk")
    )


def organisations_user_may_give_space(user) -> QuerySet[Organisation]:
    """Organisations the user allocates seats to or puts on the waitlist: every organisation
    for those who change spaces model-wide (bureau officers), their hubs' for hub managers."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if _global(user, "incubator.change_space"):
        return Organisation.objects.all()
    return Organisation.objects.filter(hub__in=hubs_user_may_manage(user).values("pk"))


def hubs_user_may_staff(user) -> QuerySet[Hub]:
    """Hubs whose managers the user assigns and unassigns: every hub for those who change
    hubs model-wide (bureau officers, superusers), none otherwise."""
    if not user.is_authenticated:
        return Hub.objects.none()
    if _global(user, "incubator.change_hub"):
        return Hub.objects.all()
    return Hub.objects.none()


def manages_any_hub(user) -> bool:
    """Whether the user manages at least one hub; asked by many menus, panels and policies,
    so read once and remembered on the user object, which lives for one request (the hub
    assignment services forget it when they change the answer)."""
    memo = user.__dict__.setdefault("_scope_memo", {})
    if "manages_any_hub" not in memo:
        # Hub managers hold the role, given with the hub's rights (``hub_manager_assign``):
        # for anyone else the answer needs no query beyond their roles.
        memo["manages_any_hub"] = (
            user_has_role(user, Role.HUB_MANAGER) and hubs_user_may_manage(user).exists()
        )
    return memo["manages_any_hub"]


def live_membership(user) -> OrganisationMembership | None:
    """The user's current membership, with its organisation and hub, or None. Read once per
    user object (which lives for one request), as the user's roles are: a portal page asks
    for it from every section; the membership services forget it when they change it."""
    if not user.is_authenticated:
        return None
    memo = user.__dict__.setdefault("_scope_memo", {})
    if "live_membership" not in memo:
        membership = (
            OrganisationMembership.objects.filter(user=user, ended_at__isnull=True)
            .select_related("organisation__hub")
            .first()
        )
        if membership is not None:
            membership.user = user  # the services that end it forget it on this object
        memo["live_membership"] = membership
    return memo["live_membership"]
