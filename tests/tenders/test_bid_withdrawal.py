"""A withdrawn bid stays as it was, visibly withdrawn, and is not turned into an editable
draft; withdrawing asks for confirmation on a page of its own, and happens once."""

import re

from django.urls import reverse

from tenders.models import TenderBid
from tests.factories import submitted_bid


def _token(html: str) -> str:
    return re.search(r'name="submission_token" value="([0-9a-f-]+)"', html).group(1)


def test_withdrawing_asks_for_confirmation_on_a_page_of_its_own(
    client, open_tender, organisation, org_admin
):
    bid = submitted_bid(open_tender, organisation, org_admin)
    client.force_login(org_admin)
    bid_page = client.get(reverse("tenders_portal:bid", args=[open_tender.pk])).content.decode()
    url = reverse("tenders_portal:withdraw", args=[open_tender.pk])
    assert f'href="{url}"' in bid_page
    confirm = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Yes, withdraw the bid" in confirm and f'action="{url}"' in confirm
    bid.refresh_from_db()
    assert bid.status == TenderBid.Status.SUBMITTED
    token = _token(confirm)
    assert client.post(url, {"submission_token": token}).status_code == 302
    again = client.post(url, {"submission_token": token}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "nothing was changed this time" in again.content.decode()
    bid.refresh_from_db()
    assert bid.status == TenderBid.Status.WITHDRAWN


def test_a_withdrawn_bid_stays_as_it_was_and_is_not_an_editable_draft(
    client, open_tender, organisation, org_admin
):
    bid = submitted_bid(open_tender, organisation, org_admin, price="188888.00")
    client.force_login(org_admin)
    client.post(reverse("tenders_portal:withdraw", args=[open_tender.pk]))
    page_url = reverse("tenders_portal:bid", args=[open_tender.pk])
    html = client.get(page_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "badge--withdrawn" in html
    assert "每周上门两次。" in html and "188,888.00" in html
    assert 'name="check"' not in html and "<textarea" not in html
    assert "Start a new bid" in html
    bid.refresh_from_db()
    assert bid.method_statement == "每周上门两次。" and bid.price == 188888
    fresh = client.get(page_url, {"new": "1"}).content.decode()
    assert 'name="check"' in fresh and "每周上门两次。" not in fresh
