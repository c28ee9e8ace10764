"""The services of a contract's independent evaluation: the bureau grants a third-party
evaluator one signed contract for at most 90 days and revokes it; the evaluator declares once
(a conflict ends the access and tells the bureau) and reports once, before the access ends."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from incubator.kernel.errors import ServiceError
from incubator.models import Notification
from tenders.contract_evaluation_selectors import (
    contracts_user_may_evaluate,
    evaluator_grants_active,
)
from tenders.models import ContractEvaluationReport
from tenders.services.contract_evaluation import (
    contract_evaluation_submit,
    contract_evaluator_declare,
    contract_evaluator_grant,
    contract_evaluator_revoke,
)
from tests.factories import bureau_officer
from tests.factories.contract_evaluation import contract_evaluator, evaluator_grant
from tests.factories.delivery import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluator(db):
    return contract_evaluator(first_name="评估", last_name="王")


def _grant(contract, evaluator, officer, *, days=30, starts=0):
    today = timezone.localdate()
    return contract_evaluator_grant(
        contract=contract,
        evaluator=evaluator,
        evaluating_organisation="  苏州评估中心 ",
        starts_on=today + timedelta(days=starts),
        ends_on=today + timedelta(days=starts + days - 1),
        by=officer,
    )


def _refused(code, call):
    with pytest.raises(ServiceError) as refused:
        call()
    assert refused.value.code == code


def test_an_officer_grants_a_signed_contract_and_the_evaluator_is_told(signed, evaluator, officer):
    grant = _grant(signed, evaluator, officer)
    assert grant.evaluating_organisation == "苏州评估中心"
    assert list(contracts_user_may_evaluate(evaluator)) == [signed]
    notice = Notification.objects.get(user=evaluator)
    assert notice.link_name == "contract_evaluator:grant"
    assert notice.link_args == [grant.pk]
    assert ModelLogEntry.objects.filter(
        action="tenders.contract.evaluator_grant", object_id=str(signed.pk)
    ).exists()


def test_a_grant_needs_the_role_a_signed_contract_and_a_short_period(
    contract, signed, evaluator, officer
):
    _refused("not_an_evaluator", lambda: _grant(signed, bureau_officer(), officer))
    _refused("period_too_long", lambda: _grant(signed, evaluator, officer, days=91))
    _refused("period_in_past", lambda: _grant(signed, evaluator, officer, starts=-10, days=5))
    today = timezone.localdate()
    _refused(
        "period_out_of_order",
        lambda: contract_evaluator_grant(
            contract=signed,
            evaluator=evaluator,
            evaluating_organisation="评估中心",
            starts_on=today,
            ends_on=today - timedelta(days=1),
            by=officer,
        ),
    )
    _refused(
        "organisation_required",
        lambda: contract_evaluator_grant(
            contract=signed,
            evaluator=evaluator,
            evaluating_organisation=" ",
            starts_on=today,
            ends_on=today,
            by=officer,
        ),
    )
    assert _grant(signed, evaluator, officer, days=90).pk


def test_an_unsigned_contract_is_not_evaluated(contract, evaluator, officer):
    _refused("not_signed", lambda: _grant(contract, evaluator, officer))


def test_one_open_grant_per_evaluator_until_revoked(signed, evaluator, officer):
    grant = _grant(signed, evaluator, officer)
    _refused("already_granted", lambda: _grant(signed, evaluator, officer))
    contract_evaluator_revoke(grant=grant, reason="评估机构更换人员。", by=officer)
    assert not evaluator_grants_active(evaluator).exists()
    assert Notification.objects.filter(user=evaluator).count() == 2
    _refused("revoked", lambda: contract_evaluator_revoke(grant=grant, reason="再次", by=officer))
    assert _grant(signed, evaluator, officer).pk != grant.pk


def test_revoking_needs_a_reason(signed, evaluator, officer):
    grant = _grant(signed, evaluator, officer)
    _refused(
        "reason_required", lambda: contract_evaluator_revoke(grant=grant, reason=" ", by=officer)
    )


def test_declaring_no_conflict_clears_the_evaluator_once(signed, evaluator):
    grant = evaluator_grant(signed, evaluator)
    grant = contract_evaluator_declare(grant=grant, conflict="none", details="", by=evaluator)
    assert grant.declared_at is not None and not grant.conflicted
    assert evaluator_grants_active(evaluator).get() == grant
    _refused(
        "declared",
        lambda: contract_evaluator_declare(
            grant=grant, conflict="family", details="", by=evaluator
        ),
    )


def test_a_declared_conflict_ends_the_access_and_tells_the_bureau(signed, evaluator, officer):
    grant = evaluator_grant(signed, evaluator)
    _refused(
        "details_required",
        lambda: contract_evaluator_declare(grant=grant, conflict="other", details="", by=evaluator),
    )
    _refused(
        "unknown_ground",
        lambda: contract_evaluator_declare(
            grant=grant, conflict="cousin", details="", by=evaluator
        ),
    )
    contract_evaluator_declare(grant=grant, conflict="employment", details="曾任职", by=evaluator)
    assert not contracts_user_may_evaluate(evaluator).exists()
    notice = Notification.objects.get(user=officer)
    assert notice.link_name == "tender_contracts:inspect"
    _refused(
        "not_allowed",
        lambda: contract_evaluation_submit(
            grant=grant, findings="好", recommended_grade="good", score=85, by=evaluator
        ),
    )


def test_the_report_comes_after_a_clear_declaration_and_only_once(signed, evaluator, officer):
    grant = evaluator_grant(signed, evaluator)

    def submit(**changes):
        fields = {"findings": "服务规范。", "recommended_grade": "good", "score": "86.5"}
        return contract_evaluation_submit(grant=grant, by=evaluator, **{**fields, **changes})

    _refused("not_allowed", submit)
    contract_evaluator_declare(grant=grant, conflict="none", details="", by=evaluator)
    _refused("findings_required", lambda: submit(findings=" "))
    _refused("grade_required", lambda: submit(recommended_grade="A"))
    _refused("score_out_of_range", lambda: submit(score="101"))
    _refused("score_out_of_range", lambda: submit(score="abc"))
    report = submit(file=SimpleUploadedFile("评估报告.pdf", PDF))
    assert report.score == Decimal("86.50") and report.original_name == "评估报告.pdf"
    assert Notification.objects.filter(user=officer, link_name="tender_contracts:inspect").exists()
    _refused("reported", submit)
    assert ContractEvaluationReport.objects.count() == 1


def test_nothing_after_the_access_ended_yesterday(signed, evaluator):
    grant = evaluator_grant(signed, evaluator, starts=-30, ends=-1, conflict="none")
    assert not contracts_user_may_evaluate(evaluator).exists()
    _refused(
        "not_allowed",
        lambda: contract_evaluation_submit(
            grant=grant, findings="好", recommended_grade="good", score=85, by=evaluator
        ),
    )
    other = evaluator_grant(signed, evaluator, starts=-30, ends=-1, revoked_at=timezone.now())
    _refused(
        "not_allowed",
        lambda: contract_evaluator_declare(grant=other, conflict="none", details="", by=evaluator),
    )


def test_the_last_day_still_counts_and_the_day_before_the_first_does_not(signed, evaluator):
    evaluator_grant(signed, evaluator, starts=0, ends=0)
    today = timezone.localdate()
    assert contracts_user_may_evaluate(evaluator, today=today).exists()
    assert not contracts_user_may_evaluate(evaluator, today=today + timedelta(days=1)).exists()
    assert not contracts_user_may_evaluate(evaluator, today=today - timedelta(days=1)).exists()
