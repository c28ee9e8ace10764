"""The payment schedule and payments: tranches tied to one report or one acceptance, within
the contract's value; a tranche is paid once, only once released, and the contract's paid
total never exceeds its value; amendments never take the value below what was paid."""

from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from incubator.kernel.errors import ServiceError
from incubator.models import Notification
from tenders.models import Contract, ContractTranche
from tenders.services.contracts import contract_amend
from tenders.services.payments import contract_tranche_pay, contract_tranches_set
from tests.factories.delivery import with_kpis
from tests.factories.payments import acceptance, accepted_report, tranche_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(signed, officer):
    """The ¥200,000.00 contract with KPIs, monthly reports and three tranches: ¥60,000.00 on
    report 1, ¥60,000.00 on report 2, ¥80,000.00 on acceptance 1 (a draft)."""
    contract = with_kpis(signed, officer)
    acceptance(contract, 1, signed_off_at=None)
    contract_tranches_set(
        contract=contract,
        tranches=tranche_rows(
            ("60000.00", "report", 1), ("60000.00", "report", 2), ("80000.00", "acceptance", 1)
        ),
        by=officer,
    )
    return contract


def _pay(tranche, officer, **kwargs):
    kwargs.setdefault("paid_on", timezone.localdate())
    kwargs.setdefault("reference", "付-2026-001")
    return contract_tranche_pay(tranche=tranche, by=officer, **kwargs)


def _refused(code, call, *args, **kwargs):
    with pytest.raises(ServiceError) as refused:
        call(*args, **kwargs)
    assert refused.value.code == code, refused.value.message
    return refused.value


def test_the_schedule_numbers_the_tranches_and_ties_each_to_its_release(scheduled):
    tranches = list(scheduled.tranches.order_by("number"))
    assert [(t.number, t.amount) for t in tranches] == [
        (1, Decimal("60000.00")),
        (2, Decimal("60000.00")),
        (3, Decimal("80000.00")),
    ]
    assert tranches[0].report.number == 1 and tranches[2].acceptance.number == 1
    assert all(t.pay_within_days == 15 and t.state() == "waiting" for t in tranches)


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        ([{"amount": "0", "report": 1}], "amount"),
        ([{"amount": "-5", "report": 1}], "amount"),
        ([{"amount": "10.001", "report": 1}], "amount"),
        ([{"amount": "abc", "report": 1}], "amount"),
        ([{"amount": "10"}], "release"),
        ([{"amount": "10", "report": 1, "acceptance": 1}], "release"),
        ([{"amount": "10", "report": 99}], "no_report"),
        ([{"amount": "10", "acceptance": 9}], "no_acceptance"),
        ([{"amount": "10", "report": 1}, {"amount": "10", "report": 1}], "tied_twice"),
        ([{"amount": "10", "report": 1, "pay_within_days": 0}], "term"),
        ([{"amount": "10", "report": 1, "pay_within_days": 91}], "term"),
        ([{"amount": "150000", "report": 1}, {"amount": "50000.01", "report": 2}], "over_value"),
    ],
)
def test_a_bad_schedule_is_refused_and_nothing_changes(scheduled, officer, rows, code):
    before = list(scheduled.tranches.values_list("pk", flat=True))
    _refused(code, contract_tranches_set, contract=scheduled, tranches=rows, by=officer)
    assert list(scheduled.tranches.values_list("pk", flat=True)) == before


def test_a_failed_acceptance_cannot_release_a_tranche(scheduled, officer):
    acceptance(scheduled, 2, conclusion="failed")
    rows = [{"amount": "1000", "acceptance": 2}]
    _refused(
        "acceptance_failed", contract_tranches_set, contract=scheduled, tranches=rows, by=officer
    )


def test_a_tranche_waits_for_its_report_to_be_accepted(scheduled, officer):
    tranche = scheduled.tranches.get(number=1)
    _refused("not_released", _pay, tranche, officer)
    scheduled.refresh_from_db()
    assert scheduled.paid_total == 0


def test_paying_a_released_tranche_moves_the_paid_total_and_tells_the_provider(
    scheduled, officer, provider
):
    accepted_report(scheduled, 1, provider=provider, officer=officer)
    tranche = scheduled.tranches.get(number=1)
    assert tranche.state() == "payable"
    assert tranche.due_on == timezone.localdate() + timedelta(days=15)
    _pay(tranche, officer)
    tranche.refresh_from_db()
    scheduled.refresh_from_db()
    assert tranche.state() == "paid" and tranche.paid_reference == "付-2026-001"
    assert tranche.paid_by == officer
    assert scheduled.paid_total == Decimal("60000.00")
    assert Notification.objects.filter(user=provider, kind="tenders/email/tranche_paid").exists()
    _refused("paid", _pay, tranche, officer)
    scheduled.refresh_from_db()
    assert scheduled.paid_total == Decimal("60000.00")


def test_a_payment_needs_a_voucher_and_a_date_not_in_the_future_nor_before_release(
    scheduled, officer, provider
):
    accepted_report(scheduled, 1, provider=provider, officer=officer)
    tranche = scheduled.tranches.get(number=1)
    _refused("reference", _pay, tranche, officer, reference="  ")
    _refused("future", _pay, tranche, officer, paid_on=timezone.localdate() + timedelta(days=1))
    _refused("early", _pay, tranche, officer, paid_on=timezone.localdate() - timedelta(days=1))


def test_a_signed_off_acceptance_releases_its_tranche_and_a_failed_one_does_not(scheduled, officer):
    draft = scheduled.acceptances.get(number=1)
    tranche = scheduled.tranches.get(number=3)
    _refused("not_released", _pay, tranche, officer)
    draft.conclusion, draft.signed_off_at = "failed", timezone.now()
    draft.save()
    _refused("failed", _pay, tranche, officer)
    assert scheduled.tranches.get(number=3).state() == "waiting"
    draft.conclusion = "conditional"
    draft.save()
    _pay(tranche, officer)
    scheduled.refresh_from_db()
    assert scheduled.paid_total == Decimal("80000.00")


def test_tranches_are_paid_after_a_reduction_while_within_the_value(scheduled, officer, provider):
    accepted_report(scheduled, 1, provider=provider, officer=officer)
    accepted_report(scheduled, 2, provider=provider, officer=officer)
    contract_amend(
        contract=scheduled, reason="减少服务量。", value_change=Decimal(-20000), by=officer
    )
    _pay(scheduled.tranches.get(number=1), officer)
    _pay(scheduled.tranches.get(number=2), officer)
    scheduled.refresh_from_db()
    assert scheduled.paid_total == Decimal("120000.00")
    assert scheduled.value == Decimal("180000.00")


def test_a_payment_past_the_value_is_refused_by_the_database_update(scheduled, officer):
    # As if two tranches were paid and the value then lowered: the last tranche's
    # ¥80,000.00 no longer fits in ¥150,000.00.
    draft = scheduled.acceptances.get(number=1)
    draft.conclusion, draft.signed_off_at = "passed", timezone.now()
    draft.save()
    Contract.objects.filter(pk=scheduled.pk).update(paid_total=Decimal("120000.00"))
    Contract.objects.filter(pk=scheduled.pk).update(value=Decimal("150000.00"))
    error = _refused("over_value", _pay, scheduled.tranches.get(number=3), officer)
    assert "¥150,000.00" in error.message and "¥120,000.00" in error.message
    assert scheduled.tranches.get(number=3).paid_on is None
    scheduled.refresh_from_db()
    assert scheduled.paid_total == Decimal("120000.00")


def test_the_database_refuses_a_paid_total_above_the_value(scheduled):
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=scheduled.pk).update(paid_total=Decimal("200000.01"))


def test_the_database_refuses_a_tranche_released_by_both_or_neither(scheduled):
    report = scheduled.reports.get(number=3)
    for fields in ({}, {"report": report, "acceptance": scheduled.acceptances.get()}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ContractTranche.objects.create(
                contract=scheduled, number=9, amount=Decimal(1), **fields
            )


def test_an_amendment_cannot_take_the_value_below_what_was_paid(scheduled, officer, provider):
    accepted_report(scheduled, 1, provider=provider, officer=officer)
    accepted_report(scheduled, 2, provider=provider, officer=officer)
    _pay(scheduled.tranches.get(number=1), officer)
    _pay(scheduled.tranches.get(number=2), officer)
    # Paid ¥120,000.00; as if more were paid, ¥185,000.00: the 10 % rule would allow
    # ¥180,000.00, but not below what was paid.
    Contract.objects.filter(pk=scheduled.pk).update(paid_total=Decimal("185000.00"))
    error = _refused(
        "below_paid",
        contract_amend,
        contract=scheduled,
        reason="减少服务量。",
        value_change=Decimal(-20000),
        by=officer,
    )
    assert "¥185,000.00" in error.message
    scheduled.refresh_from_db()
    assert scheduled.value == Decimal("200000.00")


def test_a_new_schedule_keeps_the_paid_tranches_and_replaces_the_others(
    scheduled, officer, provider
):
    accepted_report(scheduled, 1, provider=provider, officer=officer)
    _pay(scheduled.tranches.get(number=1), officer)
    rows = tranche_rows(("100000.00", "report", 3), ("40000.00", "acceptance", 1))
    contract_tranches_set(contract=scheduled, tranches=rows, by=officer)
    assert list(scheduled.tranches.values_list("number", "amount", "paid_on")) == [
        (1, Decimal("60000.00"), timezone.localdate()),
        (2, Decimal("100000.00"), None),
        (3, Decimal("40000.00"), None),
    ]
    again = tranche_rows(("1000.00", "report", 1))
    _refused("tied_twice", contract_tranches_set, contract=scheduled, tranches=again, by=officer)
    over = tranche_rows(("140000.01", "report", 3))
    _refused("over_value", contract_tranches_set, contract=scheduled, tranches=over, by=officer)


def test_resetting_the_kpis_ties_the_tranches_to_the_new_reports(scheduled, officer):
    with_kpis(scheduled, officer)
    tranches = scheduled.tranches.filter(report__isnull=False).order_by("number")
    assert [(t.number, t.report.number) for t in tranches] == [(1, 1), (2, 2)]
    assert all(t.report.contract_id == scheduled.pk for t in tranches)


def test_a_release_that_is_not_a_number_is_refused_as_missing(scheduled, officer):
    rows = [{"amount": "10", "report": "一"}]
    _refused("no_report", contract_tranches_set, contract=scheduled, tranches=rows, by=officer)
