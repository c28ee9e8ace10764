"""Forged ids in the back office's forms: a hub manager naming another hub's space, hub or
milestone, a payment waiting for another organisation's milestone, an award naming another
tender's bid. Each is refused and nothing changes."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.models import Hub, MilestoneTemplate, Space, SpaceAllocation, WaitlistEntry
from subsidies.models import Disbursement
from tenders.models import (
    Complaint,
    Contract,
    ContractAcceptance,
    ContractEvaluationReport,
    ContractReport,
    ContractTranche,
    FeedbackCode,
    FeedbackResponse,
    ServiceSite,
    SiteHandover,
    Survey,
    SurveyAnswer,
    TenderAward,
)
from tests.factories import (
    approved_application,
    letterhead_settings,
    milestone_for,
    scheme_factory,
    submitted_bid,
    tender_page,
)
from tests.security.forged import form_errors, world_with_hub_b

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_with_hub_b()


# The back office: a manager of hub A names things of hub B.


def test_a_hub_manager_cannot_allocate_a_space_of_another_hub(client, world):
    client.force_login(world.users["hub_a_manager"])
    before = SpaceAllocation.objects.count()
    today = timezone.localdate()
    response = client.post(
        reverse("organisations:allocate", args=[world.objects["organisation"].pk]),
        {
            "space": world.objects["space_b"].pk,
            "seats": "1",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=30)).isoformat(),
        },
    )
    assert form_errors(response, "space")
    assert SpaceAllocation.objects.count() == before


def test_a_hub_manager_cannot_serve_the_waitlist_with_a_space_of_another_hub(client, world):
    entry = world.objects["waitlist_entry"]
    client.force_login(world.users["hub_a_manager"])
    today = timezone.localdate()
    response = client.post(
        reverse("waitlist:serve", args=[entry.pk]),
        {
            "space": world.objects["space_b"].pk,
            "seats": "1",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=30)).isoformat(),
        },
    )
    assert form_errors(response, "space")
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.WAITING


def test_a_hub_manager_cannot_add_a_milestone_to_another_hubs_framework(client, world):
    client.force_login(world.users["hub_a_manager"])
    before = MilestoneTemplate.objects.count()
    response = client.post(
        reverse("milestone_templates:add"),
        {
            "hub": world.objects["hub_b"].pk,
            "area": "governance",
            "title": "伪造",
            "description": "x",
            "is_required": "on",
            "due_after_months": "3",
            "is_active": "on",
        },
    )
    assert form_errors(response, "hub")
    assert MilestoneTemplate.objects.count() == before


def test_a_hub_manager_cannot_move_a_framework_milestone_to_another_hub(client, world):
    template = world.objects["milestone_template"]
    client.force_login(world.users["hub_a_manager"])
    response = client.post(
        reverse("milestone_templates:edit", args=[template.pk]),
        {
            "hub": world.objects["hub_b"].pk,
            "area": template.area,
            "title": template.title,
            "description": template.description,
            "is_required": "on",
            "due_after_months": "3",
            "is_active": "on",
        },
    )
    assert form_errors(response, "hub")
    template.refresh_from_db()
    assert template.hub == world.objects["hub"]


@pytest.mark.parametrize("view", ["add", "edit"])
def test_a_hub_manager_cannot_put_a_space_in_another_hub(client, world, view):
    client.force_login(world.users["hub_a_manager"])
    space = world.objects["space"]
    url = reverse("spaces:add") if view == "add" else reverse("spaces:edit", args=[space.pk])
    before = Space.objects.filter(hub=world.objects["hub_b"]).count()
    response = client.post(
        url,
        {
            "hub": world.objects["hub_b"].pk,
            "code": "A-999" if view == "add" else space.code,
            "kind": "private_office",
            "seats": "4",
            "is_active": "on",
        },
    )
    assert form_errors(response, "hub")
    assert Space.objects.filter(hub=world.objects["hub_b"]).count() == before
    space.refresh_from_db()
    assert space.hub == world.objects["hub"]


def test_a_payment_cannot_wait_for_a_milestone_of_another_organisation(client, world):
    letterhead_settings()
    organisation = world.objects["organisation"]
    application = approved_application(organisation, scheme_factory(), amount=Decimal("1000"))
    theirs = milestone_for(world.objects["org_b"])
    client.force_login(world.users["bureau"])
    response = client.post(
        reverse("subsidy_applications:disburse", args=[application.pk]),
        {
            "amount": "100.00",
            "paid_on": timezone.localdate().isoformat(),
            "payment_reference": "PAY-1",
            "condition_milestone": theirs.pk,
        },
    )
    assert form_errors(response, "condition_milestone")
    assert not Disbursement.objects.filter(application=application).exists()


def test_an_award_cannot_name_a_bid_of_another_tender(client, world):
    now = timezone.now()
    other = tender_page(opens_at=now - timedelta(days=20), deadline=now - timedelta(days=1))
    foreign = submitted_bid(
        other,
        world.objects["org_b"],
        world.users["org_b_admin"],
        now=now - timedelta(days=2),
    )
    tender = world.objects["tender"]
    # What the world's contract keeps with PROTECT (its tranches, evaluation reports,
    # acceptances, reports, service sites and their feedback) goes first.
    ContractTranche.objects.filter(contract__tender=tender.tender).delete()
    FeedbackResponse.objects.filter(site__contract__tender=tender.tender).delete()
    _delete_voucher_services(tender.tender)
    FeedbackCode.objects.filter(site__contract__tender=tender.tender).delete()
    Complaint.objects.filter(site__contract__tender=tender.tender).delete()
    SurveyAnswer.objects.filter(survey__contract__tender=tender.tender).delete()
    Survey.objects.filter(contract__tender=tender.tender).delete()
    SiteHandover.objects.filter(site__contract__tender=tender.tender).delete()
    ServiceSite.objects.filter(contract__tender=tender.tender).delete()
    ContractEvaluationReport.objects.filter(grant__contract__tender=tender.tender).delete()
    ContractAcceptance.objects.filter(contract__tender=tender.tender).delete()
    ContractReport.objects.filter(contract__tender=tender.tender).delete()
    Contract.objects.filter(tender=tender.tender).delete()
    TenderAward.objects.filter(tender=tender.tender).delete()
    client.force_login(world.users["bureau"])
    response = client.post(
        reverse("tenders_admin:award", args=[tender.pk]),
        {
            "bid": foreign.pk,
            "amount": "1000.00",
            "rationale": "伪造",
            "contract_starts_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "contract_months": "12",
        },
    )
    assert form_errors(response, "bid")
    assert not TenderAward.objects.filter(tender=tender.tender).exists()


def test_only_an_evaluator_can_be_assigned_to_a_tender(client, world):
    from tenders.models.object_permissions import TenderUserObjectPermission

    client.force_login(world.users["bureau"])
    tender = world.objects["tender"]
    response = client.post(
        reverse("tenders_admin:assign", args=[tender.pk]),
        {"user": world.users["org_b_admin"].pk},
    )
    assert form_errors(response, "user")
    assert not TenderUserObjectPermission.objects.filter(user=world.users["org_b_admin"]).exists()


def test_hub_b_is_not_a_choice_for_the_manager_of_hub_a(client, world):
    """The forms above refuse hub B because it is not offered: check it is not listed."""
    client.force_login(world.users["hub_a_manager"])
    html = client.get(reverse("milestone_templates:add")).content.decode()
    assert Hub.objects.get(pk=world.objects["hub_b"].pk).name not in html


def _delete_voucher_services(tender) -> None:
    """The care vouchers spent at the tender's sites (their claims' samples and the flags on
    them first): test data only; in the system they are never deleted."""
    from django.db.models import Q

    from subsidies.models import ClaimSampleItem, Redemption, VoucherAnomaly

    redemptions = Redemption.objects.filter(site__contract__tender=tender)
    ClaimSampleItem.objects.filter(redemption__in=redemptions).delete()
    VoucherAnomaly.objects.filter(
        Q(redemption__in=redemptions) | Q(other_redemption__in=redemptions)
    ).delete()
    redemptions.delete()
