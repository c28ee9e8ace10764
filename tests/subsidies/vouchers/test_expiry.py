"""The expiry run: unspent credit past its last valid day lapses, spending using the oldest
credit first; one entry per holder, never below zero, idempotent, resumable, for deceased
holders too; the statement and the residents' page name it; the ledger check still agrees."""

from datetime import date, datetime
from decimal import Decimal
from unittest import mock

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from django.utils import timezone, translation

import pytest

from incubator.kernel.errors import ServiceError
from subsidies.models import EntryKind, LedgerEntry, Resident, ResidentStatus
from subsidies.services.expiry import expire_credits, expiry_due, scheduled_expiry_run
from subsidies.services.vouchers import credit_run, ledger_debit, resident_record_status
from subsidies.voucher_selectors import ledger_sum, statement
from tests.factories import bureau_officer
from tests.factories.redemptions import SHANGHAI
from tests.factories.vouchers import PIN, enrolled, voucher_scheme

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 4)
MARCH, APRIL, MAY = date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)
JUNE = date(2026, 6, 1)


@pytest.fixture
def scheme():
    """¥80 a month, each month's credit valid until the month's end."""
    return voucher_scheme(validity="months", validity_months=1)


@pytest.fixture
def officer():
    return bureau_officer()


def _credit(scheme, officer, *months):
    for month in months:
        credit_run(scheme=scheme, month=month, by=officer, now=TODAY)


def _spend(holder, amount, on: date, officer):
    """A debit recorded (and so dated) at noon on ``on``, China Standard Time."""
    moment = datetime(on.year, on.month, on.day, 12, 0, tzinfo=SHANGHAI)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        ledger_debit(resident_id=holder.pk, amount=Decimal(amount), by=officer)


def _expire(as_of: date, **kwargs):
    return expire_credits(as_of=as_of, today=TODAY, **kwargs)


def _expired(holder) -> Decimal:
    return -sum(
        (entry.amount for entry in holder.entries.filter(kind=EntryKind.EXPIRY)), Decimal("0")
    )


def _balance(holder) -> Decimal:
    holder.refresh_from_db()
    assert holder.balance >= 0
    assert holder.balance == ledger_sum(holder)
    return holder.balance


def test_nothing_spent_the_whole_month_expires(scheme, officer):
    holder = enrolled()
    _credit(scheme, officer, MARCH, APRIL)
    result = _expire(APRIL)
    assert (result.holders, result.amount) == (1, Decimal("80.00"))
    assert _expired(holder) == Decimal("80.00")
    assert _balance(holder) == Decimal("80.00")
    entry = holder.entries.get(kind=EntryKind.EXPIRY)
    assert entry.amount == Decimal("-80.00") and entry.created_by is None


def test_partly_spent_only_the_rest_expires(scheme, officer):
    holder = enrolled()
    _credit(scheme, officer, MARCH, APRIL)
    _spend(holder, "30", date(2026, 3, 10), officer)
    _expire(APRIL)
    assert _expired(holder) == Decimal("50.00")
    assert _balance(holder) == Decimal("80.00")


def test_fully_spent_nothing_expires_and_the_overspend_came_from_the_next_month(scheme, officer):
    holder = enrolled()
    _credit(scheme, officer, MARCH, APRIL)
    _spend(holder, "100", date(2026, 3, 10), officer)
    assert _expire(APRIL).holders == 0
    assert _expired(holder) == 0
    _expire(MAY)
    assert _expired(holder) == Decimal("60.00")
    assert _balance(holder) == 0


def test_spending_after_the_expiry_date_does_not_rescue_lapsed_credit(scheme, officer):
    holder = enrolled()
    _credit(scheme, officer, MARCH, APRIL)
    _spend(holder, "50", date(2026, 4, 3), officer)  # before the run, after March's end
    _expire(APRIL)
    assert _expired(holder) == Decimal("80.00")
    assert _balance(holder) == Decimal("30.00")


def test_never_below_zero_when_spending_after_the_date_took_more(scheme, officer):
    holder = enrolled()
    _credit(scheme, officer, MARCH, APRIL)
    _spend(holder, "150", date(2026, 4, 3), officer)
    _expire(APRIL)
    assert _expired(holder) == Decimal("10.00")
    assert _balance(holder) == 0


def test_several_expiry_dates_take_what_already_lapsed_into_account(scheme, officer):
    holder = enrolled()
    _credit(scheme, officer, MARCH, APRIL, MAY)
    _expire(APRIL)  # March's 80 lapses
    _spend(holder, "150", date(2026, 4, 20), officer)  # April's 80 and 70 of May's
    _expire(MAY)
    assert _expired(holder) == Decimal("80.00")
    _expire(JUNE)
    assert _expired(holder) == Decimal("90.00")
    assert _balance(holder) == 0


def test_a_reversal_before_the_date_gives_the_spent_credit_back_to_lapse(scheme, officer):
    holder = enrolled()
    _credit(scheme, officer, MARCH, APRIL)
    _spend(holder, "30", date(2026, 3, 10), officer)
    moment = datetime(2026, 3, 12, 9, 0, tzinfo=SHANGHAI)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        LedgerEntry.objects.create(resident=holder, kind=EntryKind.REVERSAL, amount=30)
    Resident.objects.filter(pk=holder.pk).update(balance=F("balance") + 30)
    _expire(APRIL)
    assert _expired(holder) == Decimal("80.00")
    assert _balance(holder) == Decimal("80.00")


def test_running_twice_expires_once(scheme, officer):
    holder = enrolled()
    _credit(scheme, officer, MARCH, APRIL)
    _expire(APRIL)
    again = _expire(APRIL)
    later = _expire(date(2026, 4, 15))
    assert (again.holders, later.holders) == (0, 0)
    assert holder.entries.filter(kind=EntryKind.EXPIRY).count() == 1
    assert _balance(holder) == Decimal("80.00")


def test_batches_reach_every_holder(scheme, officer):
    holders = [enrolled(given_name=f"{index}") for index in range(5)]
    _credit(scheme, officer, MARCH, APRIL)
    _spend(holders[2], "80", date(2026, 3, 5), officer)
    result = _expire(APRIL, batch_size=2)
    assert (result.holders, result.amount) == (4, Decimal("320.00"))
    assert [_balance(holder) for holder in holders] == [Decimal("80.00")] * 5


def test_a_deceased_holders_credit_lapses_too(scheme, officer):
    holder = enrolled()
    _credit(scheme, officer, MARCH)
    resident_record_status(
        resident=holder, status=ResidentStatus.DECEASED, on=date(2026, 3, 20), by=officer
    )
    _credit(scheme, officer, APRIL)  # not credited: died before April
    _expire(APRIL)
    assert _expired(holder) == Decimal("80.00")
    assert _balance(holder) == 0


def test_credit_still_valid_never_expires(scheme, officer):
    holder = enrolled()
    _credit(scheme, officer, MARCH)
    assert _expire(date(2026, 3, 31)).holders == 0
    assert _balance(holder) == Decimal("80.00")


def test_a_future_day_is_refused():
    with pytest.raises(ServiceError) as error:
        _expire(date(2026, 12, 5))
    assert error.value.code == "future"


def test_the_schedule_runs_on_the_days_after_an_expiry_date(scheme, officer):
    holder = enrolled()
    _credit(scheme, officer, MARCH)
    assert not expiry_due(date(2026, 3, 31))
    assert expiry_due(APRIL) and expiry_due(date(2026, 4, 7))
    assert not expiry_due(date(2026, 4, 9))
    assert scheduled_expiry_run(today=date(2026, 3, 31)) is None
    assert scheduled_expiry_run(today=APRIL).amount == Decimal("80.00")
    assert _balance(holder) == 0


def test_the_command_expires_as_of_a_day_and_the_ledger_check_agrees(scheme, officer, capsys):
    holder = enrolled()
    _credit(scheme, officer, MARCH, APRIL)
    call_command("expire_vouchers", "--as-of", "2026-04-01")
    call_command("expire_vouchers", "--as-of", "2026-04-01")
    out = capsys.readouterr().out
    assert "credit of 1 holders expired, ¥80.00" in out
    assert "credit of 0 holders expired" in out
    call_command("check_voucher_ledger")
    assert _balance(holder) == Decimal("80.00")


def test_the_command_refuses_a_bad_or_future_day():
    with pytest.raises(CommandError, match="2027-01-01"):
        call_command("expire_vouchers", "--as-of", "April")
    with pytest.raises(CommandError):
        call_command("expire_vouchers", "--as-of", "2999-01-01")


def test_the_statement_and_the_residents_page_name_the_expiry(client, scheme, officer):
    holder = enrolled()
    today = timezone.localdate()
    month = today.replace(day=1)
    _credit(scheme, officer, MARCH)
    expire_credits(as_of=today)
    entries = statement(holder, month)
    assert [entry.kind for entry in entries] == [EntryKind.EXPIRY]
    with translation.override("zh-hans"):
        page = client.post(
            "/zh-hans/vouchers/",
            {"card_number": holder.card_number, "pin": PIN, "month": month.isoformat()},
        ).content.decode()
    assert "补贴过期" in page
    assert "\u2212¥80.00" in page
