"""Redemptions under concurrency: real threads, each with its own database connection (SQLite
here, PostgreSQL in CI). Two services of one card at overlapping times recorded at the same
moment: one is refused, whatever the sites. Many small services racing for one balance never
take it below zero, and the ledger still sums to it."""

from datetime import timedelta
from decimal import Decimal

import pytest

from subsidies.models import Redemption
from subsidies.services.redemptions import redemption_record
from subsidies.voucher_selectors import ledger_sum
from tests.factories.redemptions import cst, provider_contract, service_of, voucher_site
from tests.factories.vouchers import PIN
from tests.subsidies.vouchers.test_ledger_concurrency import _race

pytestmark = pytest.mark.django_db(transaction=True)
NOW = cst(2026, 12, 4, 18, 0)


def _redeem(staff, site, service, holder, served_at, minutes=None):
    def act():
        redemption_record(
            by=staff,
            site=site,
            service=service,
            resident_card=holder.card_number,
            pin=PIN,
            served_at=served_at,
            duration_minutes=minutes or service.duration_minutes,
            now=NOW,
        )

    return act


def test_two_overlapping_services_of_one_card_at_once_one_is_refused(centre, staff, holder):
    other = provider_contract()
    canteen = voucher_site(other, name="沙溪镇老年食堂")
    other_staff = other.organisation.memberships.get(role="admin").user
    noon = cst(2026, 12, 4, 11, 30)
    refused, failed = _race(
        [
            _redeem(staff, centre, service_of(centre, "午餐"), holder, noon),
            _redeem(other_staff, canteen, service_of(canteen, "午餐"), holder, noon),
        ]
    )
    assert failed == []
    assert [error.code for error in refused] == ["overlap"]
    assert Redemption.objects.filter(resident=holder).count() == 1
    holder.refresh_from_db()
    assert holder.balance == Decimal("72.00") == ledger_sum(holder)


def test_many_small_services_at_once_never_overdraw(centre, staff, holder):
    lunch = service_of(centre, "午餐")  # ¥8 of ¥80: ten fit
    start = cst(2026, 11, 20, 11, 30)
    actions = [
        _redeem(staff, centre, lunch, holder, start + timedelta(days=day)) for day in range(12)
    ]
    refused, failed = _race(actions)
    assert failed == []
    assert [error.code for error in refused] == ["balance", "balance"]
    holder.refresh_from_db()
    assert holder.balance == Decimal("0.00") == ledger_sum(holder)
    assert Redemption.objects.filter(resident=holder).count() == 10
