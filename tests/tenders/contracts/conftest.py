"""A final award with its contract (value ¥200,000.00, so 10 % is ¥20,000.00), a bureau
officer, the manager of the winner's hub and the winner's admin."""

from datetime import timedelta

from django.utils import timezone

import pytest

from tenders.models import Contract
from tests.factories import awarded, bureau_officer, letterhead_settings, manager_of, member_of


@pytest.fixture(autouse=True)
def no_pdfs(monkeypatch):
    # What a letter says is under test here, not its PDF: letters stay pending.
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)


@pytest.fixture
def contract(index):
    letterhead_settings()
    tender, bids = awarded(index, prices=("200000.00", "250000.00"))
    return Contract.objects.select_related("award", "tender", "organisation").get(
        tender=tender.tender
    )


@pytest.fixture
def officer(db):
    return bureau_officer()


@pytest.fixture
def hub_manager(contract):
    return manager_of(contract.organisation.hub)


@pytest.fixture
def provider(contract):
    return member_of(contract.organisation, "admin")


@pytest.fixture
def signed(contract, officer):
    from tenders.services.contracts import contract_sign

    return contract_sign(contract=contract, signed_on=timezone.localdate(), by=officer)


def days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)
