"""How a value reads in the back office's lists and record pages: a month as a month, a person
by their name (family name first), never by their user name."""

from datetime import date

from django.utils import translation

import pytest

from incubator.kernel.display import display_value
from subsidies.models import Claim
from tests.factories import UserFactory


def test_a_month_field_reads_as_a_month_and_other_dates_as_days():
    with translation.override("zh-hans"):
        assert display_value(date(2026, 11, 1), Claim._meta.get_field("month")) == "2026年11月"
        assert display_value(date(2026, 11, 1), Claim._meta.get_field("paid_on")) == "2026年11月1日"
        assert display_value(date(2026, 11, 1)) == "2026年11月1日"


@pytest.mark.django_db
def test_a_person_reads_by_name():
    officer = UserFactory(username="bureau", first_name="敏", last_name="王")
    assert display_value(officer) == "王敏"
    assert display_value(UserFactory(username="clerk", first_name="", last_name="")) == "clerk"
