"""The calendar confirmation as people meet it: the dashboard asks for an unconfirmed year, the
back-office form shows the year's days and saves through the service, an override entered there
withdraws the confirmation, and the portal lists deadlines in constant queries."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from tenders.dashboard import years_to_confirm
from tenders.models import CalendarDay, CalendarYear, TenderAward
from tests.factories import (
    OrganisationFactory,
    bureau_officer,
    incubation_for,
    member_of,
    submitted_bid,
    tender_page,
)
from tests.tenders.calendar_scene import DECIDED_AT, SHANGHAI, confirm


@pytest.fixture
def officer(db):
    return bureau_officer()


def test_the_dashboard_asks_for_an_unconfirmed_year(client, officer):
    client.force_login(officer)
    year = timezone.localdate().year
    page = client.get("/admin/").content.decode()
    assert f"/admin/tender_calendar_years/new/?year={year}" in page
    confirm(year, officer, now=timezone.now(), notice_published_on=date(year - 1, 11, 4))
    if year + 1 in years_to_confirm(timezone.localdate()):
        confirm(year + 1, officer, now=timezone.now(), notice_published_on=timezone.localdate())
    assert "/admin/tender_calendar_years/new/?year=" not in client.get("/admin/").content.decode()


def test_the_confirmation_form_shows_the_years_days_and_saves_through_the_service(client, officer):
    client.force_login(officer)
    form = client.get("/admin/tender_calendar_years/new/?year=2026").content.decode()
    assert "2026-01-04" in form and "2026-10-10" in form  # make-up days to compare
    response = client.post(
        "/admin/tender_calendar_years/new/",
        {"year": "2026", "notice_number": "", "notice_published_on": "2025-11-04"},
    )
    assert response.status_code == 200 and not CalendarYear.objects.exists()
    response = client.post(
        "/admin/tender_calendar_years/new/",
        {
            "year": "2026",
            "notice_number": "国办发明电〔2025〕7号",
            "notice_published_on": "2025-11-4",
        },
    )
    assert response.status_code == 302
    confirmation = CalendarYear.objects.get()
    assert confirmation.confirmed_by == officer and confirmation.confirmed_at
    assert ModelLogEntry.objects.filter(action="tenders.calendar.confirm").count() == 1


def _portal_bids_queries(client, organisation, admin, index, count) -> int:
    for n in range(count):
        tender = tender_page(
            index,
            opens_at=datetime(2026, 11, 20, 9, 0, tzinfo=SHANGHAI),
            deadline=datetime(2026, 12, 10, 17, 0, tzinfo=SHANGHAI),
        )
        bid = submitted_bid(tender, organisation, admin, now=tender.deadline - timedelta(hours=1))
        TenderAward.objects.create(
            tender=tender.tender,
            bid=bid,
            amount=Decimal("100000.00"),
            rationale="综合得分第一。",
            contract_starts_on=date(2027, 2, 1),
            contract_months=12,
            deliverables="服务报告。",
            decided_at=DECIDED_AT + timedelta(minutes=n),
            notice_ends_on=date(2026, 12, 29),
            challenge_ends_on=date(2027, 1, 8),
        )
    cache.clear()  # a cold cache: the calendar is read once per year, never per row
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/portal/tenders/")
    assert response.content.decode().count("provisional</span>") == len(
        TenderAward.objects.filter(bid__organisation=organisation)
    )
    return len(queries)


def test_the_portal_lists_deadlines_with_a_constant_number_of_queries(client, index, officer):
    confirm(2026, officer, now=datetime(2025, 11, 5, 9, 0, tzinfo=SHANGHAI))
    organisation = OrganisationFactory()
    incubation_for(organisation)
    admin = member_of(organisation, "admin")
    client.force_login(admin)
    few = _portal_bids_queries(client, organisation, admin, index, 2)
    more = _portal_bids_queries(client, organisation, admin, index, 5)
    assert few == more


def test_an_override_entered_in_the_back_office_withdraws_the_confirmation(client, officer):
    confirm(2026, officer, now=datetime(2025, 11, 5, 9, 0, tzinfo=SHANGHAI))
    client.force_login(officer)
    response = client.post(
        "/admin/tender_calendar/new/", {"date": "2026-12-31", "kind": "holiday", "name": "调休"}
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get().date == date(2026, 12, 31)
    assert not CalendarYear.objects.filter(year=2026).exists()
    assert ModelLogEntry.objects.filter(action="tenders.calendar.day_save").count() == 1
