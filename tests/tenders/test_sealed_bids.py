"""Bids are sealed until the deadline: only the bidder reads them; afterwards bureau officers
and assigned evaluators who declared no conflict."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from incubator.kernel.roles import Role
from tenders.services.evaluation import conflicts_declare, evaluator_assign
from tests.factories import UserFactory, bureau_officer, staff_with_role, submitted_bid

PDF = b"%PDF-1.7\n%%EOF\n"


def _bid(tender, organisation, org_admin):
    return submitted_bid(
        tender,
        organisation,
        org_admin,
        price="234567.89",
        files=[SimpleUploadedFile("plan.pdf", PDF)],
        now=tender.deadline - timedelta(hours=1),
    )


def _urls(bid):
    return [
        reverse("tenders_admin:bid", args=[bid.pk]),
        reverse("tender_files:bid_attachment", args=[bid.attachments.get().pk]),
        reverse("tenders_admin:disqualify", args=[bid.pk]),
        reverse("tenders_admin:score", args=[bid.pk]),
    ]


@pytest.fixture
def staff(db):
    officer = bureau_officer()
    evaluator = staff_with_role(Role.EVALUATOR)
    return {
        "bureau": officer,
        "site_admin": staff_with_role(Role.SITE_ADMIN),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        "evaluator": evaluator,
    }


def test_before_the_deadline_nobody_but_the_bidder_opens_a_bid(
    client, open_tender, organisation, org_admin, staff
):
    bid = _bid(open_tender, organisation, org_admin)
    evaluator_assign(tender=open_tender, user=staff["evaluator"], by=staff["bureau"])
    for name, user in staff.items():
        client.force_login(user)
        for url in _urls(bid):
            assert client.get(url).status_code == 404, (name, url)
    client.force_login(org_admin)
    assert client.get(_urls(bid)[1]).status_code == 200


def test_before_the_deadline_the_admin_shows_nothing_of_the_bids(
    client, open_tender, organisation, org_admin, staff
):
    _bid(open_tender, organisation, org_admin)
    for user in (staff["bureau"], staff["superuser"]):
        client.force_login(user)
        for url in (
            reverse("tenders_admin:index"),
            reverse("tenders_admin:tender", args=[open_tender.pk]),
        ):
            html = client.get(url).content.decode()
            assert "234,567.89" not in html and organisation.name not in html
        listing = client.get(reverse("tenders_admin:index")).content.decode()
        assert "<td>1</td>" not in listing  # not even how many


def test_after_the_deadline_bureau_officers_open_bids(
    client, closed_tender, organisation, org_admin, staff
):
    bid = _bid(closed_tender, organisation, org_admin)
    client.force_login(staff["bureau"])
    response = client.get(reverse("tenders_admin:bid", args=[bid.pk]))
    assert response.status_code == 200 and "234,567.89" in response.content.decode()
    assert client.get(_urls(bid)[1]).status_code == 200
    client.force_login(staff["site_admin"])
    assert client.get(_urls(bid)[0]).status_code == 404


def test_after_the_deadline_only_cleared_evaluators_open_bids(
    client, closed_tender, organisation, org_admin, staff
):
    bid = _bid(closed_tender, organisation, org_admin)
    assigned = staff["evaluator"]
    conflicted = staff_with_role(Role.EVALUATOR)
    unassigned = staff_with_role(Role.EVALUATOR)
    for user in (assigned, conflicted):
        evaluator_assign(tender=closed_tender, user=user, by=staff["bureau"])
    client.force_login(assigned)
    assert client.get(_urls(bid)[0]).status_code == 404  # not declared yet
    conflicts_declare(tender=closed_tender, by=assigned, lines={bid.pk: ("none", "")})
    conflicts_declare(tender=closed_tender, by=conflicted, lines={bid.pk: ("employment", "前雇员")})
    assert client.get(_urls(bid)[0]).status_code == 200
    assert client.get(_urls(bid)[1]).status_code == 200
    for user in (conflicted, unassigned):
        client.force_login(user)
        assert client.get(_urls(bid)[0]).status_code == 404
        assert client.get(_urls(bid)[1]).status_code == 404


def test_another_organisation_never_opens_a_bid(client, closed_tender, organisation, org_admin):
    from tests.factories import OrganisationFactory, member_of

    bid = _bid(closed_tender, organisation, org_admin)
    other = member_of(OrganisationFactory(), "admin")
    client.force_login(other)
    assert client.get(_urls(bid)[1]).status_code == 404


def test_the_page_usage_in_the_admin_names_no_bidder(open_tender, organisation, org_admin):
    from wagtail.models import ReferenceIndex

    _bid(open_tender, organisation, org_admin)
    ReferenceIndex.create_or_update_for_object(open_tender)
    usage = ReferenceIndex.get_references_to(open_tender)
    assert not [ref for ref in usage if ref.content_type.app_label == "tenders"]


def test_a_bureau_officer_recused_as_evaluator_does_not_open_the_bids(
    client, closed_tender, organisation, org_admin, staff
):
    bid = _bid(closed_tender, organisation, org_admin)
    officer = staff["bureau"]
    evaluator_assign(tender=closed_tender, user=officer, by=bureau_officer())
    conflicts_declare(tender=closed_tender, by=officer, lines={bid.pk: ("family", "")})
    client.force_login(officer)
    assert client.get(_urls(bid)[0]).status_code == 404
