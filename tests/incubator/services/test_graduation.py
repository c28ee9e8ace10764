"""The end of an incubation: graduation refuses while a required milestone is unverified and
names it; graduation and exit end the organisation's allocations that day."""

from datetime import date

from django.core import mail

import pytest

from incubator.incubation.services.incubations import incubation_exit, incubation_graduate
from incubator.incubation.services.spaces import space_allocate
from incubator.kernel.errors import ServiceError
from incubator.models import Incubation, Milestone, Organisation, Space, SpaceAllocation
from tests.factories import (
    OrganisationFactory,
    incubation_for,
    letterhead_settings,
    manager_of,
    member_of,
    milestone_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    letterhead_settings()
    organisation = OrganisationFactory()
    incubation_for(organisation, started_on=date(2026, 1, 1), planned_end_on=date(2026, 12, 31))
    member_of(organisation, "admin", email="admin@example.org")
    return organisation


def test_graduation_names_every_unverified_required_milestone(organisation):
    milestone_for(organisation, title="完成登记", status=Milestone.Status.VERIFIED)
    milestone_for(organisation, title="建立财务制度", status=Milestone.Status.SUBMITTED)
    milestone_for(organisation, title="完成年度评估")
    milestone_for(organisation, title="选做项目", is_required=False)
    with pytest.raises(ServiceError) as caught:
        incubation_graduate(
            organisation=organisation, on=date(2026, 12, 31), by=manager_of(organisation.hub)
        )
    message = str(caught.value)
    assert caught.value.code == "unverified_milestones"
    assert "建立财务制度" in message and "完成年度评估" in message
    assert "完成登记" not in message and "选做项目" not in message
    organisation.refresh_from_db()
    assert organisation.stage == Organisation.Stage.INCUBATING


def test_graduation_ends_the_incubation_and_its_allocations(
    organisation, django_capture_on_commit_callbacks
):
    milestone_for(organisation, title="完成登记", status=Milestone.Status.VERIFIED)
    milestone_for(organisation, title="选做项目", is_required=False)
    space = Space.objects.create(hub=organisation.hub, code="A-201", kind="private_office", seats=4)
    allocation = space_allocate(
        space=space,
        organisation=organisation,
        seats=2,
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 12, 31),
        by=manager_of(organisation.hub),
    )
    with django_capture_on_commit_callbacks(execute=True):
        incubation_graduate(
            organisation=organisation, on=date(2026, 10, 15), by=manager_of(organisation.hub)
        )
    organisation.refresh_from_db()
    assert organisation.stage == Organisation.Stage.GRADUATED
    incubation = Incubation.objects.get(organisation=organisation)
    assert (incubation.ended_on, incubation.outcome) == (date(2026, 10, 15), "graduated")
    allocation.refresh_from_db()
    assert allocation.ends_on == date(2026, 10, 15)
    assert mail.outbox[-1].to == ["admin@example.org"]
    with pytest.raises(ServiceError) as caught:
        incubation_graduate(
            organisation=organisation, on=date(2026, 10, 16), by=manager_of(organisation.hub)
        )
    assert caught.value.code == "not_incubating"


def test_exit_needs_a_reason_and_ends_allocations(organisation):
    manager = manager_of(organisation.hub)
    space = Space.objects.create(
        hub=organisation.hub, code="B-101", kind="dedicated_desks", seats=8
    )
    space_allocate(
        space=space,
        organisation=organisation,
        seats=2,
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 12, 31),
        by=manager,
    )
    with pytest.raises(ServiceError) as caught:
        incubation_exit(organisation=organisation, on=date(2026, 6, 30), reason=" ", by=manager)
    assert caught.value.code == "reason_required"
    with pytest.raises(ServiceError) as caught:
        incubation_exit(organisation=organisation, on=date(2025, 6, 30), reason="搬迁", by=manager)
    assert caught.value.code == "before_start"
    incubation_exit(
        organisation=organisation, on=date(2026, 6, 30), reason="负责人离开", by=manager
    )
    organisation.refresh_from_db()
    assert organisation.stage == Organisation.Stage.EXITED
    assert SpaceAllocation.objects.get(organisation=organisation).ends_on == date(2026, 6, 30)


def test_graduating_from_the_back_office_shows_the_refusal_on_the_form(client, organisation):
    milestone_for(organisation, title="建立财务制度")
    client.force_login(manager_of(organisation.hub))
    response = client.post(
        f"/admin/organisations/graduate/{organisation.pk}/", {"on": "2026-12-31"}
    )
    assert response.status_code == 200
    assert "建立财务制度" in response.content.decode()
    Milestone.objects.update(status=Milestone.Status.VERIFIED)
    response = client.post(
        f"/admin/organisations/graduate/{organisation.pk}/", {"on": "2026-12-31"}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.stage == Organisation.Stage.GRADUATED
