"""Every subsidy action leaves an entry in Wagtail's audit log, readable in the history."""

from decimal import Decimal

from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

import pytest

from subsidies.audit import AUDIT_ACTIONS
from tests.factories import (
    OrganisationFactory,
    approved_application,
    letterhead_settings,
    scheme_factory,
)

pytestmark = pytest.mark.django_db


def test_every_action_is_registered():
    for action in AUDIT_ACTIONS:
        assert registry.action_exists(action.code)


def test_the_journey_is_in_the_history(monkeypatch):
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)
    letterhead_settings()
    application = approved_application(
        OrganisationFactory(), scheme_factory(), amount=Decimal("12300")
    )
    entries = ModelLogEntry.objects.for_instance(application).order_by("timestamp", "pk")
    assert [entry.action for entry in entries] == [
        "subsidies.application.save_draft",
        "subsidies.application.submit",
        "subsidies.application.recommend",
        "subsidies.application.approve",
    ]
    approval = entries.last()
    assert "Approved ¥12,300.00 of eligible ¥36,000.00" in approval.message
    assert approval.user is not None
