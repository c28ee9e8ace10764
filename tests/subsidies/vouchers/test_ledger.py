"""The voucher ledger: immutable entries whose sum is the balance, never below zero; the
monthly credit run credits each holder once, by age band, from the month the scheme says."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, connection, transaction

import pytest

from incubator.kernel.errors import ServiceError
from subsidies.models import CreditRun, EntryKind, FirstMonth, LedgerEntry, Resident, ResidentStatus
from subsidies.services.vouchers import credit_run, ledger_debit, resident_record_status
from subsidies.voucher_selectors import ledger_sum
from tests.factories import bureau_officer
from tests.factories.vouchers import enrolled, voucher_scheme

pytestmark = pytest.mark.django_db
MARCH = date(2026, 3, 1)
TODAY = date(2026, 12, 4)


def _balance(resident) -> Decimal:
    resident.refresh_from_db()
    assert resident.balance == ledger_sum(resident)
    return resident.balance


def test_a_month_is_credited_once_however_often_it_runs():
    scheme = voucher_scheme()
    officer = bureau_officer()
    holder = enrolled(born=date(1940, 5, 1))
    first = credit_run(scheme=scheme, month=MARCH, by=officer, now=TODAY)
    second = credit_run(scheme=scheme, month=date(2026, 3, 20), by=officer, now=TODAY)
    assert first.pk == second.pk
    assert second.residents_credited == 1
    assert second.amount_credited == Decimal("80.00")
    assert _balance(holder) == Decimal("80.00")
    credit = holder.entries.get()
    assert (credit.kind, credit.month, credit.expires_on) == ("credit", MARCH, date(2026, 12, 31))


def test_the_highest_band_reached_applies_and_the_young_get_nothing():
    scheme = voucher_scheme(bands=((80, "80.00"), (90, "100.00"), (100, "200.00")))
    officer = bureau_officer()
    eighty = enrolled(born=date(1944, 1, 10), given_name="一")
    ninety = enrolled(born=date(1935, 2, 2), given_name="二")
    hundred = enrolled(born=date(1926, 3, 31), given_name="三")  # 100 on the 31st
    seventy = enrolled(born=date(1955, 1, 1), given_name="四")
    credit_run(scheme=scheme, month=MARCH, by=officer, now=TODAY)
    assert [_balance(r) for r in (eighty, ninety, hundred, seventy)] == [
        Decimal("80.00"),
        Decimal("100.00"),
        Decimal("200.00"),
        Decimal("0.00"),
    ]


def test_a_resident_turning_eighty_is_credited_from_the_month_the_scheme_says():
    officer = bureau_officer()
    birthday_month = voucher_scheme(first_month=FirstMonth.BIRTHDAY_MONTH)
    holder = enrolled(born=date(1946, 3, 20))
    credit_run(scheme=birthday_month, month=date(2026, 2, 1), by=officer, now=TODAY)
    credit_run(scheme=birthday_month, month=MARCH, by=officer, now=TODAY)
    assert [entry.month for entry in holder.entries.all()] == [MARCH]

    birthday_month.active = False
    birthday_month.save()
    next_month = voucher_scheme(first_month=FirstMonth.NEXT_MONTH, name="次月起")
    other = enrolled(born=date(1946, 3, 20), given_name="另")
    credit_run(scheme=next_month, month=MARCH, by=officer, now=TODAY)
    credit_run(scheme=next_month, month=date(2026, 4, 1), by=officer, now=TODAY)
    assert [entry.month for entry in other.entries.all()] == [date(2026, 4, 1)]


def test_no_credit_for_months_after_a_death_or_a_move():
    scheme = voucher_scheme()
    officer = bureau_officer()
    holder = enrolled()
    resident_record_status(
        resident=holder, status=ResidentStatus.MOVED_AWAY, on=date(2026, 3, 15), by=officer
    )
    credit_run(scheme=scheme, month=MARCH, by=officer, now=TODAY)
    credit_run(scheme=scheme, month=date(2026, 4, 1), by=officer, now=TODAY)
    assert [entry.month for entry in holder.entries.all()] == [MARCH]


def test_holders_enrolled_later_are_credited_when_the_month_runs_again():
    scheme = voucher_scheme()
    officer = bureau_officer()
    enrolled(given_name="早")
    credit_run(scheme=scheme, month=MARCH, by=officer, now=TODAY)
    late = enrolled(given_name="晚", enrolled_on=date(2026, 3, 25))
    after_month = enrolled(given_name="后", enrolled_on=date(2026, 4, 2))
    run = credit_run(scheme=scheme, month=MARCH, by=officer, now=TODAY)
    assert run.residents_credited == 2
    assert _balance(late) == Decimal("80.00")
    assert _balance(after_month) == Decimal("0.00")


def test_a_stopped_run_resumes_where_it_stopped(monkeypatch):
    scheme = voucher_scheme()
    officer = bureau_officer()
    holders = [enrolled(given_name=f"{index}") for index in range(5)]
    from subsidies.services import vouchers

    real = vouchers._credit_batch
    calls = {"count": 0}

    def crash_after_two(*args, **kwargs):
        calls["count"] += 1
        if calls["count"] == 3:
            raise RuntimeError("worker killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(vouchers, "_credit_batch", crash_after_two)
    with pytest.raises(RuntimeError):
        credit_run(scheme=scheme, month=MARCH, by=officer, batch_size=2, now=TODAY)
    run = CreditRun.objects.get()
    assert (run.residents_credited, run.finished_at) == (4, None)
    assert run.last_resident_id == holders[3].pk
    monkeypatch.setattr(vouchers, "_credit_batch", real)
    run = credit_run(scheme=scheme, month=MARCH, by=officer, batch_size=2, now=TODAY)
    assert run.residents_credited == 5
    assert all(_balance(holder) == Decimal("80.00") for holder in holders)


def test_months_outside_the_scheme_or_in_the_future_are_refused():
    scheme = voucher_scheme(starts_on=date(2026, 2, 1))
    officer = bureau_officer()
    with pytest.raises(ServiceError) as error:
        credit_run(scheme=scheme, month=date(2026, 1, 1), by=officer, now=TODAY)
    assert error.value.code == "outside_scheme"
    with pytest.raises(ServiceError) as error:
        credit_run(scheme=scheme, month=date(2027, 1, 1), by=officer, now=TODAY)
    assert error.value.code == "future_month"


def test_a_debit_never_takes_the_balance_below_zero():
    scheme = voucher_scheme()
    officer = bureau_officer()
    holder = enrolled()
    credit_run(scheme=scheme, month=MARCH, by=officer, now=TODAY)
    with transaction.atomic():
        ledger_debit(resident_id=holder.pk, amount=Decimal("50"), by=officer)
    with pytest.raises(ServiceError) as error, transaction.atomic():
        ledger_debit(resident_id=holder.pk, amount=Decimal("30.01"), by=officer)
    assert error.value.code == "balance"
    assert "¥30.00" in str(error.value) or "30.00" in str(error.value)
    assert _balance(holder) == Decimal("30.00")


def test_the_database_refuses_a_negative_balance_and_edits_of_entries():
    holder = enrolled()
    with pytest.raises(IntegrityError), transaction.atomic():
        Resident.objects.filter(pk=holder.pk).update(balance=Decimal("-1"))
    entry = LedgerEntry.objects.create(
        resident=holder, kind=EntryKind.REVERSAL, amount=Decimal("5")
    )
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("500"))
    with pytest.raises(TypeError):
        entry.delete()
    with (
        pytest.raises(Exception, match="immutable"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE subsidies_ledgerentry SET amount = 500 WHERE id = %s", [entry.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(resident=holder, kind=EntryKind.DEBIT, amount=Decimal("5"))
