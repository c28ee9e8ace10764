"""A contracted day-care centre (``centre``, its contract from a final award) and a bureau
officer. (``site`` stays the Wagtail site of the tenders tests.)"""

import pytest

from tenders.models import Contract
from tests.factories import awarded, bureau_officer
from tests.factories.sites import service_site


@pytest.fixture
def contract(index):
    tender, _bids = awarded(index, prices=("200000.00", "250000.00"))
    return Contract.objects.select_related("organisation").get(tender=tender.tender)


@pytest.fixture
def centre(contract):
    return service_site(contract)


@pytest.fixture
def officer(db):
    return bureau_officer()
