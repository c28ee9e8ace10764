"""The load test's invariant checker: silent on data the services made, and loud about every
kind of damage a broken service could leave (made here by writing past the services)."""

from datetime import date
from decimal import Decimal

import pytest

from incubator.models import Letter
from subsidies.models import Disbursement, SubsidyApplication
from subsidies.services import subsidy_application_disburse
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    approved_application,
    bureau_officer,
    letterhead_settings,
    recommended_application,
    scheme_factory,
)
from tests.factories.spaces import allocation, incubating, space_of
from tools.loadtest.invariants import budget_lines, check_invariants

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _letterhead(monkeypatch):
    letterhead_settings()
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)


@pytest.fixture
def scheme():
    """¥40,000: one default application (eligible ¥36,000) fits, two do not."""
    return scheme_factory(envelope=Decimal("40000.00"))


@pytest.fixture
def approved(scheme):
    return approved_application(OrganisationFactory(), scheme, amount=Decimal("30000.00"))


def test_invariants_hold_on_data_made_by_the_services(scheme, approved):
    subsidy_application_disburse(
        application=approved,
        amount=Decimal("10000.00"),
        paid_on=date(2026, 11, 20),
        payment_reference="BANK-001",
        by=bureau_officer(),
    )
    recommended_application(OrganisationFactory(), scheme)
    hub = HubFactory()
    space = space_of(hub, seats=4)
    allocation(space, incubating(hub), 3, date(2026, 1, 1), date(2026, 6, 30))
    allocation(space, incubating(hub), 1, date(2026, 3, 1), date(2026, 12, 31))
    allocation(space, incubating(hub), 3, date(2026, 7, 1), date(2026, 12, 31))

    assert check_invariants() == []
    assert any("approved 30000.00" in line for line in budget_lines())


def test_approvals_past_the_envelope_are_found(scheme, approved):
    other = recommended_application(OrganisationFactory(), scheme)
    SubsidyApplication.objects.filter(pk=other.pk).update(
        status=SubsidyApplication.Status.APPROVED, approved_amount=other.eligible_total
    )

    problems = check_invariants()

    assert len(problems) == 1
    assert f"scheme {scheme.pk}" in problems[0]
    assert "committed by applications 66000.00" in problems[0]


def test_payments_past_the_approval_are_found(approved):
    Disbursement.objects.create(
        application=approved,
        amount=Decimal("30000.01"),
        paid_on=date(2026, 11, 20),
        payment_reference="BANK-002",
    )

    problems = check_invariants()

    assert any(f"subsidy application {approved.pk}" in problem for problem in problems)
    assert any("paid 30000.01" in problem for problem in problems)


def test_seats_given_twice_on_one_day_are_found():
    hub = HubFactory()
    space = space_of(hub, seats=4)
    allocation(space, incubating(hub), 3, date(2026, 1, 1), date(2026, 6, 30))
    allocation(space, incubating(hub), 2, date(2026, 6, 30), date(2026, 12, 31))

    assert check_invariants() == [
        f"space {space.pk} ({space.code}): 5 seats given on 2026-06-30, it has 4"
    ]


def test_a_gap_in_letter_numbers_is_found(approved):
    letter = approved.award_letter
    Letter.objects.filter(pk=letter.pk).update(sequence=letter.sequence + 1)

    problems = check_invariants()

    assert problems == [f"letters {letter.kind} {letter.year}: 1 letters numbered up to 2 (a gap)"]
