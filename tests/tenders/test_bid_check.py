"""Checking the answers before submitting a bid: a summary with change links, nothing
submitted (nor a submitted bid changed) until the final click, nothing lost on "change",
and the final click counted once."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from incubator.kernel.idempotency import TOKEN_FIELD
from tenders.models import TenderBid
from tests.factories import submitted_bid

PDF = b"%PDF-1.7\n%%EOF\n"
TOKEN = "6f1f5f8e-9a57-4a8e-9d3c-2f6d7f0f2c11"


def _answers(**overrides):
    return {
        "method_statement": "每周上门服务两次。",
        "staffing_plan": "社工三名。",
        "price": "200000",
        "declaration": "on",
        "check": "1",
        **overrides,
    }


def _pdf(name="plan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def admin_client(client, org_admin):
    client.force_login(org_admin)
    return client


def test_checking_shows_a_summary_and_submits_nothing(admin_client, open_tender):
    url = reverse("tenders_portal:bid", args=[open_tender.pk])
    response = admin_client.post(url, {**_answers(), "attachments": [_pdf()]})
    check_url = reverse("tenders_portal:check", args=[open_tender.pk])
    assert response.status_code == 302 and response["Location"] == check_url
    assert not TenderBid.objects.exists()
    html = admin_client.get(check_url).content.decode()
    assert "¥200,000.00" in html
    assert "每周上门服务两次。" in html and "plan.pdf" in html
    assert f"{url}#id_price" in html and f"{url}#id_method_statement" in html
    assert 'name="submit"' in html


def test_changing_keeps_the_answers_and_the_files(admin_client, open_tender):
    url = reverse("tenders_portal:bid", args=[open_tender.pk])
    admin_client.post(url, {**_answers(), "attachments": [_pdf()]})
    form = admin_client.get(url).content.decode()
    assert "每周上门服务两次。" in form and 'value="200000' in form and "plan.pdf" in form
    admin_client.post(url, _answers(price="180000.50"))
    html = admin_client.get(reverse("tenders_portal:check", args=[open_tender.pk])).content
    html = html.decode()
    assert "¥180,000.50" in html and "¥200,000.00" not in html
    assert "plan.pdf" in html
    assert not TenderBid.objects.exists()


def test_the_final_click_submits_once_with_the_files(admin_client, open_tender, organisation):
    url = reverse("tenders_portal:bid", args=[open_tender.pk])
    admin_client.post(url, {**_answers(), "attachments": [_pdf()]})
    check_url = reverse("tenders_portal:check", args=[open_tender.pk])
    first = admin_client.post(check_url, {TOKEN_FIELD: TOKEN, "submit": "1"})
    assert first.status_code == 302 and first["Location"] == url
    bid = TenderBid.objects.get(organisation=organisation)
    assert bid.status == TenderBid.Status.SUBMITTED and bid.price == Decimal("200000")
    assert [a.original_name for a in bid.attachments.all()] == ["plan.pdf"]
    submitted_at = bid.submitted_at
    # A double click: the same form again.
    second = admin_client.post(check_url, {TOKEN_FIELD: TOKEN, "submit": "1"})
    assert second.status_code == 302
    bid.refresh_from_db()
    assert bid.submitted_at == submitted_at and bid.attachments.count() == 1
    assert TenderBid.objects.count() == 1
    # The waiting answers are gone: the check page sends back to the form.
    assert admin_client.get(check_url)["Location"] == url


def test_a_submitted_bid_does_not_change_until_the_final_click(
    admin_client, open_tender, organisation, org_admin
):
    bid = submitted_bid(open_tender, organisation, org_admin, price="250000.00")
    url = reverse("tenders_portal:bid", args=[open_tender.pk])
    admin_client.post(url, _answers(price="230000"))
    bid.refresh_from_db()
    assert bid.price == Decimal("250000.00") and bid.status == TenderBid.Status.SUBMITTED
    check_url = reverse("tenders_portal:check", args=[open_tender.pk])
    assert "Submit the changed bid" in admin_client.get(check_url).content.decode()
    admin_client.post(check_url, {TOKEN_FIELD: TOKEN, "submit": "1"})
    bid.refresh_from_db()
    assert bid.price == Decimal("230000.00")


def test_an_incomplete_bid_says_what_is_missing_and_offers_no_submit(admin_client, open_tender):
    url = reverse("tenders_portal:bid", args=[open_tender.pk])
    answers = _answers(price="")
    del answers["declaration"]
    admin_client.post(url, answers)
    html = admin_client.get(reverse("tenders_portal:check", args=[open_tender.pk])).content
    html = html.decode()
    assert "Give a price above zero." in html and "Tick the declaration." in html
    assert 'name="submit"' not in html


def test_members_who_are_not_admins_cannot_check_or_submit(client, open_tender, organisation):
    from tests.factories import member_of

    client.force_login(member_of(organisation, "member"))
    check_url = reverse("tenders_portal:check", args=[open_tender.pk])
    assert client.get(check_url).status_code == 404
    assert client.post(check_url, {TOKEN_FIELD: TOKEN}).status_code == 404
