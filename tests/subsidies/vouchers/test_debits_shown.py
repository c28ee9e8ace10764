"""A holder who has paid for a service: the back office's holder page and the residents' own
statement show the debit with a minus sign (found by the bench, issue 23: the money filter
refused negative amounts and both pages answered 500)."""

from datetime import date
from decimal import Decimal

import pytest

from incubator.templatetags.money import rmb
from subsidies.services.redemptions import redemption_record
from tests.factories import bureau_officer
from tests.factories.redemptions import (
    credited_holder,
    cst,
    provider_contract,
    provider_staff,
    service_of,
    voucher_site,
)
from tests.factories.vouchers import PIN, voucher_scheme


def test_a_negative_amount_has_a_minus_sign_before_the_yuan_sign():
    assert rmb(Decimal("-1234.50")) == "-¥1,234.50"
    assert rmb(Decimal("8.00")) == "¥8.00"
    assert rmb(0) == "¥0.00"
    assert rmb(None) == ""


@pytest.fixture
def served(db):
    contract = provider_contract()
    site = voucher_site(contract)
    holder = credited_holder(voucher_scheme(), months=[date(2026, 10, 1)])
    redemption_record(
        by=provider_staff(contract),
        site=site,
        service=service_of(site, "午餐"),
        resident_card=holder.card_number,
        pin=PIN,
        served_at=cst(2026, 10, 30, 11, 30),
        duration_minutes=30,
        now=cst(2026, 11, 2, 9, 0),
    )
    holder.refresh_from_db()
    return holder


def test_the_holder_page_shows_the_debit(client, served):
    client.force_login(bureau_officer())
    response = client.get(f"/admin/voucher-holders/inspect/{served.pk}/")
    assert response.status_code == 200
    assert "-¥8.00" in response.content.decode()


def test_the_residents_statement_shows_the_debit(client, served):
    response = client.post(
        "/en/vouchers/", {"card_number": served.card_number, "pin": PIN, "month": "2026-10-01"}
    )
    assert response.status_code == 200
    assert "-¥8.00" in response.content.decode()
