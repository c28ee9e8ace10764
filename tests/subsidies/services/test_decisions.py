"""Review and decision: recommend or return (hub managers of the hub), approve against the
envelope with the award letter, or reject (bureau)."""

from decimal import Decimal

import pytest

from incubator.kernel.errors import ServiceError
from incubator.models import Letter
from subsidies.models import Scheme, SubsidyApplication
from subsidies.services import (
    subsidy_application_approve,
    subsidy_application_recommend,
    subsidy_application_reject,
    subsidy_application_return,
    subsidy_application_submit,
)
from tests.factories import (
    OrganisationFactory,
    bureau_officer,
    letterhead_settings,
    manager_of,
    recommended_application,
    scheme_factory,
    staff_line,
    submitted_application,
)
from tests.factories.subsidies import hub_manager, org_admin

pytestmark = pytest.mark.django_db
S = SubsidyApplication.Status


@pytest.fixture(autouse=True)
def _letterhead(monkeypatch):
    letterhead_settings()
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)


@pytest.fixture
def organisation():
    return OrganisationFactory()


def test_only_a_manager_of_the_hub_recommends(organisation):
    application = submitted_application(organisation, scheme_factory())
    other_manager = manager_of(OrganisationFactory().hub)
    with pytest.raises(ServiceError) as refused:
        subsidy_application_recommend(application=application, by=other_manager)
    assert refused.value.code == "not_allowed"
    with pytest.raises(ServiceError):
        subsidy_application_recommend(application=application, by=bureau_officer())
    recommended = subsidy_application_recommend(
        application=application,
        proposed_amount=Decimal("30000.00"),
        note="建议核减",
        by=hub_manager(organisation),
    )
    assert recommended.status == S.RECOMMENDED
    assert recommended.proposed_amount == Decimal("30000.00")


def test_the_proposal_cannot_exceed_the_eligible_amount(organisation):
    application = submitted_application(organisation, scheme_factory())
    with pytest.raises(ServiceError) as refused:
        subsidy_application_recommend(
            application=application,
            proposed_amount=Decimal("36000.01"),
            by=hub_manager(organisation),
        )
    assert refused.value.code == "proposed_over_eligible"


def test_a_returned_application_is_corrected_and_submitted_again(organisation):
    application = submitted_application(organisation, scheme_factory())
    with pytest.raises(ServiceError) as refused:
        subsidy_application_return(
            application=application, reason=" ", by=hub_manager(organisation)
        )
    assert refused.value.code == "reason_required"
    returned = subsidy_application_return(
        application=application, reason="缺少社保记录", by=hub_manager(organisation)
    )
    assert returned.status == S.RETURNED
    again = subsidy_application_submit(application=returned, by=org_admin(organisation))
    assert again.status == S.SUBMITTED


def test_approval_commits_the_amount_locks_the_rules_and_issues_the_letter(organisation):
    scheme = scheme_factory(envelope=Decimal("50000.00"))
    application = recommended_application(organisation, scheme, proposed_amount=Decimal("30000"))
    approved = subsidy_application_approve(application=application, by=bureau_officer())
    assert approved.status == S.APPROVED
    assert approved.approved_amount == Decimal("30000.00")  # the hub's proposal by default
    scheme.refresh_from_db()
    assert scheme.approved_total == Decimal("30000.00")
    assert scheme.rules_locked_at is not None
    letter = Letter.objects.get(pk=approved.award_letter_id)
    assert letter.kind == "subsidy_award"
    assert letter.amount == Decimal("30000.00")
    assert letter.details["scheme_name"] == scheme.name
    assert letter.details["amount_capital"] == "叁万元整"
    assert letter.details["staff"][0]["name"] == "李娜"
    assert letter.details["period"]


def test_approval_accepts_a_lower_amount_but_never_more_than_eligible(organisation):
    application = recommended_application(organisation, scheme_factory())
    with pytest.raises(ServiceError) as refused:
        subsidy_application_approve(
            application=application, approved_amount=Decimal("36000.01"), by=bureau_officer()
        )
    assert refused.value.code == "approved_over_eligible"
    approved = subsidy_application_approve(
        application=application, approved_amount=Decimal("1234.56"), by=bureau_officer()
    )
    assert approved.approved_amount == Decimal("1234.56")


def test_approval_rejected_when_budget_exhausted(organisation):
    scheme = scheme_factory(envelope=Decimal("50000.00"))
    first = recommended_application(organisation, scheme)
    subsidy_application_approve(application=first, by=bureau_officer())
    second = recommended_application(OrganisationFactory(hub=organisation.hub), scheme)
    with pytest.raises(ServiceError) as refused:
        subsidy_application_approve(application=second, by=bureau_officer())
    assert refused.value.code == "budget_exceeded"
    assert str(refused.value) == f"Not enough budget left: ¥14,000.00 left in {scheme.name}"
    second.refresh_from_db()
    assert second.status == S.RECOMMENDED
    assert Scheme.objects.get(pk=scheme.pk).approved_total == Decimal("36000.00")


def test_amounts_that_fill_the_envelope_exactly_fit(organisation):
    # 300.10 + 700.20 is not 1000.30 in binary floating point, which SQLite computes in.
    scheme = scheme_factory(envelope=Decimal("1000.30"))
    first = recommended_application(organisation, scheme)
    subsidy_application_approve(
        application=first, approved_amount=Decimal("300.10"), by=bureau_officer()
    )
    second = recommended_application(OrganisationFactory(hub=organisation.hub), scheme)
    subsidy_application_approve(
        application=second, approved_amount=Decimal("700.20"), by=bureau_officer()
    )
    scheme.refresh_from_db()
    assert scheme.approved_total == scheme.envelope == Decimal("1000.30")


def test_only_the_bureau_decides(organisation):
    application = recommended_application(organisation, scheme_factory())
    with pytest.raises(ServiceError) as refused:
        subsidy_application_approve(application=application, by=hub_manager(organisation))
    assert refused.value.code == "not_allowed"
    with pytest.raises(ServiceError):
        subsidy_application_reject(application=application, reason="x", by=org_admin(organisation))


def test_rejection_needs_a_reason_and_commits_nothing(organisation):
    scheme = scheme_factory()
    application = recommended_application(organisation, scheme)
    with pytest.raises(ServiceError):
        subsidy_application_reject(application=application, reason="", by=bureau_officer())
    rejected = subsidy_application_reject(
        application=application, reason="不符合条件", by=bureau_officer()
    )
    assert rejected.status == S.REJECTED
    assert Scheme.objects.get(pk=scheme.pk).approved_total == 0


def test_a_submitted_application_is_not_approved_before_its_recommendation(organisation):
    application = submitted_application(organisation, scheme_factory())
    with pytest.raises(ServiceError) as refused:
        subsidy_application_approve(application=application, by=bureau_officer())
    assert refused.value.code == "move_refused"


def test_rules_change_refused_after_lock(organisation):
    scheme = scheme_factory()
    application = recommended_application(organisation, scheme, lines=[staff_line()])
    subsidy_application_approve(application=application, by=bureau_officer())
    scheme.refresh_from_db()
    scheme.share = Decimal("0.60")
    with pytest.raises(Exception) as refused:  # noqa: PT011
        scheme.full_clean()
    assert "share of salary" in str(refused.value)
    scheme.refresh_from_db()
    scheme.name = "改名"
    scheme.full_clean()  # the name is not a rule
    scheme.envelope = Decimal("100.00")
    with pytest.raises(Exception) as refused:  # noqa: PT011
        scheme.full_clean()
    assert "envelope" in str(refused.value)
