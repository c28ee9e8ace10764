"""The residents' own page: card and PIN open the balance and a month's statement (no account,
nothing remembered); an unknown card and a wrong PIN look alike; wrong PINs are counted per
card whatever the address."""

from datetime import date

from django.utils import timezone

import pytest

from subsidies.services.vouchers import credit_run
from tests.factories import bureau_officer
from tests.factories.vouchers import PIN, enrolled, voucher_scheme

pytestmark = pytest.mark.django_db
URL = "/en/vouchers/"


@pytest.fixture
def holder():
    scheme = voucher_scheme()
    resident = enrolled(family_name="王", given_name="秀英")
    today = timezone.localdate()
    credit_run(scheme=scheme, month=today, by=bureau_officer(), now=today)
    resident.refresh_from_db()
    return resident


def test_the_card_and_pin_show_the_balance_and_the_months_statement(client, holder):
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"card_number": holder.card_number, "pin": PIN, "month": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "王*英" in page
    assert "秀英" not in page
    assert "¥80.00" in page
    assert holder.card_number[-4:] in page
    assert holder.card_number not in page
    assert "Monthly credit" in page
    assert f"{timezone.localdate().year}-12-31" in page or "December 31" in page


def test_an_earlier_month_is_chosen_from_the_list(client, holder):
    first = timezone.localdate().replace(day=1)
    earlier = (
        date(first.year - 1, first.month, 1)
        if first.month == 1
        else first.replace(month=first.month - 1)
    )
    page = client.post(
        URL, {"card_number": holder.card_number, "pin": PIN, "month": earlier.isoformat()}
    ).content.decode()
    assert "Nothing was credited or spent this month." in page


def test_a_wrong_pin_and_an_unknown_card_look_alike_and_keep_the_card_typed(client, holder):
    wrong = client.post(URL, {"card_number": holder.card_number, "pin": "000000"})
    unknown = client.post(URL, {"card_number": "111122223333", "pin": PIN})
    assert wrong.status_code == unknown.status_code == 400
    message = "The card number or the PIN is not right."
    assert message in wrong.content.decode()
    assert message in unknown.content.decode()
    assert holder.card_number in wrong.content.decode()
    assert "000000" not in wrong.content.decode()


def test_five_wrong_pins_lock_the_card_from_every_address(client, holder):
    for index in range(5):
        client.post(
            URL,
            {"card_number": holder.card_number, "pin": "000000"},
            REMOTE_ADDR=f"10.0.0.{index}",
        )
    locked = client.post(
        URL, {"card_number": holder.card_number, "pin": PIN}, REMOTE_ADDR="10.0.1.1"
    )
    assert locked.status_code == 400
    assert "Too many wrong PINs" in locked.content.decode()
    assert "¥80.00" not in locked.content.decode()


def test_missing_fields_are_named(client, holder):
    response = client.post(URL, {"card_number": "", "pin": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Type the 12 digits printed on the card." in page
    assert "Type the card&#x27;s 6-digit PIN." in page or "6-digit PIN" in page


def test_the_statement_dates_a_service_by_the_day_it_was_given():
    from subsidies.services.redemptions import redemption_record
    from subsidies.voucher_selectors import statement
    from tests.factories.redemptions import (
        credited_holder,
        cst,
        provider_contract,
        provider_staff,
        service_of,
        voucher_site,
    )

    contract = provider_contract()
    site = voucher_site(contract)
    october, november = date(2026, 10, 1), date(2026, 11, 1)
    holder = credited_holder(voucher_scheme(), months=[october, november])
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
    in_october = statement(holder, october)
    assert [entry.kind for entry in in_october] == ["credit", "debit"]
    assert in_october[1].redemption.site == site
    assert [entry.kind for entry in statement(holder, november)] == ["credit"]


def test_the_page_and_the_back_office_show_a_service_taken_from_the_balance(client):
    """A debit is a negative entry: shown with a minus sign, on the residents' page and on the
    holder's back-office page alike."""
    from subsidies.services.redemptions import redemption_record
    from tests.factories.redemptions import (
        credited_holder,
        cst,
        provider_contract,
        provider_staff,
        service_of,
        voucher_site,
    )

    contract = provider_contract()
    site = voucher_site(contract)
    holder = credited_holder(voucher_scheme(), months=[date(2026, 11, 1)])
    redemption_record(
        by=provider_staff(contract),
        site=site,
        service=service_of(site, "午餐"),
        resident_card=holder.card_number,
        pin=PIN,
        served_at=cst(2026, 11, 30, 11, 30),
        duration_minutes=30,
        now=cst(2026, 12, 1, 9, 0),
    )
    response = client.post(
        "/en/vouchers/", {"card_number": holder.card_number, "pin": PIN, "month": "2026-11-01"}
    )
    assert response.status_code == 200
    assert "\u2212¥8.00" in response.content.decode()
    client.force_login(bureau_officer())
    page = client.get(f"/admin/voucher-holders/inspect/{holder.pk}/").content.decode()
    assert "\u2212¥8.00" in page and "¥72.00" in page
