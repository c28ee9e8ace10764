"""The care-voucher spending as open data: per provider, type of service and month that has
ended, from one grouped query; groups of fewer than 5 residents merged into the provider's
"other" row or left out; no person in it; registered, listed and served from a file."""

import json
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from incubator.kernel.publications import PUBLICATIONS, publication_build
from subsidies.services.redemptions import redemption_record
from subsidies.voucher_opendata import voucher_spend_cells, voucher_spend_rows
from tests.factories import letterhead_settings
from tests.factories.redemptions import (
    credited_holder,
    cst,
    provider_contract,
    provider_staff,
    service_of,
    voucher_site,
)
from tests.factories.vouchers import PIN, voucher_scheme
from tests.open_data import body, fetch_json

pytestmark = pytest.mark.django_db
URL = "/open-data/care-vouchers.json"
NOW = cst(2026, 12, 4, 18, 0)
NOVEMBER = date(2026, 11, 1)
TODAY = date(2026, 12, 4)


def _redeem(staff, site, name, holder, served_at, minutes=None):
    service = service_of(site, name)
    return redemption_record(
        by=staff,
        site=site,
        service=service,
        resident_card=holder.card_number,
        pin=PIN,
        served_at=served_at,
        duration_minutes=minutes or service.duration_minutes,
        now=NOW,
    )


@pytest.fixture
def world():
    """Six holders with November's ¥80. At the centre in November: lunch for all six (a group
    of 6), a day of day care for three and an hour of home care for two (small groups, 5
    residents together). At another provider's canteen: lunch for two (2 residents: left out).
    One lunch in December, the month in progress."""
    letterhead_settings()
    scheme = voucher_scheme()
    contract = provider_contract()
    centre = voucher_site(contract)
    staff = provider_staff(contract, username="centre_staff")
    other = provider_contract()
    canteen = voucher_site(other, name="沙溪镇老年食堂")
    canteen_staff = provider_staff(other, username="canteen_staff")
    holders = [
        credited_holder(scheme, months=(NOVEMBER,), given_name=f"秀{index}") for index in range(6)
    ]
    for holder in holders:
        _redeem(staff, centre, "午餐", holder, cst(2026, 11, 16, 11, 0))
    for holder in holders[:3]:
        _redeem(staff, centre, "日间照料（全天）", holder, cst(2026, 11, 17, 8, 30))
    for holder in holders[3:5]:
        _redeem(staff, centre, "上门照护", holder, cst(2026, 11, 18, 9, 0), minutes=60)
    for holder in holders[:2]:
        _redeem(canteen_staff, canteen, "午餐", holder, cst(2026, 11, 19, 11, 0))
    _redeem(staff, centre, "午餐", holders[0], cst(2026, 12, 2, 11, 0))
    return {"centre": contract.organisation, "canteen": other.organisation, "holders": holders}


def test_the_grouped_query_counts_services_residents_and_yuan_per_cell(world):
    with CaptureQueriesContext(connection) as queries:
        cells = voucher_spend_cells(TODAY)
    assert len(queries) == 1
    centre, canteen = world["centre"].pk, world["canteen"].pk
    assert sorted(cells, key=lambda cell: (cell[1], cell[2] or "")) == [
        (NOVEMBER, centre, None, 5, 5, Decimal("120.00")),
        (NOVEMBER, centre, "meals", 6, 6, Decimal("48.00")),
        (NOVEMBER, canteen, None, 2, 2, Decimal("16.00")),
    ]


def test_small_groups_are_merged_into_other_or_left_out(world):
    with CaptureQueriesContext(connection) as queries:
        rows = voucher_spend_rows(TODAY)
    assert len(queries) == 2
    centre = world["centre"]
    assert [(row["serviceType"], row["services"], row["residents"]) for row in rows] == [
        ("meals", 6, 6),
        ("other", 5, 5),
    ]
    meals, other = rows
    assert meals["month"] == "2026-11"
    assert meals["amount"] == 48.0 and other["amount"] == 120.0
    assert meals["providerName"] == centre.name
    assert meals["providerCreditCode"] == (centre.credit_code or None)
    if centre.credit_code:
        assert meals["providerId"] == f"CN-USCI-{centre.credit_code}"
    assert all(row["providerName"] != world["canteen"].name for row in rows)
    assert all(row["residents"] >= 5 for row in rows)


def test_the_month_in_progress_is_not_published(world):
    assert {row["month"] for row in voucher_spend_rows(TODAY)} == {"2026-11"}
    december = voucher_spend_rows(date(2027, 1, 5))
    assert "2026-12" not in {row["month"] for row in december}  # one lunch: a group of 1


def test_the_published_file_names_no_person(client, world):
    publication_build("care-vouchers")
    package = fetch_json(client, URL)
    assert package["minimumResidents"] == 5
    assert len(package["rows"]) == 2
    assert set(package["rows"][0]) == {
        "month",
        "providerId",
        "providerName",
        "providerCreditCode",
        "serviceType",
        "serviceTypeName",
        "services",
        "residents",
        "amount",
    }
    assert package["rows"][0]["serviceTypeName"] == "助餐"
    text = json.dumps(package, ensure_ascii=False)
    for holder in world["holders"]:
        for personal in (
            holder.card_number,
            holder.citizen_id_masked,
            holder.given_name,
            holder.birth_date.isoformat(),
        ):
            assert personal not in text


def test_it_is_registered_listed_and_a_request_reads_a_file(
    client, world, django_assert_num_queries
):
    assert "care-vouchers" in PUBLICATIONS
    publication_build("care-vouchers")
    assert publication_build("care-vouchers") == 0  # nothing changed: not rebuilt
    with django_assert_num_queries(1):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.streaming
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert json.loads(body(response))["rows"]
    from tests.factories import build_public_site

    build_public_site(guidance_count=0)
    page = client.get("/zh-hans/open-data/").content.decode()
    assert URL in page and "5" in page


def test_a_late_service_of_an_ended_month_rebuilds_it_one_of_this_month_does_not(world):
    from subsidies.models import Redemption

    publication_build("care-vouchers")
    staff = Redemption.objects.filter(served_at__month=12).get().recorded_by
    centre = Redemption.objects.filter(served_at__month=12).get().site
    holder = world["holders"][1]
    _redeem(staff, centre, "午餐", holder, cst(2026, 12, 3, 11, 0))
    assert publication_build("care-vouchers") == 0
    _redeem(staff, centre, "午餐", holder, cst(2026, 11, 20, 11, 0))
    assert publication_build("care-vouchers") == 1
