"""Organisation memberships and hub manager assignments, with the object permissions they
carry. Permissions are granted here when a role starts and removed here when it ends."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guardian.shortcuts import assign_perm, remove_perm

from incubator.incubation.selectors import hubs_user_may_staff, organisations_user_may_manage
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import require_allowed
from incubator.kernel.roles import Role, role_group
from incubator.kernel.services.notifications import notify_on_commit
from incubator.models import Hub, HubManagerAssignment, Organisation, OrganisationMembership

MEMBER_PERMS = ["incubator.view_organisation"]
ADMIN_PERMS = [*MEMBER_PERMS, "incubator.manage_organisation"]
HUB_MANAGER_PERMS = ["incubator.view_hub", "incubator.manage_hub"]

ALREADY_MEMBER = _("%(user)s already belongs to an organisation (%(organisation)s).")
MEMBERSHIP_ENDED = _("This membership has already ended.")
LAST_ADMIN = _("An organisation needs at least one administrator: appoint another one first.")
ALREADY_MANAGER = _("%(user)s already manages %(hub)s.")


def _perms_for(role: str) -> list[str]:
    return ADMIN_PERMS if role == OrganisationMembership.Role.ADMIN else MEMBER_PERMS


def _grant(user, organisation: Organisation, role: str) -> None:
    for perm in _perms_for(role):
        assign_perm(perm, user, organisation)
    user.__dict__.pop("_scope_memo", None)  # their membership and what they may see changed


def _revoke(user, organisation: Organisation) -> None:
    for perm in ADMIN_PERMS:
        remove_perm(perm, user, organisation)
    user.__dict__.pop("_scope_memo", None)


@transaction.atomic
def membership_create(
    *, organisation: Organisation, user, role: str, by=None
) -> OrganisationMembership:
    """Make ``user`` an admin or member of ``organisation``.
    Before: the user belongs to no organisation. After: a live membership and the role's
    object permissions on the organisation; an audit entry on the organisation. ``by`` must
    manage the organisation; it is None only when the system acts (demo and test data, the
    first admin of an organisation set up outside the back office)."""
    if by is not None:
        require_allowed(organisations_user_may_manage, by, organisation)
    return _membership_add(organisation=organisation, user=user, role=role, by=by)


def _membership_add(*, organisation: Organisation, user, role: str, by) -> OrganisationMembership:
    """The membership, unchecked: for ``membership_create`` and for accepting an invitation
    (which the signed link authorises, made by someone who was allowed to invite)."""
    membership = OrganisationMembership(
        organisation=organisation, user=user, role=role, created_by=by
    )
    membership.full_clean(exclude=["user"])
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:
        current = OrganisationMembership.objects.filter(user=user, ended_at__isnull=True).first()
        raise ServiceError(
            ALREADY_MEMBER
            % {
                "user": user.get_username(),
                "organisation": current.organisation if current else "",
            },
            code="already_member",
        ) from exc
    _grant(user, organisation, role)
    audit_log(
        instance=organisation,
        action="incubator.membership.create",
        user=by,
        data={"member": user.get_username(), "role": membership.role},
    )
    return membership


@transaction.atomic
def membership_end(*, membership: OrganisationMembership, by, reason: str = "") -> None:
    """End a membership. Before: it is live, and if it is an admin's, another admin remains.
    After: ended, the object permissions removed, an audit entry with the reason. Only those
    who manage the organisation."""
    require_allowed(organisations_user_may_manage, by, membership.organisation)
    locked = OrganisationMembership.objects.select_for_update().get(pk=membership.pk)
    if locked.ended_at is not None:
        raise ServiceError(MEMBERSHIP_ENDED, code="membership_ended")
    if locked.role == OrganisationMembership.Role.ADMIN:
        other_admins = OrganisationMembership.objects.filter(
            organisation_id=locked.organisation_id,
            role=OrganisationMembership.Role.ADMIN,
            ended_at__isnull=True,
        ).exclude(pk=locked.pk)
        if not other_admins.exists():
            raise ServiceError(LAST_ADMIN, code="last_admin")
    locked.ended_at = timezone.now()
    locked.ended_by = by
    locked.save(update_fields=["ended_at", "ended_by"])
    _revoke(locked.user, locked.organisation)
    if OrganisationMembership.user.is_cached(membership):  # the caller's user object too
        membership.user.__dict__.pop("_scope_memo", None)
    audit_log(
        instance=locked.organisation,
        action="incubator.membership.end",
        user=by,
        reason=reason,
        data={"member": locked.user.get_username(), "role": locked.role},
    )
    membership.ended_at = locked.ended_at


@transaction.atomic
def hub_manager_assign(*, hub: Hub, user, by=None) -> HubManagerAssignment:
    """Make ``user`` a manager of ``hub``: the hub manager role (admin access) and the hub's
    object permissions. Before: not already managing it. After: a live assignment, audited.
    ``by`` must staff hubs (bureau officers, superusers); it is None only when the system acts
    (demo and test data)."""
    if by is not None:
        require_allowed(hubs_user_may_staff, by, hub)
    assignment = HubManagerAssignment(hub=hub, user=user, started_by=by)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as exc:
        raise ServiceError(
            ALREADY_MANAGER % {"user": user.get_username(), "hub": hub}, code="already_manager"
        ) from exc
    user.groups.add(role_group(Role.HUB_MANAGER))
    user.__dict__.pop("_role_names", None)  # read afresh by user_has_role
    for perm in HUB_MANAGER_PERMS:
        assign_perm(perm, user, hub)
    user.__dict__.pop("_scope_memo", None)  # what the user may see has changed
    audit_log(
        instance=hub,
        action="incubator.hub_manager.assign",
        user=by,
        data={"manager": user.get_username()},
    )
    notify_on_commit(
        users=[user], template="hub_assigned", context={"hub": hub}, link=("wagtailadmin_home", [])
    )
    return assignment


@transaction.atomic
def hub_manager_unassign(*, assignment: HubManagerAssignment, by, reason: str = "") -> None:
    """End a hub manager assignment: the hub's object permissions go, and the hub manager role
    too when the user manages no other hub. Only those who staff hubs."""
    require_allowed(hubs_user_may_staff, by, assignment.hub)
    locked = HubManagerAssignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.ended_at is not None:
        raise ServiceError(MEMBERSHIP_ENDED, code="assignment_ended")
    locked.ended_at = timezone.now()
    locked.ended_by = by
    locked.save(update_fields=["ended_at", "ended_by"])
    for perm in HUB_MANAGER_PERMS:
        remove_perm(perm, locked.user, locked.hub)
    if not HubManagerAssignment.objects.filter(user=locked.user, ended_at__isnull=True).exists():
        locked.user.groups.remove(role_group(Role.HUB_MANAGER))
        locked.user.__dict__.pop("_role_names", None)
    audit_log(
        instance=locked.hub,
        action="incubator.hub_manager.unassign",
        user=by,
        reason=reason,
        data={"manager": locked.user.get_username()},
    )
    assignment.ended_at = locked.ended_at
