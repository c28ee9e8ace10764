"""The award letter says what the approval decided: scheme, period, staff, amount in figures
and capitals, conditions and the disbursement plan."""

from decimal import Decimal

import pytest

from incubator.kernel.services.letters import letter_html
from tests.factories import (
    OrganisationFactory,
    approved_application,
    letterhead_settings,
    scheme_factory,
)

pytestmark = pytest.mark.django_db


def test_the_award_letter_names_scheme_staff_amount_and_conditions(monkeypatch):
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)
    letterhead_settings()
    scheme = scheme_factory()
    application = approved_application(OrganisationFactory(), scheme, amount=Decimal("12300"))
    application.award_letter.details["conditions"] = "按季度报送工资表"
    html = letter_html(application.award_letter)
    assert scheme.name in html
    assert "2026年1月" in html and "2026年12月" in html
    assert "李娜" in html and "项目主管" in html
    assert "壹万贰仟叁佰元整" in html and "¥12,300.00" in html
    assert "按季度报送工资表" in html
