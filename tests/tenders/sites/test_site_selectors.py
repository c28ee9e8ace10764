"""When a site is open (its weekly spans, public holidays when it closes on them, the Shanghai
clock whatever the moment's time zone) and what a voucher pays for there, read without a
query per centre."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tenders.models import ServiceSite, ServiceType, ServiceUnit
from tenders.site_selectors import (
    is_public_holiday,
    open_at,
    open_on,
    voucher_services,
    weekly_hours,
    with_offer,
)
from tests.factories.sites import price, service_site, weekday_hours

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
NATIONAL_DAY = date(2025, 10, 1)  # a Wednesday, a public holiday


@pytest.fixture
def open_site(centre):
    weekday_hours(centre)
    return with_offer(ServiceSite.objects.filter(pk=centre.pk)).get()


def test_open_on_weekdays_and_closed_at_the_weekend(open_site):
    assert open_on(open_site, date(2025, 9, 24))  # a Wednesday
    assert not open_on(open_site, date(2025, 9, 27))  # a Saturday


def test_closed_on_a_public_holiday_unless_the_site_opens_on_them(open_site):
    assert is_public_holiday(NATIONAL_DAY)
    assert not open_on(open_site, NATIONAL_DAY)
    assert not open_at(open_site, datetime(2025, 10, 1, 9, 0, tzinfo=SHANGHAI))
    open_site.closed_on_public_holidays = False
    assert open_on(open_site, NATIONAL_DAY)
    assert open_at(open_site, datetime(2025, 10, 1, 9, 0, tzinfo=SHANGHAI))


def test_open_at_reads_the_spans_on_the_shanghai_clock(open_site):
    wednesday = date(2025, 9, 24)

    def at(hour, minute=0):
        return datetime(2025, 9, 24, hour, minute, tzinfo=SHANGHAI)

    assert open_at(open_site, at(8, 0))  # opening time included
    assert open_at(open_site, at(11, 29))
    assert not open_at(open_site, at(11, 30))  # closing time excluded
    assert not open_at(open_site, at(12, 15))  # the lunch break
    assert open_at(open_site, at(16, 59))
    assert not open_at(open_site, at(7, 59))
    # 01:00 UTC is 09:00 in Shanghai: open; 10:00 UTC on Tuesday is 18:00: closed.
    assert open_at(open_site, datetime(2025, 9, 24, 1, 0, tzinfo=UTC))
    assert not open_at(open_site, datetime(2025, 9, 23, 10, 0, tzinfo=UTC))
    with pytest.raises(ValueError):
        open_at(open_site, datetime(2025, 9, 24, 9, 0))
    assert wednesday.weekday() == 2


def test_weekly_hours_lists_every_day_monday_first(open_site):
    week = weekly_hours(open_site)
    assert [day.weekday for day in week] == list(range(7))
    assert len(week[0].spans) == 2 and week[5].closed and week[6].closed


def test_voucher_services_are_the_offered_ones_with_a_voucher_price(centre):
    price(centre, "日间照料", "30.00", "20.00")
    price(centre, "午餐", "12.00", "8.00", service_type=ServiceType.MEALS, unit=ServiceUnit.MEAL)
    price(centre, "理发", "10.00")
    price(centre, "助浴", "40.00", "30.00", service_type=ServiceType.BATHING, active=False)
    loaded = with_offer(ServiceSite.objects.filter(pk=centre.pk)).get()
    assert voucher_services(loaded) == []  # the site does not take vouchers yet
    loaded.accepts_vouchers = True
    assert {service.name for service in voucher_services(loaded)} == {"日间照料", "午餐"}


def test_reading_many_sites_costs_the_same_queries_as_one(contract, centre):
    weekday_hours(centre)
    price(centre, "日间照料", "30.00", "20.00")

    def read_all():
        with CaptureQueriesContext(connection) as queries:
            for loaded in with_offer(ServiceSite.objects.all()):
                open_on(loaded, date(2025, 9, 24))
                open_at(loaded, datetime(2025, 9, 24, 9, 0, tzinfo=SHANGHAI))
                voucher_services(loaded)
                weekly_hours(loaded)
        return len(queries.captured_queries)

    read_all()  # the calendar's year is cached from here on
    few = read_all()
    for n in range(5):
        other = service_site(contract, name=f"第{n}服务点", accepts_vouchers=True)
        weekday_hours(other)
        price(other, "日间照料", "30.00", "20.00")
    assert read_all() == few
