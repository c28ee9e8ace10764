"""The back office of care vouchers: holders masked, enrolment through the service with every
refusal on the form, the full number only with a reason (audited, never stored in a message),
community workers confined to their communities, the monthly run from its page."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import ModelLogEntry

import pytest

from subsidies.models import CreditRun, Resident, ResidentStatus
from tests.factories import bureau_officer
from tests.factories.vouchers import (
    citizen_id,
    community,
    community_worker,
    enrolled,
    voucher_scheme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau(client):
    user = bureau_officer()
    client.force_login(user)
    return user


def _enrol_data(place, **overrides):
    return {
        "family_name": "顾",
        "given_name": "阿婆",
        "citizen_id": citizen_id(date(1942, 8, 8)),
        "community": place.pk,
        "address": "朝阳东路12号",
        "phone": "13912345678",
        "guardian_name": "顾强",
        "guardian_relation": "儿子",
        "guardian_phone": "",
        "pin": "802604",
        "pin_again": "802604",
        "purpose_explained": "on",
        **overrides,
    }


def test_the_list_shows_masked_numbers_with_constant_queries(client, bureau):
    holder = enrolled()
    url = "/admin/voucher-holders/"

    def count():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.status_code == 200
        return len(queries), page.content.decode()

    count()
    few, page = count()
    assert holder.citizen_id_masked in page
    assert holder.name in page
    for index in range(12):
        enrolled(given_name=f"{index}号")
    assert count()[0] == few


def test_enrolment_goes_through_the_service(client, bureau):
    place = community()
    response = client.post("/admin/voucher-holders/new/", _enrol_data(place))
    resident = Resident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/voucher-holders/inspect/{resident.pk}/"
    assert resident.name == "顾阿婆"
    assert resident.birth_date == date(1942, 8, 8)
    page = client.get(response["Location"]).content.decode()
    assert resident.citizen_id_masked in page
    assert resident.card_number in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"citizen_id": "320585194208080000"}, "not valid"),
        ({"pin_again": "802605"}, "The two PINs differ"),
        ({"pin": "123456", "pin_again": "123456"}, "not one digit repeated"),
        ({"purpose_explained": ""}, "tick the box once they agree"),
    ],
)
def test_bad_enrolments_keep_what_was_typed(client, bureau, overrides, message):
    data = _enrol_data(community(), **overrides)
    response = client.post("/admin/voucher-holders/new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "朝阳东路12号" in page
    assert Resident.objects.count() == 0


def test_a_number_enrolled_already_is_refused_beside_the_field(client, bureau):
    place = community()
    data = _enrol_data(place)
    enrolled(citizen_id=data["citizen_id"])
    response = client.post("/admin/voucher-holders/new/", data)
    assert response.status_code == 200
    assert "already enrolled" in response.content.decode()
    assert Resident.objects.count() == 1


def test_the_full_number_needs_a_reason_and_is_audited(client, bureau):
    number = citizen_id(date(1937, 7, 7))
    holder = enrolled(citizen_id=number)
    url = f"/admin/voucher-holders/reveal/{holder.pk}/"
    assert number not in client.get(url).content.decode()
    refused = client.post(url, {"reason": ""})
    assert number not in refused.content.decode()
    shown = client.post(url, {"reason": "核对银行代发"})
    assert number in shown.content.decode()
    assert "no-store" in shown["Cache-Control"]
    assert ModelLogEntry.objects.filter(action="subsidies.resident.reveal_id").count() == 1


def test_a_community_worker_sees_and_enrols_only_in_their_community(client):
    home, elsewhere = community(), community("沙溪镇", "半泾村")
    worker = community_worker(home)
    mine = enrolled(community_=home, given_name="本")
    theirs = enrolled(community_=elsewhere, given_name="外")
    client.force_login(worker)
    page = client.get("/admin/voucher-holders/").content.decode()
    assert mine.name in page
    assert theirs.name not in page
    for view in ("inspect", "edit", "reveal", "status", "pin"):
        assert client.get(f"/admin/voucher-holders/{view}/{theirs.pk}/").status_code == 404
        assert client.get(f"/admin/voucher-holders/{view}/{mine.pk}/").status_code == 200
    refused = client.post("/admin/voucher-holders/new/", _enrol_data(elsewhere))
    assert refused.status_code == 200
    assert Resident.objects.count() == 2
    assert client.post("/admin/voucher-holders/new/", _enrol_data(home)).status_code == 302


def test_a_death_is_recorded_from_the_holders_page(client, bureau):
    holder = enrolled()
    url = f"/admin/voucher-holders/status/{holder.pk}/"
    response = client.post(url, {"status": "deceased", "on": "2026-03-10", "reason": "家属告知"})
    assert response.status_code == 302
    holder.refresh_from_db()
    assert (holder.status, holder.status_on) == (ResidentStatus.DECEASED, date(2026, 3, 10))


def test_a_month_is_credited_from_the_runs_page(client, bureau):
    voucher_scheme()
    holder = enrolled()
    assert "Credit a month" in client.get("/admin/credit-runs/").content.decode()
    response = client.post("/admin/credit-runs/run/", {"month": "2026-03-01"})
    assert response.status_code == 302
    assert CreditRun.objects.get().residents_credited == 1
    holder.refresh_from_db()
    assert holder.balance == Decimal("80.00")


def test_only_the_bureau_runs_credits(client):
    voucher_scheme()
    client.force_login(community_worker(community()))
    assert client.get("/admin/credit-runs/run/").status_code in (302, 403, 404)
    assert CreditRun.objects.count() == 0


def test_the_bureau_filters_holders_by_town_not_by_a_list_of_every_community(client, bureau):
    """A city has hundreds of communities: the bureau's list filters by town (and searches by
    name); a community worker also picks among their own few communities."""
    here = enrolled(community_=community("城厢镇", "东林村"))
    there = enrolled(community_=community("沙溪镇", "松南社区"), given_name="桂英")
    for index in range(5):
        community("浏河镇", f"第{index}社区")
    page = client.get("/admin/voucher-holders/", {"town": "沙溪镇"}).content.decode()
    assert there.name in page and here.name not in page
    assert 'name="community"' not in page
    assert "第3社区" not in page
    worker = community_worker(community("城厢镇", "东林村"), community("城厢镇", "永丰社区"))
    client.force_login(worker)
    page = client.get("/admin/voucher-holders/").content.decode()
    assert 'name="community"' in page and "永丰社区" in page and "松南社区" not in page
    assert 'value="沙溪镇"' not in page
