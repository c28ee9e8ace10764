"""Racing amendments cannot both pass the 10 % limit: each locks the contract, and the value
moves by a conditional update the database checks. Real threads with their own connections;
PostgreSQL only (SQLite serialises writers by locking the whole file)."""

import threading
from decimal import Decimal

from django.db import close_old_connections, connection
from django.utils import timezone

import pytest

from incubator.kernel.errors import ServiceError
from tenders.models import Contract, ContractAmendment
from tenders.services.contracts import contract_amend, contract_sign
from tests.factories import awarded, bureau_officer, letterhead_settings, tender_index

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks"),
]

RACERS = 4


def test_racing_amendments_never_take_the_value_past_ten_per_cent(monkeypatch):
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)
    letterhead_settings()
    officer = bureau_officer()
    tender, _ = awarded(tender_index(), prices=("200000.00", "250000.00"))
    contract = Contract.objects.get(tender=tender.tender)
    contract_sign(contract=contract, signed_on=timezone.localdate(), by=officer)
    start = threading.Barrier(RACERS)
    refused, failed = [], []

    def amend(index):
        try:
            start.wait()
            contract_amend(
                contract=contract,
                reason=f"第{index}次变更。",
                value_change=Decimal("15000.00"),
                by=officer,
            )
        except ServiceError as error:
            refused.append(error)
        except Exception as error:  # pragma: no cover - reported by the assertions
            failed.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=amend, args=(index,)) for index in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failed, failed
    assert len(refused) == RACERS - 1
    contract.refresh_from_db()
    assert contract.value == Decimal("215000.00")
    assert list(ContractAmendment.objects.values_list("number", flat=True)) == [1]
