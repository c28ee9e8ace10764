"""Redemption fixtures: the scheme in force, a provider's day-care centre taking vouchers, a
member of its staff and a holder with November's ¥80."""

import pytest

from tests.factories.redemptions import (
    credited_holder,
    provider_contract,
    provider_staff,
    voucher_site,
)
from tests.factories.vouchers import voucher_scheme


@pytest.fixture
def scheme(db):
    return voucher_scheme()


@pytest.fixture
def contract(db):
    return provider_contract()


@pytest.fixture
def centre(contract):
    return voucher_site(contract)


@pytest.fixture
def staff(contract):
    return provider_staff(contract, username="centre_staff")


@pytest.fixture
def holder(scheme):
    return credited_holder(scheme)
