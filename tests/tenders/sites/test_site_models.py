"""The database holds the rules of a site's offer: a span closes after it opens, a voucher
price lies above zero and within the price, a price is above zero; a site with a handover
record stays in the city's premises; a phone number is a Chinese one."""

from datetime import time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from tenders.models import Premises, SiteOpeningHours, SiteService
from tests.factories.sites import city_handover, price

pytestmark = pytest.mark.django_db


def _refused(build):
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


def test_a_voucher_price_above_the_price_is_refused(centre):
    _refused(lambda: price(centre, "午餐", "12.00", "12.01", unit="meal"))
    _refused(lambda: price(centre, "晚餐", "12.00", "0.00", unit="meal"))
    price(centre, "早餐", "5.00", "5.00", unit="meal")  # a voucher may pay it all
    price(centre, "理发", "10.00")  # no voucher price: not payable by voucher
    assert centre.services.count() == 2


def test_a_price_of_zero_and_a_duplicate_name_are_refused(centre):
    _refused(lambda: price(centre, "午餐", "0.00"))
    price(centre, "午餐", "12.00")
    _refused(lambda: price(centre, "午餐", "13.00"))


def test_a_span_closing_before_it_opens_is_refused(centre):
    _refused(
        lambda: SiteOpeningHours.objects.create(
            site=centre, weekday=0, opens=time(17, 0), closes=time(8, 0)
        )
    )
    _refused(
        lambda: SiteOpeningHours.objects.create(
            site=centre, weekday=7, opens=time(8, 0), closes=time(9, 0)
        )
    )


def test_model_validation_names_the_broken_rule_in_chinese(centre):
    from django.utils import translation

    service = SiteService(
        site=centre,
        service_type="meals",
        name="午餐",
        unit="meal",
        price=Decimal("12.00"),
        voucher_price=Decimal("15.00"),
        duration_minutes=30,
    )
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        service.full_clean()
    assert "补贴券价格须大于零且不高于价格" in str(error.value)
    hours = SiteOpeningHours(site=centre, weekday=0, opens=time(12, 0), closes=time(11, 0))
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        hours.full_clean()
    assert "关门时间必须晚于开门时间" in str(error.value)


def test_a_site_with_a_handover_cannot_become_the_operators_premises(centre):
    city_handover(centre)
    centre.premises = Premises.OPERATOR
    with pytest.raises(ValidationError) as error:
        centre.full_clean()
    assert "premises" in error.value.message_dict


def test_the_phone_must_be_a_chinese_number(centre):
    centre.phone = "12345"
    with pytest.raises(ValidationError) as error:
        centre.full_clean()
    assert "phone" in error.value.message_dict
    centre.phone = "0512-5353 1234"
    centre.full_clean()
