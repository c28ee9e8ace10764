"""The demo's day-care centre and canteen offer what a directory needs: hours, prices with
voucher prices, accessibility, directions; the centre in the city's premises with its handover."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.management import call_command

import pytest

from tenders.models import Contract, ServiceSite
from tenders.site_selectors import open_at, open_on, voucher_services, with_offer

pytestmark = pytest.mark.django_db


def test_the_demo_sites_have_hours_prices_and_the_centre_its_handover(demo, settings):
    settings.DEBUG = True
    call_command("seed_demo")  # idempotent: the offer once
    contract = Contract.objects.get(tender__reference="TCMZ-2026-005")
    sites = {site.kind: site for site in with_offer(ServiceSite.objects.filter(contract=contract))}
    centre, canteen = sites["day_care"], sites["canteen"]
    assert centre.premises == "city" and canteen.premises == "operator"
    assert centre.accepts_vouchers and centre.phone.startswith("0512-5353")
    assert "102路" in centre.directions and centre.step_free
    day_care = centre.services.get(name="日间照料（全天）")
    assert (str(day_care.price), str(day_care.voucher_price)) == ("30.00", "20.00")
    assert len(voucher_services(centre)) == 6
    assert 6 <= centre.handover.items.count() <= 10
    shanghai = ZoneInfo("Asia/Shanghai")
    assert open_at(centre, datetime(2026, 3, 4, 9, 0, tzinfo=shanghai))  # a Wednesday
    assert open_at(centre, datetime(2026, 3, 4, 12, 0, tzinfo=shanghai))  # lunch
    assert not open_at(centre, datetime(2026, 3, 4, 13, 0, tzinfo=shanghai))
    assert not open_on(centre, date(2026, 10, 1))  # National Day: the centre closes
    assert open_on(canteen, date(2026, 10, 1))  # the canteen serves lunch all the same
