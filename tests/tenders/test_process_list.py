"""The tender-process list: right counts whatever the joins, a page at a time, and no bid
count before the deadline."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from tenders import admin_views
from tenders.models import TenderClarification
from tests.factories import bidder, bureau_officer, submitted_bid, tender_page


def _ask(tender, organisation, user, text, *, answered=False):
    return TenderClarification.objects.create(
        tender=tender.tender,
        organisation=organisation,
        question=text,
        asked_at=tender.opens_at + timedelta(days=1),
        asked_by=user,
        answer="答复。" if answered else "",
        answered_at=timezone.now() if answered else None,
    )


def _cells(html: str, reference: str) -> list[str]:
    row = re.search(rf"<tr>\s*<td><a [^>]*>{reference} .*?</tr>", html, re.S).group(0)
    return [cell.strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]


def test_bids_and_open_questions_are_counted_once_each(client, closed_tender):
    for n in range(2):
        organisation, admin = bidder(f"投标机构{n}")
        submitted_bid(closed_tender, organisation, admin, now=closed_tender.deadline - timedelta(1))
    _ask(closed_tender, organisation, admin, "一个未答复的问题")
    _ask(closed_tender, organisation, admin, "一个已答复的问题", answered=True)
    client.force_login(bureau_officer())
    html = client.get(reverse("tenders_admin:index")).content.decode()
    assert _cells(html, closed_tender.reference)[-2:] == ["2", "1"]


def test_before_the_deadline_the_list_and_the_tender_show_no_bid_count(client, open_tender):
    organisation, admin = bidder("封存投标机构")
    submitted_bid(open_tender, organisation, admin)
    client.force_login(bureau_officer())
    html = client.get(reverse("tenders_admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _cells(html, open_tender.reference)[-2] == "Sealed until the deadline"
    detail = client.get(
        reverse("tenders_admin:tender", args=[open_tender.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "bid received" not in detail and "bids received" not in detail


@pytest.mark.parametrize("count", [3, 7])
def test_the_list_is_paginated_in_constant_queries(
    client, index, monkeypatch, django_assert_max_num_queries, count
):
    monkeypatch.setattr(admin_views, "TENDERS_PER_PAGE", 2)
    for _n in range(count):
        tender_page(index)
    client.force_login(bureau_officer())
    client.get(reverse("tenders_admin:index"))  # warm per-user caches
    with django_assert_max_num_queries(40):
        html = client.get(reverse("tenders_admin:index")).content.decode()
    assert len(re.findall(r'href="/admin/tender-process/\d+/"', html)) == 2
    last = client.get(reverse("tenders_admin:index"), {"p": (count + 1) // 2}).content.decode()
    assert len(re.findall(r'href="/admin/tender-process/\d+/"', last)) == 2 - count % 2
