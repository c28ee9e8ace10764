"""Claims under concurrency: real threads, each with its own database connection. Two admins
of one provider claiming the same month at the same moment make one claim; each redemption is
in it once and the claim's total is their sum."""

from decimal import Decimal

from django.db.models import Sum

import pytest

from subsidies.models import Claim, Redemption
from subsidies.services.claims import claim_submit
from tests.factories.claims import NOVEMBER, november_services, provider_admin
from tests.factories.redemptions import provider_contract, provider_staff, voucher_site
from tests.factories.vouchers import voucher_scheme

from .test_ledger_concurrency import _race

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_admins_claiming_one_month_at_once_make_one_claim():
    scheme = voucher_scheme()
    contract = provider_contract()
    site = voucher_site(contract)
    services = november_services(scheme, site, provider_staff(contract), 6)
    admins = [provider_admin(contract, f"admin_{n}") for n in range(2)]
    organisation = contract.organisation

    def submit(admin):
        return lambda: claim_submit(organisation=organisation, month=NOVEMBER, by=admin)

    refused, failed = _race([submit(admin) for admin in admins])
    assert failed == []
    assert [error.code for error in refused] == ["live_claim"]
    claim = Claim.objects.get()
    assert claim.redemption_count == len(services) == 6
    total = Redemption.objects.filter(claim=claim).aggregate(total=Sum("amount"))["total"]
    assert claim.total == total == Decimal("120.00")
    assert not Redemption.objects.filter(claim__isnull=True).exists()
