"""Tranches against an approval: never over the approved amount, milestone conditions, and the
moves approved → disbursing → completed."""

from datetime import date
from decimal import Decimal

import pytest

from incubator.incubation.services.milestones import milestone_verify
from incubator.kernel.errors import ServiceError
from subsidies.models import Scheme, SubsidyApplication
from subsidies.services import subsidy_application_disburse
from tests.factories import (
    OrganisationFactory,
    approved_application,
    bureau_officer,
    letterhead_settings,
    milestone_for,
    recommended_application,
    scheme_factory,
)
from tests.factories.subsidies import hub_manager

pytestmark = pytest.mark.django_db
S = SubsidyApplication.Status


@pytest.fixture(autouse=True)
def _letterhead(monkeypatch):
    letterhead_settings()
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)


@pytest.fixture
def approved():
    return approved_application(OrganisationFactory(), scheme_factory(), amount=Decimal("10000"))


def _pay(application, amount, **kwargs):
    return subsidy_application_disburse(
        application=application,
        amount=Decimal(amount),
        paid_on=kwargs.pop("paid_on", date(2026, 7, 1)),
        payment_reference="TC-2026-0001",
        by=kwargs.pop("by", None) or bureau_officer(),
        **kwargs,
    )


def test_tranches_move_the_application_to_disbursing_then_completed(approved):
    _pay(approved, "4000.00")
    approved.refresh_from_db()
    assert approved.status == S.DISBURSING
    assert approved.disbursed_total == Decimal("4000.00")
    _pay(approved, "6000.00")
    approved.refresh_from_db()
    assert approved.status == S.COMPLETED
    assert approved.completed_at is not None
    scheme = Scheme.objects.get(pk=approved.scheme_id)
    assert scheme.disbursed_total == Decimal("10000.00")


def test_never_more_than_approved(approved):
    _pay(approved, "9999.99")
    with pytest.raises(ServiceError) as refused:
        _pay(approved, "0.02")
    assert refused.value.code == "over_approved"
    assert "¥0.01" in str(refused.value)
    approved.refresh_from_db()
    assert approved.disbursed_total == Decimal("9999.99")


@pytest.mark.parametrize("amount", ["0", "-1", "0.001"])
def test_the_amount_is_positive_in_fen(approved, amount):
    with pytest.raises(ServiceError):
        _pay(approved, amount)


def test_a_tranche_waits_for_its_milestone(approved):
    milestone = milestone_for(approved.organisation, status="submitted")
    with pytest.raises(ServiceError) as refused:
        _pay(approved, "1000", condition_milestone=milestone)
    assert refused.value.code == "milestone_not_verified"
    milestone_verify(milestone=milestone, by=hub_manager(approved.organisation))
    disbursement = _pay(approved, "1000", condition_milestone=milestone)
    assert disbursement.condition_milestone == milestone


def test_a_milestone_of_another_organisation_is_no_condition(approved):
    other = milestone_for(OrganisationFactory(), status="verified")
    with pytest.raises(ServiceError) as refused:
        _pay(approved, "1000", condition_milestone=other)
    assert refused.value.code == "milestone_other_organisation"


def test_nothing_is_paid_before_approval():
    application = recommended_application(OrganisationFactory(), scheme_factory())
    with pytest.raises(ServiceError) as refused:
        _pay(application, "1000")
    assert refused.value.code == "move_refused"


def test_only_the_bureau_pays(approved):
    with pytest.raises(ServiceError) as refused:
        _pay(approved, "1000", by=hub_manager(approved.organisation))
    assert refused.value.code == "not_allowed"


def test_a_payment_cannot_be_dated_in_the_future(approved):
    from datetime import timedelta

    from django.utils import timezone

    with pytest.raises(ServiceError) as caught:
        _pay(approved, "100", paid_on=timezone.localdate() + timedelta(days=1))
    assert caught.value.code == "paid_in_future"
    approved.refresh_from_db()
    assert approved.disbursed_total == 0
