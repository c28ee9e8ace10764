"""Racing payments cannot take a contract's paid total past its value: each locks its own
tranche, and the total moves by a conditional update the database checks. Real threads with
their own connections; PostgreSQL only (SQLite serialises writers by locking the whole file)."""

import threading
from decimal import Decimal

from django.db import close_old_connections, connection
from django.utils import timezone

import pytest

from incubator.kernel.errors import ServiceError
from tenders.models import Contract, ContractTranche
from tenders.services.contracts import contract_sign
from tenders.services.payments import contract_tranche_pay
from tests.factories import awarded, bureau_officer, letterhead_settings, tender_index
from tests.factories.payments import acceptance

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks"),
]

RACERS = 2


def test_racing_payments_never_take_the_paid_total_past_the_value(monkeypatch):
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)
    letterhead_settings()
    officer = bureau_officer()
    tender, _ = awarded(tender_index(), prices=("200000.00", "250000.00"))
    contract = Contract.objects.get(tender=tender.tender)
    contract_sign(contract=contract, signed_on=timezone.localdate(), by=officer)
    # Two released tranches of ¥150,000.00 each: set in the database (the schedule's service
    # refuses such a schedule), as a schedule made before a reduction could leave them.
    tranches = [
        ContractTranche.objects.create(
            contract=contract,
            number=number,
            amount=Decimal("150000.00"),
            acceptance=acceptance(contract, number),
        )
        for number in (1, 2)
    ]
    start = threading.Barrier(RACERS)
    refused, failed = [], []

    def pay(tranche):
        try:
            start.wait()
            contract_tranche_pay(
                tranche=tranche,
                paid_on=timezone.localdate(),
                reference=f"付-{tranche.number}",
                by=officer,
            )
        except ServiceError as error:
            refused.append(error)
        except Exception as error:  # pragma: no cover - reported by the assertions
            failed.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=pay, args=(tranche,)) for tranche in tranches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failed, failed
    assert [error.code for error in refused] == ["over_value"]
    contract.refresh_from_db()
    assert contract.paid_total == Decimal("150000.00") <= contract.value
    assert ContractTranche.objects.filter(paid_on__isnull=False).count() == 1
