"""A service recorded after the credit it was paid with lapsed: one served on 30 December and
recorded on 5 January (within the days a service may be recorded late) is paid with last
year's credit, restored for it, never with the new year's; restoring gives back no more than
expired and nothing for a service after the year's end; before the expiry run nothing is
restored and the run counts the service; a second run writes nothing; the ledger still sums."""

from datetime import date, datetime
from decimal import Decimal
from unittest import mock

from django.utils import translation

import pytest

from incubator.kernel.errors import ServiceError
from subsidies.models import EntryKind
from subsidies.services.expiry import expire_credits
from subsidies.services.vouchers import ledger_debit
from subsidies.voucher_selectors import ledger_sum, statement
from tests.factories import bureau_officer
from tests.factories.redemptions import credited_holder, cst, redeemed, service_of

pytestmark = pytest.mark.django_db
DECEMBER, JANUARY = date(2026, 12, 1), date(2027, 1, 1)
NEW_YEAR = date(2027, 1, 1)
RECORDED = cst(2027, 1, 5, 9, 0)


@pytest.fixture
def holder(scheme):
    """¥80 for December 2026 (valid to 31 December) and ¥80 for January 2027."""
    return credited_holder(scheme, months=(DECEMBER, JANUARY))


def _record(staff, centre, holder, name: str, served_at: datetime, now=RECORDED, minutes=None):
    """Record the service as the provider's staff would at ``now`` (the clock set to it)."""
    with mock.patch("django.utils.timezone.now", return_value=now):
        return redeemed(
            by=staff,
            site=centre,
            service=service_of(centre, name),
            holder=holder,
            served_at=served_at,
            duration_minutes=minutes,
            now=now,
        )


def _entries(holder, kind) -> list[Decimal]:
    return list(holder.entries.filter(kind=kind).values_list("amount", flat=True))


def _balance(holder) -> Decimal:
    holder.refresh_from_db()
    assert holder.balance >= 0
    assert holder.balance == ledger_sum(holder)
    return holder.balance


def test_a_service_recorded_after_new_year_is_paid_with_last_years_credit(holder, staff, centre):
    assert expire_credits(as_of=NEW_YEAR, today=NEW_YEAR).amount == Decimal("80.00")
    assert _balance(holder) == Decimal("80.00")

    redemption = _record(staff, centre, holder, "日间照料（全天）", cst(2026, 12, 30, 9, 0))

    assert redemption.amount == Decimal("20.00")
    [restored] = holder.entries.filter(kind=EntryKind.RESTORED)
    assert restored.amount == Decimal("20.00")
    assert restored.note == f"{centre.name} · 日间照料（全天） · 2026-12-30"
    # January's credit is whole; of December's, what the service did not use lapsed.
    assert _balance(holder) == Decimal("80.00")
    assert sum(_entries(holder, EntryKind.EXPIRY) + _entries(holder, EntryKind.RESTORED)) == (
        Decimal("-60.00")
    )
    # The run of the same day, again, has nothing left to do.
    assert expire_credits(as_of=NEW_YEAR, today=RECORDED.date()).amount == 0
    assert _balance(holder) == Decimal("80.00")


def test_a_service_of_the_new_year_uses_the_new_credit(holder, staff, centre):
    expire_credits(as_of=NEW_YEAR, today=NEW_YEAR)

    _record(staff, centre, holder, "日间照料（全天）", cst(2027, 1, 4, 9, 0))

    assert not holder.entries.filter(kind=EntryKind.RESTORED).exists()
    assert _balance(holder) == Decimal("60.00")


def test_restoring_gives_back_no_more_than_expired(holder, staff, centre):
    with mock.patch("django.utils.timezone.now", return_value=cst(2026, 12, 10, 12, 0)):
        ledger_debit(resident_id=holder.pk, amount=Decimal("70.00"), by=bureau_officer())
    assert expire_credits(as_of=NEW_YEAR, today=NEW_YEAR).amount == Decimal("10.00")

    # An hour at home on 30 December, ¥30: ¥10 of December's credit, ¥20 of January's.
    _record(staff, centre, holder, "上门照护", cst(2026, 12, 30, 15, 0), minutes=60)

    assert _entries(holder, EntryKind.RESTORED) == [Decimal("10.00")]
    assert _balance(holder) == Decimal("60.00")


def test_before_the_run_nothing_is_restored_and_the_run_counts_the_service(holder, staff, centre):
    _record(staff, centre, holder, "日间照料（全天）", cst(2026, 12, 30, 9, 0))
    assert not holder.entries.filter(kind=EntryKind.RESTORED).exists()
    assert _balance(holder) == Decimal("140.00")

    assert expire_credits(as_of=NEW_YEAR, today=RECORDED.date()).amount == Decimal("60.00")
    assert _balance(holder) == Decimal("80.00")


def test_a_refused_service_restores_nothing(holder, staff, centre):
    expire_credits(as_of=NEW_YEAR, today=NEW_YEAR)
    with mock.patch("django.utils.timezone.now", return_value=cst(2027, 1, 2, 12, 0)):
        ledger_debit(resident_id=holder.pk, amount=Decimal("80.00"), by=bureau_officer())

    # Four hours at home: ¥120, more than December's lapsed ¥80 and the balance together.
    with pytest.raises(ServiceError) as refused:
        _record(staff, centre, holder, "上门照护", cst(2026, 12, 30, 8, 0), minutes=240)

    assert refused.value.code == "balance"
    assert not holder.entries.filter(kind=EntryKind.RESTORED).exists()
    assert _balance(holder) == Decimal("0.00")


def test_the_statement_names_the_restored_credit(holder, staff, centre):
    expire_credits(as_of=NEW_YEAR, today=NEW_YEAR)
    _record(staff, centre, holder, "日间照料（全天）", cst(2026, 12, 30, 9, 0))

    with translation.override("zh-hans"):
        labels = [entry.get_kind_display() for entry in statement(holder, JANUARY)]
    assert "恢复过期补贴" in labels
    december = statement(holder, DECEMBER)
    assert [entry.amount for entry in december if entry.kind == EntryKind.DEBIT] == [
        Decimal("-20.00")
    ]
