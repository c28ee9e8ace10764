"""The demo's vouchers are spent: about sixty holders served at the day-care centre over three
months by the provider's administrator, card and PIN (a few home visits with a signed
receipt), never beyond a month's ¥80, every balance still the sum of its ledger; a second run
adds nothing."""

from decimal import Decimal

from django.core.management import call_command
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

import pytest

from subsidies.models import Redemption, Resident

pytestmark = pytest.mark.django_db


def test_the_demo_records_three_months_of_services_at_the_centre(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    redemptions = Redemption.objects.all()
    count = redemptions.count()
    assert count > 100
    assert 50 <= redemptions.values("resident").distinct().count() <= 60
    assert set(redemptions.values_list("recorded_by__username", flat=True)) == {"orgadmin"}
    assert set(redemptions.values_list("site__kind", flat=True)) == {"day_care"}
    assert redemptions.filter(method="signed_receipt").count() >= 1
    assert redemptions.filter(method="card_pin").count() > 100
    assert redemptions.values_list("served_at__month", flat=True).distinct().count() == 3
    # Within a month's ¥80 for each holder and month (the home visits aside).
    monthly = (
        redemptions.filter(method="card_pin")
        .annotate(month=TruncMonth("served_at"))
        .values("resident", "month")
        .annotate(spent=Sum("amount"), services=Count("pk"))
    )
    assert max(row["spent"] for row in monthly) <= Decimal("80.00")
    assert not Resident.objects.filter(balance__lt=0).exists()
    call_command("check_voucher_ledger")
    call_command("seed_demo")
    assert Redemption.objects.count() == count
