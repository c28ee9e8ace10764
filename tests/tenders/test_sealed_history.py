"""Bids stay sealed in Wagtail's own reports and histories: before the deadline no log
listing, export or filter shows that a bid exists, who made it or how many there are."""

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from incubator.kernel.roles import Role
from tenders.models import TenderBidLogEntry
from tenders.services.bids import bid_withdraw
from tests.factories import (
    UserFactory,
    bidder,
    bureau_officer,
    staff_with_role,
    submitted_bid,
)

SITE_HISTORY = "wagtailadmin_reports:site_history"


@pytest.fixture
def readers(db):
    return {
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        "bureau": bureau_officer(),
        "site_admin": staff_with_role(Role.SITE_ADMIN),
        "hub_manager": staff_with_role(Role.HUB_MANAGER),
    }


def _everything_listed(client, user) -> str:
    """Every log listing of the back office the user reaches, as one text."""
    client.force_login(user)
    texts = []
    for name in (SITE_HISTORY, "wagtailadmin_reports:site_history_results"):
        response = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="en")
        texts.append(response.content.decode() if response.status_code == 200 else "")
    csv = client.get(reverse(SITE_HISTORY), {"export": "csv"})
    if csv.status_code == 200:
        texts.append(b"".join(csv.streaming_content).decode("utf-8-sig"))
    xlsx = client.get(reverse(SITE_HISTORY), {"export": "xlsx"})
    if xlsx.status_code == 200:
        book = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
        texts.extend(str(cell) for row in book.active.iter_rows(values_only=True) for cell in row)
    return "\n".join(texts)


def test_before_the_deadline_no_report_or_export_shows_a_bid(client, open_tender, readers):
    organisation, admin = bidder("太仓市颐康居家养老服务中心")
    bid = submitted_bid(open_tender, organisation, admin)
    assert TenderBidLogEntry.objects.filter(bid=bid).exists()
    for name, user in readers.items():
        text = _everything_listed(client, user)
        assert str(bid) not in text, name
        assert "Bid for" not in text and "bid submitted" not in text.lower(), name
        assert admin.username not in text, name  # not even in the user filter


def test_a_withdrawn_bid_of_an_open_tender_stays_out_of_the_reports(client, open_tender, readers):
    organisation, admin = bidder("撤回的投标机构")
    bid = submitted_bid(open_tender, organisation, admin)
    bid_withdraw(bid=bid, by=admin)
    text = _everything_listed(client, readers["superuser"])
    assert str(bid) not in text and "withdrawn" not in text.lower()


def test_once_the_deadline_has_passed_the_bid_history_is_listed(client, closed_tender, readers):
    organisation, admin = bidder("截止后可见的投标机构")
    bid = submitted_bid(
        closed_tender, organisation, admin, now=closed_tender.deadline - timedelta(hours=1)
    )
    text = _everything_listed(client, readers["superuser"])
    assert str(bid) in text and "Bid for" in text


def test_the_object_history_of_a_sealed_bid_is_empty(open_tender):
    from wagtail.log_actions import registry

    organisation, admin = bidder()
    bid = submitted_bid(open_tender, organisation, admin)
    assert not registry.get_logs_for_instance(bid).exists()
    open_tender.deadline = timezone.now() - timedelta(minutes=1)
    open_tender.save(update_fields=["deadline"])
    assert registry.get_logs_for_instance(bid).count() == 1
