"""The voucher ledger under concurrency: real threads, each with its own database connection
(SQLite and PostgreSQL in CI). Debits racing for one balance never take it below zero; two
credit runs of one month credit each holder once; a credit run racing with debits leaves every
balance equal to the sum of its entries."""

import threading
from datetime import date
from decimal import Decimal

from django.db import close_old_connections, connection, transaction

import pytest

from incubator.kernel.errors import ServiceError
from subsidies.models import EntryKind, LedgerEntry, Resident
from subsidies.services.vouchers import credit_run, ledger_debit
from subsidies.voucher_selectors import ledger_sum
from tests.factories import bureau_officer
from tests.factories.vouchers import enrolled, voucher_scheme

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = date(2026, 12, 4)


def _race(actions) -> tuple[list, list]:
    """Run each callable in its own thread, released at once; the ServiceErrors and any other
    errors they raised."""
    start = threading.Barrier(len(actions))
    refused, failed = [], []

    def run(act):
        try:
            start.wait()
            act()
        except ServiceError as error:
            refused.append(error)
        except Exception as error:  # pragma: no cover - reported by the assertions
            failed.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(act,)) for act in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return refused, failed


def _debit(resident_id, amount, by):
    def act():
        with transaction.atomic():
            ledger_debit(resident_id=resident_id, amount=Decimal(amount), by=by)

    return act


def _holds(resident):
    resident.refresh_from_db()
    assert resident.balance >= 0
    assert resident.balance == ledger_sum(resident)
    return resident.balance


def test_concurrent_debits_never_overdraw():
    officer = bureau_officer()
    scheme = voucher_scheme()
    holder = enrolled()
    credit_run(scheme=scheme, month=date(2026, 3, 1), by=officer, now=TODAY)
    refused, failed = _race([_debit(holder.pk, "30", officer) for _ in range(8)])
    assert failed == []
    assert len(refused) == 6
    assert all(error.code == "balance" for error in refused)
    assert _holds(holder) == Decimal("20.00")
    assert holder.entries.filter(kind=EntryKind.DEBIT).count() == 2


def test_two_runs_of_one_month_credit_each_holder_once():
    officer = bureau_officer()
    scheme = voucher_scheme()
    holders = [enrolled(given_name=f"{index}") for index in range(12)]
    month = date(2026, 3, 1)

    def run():
        credit_run(scheme=scheme, month=month, by=officer, batch_size=5, now=TODAY)

    refused, failed = _race([run, run, run])
    assert (refused, failed) == ([], [])
    assert LedgerEntry.objects.filter(kind=EntryKind.CREDIT).count() == 12
    assert all(_holds(holder) == Decimal("80.00") for holder in holders)


def test_a_credit_run_racing_with_debits_keeps_every_balance_true():
    officer = bureau_officer()
    scheme = voucher_scheme()
    holders = [enrolled(given_name=f"{index}") for index in range(6)]
    credit_run(scheme=scheme, month=date(2026, 3, 1), by=officer, now=TODAY)

    def april():
        credit_run(scheme=scheme, month=date(2026, 4, 1), by=officer, batch_size=2, now=TODAY)

    debits = [_debit(holder.pk, "50", officer) for holder in holders for _ in range(3)]
    refused, failed = _race([april, *debits])
    assert failed == []
    assert all(error.code == "balance" for error in refused)
    total_spent = -sum(entry.amount for entry in LedgerEntry.objects.filter(kind=EntryKind.DEBIT))
    assert total_spent == Decimal("50") * (18 - len(refused))
    for holder in holders:
        _holds(holder)
    assert Resident.objects.filter(balance__lt=0).count() == 0
    assert LedgerEntry.objects.filter(kind=EntryKind.CREDIT).count() == 12
