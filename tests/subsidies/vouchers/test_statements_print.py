"""The month's statements a community worker prints and hands out: one sheet per holder of
their community (open that month) or of one holder, built in a constant number of queries;
another community's holders are neither listed nor reachable."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from subsidies.services.vouchers import resident_record_status
from tests.factories import bureau_officer
from tests.factories.redemptions import credited_holder
from tests.factories.vouchers import community, community_worker, enrolled, voucher_scheme

pytestmark = pytest.mark.django_db
URL = "/admin/voucher-holders/statements/"
NOVEMBER = "2026-11-01"


@pytest.fixture
def scheme():
    return voucher_scheme()


@pytest.fixture
def village():
    return community()


@pytest.fixture
def worker(client, village):
    user = community_worker(village)
    client.force_login(user)
    return user


def test_the_worker_prints_the_statements_of_their_community(client, worker, scheme, village):
    first = credited_holder(scheme, family_name="顾", given_name="阿婆", community_=village)
    second = credited_holder(scheme, family_name="陆", given_name="根宝", community_=village)
    elsewhere = credited_holder(
        scheme, family_name="沈", given_name="月娥", community_=community("沙溪镇", "松南社区")
    )
    page = client.get(URL, {"community": village.pk, "month": NOVEMBER})
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    text = page.content.decode()
    assert first.name in text and second.name in text
    assert elsewhere.name not in text
    assert text.count('class="voucher-statements__sheet"') == 2
    assert "¥80.00" in text
    assert first.card_number not in text  # the card's last four digits only
    assert first.citizen_id_masked not in text


def test_one_holder_alone(client, worker, scheme, village):
    holder = credited_holder(scheme, family_name="顾", given_name="阿婆", community_=village)
    credited_holder(scheme, family_name="陆", given_name="根宝", community_=village)
    page = client.get(URL, {"holder": holder.pk, "month": NOVEMBER})
    assert page.status_code == 200
    assert page.content.decode().count('class="voucher-statements__sheet"') == 1


def test_another_communitys_holder_and_community_are_refused(client, worker, scheme):
    other = community("沙溪镇", "松南社区")
    holder = credited_holder(scheme, community_=other)
    assert client.get(URL, {"holder": holder.pk, "month": NOVEMBER}).status_code == 404
    page = client.get(URL, {"community": other.pk, "month": NOVEMBER})
    assert page.status_code == 400
    assert holder.name not in page.content.decode()


def test_a_bad_month_keeps_the_form_with_an_error(client, worker, village):
    page = client.get(URL, {"community": village.pk, "month": "1999-01-01"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "Select a valid choice" in text
    assert f'<option value="{village.pk}" selected>' in text


def test_staff_without_holders_are_refused(client):
    from tests.factories import HubFactory
    from tests.factories.organisations import manager_of

    client.force_login(manager_of(HubFactory()))
    assert client.get(URL).status_code == 404


def test_holders_closed_before_the_month_are_left_out(client, worker, scheme, village):
    holder = credited_holder(scheme, family_name="顾", given_name="阿婆", community_=village)
    gone = enrolled(family_name="陆", given_name="根宝", community_=village)
    resident_record_status(
        resident=gone, status="deceased", on=date(2026, 10, 20), by=bureau_officer(), reason=""
    )
    text = client.get(URL, {"community": village.pk, "month": NOVEMBER}).content.decode()
    assert holder.name in text and gone.name not in text


def test_queries_stay_constant_as_the_community_grows(client, worker, scheme, village):
    credited_holder(scheme, given_name="一", community_=village)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"community": village.pk, "month": NOVEMBER}).status_code == 200
        return len(queries)

    count()
    few = count()
    for index in range(6):
        credited_holder(scheme, given_name=f"{index}号", community_=village)
    assert count() == few


def test_the_form_offers_last_month_and_the_workers_only_community(client, worker, village):
    page = client.get(URL).content.decode()
    assert f'<option value="{village.pk}" selected>' in page
    from django.utils import timezone

    from incubator.kernel.services.dates import add_months

    last = add_months(timezone.localdate().replace(day=1), -1)
    assert f'<option value="{last.isoformat()}" selected>' in page
