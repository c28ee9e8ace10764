"""The demo's vouchers are spent: about sixty holders served at the day-care centre over three
months by its provider's administrator, card and PIN (a few home visits with a signed
receipt), and about thirty holders of 沙溪镇 visited at home by the home-care provider (card and
PIN, now and then a signed receipt), never beyond a month's ¥80, every balance still the sum
of its ledger; a second run adds nothing."""

from decimal import Decimal

from django.core.management import call_command
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

import pytest

from subsidies.models import Redemption, Resident

pytestmark = pytest.mark.django_db


def test_the_demo_records_three_months_of_services_at_two_providers(demo, settings):
    settings.DEBUG = True
    redemptions = Redemption.objects.all()
    count = redemptions.count()
    centre = redemptions.filter(site__kind="day_care")
    at_home = redemptions.filter(site__kind="home_care_base")
    assert centre.count() > 100 and at_home.count() > 30
    assert centre.count() + at_home.count() == count
    assert 50 <= centre.values("resident").distinct().count() <= 60
    assert 20 <= at_home.values("resident").distinct().count() <= 30
    # The home-care provider serves 沙溪镇, and holders the centre did not serve.
    assert set(at_home.values_list("resident__community__town", flat=True)) == {"沙溪镇"}
    assert not at_home.filter(resident__in=centre.values("resident")).exists()
    assert set(centre.values_list("recorded_by__username", flat=True)) == {"orgadmin"}
    assert set(at_home.values_list("recorded_by__username", flat=True)) == {"org-mj4f7731w"}
    for provider in (centre, at_home):
        assert provider.filter(method="signed_receipt").count() >= 1
        assert provider.filter(method="card_pin").count() > 20
        assert provider.values_list("served_at__month", flat=True).distinct().count() == 3
    assert set(at_home.values_list("service_type", flat=True)) <= {
        "cleaning",
        "home_care",
        "bathing",
    }
    # Within a month's ¥80 for each holder and month (the centre's home visits aside).
    monthly = (
        redemptions.exclude(site__kind="day_care", method="signed_receipt")
        .annotate(month=TruncMonth("served_at"))
        .values("resident", "month")
        .annotate(spent=Sum("amount"), services=Count("pk"))
    )
    assert max(row["spent"] for row in monthly) <= Decimal("80.00")
    assert not Resident.objects.filter(balance__lt=0).exists()
    call_command("check_voucher_ledger")
    call_command("seed_demo")
    assert Redemption.objects.count() == count
