"""Capacity milestones: the framework becomes the plan at admission; evidence, verification and
return follow the allowed moves; progress and the overdue list read the plan."""

from datetime import date

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from incubator.incubation.services.intake import intake_admit
from incubator.incubation.services.milestones import (
    milestone_return,
    milestone_submit_evidence,
    milestone_verify,
    overdue,
    progress_by_area,
)
from incubator.kernel.errors import ServiceError
from incubator.models import Milestone, MilestoneArea
from tests.factories import (
    HubFactory,
    MilestoneTemplateFactory,
    OrganisationFactory,
    intake_application,
    letterhead_settings,
    manager_of,
    member_of,
    milestone_for,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%%EOF\n"


def test_admission_copies_the_hubs_active_framework_with_due_dates():
    letterhead_settings()
    hub = HubFactory()
    MilestoneTemplateFactory(hub=hub, title="理事会", due_after_months=3)
    MilestoneTemplateFactory(
        hub=hub, title="财务制度", area=MilestoneArea.FINANCE, due_after_months=6, is_required=False
    )
    MilestoneTemplateFactory(hub=hub, title="远期目标", due_after_months=30)  # past the end
    MilestoneTemplateFactory(hub=hub, title="已停用", is_active=False)
    MilestoneTemplateFactory(hub=HubFactory(), title="别的基地")
    organisation = intake_admit(
        application=intake_application(hub),
        started_on=date(2026, 1, 31),
        months=12,
        by=manager_of(hub),
    )
    plan = {m.title: m for m in organisation.milestones.all()}
    assert set(plan) == {"理事会", "财务制度", "远期目标"}
    assert plan["理事会"].due_on == date(2026, 4, 30)
    assert plan["财务制度"].due_on == date(2026, 7, 31)
    assert plan["财务制度"].is_required is False
    assert plan["远期目标"].due_on == date(2027, 1, 30)  # the planned end
    assert all(m.status == Milestone.Status.PLANNED for m in plan.values())


def _submitted(organisation=None):
    organisation = organisation or OrganisationFactory()
    admin = member_of(organisation, "admin", email="admin@example.org")
    milestone = milestone_for(organisation)
    milestone_submit_evidence(
        milestone=milestone,
        note="理事会会议纪要",
        files=[SimpleUploadedFile("minutes.pdf", PDF)],
        by=admin,
    )
    milestone.refresh_from_db()
    return milestone


def test_evidence_waits_for_the_hub_manager():
    milestone = _submitted()
    assert milestone.status == Milestone.Status.SUBMITTED
    assert milestone.evidence.get().original_name == "minutes.pdf"
    assert milestone.submitted_at is not None


def test_evidence_needs_a_file_or_a_note():
    organisation = OrganisationFactory()
    milestone = milestone_for(organisation)
    member = member_of(organisation)
    with pytest.raises(ServiceError) as caught:
        milestone_submit_evidence(milestone=milestone, note="  ", files=[], by=member)
    assert caught.value.code == "evidence_required"


def test_verify_and_return_follow_the_allowed_moves(django_capture_on_commit_callbacks):
    milestone = _submitted()
    manager = manager_of(milestone.organisation.hub)
    admin = milestone.organisation.memberships.get().user
    with pytest.raises(ServiceError) as caught:
        milestone_return(milestone=milestone, reason=" ", by=manager)
    assert caught.value.code == "reason_required"
    with django_capture_on_commit_callbacks(execute=True):
        milestone_return(milestone=milestone, reason="纪要缺少签名", by=manager)
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.RETURNED
    assert "纪要缺少签名" in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["admin@example.org"]
    # Returned evidence can be submitted again, and then verified once.
    milestone_submit_evidence(milestone=milestone, note="补充签名页", files=[], by=admin)
    with django_capture_on_commit_callbacks(execute=True):
        milestone_verify(milestone=milestone, by=manager)
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.VERIFIED
    for move in (
        lambda: milestone_verify(milestone=milestone, by=manager),
        lambda: milestone_return(milestone=milestone, reason="再看看", by=manager),
        lambda: milestone_submit_evidence(milestone=milestone, note="x", files=[], by=admin),
    ):
        with pytest.raises(ServiceError) as caught:
            move()
        assert caught.value.code == "move_refused"


def test_a_planned_milestone_cannot_be_verified_without_evidence():
    milestone = milestone_for(OrganisationFactory())
    with pytest.raises(ServiceError) as caught:
        milestone_verify(milestone=milestone, by=manager_of(milestone.organisation.hub))
    assert caught.value.code == "move_refused"


def test_progress_and_overdue_read_the_plan():
    organisation = OrganisationFactory()
    milestone_for(organisation, title="a", due_on=date(2026, 2, 1))
    milestone_for(organisation, title="b", due_on=date(2026, 9, 1))
    milestone_for(
        organisation,
        title="c",
        area=MilestoneArea.FINANCE,
        due_on=date(2026, 2, 1),
        status=Milestone.Status.VERIFIED,
    )
    milestone_for(
        organisation,
        title="d",
        area=MilestoneArea.FINANCE,
        due_on=date(2026, 2, 1),
        status=Milestone.Status.SUBMITTED,
    )
    plan = organisation.milestones.all()
    rows = {row.area: (row.verified, row.total, row.percent) for row in progress_by_area(plan)}
    assert rows == {"governance": (0, 2, 0), "finance": (1, 2, 50)}
    late = overdue(plan, today=date(2026, 3, 1))
    assert [m.title for m in late] == ["a"]
