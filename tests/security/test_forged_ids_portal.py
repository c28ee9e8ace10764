"""Forged ids in the organisation portal's forms: an organisation naming another organisation's
records, hub or attachment, an application under a scheme that is not open, an intake for a hub
that takes none. Each is refused and nothing changes."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.models import Organisation
from subsidies.models import SubsidyApplication, SubsidyAttachment
from tenders.models import TenderBid
from tests.factories import (
    HubFactory,
    draft_application,
    milestone_for,
    scheme_factory,
    tender_page,
)
from tests.permissions.world import PDF
from tests.security.forged import form_errors, world_with_hub_b

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_with_hub_b()


# The organisation portal.


def test_a_draft_cannot_remove_another_organisations_attachment(client, world):
    org_b = world.objects["org_b"]
    theirs = draft_application(org_b, scheme_factory()).attachments.get()
    draft = world.objects["subsidy_draft"]
    client.force_login(world.users["org_a_admin"])
    line = draft.lines.get()
    response = client.post(
        reverse("subsidies:edit", args=[draft.pk]),
        {
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "0",
            "lines-MAX_NUM_FORMS": "1000",
            "lines-0-name": line.name,
            "lines-0-title": line.title,
            "lines-0-qualification": line.qualification,
            "lines-0-employment_started_on": line.employment_started_on.isoformat(),
            "lines-0-monthly_salary": str(line.monthly_salary),
            "lines-0-months": str(line.months),
            "remove": [str(theirs.pk)],
        },
    )
    assert form_errors(response, "remove", "attachments_form")
    assert SubsidyAttachment.objects.filter(pk=theirs.pk).exists()


def test_an_organisation_cannot_act_on_another_organisations_records(client, world):
    """Each portal action naming a record of organisation B by id answers 404 to A's admin,
    and B's record is as it was."""
    from incubator.incubation.services.documents import organisation_document_upload
    from incubator.models import Invitation, OrganisationDocument, OrganisationMembership

    org_b = world.objects["org_b"]
    admin_b = world.users["org_b_admin"]
    member_b = OrganisationMembership.objects.get(user=admin_b)
    now = timezone.now()
    invitation_b = Invitation.objects.create(
        organisation=org_b,
        email="b@example.org",
        invited_by=admin_b,
        created_at=now,
        expires_at=now + timedelta(days=7),
    )
    document_b = organisation_document_upload(
        organisation=org_b,
        title="乙的证书",
        kind="other",
        file=SimpleUploadedFile("b.pdf", PDF),
        by=admin_b,
    )
    application_b = draft_application(org_b, scheme_factory())
    milestone_b = milestone_for(org_b)
    client.force_login(world.users["org_a_admin"])
    forged = {
        "remove member": ("post", reverse("portal:remove_member", args=[member_b.pk])),
        "revoke invitation": (
            "post",
            reverse("portal:revoke_invitation", args=[invitation_b.pk]),
        ),
        "delete document": ("post", reverse("portal:delete_document", args=[document_b.pk])),
        "withdraw application": ("post", reverse("subsidies:withdraw", args=[application_b.pk])),
        "edit application": ("post", reverse("subsidies:edit", args=[application_b.pk])),
        "submit evidence": ("post", reverse("portal:milestone", args=[milestone_b.pk])),
        "download document": (
            "get",
            reverse("files:organisation_document", args=[document_b.pk]),
        ),
    }
    answers = {
        name: getattr(client, method)(url, {"note": "伪造"}).status_code
        for name, (method, url) in forged.items()
    }
    assert set(answers.values()) == {404}, answers
    member_b.refresh_from_db()
    invitation_b.refresh_from_db()
    application_b.refresh_from_db()
    milestone_b.refresh_from_db()
    assert member_b.ended_at is None
    assert invitation_b.revoked_at is None
    assert OrganisationDocument.objects.filter(pk=document_b.pk).exists()
    assert application_b.status == SubsidyApplication.Status.DRAFT
    assert not milestone_b.evidence.exists()


def _apply_post() -> dict:
    return {
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-name": "李娜",
        "lines-0-title": "社工",
        "lines-0-qualification": "none",
        "lines-0-employment_started_on": "2025-06-01",
        "lines-0-monthly_salary": "6000",
        "lines-0-months": "12",
        "payroll": SimpleUploadedFile("payroll.pdf", PDF),
        "action": "continue",
    }


@pytest.mark.parametrize("which", ["other hub", "closed", "not yet open"])
def test_an_application_under_a_scheme_not_open_to_the_organisation_is_refused(
    client, world, which
):
    now = timezone.now()
    scheme = {
        "other hub": lambda: scheme_factory(hubs=[world.objects["hub_b"]]),
        "closed": lambda: scheme_factory(
            opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)
        ),
        "not yet open": lambda: scheme_factory(
            opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=30)
        ),
    }[which]()
    client.force_login(world.users["org_a_admin"])
    response = client.post(reverse("subsidies:apply", args=[scheme.pk]), _apply_post())
    assert response.status_code in (200, 302, 404)
    draft = SubsidyApplication.objects.filter(scheme=scheme).first()
    if draft is not None:  # the last step, "Submit" on the check page, refuses too
        client.post(reverse("subsidies:check", args=[draft.pk]))
    assert not SubsidyApplication.objects.filter(
        scheme=scheme, status=SubsidyApplication.Status.SUBMITTED
    ).exists()
    # Before the window a draft may be prepared (by design), but never submitted.
    if which != "not yet open":
        assert response.status_code == 404
        assert not SubsidyApplication.objects.filter(scheme=scheme).exists()


def test_the_profile_ignores_a_forged_hub_stage_or_organisation(client, world):
    organisation = world.objects["organisation"]
    client.force_login(world.users["org_a_admin"])
    response = client.post(
        reverse("portal:profile"),
        {
            "name": "甲机构",
            "legal_form": organisation.legal_form,
            "registration_status": organisation.registration_status,
            "contact_name": "王芳",
            "contact_phone": "0512-53530000",
            "contact_email": "a@example.org",
            "hub": world.objects["hub_b"].pk,
            "stage": "graduated",
            "pk": world.objects["org_b"].pk,
            "id": world.objects["org_b"].pk,
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.hub == world.objects["hub"]
    assert organisation.stage == Organisation.Stage.INCUBATING
    assert Organisation.objects.get(pk=world.objects["org_b"].pk).name == "乙机构"


def test_a_profile_with_a_service_area_that_does_not_exist_is_refused(client, world):
    client.force_login(world.users["org_a_admin"])
    organisation = world.objects["organisation"]
    response = client.post(
        reverse("portal:profile"),
        {
            "name": "甲机构",
            "legal_form": organisation.legal_form,
            "registration_status": organisation.registration_status,
            "contact_name": "王芳",
            "contact_phone": "0512-53530000",
            "contact_email": "a@example.org",
            "service_areas": ["999999"],
        },
    )
    assert form_errors(response, "service_areas")


def test_a_bid_cannot_be_made_in_another_organisations_name(client, world):
    tender = tender_page()
    client.force_login(world.users["org_a_admin"])
    response = client.post(
        reverse("tenders_portal:bid", args=[tender.pk]),
        {
            "method_statement": "方案",
            "price": "1000",
            "organisation": world.objects["org_b"].pk,
            "organisation_id": world.objects["org_b"].pk,
            "tender": world.objects["tender"].pk,
        },
    )
    assert response.status_code == 302
    bid = TenderBid.objects.get(tender=tender.tender)
    assert bid.organisation == world.objects["organisation"]
    assert not TenderBid.objects.filter(organisation=world.objects["org_b"]).exists()


def test_the_intake_form_refuses_a_hub_that_does_not_take_applications(client, world):
    closed = HubFactory(name="关闭基地", is_active=False)
    response = client.post(
        reverse("intake_apply"),
        {
            "hub": closed.pk,
            "name": "新机构",
            "legal_form": "social_service",
            "registration_status": "registered",
            "mission": "服务",
            "incubation_plan": "计划",
            "contact_name": "王芳",
            "contact_phone": "0512-53530000",
            "contact_email": "n@example.org",
            "password1": "a-long-pass-phrase-2026",
            "password2": "a-long-pass-phrase-2026",
        },
    )
    assert form_errors(response, "hub")
