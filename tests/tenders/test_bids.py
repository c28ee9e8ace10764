from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from incubator.kernel.errors import ServiceError
from incubator.models import Organisation
from tenders.models import TenderBid
from tenders.services.bids import bid_save_draft, bid_submit, bid_withdraw
from tenders.services.eligibility import NO_CREDIT_CODE, tender_eligibility
from tests.factories import OrganisationFactory, member_of, submitted_bid, tender_page

PDF = b"%PDF-1.7\n%%EOF\n"
FIELDS = {
    "method_statement": "方案",
    "staffing_plan": "人员",
    "price": Decimal("200000.00"),
    "declaration": True,
}


def test_submitting_one_second_before_the_deadline_is_accepted(
    open_tender, organisation, org_admin
):
    now = open_tender.deadline - timedelta(seconds=1)
    bid = bid_submit(
        tender=open_tender, organisation=organisation, fields=FIELDS, by=org_admin, now=now
    )
    assert bid.status == TenderBid.Status.SUBMITTED
    assert bid.submitted_at == now


def test_submitting_one_second_after_the_deadline_is_refused(open_tender, organisation, org_admin):
    with pytest.raises(ServiceError, match="deadline passed") as error:
        bid_submit(
            tender=open_tender,
            organisation=organisation,
            fields=FIELDS,
            by=org_admin,
            now=open_tender.deadline + timedelta(seconds=1),
        )
    assert error.value.code == "deadline_passed"
    assert not TenderBid.objects.exists()


def test_before_opening_no_bid_is_accepted(index, organisation, org_admin):
    now = timezone.now()
    tender = tender_page(index, opens_at=now + timedelta(days=1), deadline=now + timedelta(days=9))
    with pytest.raises(ServiceError) as error:
        bid_save_draft(tender=tender, organisation=organisation, fields=FIELDS, by=org_admin)
    assert error.value.code == "not_open"


def test_after_the_deadline_nothing_in_a_bid_changes(open_tender, organisation, org_admin):
    bid = submitted_bid(open_tender, organisation, org_admin)
    later = open_tender.deadline + timedelta(minutes=1)
    for attempt in (
        lambda: bid_submit(
            tender=open_tender,
            organisation=organisation,
            fields={**FIELDS, "price": Decimal("1.00")},
            by=org_admin,
            now=later,
        ),
        lambda: bid_withdraw(bid=bid, by=org_admin, now=later),
    ):
        with pytest.raises(ServiceError):
            attempt()
    bid.refresh_from_db()
    assert bid.status == TenderBid.Status.SUBMITTED
    assert bid.price == Decimal("250000.00")


def test_draft_submit_resubmit_withdraw_and_start_again(open_tender, organisation, org_admin):
    draft = bid_save_draft(
        tender=open_tender,
        organisation=organisation,
        fields={"method_statement": "初稿"},
        files=[SimpleUploadedFile("plan.pdf", PDF)],
        by=org_admin,
    )
    assert draft.status == TenderBid.Status.DRAFT
    assert draft.attachments.count() == 1
    with pytest.raises(ServiceError) as error:
        bid_submit(tender=open_tender, organisation=organisation, fields={}, by=org_admin)
    assert error.value.code == "incomplete"
    bid = bid_submit(tender=open_tender, organisation=organisation, fields=FIELDS, by=org_admin)
    assert bid.pk == draft.pk
    with pytest.raises(ServiceError) as error:
        bid_save_draft(tender=open_tender, organisation=organisation, fields={}, by=org_admin)
    assert error.value.code == "submitted_already"
    again = bid_submit(
        tender=open_tender,
        organisation=organisation,
        fields={"price": Decimal("190000.00")},
        by=org_admin,
    )
    assert again.pk == bid.pk and again.price == Decimal("190000.00")
    bid_withdraw(bid=again, by=org_admin)
    fresh = bid_save_draft(tender=open_tender, organisation=organisation, fields={}, by=org_admin)
    assert fresh.pk != bid.pk


def test_a_price_above_the_ceiling_is_refused(open_tender, organisation, org_admin):
    with pytest.raises(ServiceError) as error:
        bid_submit(
            tender=open_tender,
            organisation=organisation,
            fields={**FIELDS, "price": Decimal("300000.01")},
            by=org_admin,
        )
    assert error.value.code == "over_ceiling"


def test_the_ceiling_in_the_refusal_reads_in_yuan(open_tender, organisation, org_admin):
    with translation.override("zh-hans"), pytest.raises(ServiceError) as error:
        bid_submit(
            tender=open_tender,
            organisation=organisation,
            fields={**FIELDS, "price": Decimal("300000.01")},
            by=org_admin,
        )
    assert str(error.value.message) == "报价超过预算上限¥300,000.00。"


def test_the_database_allows_one_live_bid_per_organisation(open_tender, organisation, org_admin):
    submitted_bid(open_tender, organisation, org_admin)
    with pytest.raises(IntegrityError):
        TenderBid.objects.create(tender=open_tender.tender, organisation=organisation)


def test_eligibility_gives_every_reason(index):
    tender = tender_page(index, min_months_incubated=6)
    applicant = OrganisationFactory(stage=Organisation.Stage.APPLICANT, credit_code="")
    reasons = [str(reason) for reason in tender_eligibility(tender=tender, organisation=applicant)]
    assert len(reasons) == 3
    assert any("credit code" in reason for reason in reasons)
    assert any("6 months" in reason for reason in reasons)


def test_an_ineligible_organisation_cannot_bid(index, org_admin):
    tender = tender_page(index, min_months_incubated=600)
    organisation = org_admin.memberships.get().organisation
    with pytest.raises(ServiceError) as error:
        bid_save_draft(tender=tender, organisation=organisation, fields={}, by=org_admin)
    assert error.value.code == "not_eligible"


def test_the_portal_bid_form_submits(client, open_tender, organisation, org_admin):
    client.force_login(org_admin)
    url = reverse("tenders_portal:bid", args=[open_tender.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "method_statement": "方案",
            "staffing_plan": "人员",
            "price": "180000",
            "declaration": "on",
            "attachments": [SimpleUploadedFile("plan.pdf", PDF)],
            "submit": "1",
        },
    )
    assert response.status_code == 302
    bid = TenderBid.objects.get()
    assert bid.status == TenderBid.Status.SUBMITTED and bid.attachments.count() == 1
    assert open_tender.title in client.get(reverse("tenders_portal:bids")).content.decode()


def test_a_member_reads_but_cannot_change_the_bid(client, open_tender, organisation, org_admin):
    submitted_bid(open_tender, organisation, org_admin)
    member = member_of(organisation, "member")
    client.force_login(member)
    url = reverse("tenders_portal:bid", args=[open_tender.pk])
    response = client.get(url)
    assert response.status_code == 200 and b"Withdraw" not in response.content
    assert client.post(url, {"price": "1", "submit": "1"}).status_code == 404


def test_the_tender_page_tells_an_ineligible_organisation_why(client, index):
    organisation = OrganisationFactory(credit_code="")
    client.force_login(member_of(organisation, "admin"))
    tender = tender_page(index)
    html = client.get(tender.url).content.decode()
    with translation.override(tender.locale.language_code):
        assert str(NO_CREDIT_CODE) in html


def test_the_portal_withdraws_a_bid(client, open_tender, organisation, org_admin):
    bid = submitted_bid(open_tender, organisation, org_admin)
    client.force_login(org_admin)
    response = client.post(reverse("tenders_portal:withdraw", args=[open_tender.pk]))
    assert response.status_code == 302
    bid.refresh_from_db()
    assert bid.status == TenderBid.Status.WITHDRAWN


def test_the_portal_refuses_a_change_after_the_deadline(
    client, closed_tender, organisation, org_admin
):
    bid = submitted_bid(
        closed_tender, organisation, org_admin, now=closed_tender.deadline - timedelta(minutes=5)
    )
    client.force_login(org_admin)
    url = reverse("tenders_portal:bid", args=[closed_tender.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'name="check"' not in page.content
    client.post(reverse("tenders_portal:withdraw", args=[closed_tender.pk]))
    bid.refresh_from_db()
    assert bid.status == TenderBid.Status.SUBMITTED


def test_a_price_of_zero_is_refused(open_tender, organisation, org_admin):
    with pytest.raises(ServiceError) as error:
        bid_submit(
            tender=open_tender,
            organisation=organisation,
            fields={**FIELDS, "price": Decimal("0")},
            by=org_admin,
        )
    assert error.value.code == "incomplete"
