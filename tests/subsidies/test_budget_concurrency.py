"""The budget holds under concurrent approvals and disbursements: real threads, each with its
own database connection, on whichever database the suite runs (SQLite and PostgreSQL in CI)."""

import threading
from datetime import date
from decimal import Decimal

from django.db import close_old_connections, connection

import pytest

from incubator.kernel.errors import ServiceError
from subsidies.models import Disbursement, Scheme, SubsidyApplication
from subsidies.services import subsidy_application_approve, subsidy_application_disburse
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    approved_application,
    bureau_officer,
    letterhead_settings,
    recommended_application,
    scheme_factory,
    staff_line,
)

pytestmark = pytest.mark.django_db(transaction=True)

APPROVERS = 10


def _race(count: int, act) -> tuple[list, list]:
    """Run ``act(index)`` in ``count`` threads released at once; the ServiceErrors and any other
    errors they raised."""
    start = threading.Barrier(count)
    refused, failed = [], []

    def run(index):
        try:
            start.wait()
            act(index)
        except ServiceError as error:
            refused.append(error)
        except Exception as error:  # pragma: no cover - reported by the assertions
            failed.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return refused, failed


def test_concurrent_approvals_never_exceed_the_envelope(monkeypatch):
    # The budget is under test, not rendering: leave the PDFs out.
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)
    letterhead_settings()
    hub = HubFactory()
    # Ten applications of ¥18,000 each (¥6,000 a month for 6 months): ¥180,000 asked of an
    # envelope of ¥100,000, which holds five of them.
    scheme = scheme_factory(envelope=Decimal("100000.00"))
    applications = [
        recommended_application(OrganisationFactory(hub=hub), scheme, lines=[staff_line(months=6)])
        for _ in range(APPROVERS)
    ]
    officers = [bureau_officer() for _ in range(APPROVERS)]

    def approve(index):
        subsidy_application_approve(application=applications[index], by=officers[index])

    refused, failed = _race(APPROVERS, approve)

    assert failed == []
    assert {error.code for error in refused} <= {"budget_exceeded"}
    scheme.refresh_from_db()
    assert scheme.approved_total <= scheme.envelope
    approved = SubsidyApplication.objects.filter(scheme=scheme, status="approved")
    assert approved.count() == 5
    assert len(refused) == APPROVERS - 5
    assert sum(approved.values_list("approved_amount", flat=True)) == scheme.approved_total
    assert scheme.approved_total == Decimal("90000.00")
    assert all(application.award_letter_id for application in approved)


def test_concurrent_disbursements_never_exceed_the_approved_amount(monkeypatch):
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)
    letterhead_settings()
    application = approved_application(
        OrganisationFactory(), scheme_factory(), amount=Decimal("10000.00")
    )
    officers = [bureau_officer() for _ in range(APPROVERS)]

    def pay(index):
        # ¥3,000.10 each: three fit in ¥10,000.00, a fourth does not.
        subsidy_application_disburse(
            application=application,
            amount=Decimal("3000.10"),
            paid_on=date(2026, 7, 1),
            payment_reference=f"TC-{index}",
            by=officers[index],
        )

    refused, failed = _race(APPROVERS, pay)

    assert failed == []
    assert {error.code for error in refused} <= {"over_approved"}
    application.refresh_from_db()
    assert application.disbursed_total == Decimal("9000.30")
    assert Disbursement.objects.filter(application=application).count() == 3
    assert len(refused) == APPROVERS - 3
    scheme = Scheme.objects.get(pk=application.scheme_id)
    assert scheme.disbursed_total == Decimal("9000.30")
