"""The demo's claims: the month before last claimed, sampled (every sampled service confirmed by
phone), approved and paid with its settlement letter; last month claimed and waiting; each
claim equal to its services; a second run adds nothing."""

from django.core.management import call_command
from django.db.models import Sum

import pytest

from subsidies.models import Claim

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_paid_claim_and_a_waiting_one(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    paid, waiting = Claim.objects.order_by("month")
    assert paid.status == Claim.Status.PAID
    assert paid.settlement_letter.reference.startswith("太民养结")
    assert set(paid.sample.values_list("outcome", "note")) == {
        ("confirmed", "电话回访老人，确认服务属实")
    }
    assert waiting.status == Claim.Status.SUBMITTED
    for claim in (paid, waiting):
        assert claim.total == claim.redemptions.aggregate(total=Sum("amount"))["total"]
        assert claim.redemption_count == claim.redemptions.count() > 0
    call_command("seed_demo")
    assert Claim.objects.count() == 2
