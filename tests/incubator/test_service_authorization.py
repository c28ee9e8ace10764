"""One authorization layer: every state-changing service of the incubation domain checks its
``by`` against ``incubator.incubation.selectors`` itself, before doing anything, whoever calls
it. Outsiders (a member and an admin of another organisation, a manager of another hub, an
unrelated user) are refused with ``not_allowed`` and nothing changes.

Every public function of ``incubator.incubation.services`` with a keyword-only ``by`` must be
covered here: a new one fails ``test_every_service_with_a_by_is_covered`` until it is.
Services without ``by`` are not checked here, on purpose: ``intake_submit``,
``intake_resend_confirmation`` and ``intake_confirm_email`` serve an anonymous visitor on the
public site, ``invitation_accept`` is authorised by its signed link, ``milestone_plan_create``
is a step of admission. ``membership_create`` and ``hub_manager_assign`` accept ``by=None``
when the system acts (demo and test data); with a person as ``by`` they check it like all."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

import incubator.incubation.services as services_package
from incubator.incubation.services.allocations import allocation_end, allocations_end_for_incubation
from incubator.incubation.services.documents import (
    organisation_document_delete,
    organisation_document_upload,
)
from incubator.incubation.services.incubations import incubation_exit, incubation_graduate
from incubator.incubation.services.intake import intake_admit, intake_decline
from incubator.incubation.services.invitations import (
    invitation_create,
    invitation_create_first_admin,
    invitation_revoke,
)
from incubator.incubation.services.memberships import (
    hub_manager_assign,
    hub_manager_unassign,
    membership_create,
    membership_end,
)
from incubator.incubation.services.milestones import (
    milestone_return,
    milestone_submit_evidence,
    milestone_verify,
)
from incubator.incubation.services.organisations import organisation_update_profile
from incubator.incubation.services.spaces import space_allocate, space_update
from incubator.incubation.services.waitlist import (
    waitlist_add,
    waitlist_cancel,
    waitlist_cancel_for_organisation,
    waitlist_serve,
)
from incubator.kernel.errors import ServiceError
from tests.incubator.service_scene import JUNE, MARCH, PDF, URL, Scene, outsiders, touched_state
from tests.service_inventory import services_with_by

pytestmark = pytest.mark.django_db

# Services the system may call with ``by=None``; a person as ``by`` is checked.
SYSTEM_MAY_CALL_WITHOUT_BY = {"memberships.membership_create", "memberships.hub_manager_assign"}


CALLS = {
    "documents.organisation_document_upload": lambda s, by: organisation_document_upload(
        organisation=s.organisation,
        title="章程",
        kind="registration_certificate",
        file=SimpleUploadedFile("d.pdf", PDF),
        by=by,
    ),
    "documents.organisation_document_delete": lambda s, by: organisation_document_delete(
        document=s.document, by=by
    ),
    "incubations.incubation_graduate": lambda s, by: incubation_graduate(
        organisation=s.organisation, on=JUNE, by=by
    ),
    "incubations.incubation_exit": lambda s, by: incubation_exit(
        organisation=s.organisation, on=JUNE, reason="搬迁", by=by
    ),
    "intake.intake_admit": lambda s, by: intake_admit(
        application=s.application, started_on=MARCH, months=12, by=by
    ),
    "intake.intake_decline": lambda s, by: intake_decline(
        application=s.application, reason="不符合", by=by
    ),
    "invitations.invitation_create": lambda s, by: invitation_create(
        organisation=s.organisation, email="new@example.org", role="member", by=by, base_url=URL
    ),
    "invitations.invitation_create_first_admin": lambda s, by: invitation_create_first_admin(
        organisation=s.headless, email="head@example.org", by=by, base_url=URL
    ),
    "invitations.invitation_revoke": lambda s, by: invitation_revoke(
        invitation=s.invitation, by=by
    ),
    "memberships.membership_create": lambda s, by: membership_create(
        organisation=s.organisation, user=s.newcomer, role="member", by=by
    ),
    "memberships.membership_end": lambda s, by: membership_end(membership=s.membership, by=by),
    "memberships.hub_manager_assign": lambda s, by: hub_manager_assign(
        hub=s.hub, user=s.newcomer, by=by
    ),
    "memberships.hub_manager_unassign": lambda s, by: hub_manager_unassign(
        assignment=s.assignment, by=by
    ),
    "milestones.milestone_submit_evidence": lambda s, by: milestone_submit_evidence(
        milestone=s.planned, note="纪要", files=[], by=by
    ),
    "milestones.milestone_verify": lambda s, by: milestone_verify(milestone=s.submitted, by=by),
    "milestones.milestone_return": lambda s, by: milestone_return(
        milestone=s.submitted, reason="缺签名", by=by
    ),
    "organisations.organisation_update_profile": lambda s, by: organisation_update_profile(
        organisation=s.organisation, data={"name": "改名"}, service_areas=[], by=by
    ),
    "spaces.space_allocate": lambda s, by: space_allocate(
        space=s.space,
        organisation=s.organisation,
        seats=1,
        starts_on=date(2026, 7, 1),
        ends_on=date(2026, 7, 31),
        by=by,
    ),
    "spaces.space_update": lambda s, by: space_update(space=s.space, seats=5, by=by),
    "allocations.allocation_end": lambda s, by: allocation_end(
        allocation=s.allocation, on=date(2026, 4, 1), by=by
    ),
    "allocations.allocations_end_for_incubation": lambda s, by: allocations_end_for_incubation(
        incubation=s.incubation, on=date(2026, 4, 1), by=by
    ),
    "waitlist.waitlist_add": lambda s, by: waitlist_add(
        organisation=s.headless, seats_wanted=1, wanted_from=MARCH, by=by
    ),
    "waitlist.waitlist_cancel": lambda s, by: waitlist_cancel(entry=s.entry, by=by),
    "waitlist.waitlist_cancel_for_organisation": lambda s, by: waitlist_cancel_for_organisation(
        organisation=s.organisation, by=by
    ),
    "waitlist.waitlist_serve": lambda s, by: waitlist_serve(
        entry=s.entry,
        space=s.space,
        seats=1,
        starts_on=date(2026, 7, 1),
        ends_on=date(2026, 7, 31),
        by=by,
    ),
}


def _services_with_by() -> set[str]:
    """``module.function`` for each public function of the services package whose ``by`` is
    keyword-only."""
    return services_with_by(services_package)


def test_every_service_with_a_by_is_covered():
    assert _services_with_by() == set(CALLS)


@pytest.mark.parametrize("service", sorted(CALLS))
def test_outsiders_are_refused_and_nothing_changes(service):
    scene = Scene()
    for who, outsider in outsiders().items():
        before = touched_state()
        with pytest.raises(ServiceError) as caught:
            CALLS[service](scene, outsider)
        assert caught.value.code == "not_allowed", (service, who)
        assert touched_state() == before, (service, who)


@pytest.mark.parametrize("service", sorted(set(CALLS) - SYSTEM_MAY_CALL_WITHOUT_BY))
def test_nobody_is_refused(service):
    """Without a person behind it (``by=None``) a service refuses, unless the system may act."""
    scene = Scene()
    before = touched_state()
    with pytest.raises(ServiceError) as caught:
        CALLS[service](scene, None)
    assert caught.value.code == "not_allowed"
    assert touched_state() == before
