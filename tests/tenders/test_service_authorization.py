"""One authorization layer: every state-changing service of ``tenders.services`` checks its
``by`` before anything else. Outsiders (another organisation's administrator, the manager of
another hub, an evaluator nobody assigned, an unrelated user, nobody at all) are refused with
``not_allowed`` and nothing changes; third-party contract evaluators act only on their own
grant. A new public service with a keyword-only ``by`` that this
module does not call makes ``test_every_service_with_by_is_covered`` fail."""

import inspect
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from wagtail.models import ModelLogEntry, PageLogEntry

import pytest
from guardian.models import UserObjectPermission

import tenders.services
from incubator.kernel.errors import ServiceError
from incubator.kernel.roles import Role
from incubator.models import Letter
from tenders.models import (
    AwardChallenge,
    BidScore,
    CalendarDay,
    CalendarYear,
    Complaint,
    Contract,
    ContractAcceptance,
    ContractAmendment,
    ContractEvaluationReport,
    ContractEvaluatorGrant,
    ContractKpi,
    ContractReport,
    ContractTranche,
    EvaluatorDeclaration,
    FeedbackCode,
    FeedbackResponse,
    Survey,
    TenderAward,
    TenderBid,
    TenderBidLogEntry,
    TenderClarification,
)
from tenders.services.acceptance import (
    contract_acceptance_publish,
    contract_acceptance_record,
    contract_acceptance_sign_off,
)
from tenders.services.awards import tender_award
from tenders.services.bids import bid_disqualify, bid_save_draft, bid_submit, bid_withdraw
from tenders.services.calendar_years import (
    calendar_day_delete,
    calendar_day_save,
    calendar_year_confirm,
)
from tenders.services.challenges import award_challenge_record, award_challenge_resolve
from tenders.services.clarifications import clarification_answer, clarification_ask
from tenders.services.complaints import complaint_answer, complaint_file
from tenders.services.contract_evaluation import (
    contract_evaluation_submit,
    contract_evaluator_declare,
    contract_evaluator_grant,
    contract_evaluator_revoke,
)
from tenders.services.contracts import contract_amend, contract_publish, contract_sign
from tenders.services.delivery import contract_kpis_set
from tenders.services.evaluation import bid_score, conflicts_declare, evaluator_assign
from tenders.services.feedback import feedback_codes_issue, feedback_moderate, feedback_submit
from tenders.services.payments import contract_tranche_pay, contract_tranches_set
from tenders.services.reports import (
    contract_report_accept,
    contract_report_return,
    contract_report_submit,
)
from tenders.services.sites import site_handover_record, site_offer_audit
from tenders.services.surveys import survey_schedule
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    awarded,
    bidder,
    incubation_for,
    manager_of,
    member_of,
    staff_with_role,
    submitted_bid,
    tender_page,
)
from tests.factories.contract_evaluation import contract_evaluator, evaluator_grant
from tests.factories.delivery import file_report, kpi_rows, with_kpis
from tests.factories.payments import acceptance as signed_off_acceptance
from tests.factories.sites import service_site
from tests.service_inventory import public_functions, services_with_by

# State-changing services without ``by``: the system calls them, nobody acts.
SYSTEM_SERVICES = {
    # The scheduled job makes an unchallenged award final once its window has closed.
    "awards.award_finalise",
    "awards.awards_finalise",
    # Called by calendar_year_confirm, which has checked its ``by``, inside its transaction.
    "calendar_years.awards_recount",
    # Called by contract_kpis_set, which has checked its ``by``, inside its transaction.
    "payments.tranches_detach_reports",
    "payments.tranches_attach_reports",
    # Residents answer without an account; the daily job erases what is past retention.
    "feedback.feedback_submit",
    "feedback.feedback_anonymise",
    # Residents file complaints and rate answers with the tracking code, without an account.
    "complaints.complaint_file",
    "complaints.complaint_rate",
    "complaints.complaints_anonymise",
    # Residents answer surveys without an account.
    "surveys.survey_answer",
    # A care-voucher receipt's one-time code, issued inside the redemption that checked who
    # records the service (subsidies.services.redemptions, through tenders.voucher_api).
    "feedback.receipt_feedback_code",
}


def _public_functions():
    return public_functions(tenders.services)


def _services_with_by() -> set[str]:
    return services_with_by(tenders.services)


@pytest.fixture
def world(index, open_tender, organisation, org_admin):
    """An open tender with a submitted bid and a question; a closed tender with bids and an
    evaluator; an award waiting for challenges; a calendar override; and the outsiders."""
    now = timezone.now()
    open_bid = submitted_bid(open_tender, organisation, org_admin)
    question = clarification_ask(
        tender=open_tender, organisation=organisation, question="问", by=org_admin
    )
    closed = tender_page(index, opens_at=now - timedelta(days=20), deadline=now - timedelta(1))
    closed_bid = submitted_bid(
        closed, organisation, org_admin, now=closed.deadline - timedelta(hours=1)
    )
    award_tender, _bids = awarded(index, final=False)
    contract_tender, _contract_bids = awarded(index)
    contract = with_kpis(
        Contract.objects.get(tender=contract_tender.tender), staff_with_role(Role.BUREAU_OFFICER)
    )
    provider = contract.organisation.memberships.get(role="admin").user
    submitted = file_report(contract.reports.get(number=1), provider)
    # A third-party evaluator with a running grant (undeclared) on the contract, and another
    # whose grant is declared clear; both act only on their own grant.
    contract_evaluator_user = contract_evaluator(username="third_party")
    open_grant = evaluator_grant(contract, contract_evaluator_user)
    cleared_grant = evaluator_grant(
        contract, contract_evaluator(username="cleared"), conflict="none"
    )

    # A signed contract's acceptance, ready to be signed off (created as stored, not through
    # the services under test).
    acceptance = ContractAcceptance.objects.create(
        contract=contract,
        number=1,
        kind="interim",
        held_on=contract.starts_on,
        period_starts_on=contract.starts_on,
        period_ends_on=contract.starts_on,
        participants_unnamed=2,
    )
    acceptance.items.create(standard="服务时长", result="met", finding="达标")
    answer = feedback_submit(
        site=service_site(contract), rating=2, comment="送餐晚了。", device_token="t"
    )
    other, other_admin = bidder("另一家社会组织")
    stranger_org = OrganisationFactory()
    incubation_for(stranger_org)
    return {
        "open_tender": open_tender,
        "organisation": organisation,
        "open_bid": open_bid,
        "question": question,
        "closed": closed,
        "closed_bid": closed_bid,
        "award": TenderAward.objects.get(tender=award_tender.tender),
        "contract": contract,
        "submitted_report": submitted,
        "acceptance": acceptance,
        "feedback": answer,
        "complaint": complaint_file(
            site=answer.site,
            category="meals",
            description="饭菜凉了。",
            now=timezone.now() - timedelta(days=30),
        ),
        "draft_report": contract.reports.get(number=2),
        "tranche": ContractTranche.objects.create(
            contract=contract,
            number=1,
            amount=Decimal("1000.00"),
            acceptance=signed_off_acceptance(contract, number=2),
        ),
        "day": CalendarDay.objects.create(
            date=date(2031, 5, 6), kind=CalendarDay.Kind.HOLIDAY, name="调休"
        ),
        "evaluator": staff_with_role(Role.EVALUATOR),
        "contract_evaluator": contract_evaluator_user,
        "open_grant": open_grant,
        "cleared_grant": cleared_grant,
        "outsiders": {
            "another organisation's admin": other_admin,
            "a manager of another hub": manager_of(stranger_org.hub),
            "another organisation's member": member_of(stranger_org),
            "an unassigned evaluator": staff_with_role(Role.EVALUATOR),
            "an unrelated user": UserFactory(),
            "a third-party evaluator of another grant": contract_evaluator(username="stranger"),
            "nobody": None,
        },
    }


def _state() -> dict:
    """What any tender service could change."""
    return {
        "bids": list(
            TenderBid.objects.order_by("pk").values_list(
                "pk", "status", "price", "method_statement", "withdrawn_at", "disqualified_at"
            )
        ),
        "questions": list(
            TenderClarification.objects.order_by("pk").values_list("pk", "answer", "answered_at")
        ),
        "awards": list(TenderAward.objects.order_by("pk").values_list("pk", "status")),
        "challenges": AwardChallenge.objects.count(),
        "contracts": list(
            Contract.objects.order_by("pk").values_list(
                "pk", "value", "ends_on", "signed_on", "published_at", "paid_total"
            )
        ),
        "tranches": list(
            ContractTranche.objects.order_by("pk").values_list("pk", "amount", "paid_on")
        ),
        "amendments": ContractAmendment.objects.count(),
        "surveys": Survey.objects.count(),
        "acceptances": list(
            ContractAcceptance.objects.order_by("pk").values_list(
                "pk", "number", "conclusion", "signed_off_at", "published_at"
            )
        ),
        "declarations": EvaluatorDeclaration.objects.count(),
        "scores": BidScore.objects.count(),
        "calendar_days": list(CalendarDay.objects.order_by("pk").values_list("pk", "date", "kind")),
        "calendar_years": CalendarYear.objects.count(),
        "object_permissions": UserObjectPermission.objects.count(),
        "letters": Letter.objects.count(),
        "kpis": list(ContractKpi.objects.order_by("pk").values_list("pk", "target")),
        "reports": list(
            ContractReport.objects.order_by("pk").values_list("pk", "status", "narrative")
        ),
        "evaluator_grants": list(
            ContractEvaluatorGrant.objects.order_by("pk").values_list(
                "pk", "revoked_at", "declared_at", "conflict"
            )
        ),
        "evaluation_reports": ContractEvaluationReport.objects.count(),
        "feedback_codes": FeedbackCode.objects.count(),
        "complaints": list(
            Complaint.objects.order_by("pk").values_list("pk", "answered_at", "answer")
        ),
        "feedback": list(
            FeedbackResponse.objects.order_by("pk").values_list(
                "pk", "comment_state", "published_comment", "hidden_reason"
            )
        ),
        "log": (
            ModelLogEntry.objects.count(),
            PageLogEntry.objects.count(),
            TenderBidLogEntry.objects.count(),
        ),
    }


def _fields() -> dict:
    return {"method_statement": "改", "price": Decimal("1000.00"), "declaration": True}


# Each call is what the rightful actor would do; only ``by`` is the outsider.
CALLS = {
    "awards.tender_award": lambda w, by: tender_award(
        tender=w["closed"],
        bid=w["closed_bid"],
        amount=Decimal("1000.00"),
        rationale="理由",
        contract_starts_on=timezone.localdate() + timedelta(days=30),
        contract_months=12,
        deliverables="报告",
        by=by,
    ),
    "challenges.award_challenge_record": lambda w, by: award_challenge_record(
        award=w["award"],
        challenger="某机构",
        grounds="评分有误",
        received_on=timezone.localdate(),
        by=by,
    ),
    "challenges.award_challenge_resolve": lambda w, by: award_challenge_resolve(
        award=w["award"], upheld=True, note="成立", by=by
    ),
    "contracts.contract_sign": lambda w, by: contract_sign(
        contract=w["contract"], signed_on=timezone.localdate(), by=by
    ),
    "contracts.contract_publish": lambda w, by: contract_publish(contract=w["contract"], by=by),
    "contracts.contract_amend": lambda w, by: contract_amend(
        contract=w["contract"], reason="变更", value_change=Decimal("100.00"), by=by
    ),
    "acceptance.contract_acceptance_record": lambda w, by: contract_acceptance_record(
        contract=w["contract"],
        kind="interim",
        held_on=w["contract"].starts_on,
        period_starts_on=w["contract"].starts_on,
        period_ends_on=w["contract"].starts_on,
        items=[{"standard": "服务", "result": "met", "finding": "达标"}],
        participants_unnamed=1,
        by=by,
    ),
    "acceptance.contract_acceptance_sign_off": lambda w, by: contract_acceptance_sign_off(
        acceptance=w["acceptance"], conclusion="passed", by=by
    ),
    "acceptance.contract_acceptance_publish": lambda w, by: contract_acceptance_publish(
        acceptance=w["acceptance"], by=by
    ),
    "bids.bid_save_draft": lambda w, by: bid_save_draft(
        tender=w["open_tender"], organisation=w["organisation"], fields=_fields(), by=by
    ),
    "bids.bid_submit": lambda w, by: bid_submit(
        tender=w["open_tender"], organisation=w["organisation"], fields=_fields(), by=by
    ),
    "bids.bid_withdraw": lambda w, by: bid_withdraw(bid=w["open_bid"], by=by),
    "bids.bid_disqualify": lambda w, by: bid_disqualify(
        bid=w["closed_bid"], reason="缺少资质", by=by
    ),
    "calendar_years.calendar_year_confirm": lambda w, by: calendar_year_confirm(
        year=2031,
        notice_number="国办发明电〔2030〕7号",
        notice_published_on=timezone.localdate(),
        by=by,
    ),
    "calendar_years.calendar_day_save": lambda w, by: calendar_day_save(
        day=CalendarDay(date=date(2031, 10, 8), kind=CalendarDay.Kind.HOLIDAY, name="国庆"),
        by=by,
    ),
    "calendar_years.calendar_day_delete": lambda w, by: calendar_day_delete(day=w["day"], by=by),
    "clarifications.clarification_ask": lambda w, by: clarification_ask(
        tender=w["open_tender"], organisation=w["organisation"], question="再问", by=by
    ),
    "clarifications.clarification_answer": lambda w, by: clarification_answer(
        clarification=w["question"], answer="答", by=by
    ),
    "evaluation.evaluator_assign": lambda w, by: evaluator_assign(
        tender=w["closed"], user=w["evaluator"], by=by
    ),
    "evaluation.conflicts_declare": lambda w, by: conflicts_declare(
        tender=w["closed"], lines={w["closed_bid"].pk: ("none", "")}, by=by
    ),
    "delivery.contract_kpis_set": lambda w, by: contract_kpis_set(
        contract=w["contract"], kpis=kpi_rows(), reporting="quarterly", by=by
    ),
    "reports.contract_report_submit": lambda w, by: contract_report_submit(
        report=w["draft_report"],
        actuals={kpi.pk: Decimal(1) for kpi in w["contract"].kpis.all()},
        narrative="本月工作",
        files=[],
        by=by,
        today=w["draft_report"].period_ends_on,
    ),
    "reports.contract_report_accept": lambda w, by: contract_report_accept(
        report=w["submitted_report"], by=by
    ),
    "reports.contract_report_return": lambda w, by: contract_report_return(
        report=w["submitted_report"], reason="缺少附件", by=by
    ),
    "contract_evaluation.contract_evaluator_grant": lambda w, by: contract_evaluator_grant(
        contract=w["contract"],
        evaluator=w["contract_evaluator"],
        evaluating_organisation="评估中心",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + timedelta(days=30),
        by=by,
    ),
    "contract_evaluation.contract_evaluator_revoke": lambda w, by: contract_evaluator_revoke(
        grant=w["open_grant"], reason="调整", by=by
    ),
    "contract_evaluation.contract_evaluator_declare": lambda w, by: contract_evaluator_declare(
        grant=w["open_grant"], conflict="none", details="", by=by
    ),
    "contract_evaluation.contract_evaluation_submit": lambda w, by: contract_evaluation_submit(
        grant=w["cleared_grant"], findings="好", recommended_grade="good", score=90, by=by
    ),
    "payments.contract_tranches_set": lambda w, by: contract_tranches_set(
        contract=w["contract"], tranches=[{"amount": "10.00", "report": 1}], by=by
    ),
    "payments.contract_tranche_pay": lambda w, by: contract_tranche_pay(
        tranche=w["tranche"], paid_on=timezone.localdate(), reference="付-1", by=by
    ),
    "surveys.survey_schedule": lambda w, by: survey_schedule(
        contract=w["contract"],
        opens_on=w["contract"].starts_on,
        closes_on=w["contract"].starts_on + timedelta(days=14),
        by=by,
    ),
    "feedback.feedback_codes_issue": lambda w, by: feedback_codes_issue(
        site=w["feedback"].site, count=1, by=by
    ),
    "sites.site_handover_record": lambda w, by: site_handover_record(
        site=w["feedback"].site,
        handed_over_on=date(2026, 3, 1),
        handed_over_by="王建国",
        received_by="李秀英",
        items=[{"name": "轮椅", "quantity": 2, "condition": "good", "notes": ""}],
        by=by,
    ),
    "sites.site_offer_audit": lambda w, by: site_offer_audit(
        site=w["feedback"].site, before={}, by=by
    ),
    "complaints.complaint_answer": lambda w, by: complaint_answer(
        complaint=w["complaint"], answer="答复。", by=by
    ),
    "feedback.feedback_moderate": lambda w, by: feedback_moderate(
        response=w["feedback"], publish=True, by=by
    ),
    "evaluation.bid_score": lambda w, by: bid_score(
        bid=w["closed_bid"],
        scores={c.pk: (Decimal(1), "评语") for c in w["closed"].criteria.all() if not c.is_price},
        by=by,
    ),
}


def test_every_service_with_by_is_covered():
    """A new service with a keyword-only ``by`` must be added to CALLS."""
    assert _services_with_by() == set(CALLS)


def test_system_services_take_no_by():
    """The services listed as called by the system exist and have nobody acting."""
    functions = dict(_public_functions())
    for name in SYSTEM_SERVICES:
        assert "by" not in inspect.signature(functions[name]).parameters


@pytest.mark.parametrize("service", sorted(CALLS))
def test_outsiders_are_refused_and_nothing_changes(world, service):
    before = _state()
    for who, outsider in world["outsiders"].items():
        with pytest.raises(ServiceError) as refused:
            CALLS[service](world, outsider)
        assert refused.value.code == "not_allowed", f"{service} by {who}"
        assert _state() == before, f"{service} by {who} changed something"
