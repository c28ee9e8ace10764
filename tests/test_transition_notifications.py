"""Transitions that concern someone tell them, in the app and by email: evidence waiting for
its hub manager, space allocated, a bid's receipt, an evaluator's assignment, a contract
made, a member who joined. Each goes to the people concerned and nobody else."""

from datetime import date

from django.core import mail
from django.utils import timezone

import pytest

from incubator.incubation.services.milestones import milestone_submit_evidence
from incubator.incubation.services.spaces import space_allocate
from incubator.kernel.roles import Role
from incubator.models import Notification
from tenders.services.evaluation import evaluator_assign
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    awarded,
    bidder,
    bureau_officer,
    manager_of,
    member_of,
    milestone_for,
    staff_with_role,
    submitted_bid,
    tender_index,
    tender_page,
)
from tests.factories.spaces import incubating, space_of

pytestmark = pytest.mark.django_db


def titles(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("title_en", flat=True))


def test_submitted_evidence_reaches_the_hubs_managers_only(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(name="太仓市沙溪镇乐龄服务社")
    manager = manager_of(organisation.hub, email="manager@example.org")
    other_manager = manager_of(HubFactory())
    milestone = milestone_for(organisation, title="建立财务制度")
    Notification.objects.all().delete()  # "You now manage ...", to each manager
    with django_capture_on_commit_callbacks(execute=True):
        milestone_submit_evidence(
            milestone=milestone, note="制度文本", files=[], by=member_of(organisation)
        )
    assert titles(manager) == ["Evidence to review: 太仓市沙溪镇乐龄服务社, “建立财务制度”"]
    assert titles(other_manager) == []
    assert mail.outbox[-1].to == ["manager@example.org"]


def test_an_allocation_tells_the_organisations_admins(django_capture_on_commit_callbacks):
    hub = HubFactory()
    organisation = incubating(hub)
    admin = member_of(organisation, "admin", email="admin@example.org")
    space = space_of(hub, code="B-105")
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        space_allocate(
            space=space,
            organisation=organisation,
            seats=2,
            starts_on=max(today, date(2026, 1, 1)),
            ends_on=date(2027, 6, 30),
            by=manager_of(hub),
        )
    assert titles(admin) == ["Office space allocated: B-105"]
    assert "2 seats in B-105" in mail.outbox[-1].body


def test_a_bid_receipt_an_evaluators_assignment_and_a_contract(
    django_capture_on_commit_callbacks,
):
    index = tender_index()
    tender = tender_page(index)
    organisation, admin = bidder("太仓市回执测试服务社")
    with django_capture_on_commit_callbacks(execute=True):
        submitted_bid(tender, organisation, admin)
    assert titles(admin) == [f"Bid submitted for tender {tender.reference}"]

    evaluator = staff_with_role(Role.EVALUATOR, email="evaluator@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        evaluator_assign(tender=tender, user=evaluator, by=bureau_officer())
    assert titles(evaluator) == [f"You are asked to evaluate tender {tender.reference}"]

    with django_capture_on_commit_callbacks(execute=True):
        closed, bids = awarded(index)
    winner_admin = bids[0].organisation.memberships.get().user
    loser_admin = bids[1].organisation.memberships.get().user
    assert f"Contract for tender {closed.reference}" in titles(winner_admin)
    assert f"Contract for tender {closed.reference}" not in titles(loser_admin)
