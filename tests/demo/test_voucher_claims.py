"""The demo's claims: the day-care provider's month before last claimed, sampled (every sampled
service confirmed by phone), approved and paid with its settlement letter; its last month and
the home-care provider's last month claimed and waiting; each claim equal to its services; a
second run adds nothing."""

from django.core.management import call_command
from django.db.models import Sum

import pytest

from subsidies.models import Claim

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_paid_claim_and_two_waiting(demo, settings):
    settings.DEBUG = True
    claims = Claim.objects.select_related("organisation").order_by("month", "pk")
    paid, waiting, home_care = claims
    assert paid.status == Claim.Status.PAID
    assert paid.settlement_letter.reference.startswith("太民养结")
    assert set(paid.sample.values_list("outcome", "note")) == {
        ("confirmed", "电话回访老人，确认服务属实")
    }
    assert waiting.status == home_care.status == Claim.Status.SUBMITTED
    assert waiting.month == home_care.month
    assert paid.organisation == waiting.organisation != home_care.organisation
    assert home_care.organisation.name == "太仓市沙溪镇银龄居家照护服务中心"
    for claim in claims:
        assert claim.total == claim.redemptions.aggregate(total=Sum("amount"))["total"]
        assert claim.redemption_count == claim.redemptions.count() > 0
        sites = claim.redemptions.values_list("site__contract__organisation", flat=True)
        assert set(sites) == {claim.organisation_id}
    call_command("seed_demo")
    assert Claim.objects.count() == 3
