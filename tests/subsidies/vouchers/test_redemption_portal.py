"""Redemption in the organisation portal: the provider's staff pick a service of their sites'
voucher price lists, type the card and the resident types the PIN; the receipt shows the
resident masked, the amount, the balance after it and a one-time feedback code. A refusal
brings the form back with the reason and all but the PIN. The lists of services recorded and of
residents served show only the provider's own, masked, without balances, in constant queries."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from subsidies.models import Redemption
from tests.factories.redemptions import (
    credited_holder,
    provider_contract,
    provider_staff,
    receipt_photo,
    redeemed,
    service_of,
    voucher_site,
)
from tests.factories.vouchers import PIN

pytestmark = pytest.mark.django_db


def _record() -> str:
    return reverse("subsidies:voucher_record")


def _form(service, holder, **overrides):
    at = timezone.localtime() - timedelta(hours=2)
    data = {
        "service": service.pk,
        "served_on": at.date().isoformat(),
        "served_time": at.strftime("%H:%M"),
        "duration_minutes": "",
        "card_number": holder.card_number,
        "method": "card_pin",
        "pin": PIN,
    }
    data.update(overrides)
    return data


def test_the_form_offers_the_services_a_voucher_pays_for_grouped_by_site(
    client, centre, staff, scheme
):
    client.force_login(staff)
    page = client.get(_record()).content.decode()
    assert '<optgroup label="城厢镇日间照料中心">' in page
    assert "午餐 · ¥8.00 per meal · 30 min" in page
    assert "健康监测" not in page  # no voucher price
    assert "康复理疗" not in page  # a type the scheme does not pay for


def test_recording_a_service_shows_the_receipt(client, centre, staff, holder):
    client.force_login(staff)
    response = client.post(_record(), _form(service_of(centre, "午餐"), holder))
    redemption = Redemption.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("subsidies:voucher_receipt", args=[redemption.pk])
    assert (redemption.amount, redemption.duration_minutes) == (Decimal("8.00"), 30)
    page = client.get(response.url).content.decode()
    assert "王*英" in page and "秀英" not in page
    assert f"ending {holder.card_number[-4:]}" in page
    assert holder.card_number not in page
    assert "¥8.00" in page and "¥72.00" in page
    assert redemption.feedback_code.display in page
    assert f"/feedback/{centre.code}/" in page


def test_a_refusal_keeps_everything_but_the_pin(client, centre, staff, holder):
    client.force_login(staff)
    data = _form(service_of(centre, "午餐"), holder, pin="802604", duration_minutes="45")
    response = client.post(_record(), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The card number or the PIN is not right." in page
    assert f'value="{holder.card_number}"' in page
    assert 'value="45"' in page
    assert "802604" not in page
    assert Redemption.objects.count() == 0


def test_a_missing_pin_is_asked_for(client, centre, staff, holder):
    client.force_login(staff)
    response = client.post(_record(), _form(service_of(centre, "午餐"), holder, pin=""))
    assert "Have the resident (or a family member) enter the card" in response.content.decode()


def test_a_home_visit_with_a_signed_receipt(client, centre, staff, holder, contract):
    client.force_login(staff)
    data = _form(
        service_of(centre, "上门照护"),
        holder,
        method="signed_receipt",
        pin="",
        receipt_photo=receipt_photo(),
        duration_minutes="60",
    )
    response = client.post(_record(), data)
    redemption = Redemption.objects.get()
    assert response.status_code == 302
    assert redemption.method == "signed_receipt"
    photo = reverse("subsidies:voucher_receipt_photo", args=[redemption.pk])
    assert photo in client.get(response.url).content.decode()
    download = client.get(photo)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"\xff\xd8\xff")
    client.force_login(provider_contract().organisation.memberships.get().user)
    assert client.get(photo).status_code == 404
    assert client.get(response.url).status_code == 404


def test_an_organisation_without_voucher_sites_is_told_so(client, scheme):
    contract = provider_contract()
    client.force_login(provider_staff(contract))
    page = client.get(_record()).content.decode()
    assert "service sites takes care vouchers" in page


def _serve(count, centre, staff, scheme):
    lunch = service_of(centre, "午餐")
    start = timezone.now() - timedelta(days=3)
    for n in range(count):
        holder = credited_holder(scheme, given_name=f"秀{n:02d}")
        redeemed(by=staff, site=centre, service=lunch, holder=holder, served_at=start)


def test_residents_served_are_masked_without_balance(client, centre, staff, scheme):
    _serve(2, centre, staff, scheme)
    # Someone served only by another provider does not appear.
    other = provider_contract()
    canteen = voucher_site(other, name="沙溪镇老年食堂")
    stranger = credited_holder(scheme, family_name="陆", given_name="阿大")
    other_staff = other.organisation.memberships.get().user
    redeemed(by=other_staff, site=canteen, service=service_of(canteen, "午餐"), holder=stranger)
    client.force_login(staff)
    page = client.get(reverse("subsidies:voucher_served")).content.decode()
    assert "秀00" not in page and "王**0" in page
    assert "陆*" not in page
    assert "¥72.00" not in page and "72.00" not in page
    assert "320585********" in page


def test_the_lists_take_the_same_queries_for_3_and_30_residents(
    client, centre, staff, scheme, django_assert_max_num_queries
):
    client.force_login(staff)
    urls = [reverse("subsidies:voucher_served"), reverse("subsidies:voucher_receipts")]
    _serve(3, centre, staff, scheme)
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(40) as few:
            assert client.get(url).status_code == 200
        counts[url] = len(few.captured_queries)
    _serve(27, centre, staff, scheme)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200


def test_the_receipts_list_shows_the_provider_its_own(client, centre, staff, holder):
    redeemed(by=staff, site=centre, service=service_of(centre, "午餐"), holder=holder)
    client.force_login(staff)
    page = client.get(reverse("subsidies:voucher_receipts")).content.decode()
    assert "午餐 · ¥8.00" in page
    assert "王*英" in page
    client.force_login(provider_contract().organisation.memberships.get().user)
    page = client.get(reverse("subsidies:voucher_receipts")).content.decode()
    assert "午餐 · ¥8.00" not in page
