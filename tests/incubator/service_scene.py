"""The scene of the incubation service-authorization tests (test_service_authorization,
test_service_authorization_allowed): one hub with an incubating organisation and its records,
everything a refused service might have touched, and outsiders to it."""

from datetime import date

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import ModelLogEntry

from incubator.incubation.services.documents import organisation_document_upload
from incubator.incubation.services.invitations import invitation_create
from incubator.models import (
    HubManagerAssignment,
    Incubation,
    IntakeApplication,
    Invitation,
    Letter,
    Milestone,
    Organisation,
    OrganisationDocument,
    OrganisationMembership,
    Space,
    SpaceAllocation,
    WaitlistEntry,
)
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    UserFactory,
    incubation_for,
    intake_application,
    manager_of,
    member_of,
    milestone_for,
)
from tests.factories.spaces import allocation, space_of

PDF = b"%PDF-1.7\n%%EOF\n"
MARCH, JUNE = date(2026, 3, 1), date(2026, 6, 30)
URL = "http://testserver"


class Scene:
    """Hub A with its manager; organisation A incubating there with an admin and a member, a
    milestone waiting for review and one planned, a space, an allocation, a waiting
    waitlist request, a pending invitation, a document; an application to hub A."""

    def __init__(self):
        self.hub = HubFactory()
        self.manager = manager_of(self.hub)
        self.organisation = OrganisationFactory(hub=self.hub)
        self.incubation = incubation_for(
            self.organisation, started_on=date(2026, 1, 1), planned_end_on=date(2027, 6, 30)
        )
        self.admin = member_of(self.organisation, "admin")
        self.member = member_of(self.organisation)
        self.membership = OrganisationMembership.objects.get(user=self.member)
        self.submitted = milestone_for(
            self.organisation, title="已提交", status=Milestone.Status.SUBMITTED
        )
        self.planned = milestone_for(self.organisation, title="计划中")
        self.space = space_of(self.hub, seats=6)
        self.allocation = allocation(self.space, self.organisation, 1, MARCH, JUNE)
        self.entry = WaitlistEntry.objects.create(
            hub=self.hub, organisation=self.organisation, seats_wanted=1, wanted_from=MARCH
        )
        self.invitation = invitation_create(
            organisation=self.organisation,
            email="colleague@example.org",
            role="member",
            by=self.admin,
            base_url=URL,
        )
        self.document = organisation_document_upload(
            organisation=self.organisation,
            title="登记证书",
            kind="registration_certificate",
            file=SimpleUploadedFile("c.pdf", PDF),
            by=self.admin,
        )
        self.application = intake_application(self.hub, email="applicant@example.org")
        self.assignment = HubManagerAssignment.objects.get(hub=self.hub, user=self.manager)
        self.newcomer = UserFactory()
        # Another organisation without an administrator, in hub A, for a first-admin invitation.
        self.headless = OrganisationFactory(hub=self.hub)


def touched_state() -> tuple:
    """Everything a refused service might have touched."""
    rows = [
        (ModelLogEntry, ["action"]),
        (Organisation, ["stage", "name", "hub_id"]),
        (Incubation, ["ended_on", "outcome"]),
        (Milestone, ["status", "decided_at", "evidence_note"]),
        (Space, ["seats", "is_active", "hub_id", "floor"]),
        (SpaceAllocation, ["ends_on", "seats"]),
        (WaitlistEntry, ["status", "allocation_id"]),
        (Invitation, ["revoked_at", "accepted_at"]),
        (OrganisationMembership, ["ended_at", "role"]),
        (HubManagerAssignment, ["ended_at"]),
        (IntakeApplication, ["status", "organisation_id"]),
        (OrganisationDocument, ["title"]),
        (Letter, ["reference"]),
    ]
    return (
        *(tuple(model.objects.order_by("pk").values_list("pk", *fields)) for model, fields in rows),
        len(mail.outbox),
    )


def outsiders() -> dict:
    """People with no part in the scene, by what they are."""
    other_hub = HubFactory()
    other = OrganisationFactory(hub=other_hub)
    return {
        "member of another organisation": member_of(other),
        "admin of another organisation": member_of(other, "admin"),
        "manager of another hub": manager_of(other_hub),
        "unrelated user": UserFactory(),
    }
