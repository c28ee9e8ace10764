"""Claims on screen: in the portal the provider's members see the months to claim with their
totals and their claims (residents masked), an admin confirms a month's count and total before
submitting; in the back office the bureau lists claims by status in constant queries, draws the
sample, checks it, approves and pays."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from subsidies.models import Claim, SampleOutcome
from subsidies.services.claims import claim_submit
from tests.factories import bureau_officer
from tests.factories.claims import NOVEMBER, november_services, provider_admin
from tests.factories.letters import letterhead_settings
from tests.factories.redemptions import provider_contract, provider_staff, voucher_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(contract):
    return provider_admin(contract)


@pytest.fixture
def services(scheme, centre, staff):
    return november_services(scheme, centre, staff, 5)


def test_members_see_the_months_to_claim_and_only_admins_submit(client, staff, admin, services):
    client.force_login(staff)
    page = client.get(reverse("subsidies:voucher_claims")).content.decode()
    assert "2026年11月" in page or "November 2026" in page
    assert "¥100.00" in page
    submit = reverse("subsidies:voucher_claim_submit", args=[2026, 11])
    assert submit not in page
    assert client.get(submit).status_code == 404
    client.force_login(admin)
    confirm = client.get(submit)
    assert confirm.status_code == 200
    assert "¥100.00" in confirm.content.decode() and "壹佰元整" in confirm.content.decode()
    response = client.post(submit)
    claim = Claim.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("subsidies:voucher_claim", args=[claim.pk])
    detail = client.get(response.url).content.decode()
    assert "王*英" in detail and "王秀英" not in detail
    again = client.post(submit)
    assert again.status_code == 200
    assert "already claimed" in again.content.decode() or "已申请结算" in again.content.decode()
    assert Claim.objects.count() == 1


def test_another_providers_claim_is_not_found(client, contract, admin, services):
    claim = claim_submit(organisation=contract.organisation, month=NOVEMBER, by=admin)
    other = provider_contract()
    voucher_site(other, name="沙溪镇日间照料中心")
    client.force_login(provider_staff(other, "admin", username="other_admin"))
    assert client.get(reverse("subsidies:voucher_claim", args=[claim.pk])).status_code == 404


def _claims_of_many_providers(scheme, count):
    for index in range(count):
        contract = provider_contract()
        site = voucher_site(contract, name=f"第{index}日间照料中心")
        staff = provider_staff(contract, username=f"staff_{contract.pk}")
        november_services(scheme, site, staff, 1)
        claim_submit(
            organisation=contract.organisation,
            month=NOVEMBER,
            by=provider_admin(contract, f"admin_{contract.pk}"),
        )


def test_the_bureau_lists_claims_in_constant_queries(client, scheme):
    client.force_login(bureau_officer())
    url = "/admin/voucher-claims/?status=submitted"

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    _claims_of_many_providers(scheme, 2)
    count()
    few = count()
    _claims_of_many_providers(scheme, 4)
    assert count() == few


def test_the_bureau_samples_checks_approves_and_pays_on_screen(client, contract, admin, services):
    letterhead_settings()
    claim = claim_submit(organisation=contract.organisation, month=NOVEMBER, by=admin)
    client.force_login(bureau_officer())
    inspect = client.get(f"/admin/voucher-claims/inspect/{claim.pk}/").content.decode()
    assert "王*英" in inspect
    assert client.post(f"/admin/voucher-claims/sample/{claim.pk}/").status_code == 302
    for item in claim.sample.all():
        response = client.post(
            f"/admin/voucher-claims/check/{item.pk}/",
            {"outcome": "confirmed", "note": "电话回访老人，确认服务属实"},
        )
        assert response.status_code == 302
    assert set(claim.sample.values_list("outcome", flat=True)) == {SampleOutcome.CONFIRMED}
    assert client.post(f"/admin/voucher-claims/approve/{claim.pk}/").status_code == 302
    bad = client.post(
        f"/admin/voucher-claims/pay/{claim.pk}/",
        {"paid_on": timezone.localdate().isoformat(), "payment_reference": " "},
    )
    assert bad.status_code == 200
    response = client.post(
        f"/admin/voucher-claims/pay/{claim.pk}/",
        {"paid_on": timezone.localdate().isoformat(), "payment_reference": "TR-9"},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PAID
    assert claim.settlement_letter.reference.startswith("太民养结")


def test_the_portal_claims_page_keeps_its_queries_constant(client, scheme, contract, admin):
    site = voucher_site(contract, name="第二日间照料中心")
    client.force_login(admin)
    url = reverse("subsidies:voucher_claims")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    november_services(scheme, site, admin, 1)
    count()
    few = count()
    november_services(scheme, site, admin, 6)
    claim_submit(organisation=contract.organisation, month=NOVEMBER, by=admin)
    assert count() == few
