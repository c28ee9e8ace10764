"""The expiry run under concurrency: real threads, each with its own database connection
(SQLite here, PostgreSQL in CI). An expiry run racing with debits and with redemptions never
takes a balance below zero; every balance stays the sum of its entries; whichever came first,
the lapsed credit expired in full or the balance was spent down to nothing."""

from datetime import date
from decimal import Decimal

from django.db import transaction

import pytest

from subsidies.models import EntryKind, Redemption, Resident
from subsidies.services.expiry import expire_credits
from subsidies.services.redemptions import redemption_record
from subsidies.services.vouchers import credit_run, ledger_debit
from subsidies.voucher_selectors import ledger_sum
from tests.factories import bureau_officer
from tests.factories.redemptions import cst, service_of
from tests.factories.vouchers import PIN, enrolled, voucher_scheme
from tests.subsidies.vouchers.test_ledger_concurrency import _race

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = date(2026, 12, 4)
NOW = cst(2026, 12, 4, 18, 0)
NOVEMBER, DECEMBER = date(2026, 11, 1), date(2026, 12, 1)


def _credited(count: int) -> list[Resident]:
    """Holders with November's ¥80 (lapsed on 30 November) and December's."""
    officer = bureau_officer()
    scheme = voucher_scheme(validity="months", validity_months=1)
    holders = [enrolled(given_name=f"{index}") for index in range(count)]
    for month in (NOVEMBER, DECEMBER):
        credit_run(scheme=scheme, month=month, by=officer, now=TODAY)
    return holders


def _expiry():
    expire_credits(as_of=DECEMBER, batch_size=2, today=TODAY)


def _check(holder) -> tuple[Decimal, Decimal]:
    holder.refresh_from_db()
    assert holder.balance >= 0
    assert holder.balance == ledger_sum(holder)
    expired = -sum(
        (entry.amount for entry in holder.entries.filter(kind=EntryKind.EXPIRY)), Decimal("0")
    )
    assert holder.entries.filter(kind=EntryKind.EXPIRY).count() <= 1
    # Spending on or after 1 December never rescues November's credit: it lapses in full, or
    # what was left of the balance when the run reached the holder did.
    assert expired == Decimal("80.00") or holder.balance == 0
    return holder.balance, expired


def test_an_expiry_run_racing_with_debits_never_overdraws():
    holders = _credited(6)
    officer = bureau_officer()

    def debit(holder):
        def act():
            with transaction.atomic():
                ledger_debit(resident_id=holder.pk, amount=Decimal("50"), by=officer)

        return act

    debits = [debit(holder) for holder in holders for _ in range(3)]
    refused, failed = _race([_expiry, _expiry, *debits])
    assert failed == []
    assert all(error.code == "balance" for error in refused)
    for holder in holders:
        _check(holder)
    assert Resident.objects.filter(balance__lt=0).count() == 0


def test_an_expiry_run_racing_with_redemptions_never_overdraws(centre, staff):
    holders = _credited(4)
    home_care = service_of(centre, "上门照护")  # ¥30 an hour: two hours are ¥60

    def redeem(holder, day):
        def act():
            redemption_record(
                by=staff,
                site=centre,
                service=home_care,
                resident_card=holder.card_number,
                pin=PIN,
                served_at=cst(2026, 12, day, 9, 0),
                duration_minutes=120,
                now=NOW,
            )

        return act

    actions = [redeem(holder, day) for holder in holders for day in (1, 2, 3)]
    refused, failed = _race([_expiry, *actions])
    assert failed == []
    assert all(error.code == "balance" for error in refused)
    for holder in holders:
        balance, expired = _check(holder)
        spent = sum(redemption.amount for redemption in Redemption.objects.filter(resident=holder))
        assert balance + expired + spent == Decimal("160.00")
