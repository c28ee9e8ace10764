"""Memberships and hub assignments carry their object permissions, and only while they last."""

from wagtail.models import ModelLogEntry

import pytest

from incubator.incubation.selectors import (
    hubs_user_may_manage,
    live_membership,
    organisations_user_may_manage,
    organisations_visible_to,
)
from incubator.incubation.services.memberships import (
    hub_manager_assign,
    hub_manager_unassign,
    membership_create,
    membership_end,
)
from incubator.kernel.errors import ServiceError
from incubator.kernel.roles import user_has_role
from incubator.models import OrganisationMembership
from tests.factories import HubFactory, OrganisationFactory, UserFactory, bureau_officer, member_of

pytestmark = pytest.mark.django_db


def test_membership_grants_the_role_permissions_on_that_organisation_only():
    mine, other = OrganisationFactory(), OrganisationFactory()
    admin = member_of(mine, "admin")
    member = member_of(mine, "member")
    assert admin.has_perm("incubator.manage_organisation", mine)
    assert member.has_perm("incubator.view_organisation", mine)
    assert not member.has_perm("incubator.manage_organisation", mine)
    assert not admin.has_perm("incubator.view_organisation", other)
    assert list(organisations_visible_to(member)) == [mine]
    assert list(organisations_user_may_manage(member)) == []
    assert list(organisations_user_may_manage(admin)) == [mine]


def test_a_person_belongs_to_one_organisation_at_a_time():
    user = member_of(OrganisationFactory(), "member")
    with pytest.raises(ServiceError) as caught:
        membership_create(organisation=OrganisationFactory(), user=user, role="member")
    assert caught.value.code == "already_member"


def test_ending_a_membership_removes_the_permissions_and_is_audited():
    organisation = OrganisationFactory()
    admin = member_of(organisation, "admin")
    member = member_of(organisation, "member")
    membership = live_membership(member)
    membership_end(membership=membership, by=admin, reason="离职")
    assert not member.has_perm("incubator.view_organisation", organisation)
    assert live_membership(member) is None
    entry = ModelLogEntry.objects.filter(action="incubator.membership.end").get()
    assert entry.user_id == admin.pk
    assert entry.data["reason"] == "离职"


def test_the_last_administrator_cannot_leave():
    organisation = OrganisationFactory()
    admin = member_of(organisation, "admin")
    with pytest.raises(ServiceError) as caught:
        membership_end(membership=live_membership(admin), by=admin)
    assert caught.value.code == "last_admin"
    assert OrganisationMembership.objects.get(user=admin).ended_at is None


def test_ended_membership_cannot_end_twice():
    organisation = OrganisationFactory()
    admin = member_of(organisation, "admin")
    membership = live_membership(member_of(organisation, "member"))
    membership_end(membership=membership, by=admin)
    with pytest.raises(ServiceError):
        membership_end(membership=membership, by=admin)


def test_hub_manager_sees_the_organisations_of_their_hubs_only():
    hub, other_hub = HubFactory(), HubFactory()
    inside, outside = OrganisationFactory(hub=hub), OrganisationFactory(hub=other_hub)
    manager = UserFactory()
    assignment = hub_manager_assign(hub=hub, user=manager)
    assert user_has_role(manager, "hub_manager")
    assert list(hubs_user_may_manage(manager)) == [hub]
    assert set(organisations_visible_to(manager)) == {inside}
    assert outside not in organisations_user_may_manage(manager)

    hub_manager_unassign(assignment=assignment, by=bureau_officer(), reason="调岗")
    manager = type(manager).objects.get(pk=manager.pk)  # fresh permission caches
    assert not user_has_role(manager, "hub_manager")
    assert list(organisations_visible_to(manager)) == []


def test_assigning_the_same_manager_twice_is_refused():
    hub, manager = HubFactory(), UserFactory()
    hub_manager_assign(hub=hub, user=manager)
    with pytest.raises(ServiceError):
        hub_manager_assign(hub=hub, user=manager)


def test_anonymous_visitors_see_nothing():
    from django.contrib.auth.models import AnonymousUser

    OrganisationFactory()
    assert not organisations_visible_to(AnonymousUser()).exists()
    assert not hubs_user_may_manage(AnonymousUser()).exists()
