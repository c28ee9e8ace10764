"""Provider reports: filed after the period, accepted (scored and graded) or returned."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from incubator.kernel.errors import ServiceError
from incubator.models import Notification
from tenders.models import Contract, ContractReport, Grade
from tenders.reminders import contract_report_reminders
from tenders.services.reports import (
    contract_report_accept,
    contract_report_return,
    contract_report_submit,
)
from tests.factories import awarded, bureau_officer, manager_of, member_of
from tests.factories.delivery import file_report, with_kpis

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(index):
    tender, _bids = awarded(index)
    contract = Contract.objects.get(tender=tender.tender)
    with_kpis(contract, bureau_officer())
    return contract


@pytest.fixture
def report(contract):
    return contract.reports.get(number=1)


def test_allowed_moves_walk_every_pair():
    statuses = set(ContractReport.Status.values)
    assert set(ContractReport.ALLOWED_MOVES) == statuses
    for targets in ContractReport.ALLOWED_MOVES.values():
        assert targets <= statuses


def test_a_submitted_report_tells_the_bureau(report, org_admin_of_contract):
    officer = bureau_officer()
    report = file_report(report, org_admin_of_contract)
    assert report.status == ContractReport.Status.SUBMITTED
    assert report.actuals.count() == 4 and report.evidence.count() == 1
    waiting = Notification.objects.get(user=officer, kind="tenders/email/report_submitted")
    assert waiting.item_key == f"tenders.contractreport:{report.pk}"


def test_accepting_grades_the_period(report, org_admin_of_contract):
    officer = bureau_officer()
    file_report(report, org_admin_of_contract, values=("600", "60", "90", "1"))
    report = contract_report_accept(report=report, by=officer)
    # 40 × 0.5 + 30 + 20 + 10 × 0 (one incident against a target of none) = 70
    assert report.score == Decimal("70.00") and report.grade == Grade.FAIR
    assert Notification.objects.filter(
        user=org_admin_of_contract, kind="tenders/email/report_accepted"
    ).exists()
    assert not Notification.objects.filter(
        kind="tenders/email/report_submitted", done_at__isnull=True
    ).exists()
    with pytest.raises(ServiceError) as error:
        contract_report_return(report=report, reason="再看看", by=officer)
    assert error.value.code == "move_refused"


def test_a_returned_report_is_filed_again_and_accepted(report, org_admin_of_contract):
    officer = bureau_officer()
    file_report(report, org_admin_of_contract, files=[])
    with pytest.raises(ServiceError) as error:
        contract_report_return(report=report, reason=" ", by=officer)
    assert error.value.code == "reason_required"
    report = contract_report_return(report=report, reason="缺少签到表。", by=officer)
    assert report.status == ContractReport.Status.RETURNED
    assert Notification.objects.filter(
        user=org_admin_of_contract, kind="tenders/email/report_returned"
    ).exists()
    report = file_report(report, org_admin_of_contract)
    assert report.status == ContractReport.Status.SUBMITTED and report.return_reason == ""
    report = contract_report_accept(report=report, by=officer)
    assert report.score == Decimal("100.00") and report.grade == Grade.EXCELLENT


def test_a_report_waits_for_the_end_of_its_period(report, org_admin_of_contract):
    with pytest.raises(ServiceError) as error:
        contract_report_submit(
            report=report,
            actuals={},
            narrative="x",
            files=[],
            by=org_admin_of_contract,
            today=report.period_ends_on - timedelta(days=1),
        )
    assert error.value.code == "period_not_over"


def test_every_kpi_needs_an_actual_and_a_narrative(report, org_admin_of_contract):
    kpis = list(report.contract.kpis.all())
    submit = {
        "report": report,
        "files": [],
        "by": org_admin_of_contract,
        "today": report.period_ends_on,
    }
    with pytest.raises(ServiceError) as error:
        contract_report_submit(actuals={kpis[0].pk: "1"}, narrative="好", **submit)
    assert error.value.code == "actual_required"
    with pytest.raises(ServiceError) as error:
        contract_report_submit(actuals={k.pk: "1" for k in kpis}, narrative=" ", **submit)
    assert error.value.code == "narrative_required"
    report.refresh_from_db()
    assert report.status == ContractReport.Status.DRAFT


def test_only_the_providers_members_file_and_only_officers_decide(report, org_admin_of_contract):
    other = member_of(awarded_other_org(), "admin")
    with pytest.raises(ServiceError):
        file_report(report, other)
    file_report(report, org_admin_of_contract)
    manager = manager_of(report.contract.organisation.hub)
    for decide in (contract_report_accept, lambda **kw: contract_report_return(reason="x", **kw)):
        with pytest.raises(ServiceError) as error:
            decide(report=report, by=manager)
        assert error.value.code == "not_allowed"


def awarded_other_org():
    from tests.factories import OrganisationFactory

    return OrganisationFactory()


def test_reminders_before_the_due_date_and_once_overdue(report):
    def keys(day):
        now = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
        return [reminder.key.split(":")[0] for reminder in contract_report_reminders(now)]

    assert keys(report.period_ends_on) == []
    assert keys(report.due_on) == ["contract-report-due"]
    assert keys(report.due_on + timedelta(days=1)) == ["contract-report-overdue"]
    report.status = ContractReport.Status.SUBMITTED
    report.save()
    assert keys(report.due_on + timedelta(days=1)) == []


def test_a_report_waiting_for_the_bureau_is_reminded_after_five_working_days(
    report, org_admin_of_contract
):
    from tenders.reminders import contract_report_decision_reminders

    officer = bureau_officer()
    report = file_report(report, org_admin_of_contract)
    assert list(contract_report_decision_reminders(timezone.now())) == []
    later = timezone.now() + timedelta(days=14)
    reminders = list(contract_report_decision_reminders(later))
    assert len(reminders) == 1 and officer in reminders[0].users
    contract_report_accept(report=report, by=officer)
    assert list(contract_report_decision_reminders(later)) == []
