"""The other side of the one authorization layer (test_service_authorization): the people the
incubation selectors allow get past each service's check, and the system may add members and
hub managers without a person behind it."""

from datetime import date

import pytest

from incubator.incubation.services.allocations import allocation_end
from incubator.incubation.services.invitations import invitation_revoke
from incubator.incubation.services.memberships import hub_manager_assign, membership_create
from incubator.incubation.services.milestones import milestone_submit_evidence, milestone_verify
from incubator.incubation.services.waitlist import waitlist_cancel
from incubator.models import Milestone
from tests.incubator.service_scene import Scene

pytestmark = pytest.mark.django_db


def test_the_system_may_add_members_and_hub_managers():
    scene = Scene()
    membership_create(organisation=scene.headless, user=scene.newcomer, role="admin", by=None)
    hub_manager_assign(hub=scene.hub, user=scene.newcomer, by=None)
    assert scene.newcomer.memberships.get().organisation == scene.headless


def test_those_the_selectors_allow_get_past_the_check():
    """The check refuses outsiders only: the organisation's people and its hub's manager act."""
    scene = Scene()
    milestone_submit_evidence(milestone=scene.planned, note="纪要", files=[], by=scene.member)
    milestone_verify(milestone=scene.submitted, by=scene.manager)
    invitation_revoke(invitation=scene.invitation, by=scene.admin)
    waitlist_cancel(entry=scene.entry, by=scene.manager)
    allocation_end(allocation=scene.allocation, on=date(2026, 4, 1), by=scene.manager)
    assert Milestone.objects.get(pk=scene.planned.pk).status == Milestone.Status.SUBMITTED
