"""The demo's day-care contract delivers: KPIs from the template and months of reports."""

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from tenders.models import Contract, ContractReport, Grade, KpiTemplate
from tenders.services.feedback import RECEIPT_BATCH

pytestmark = pytest.mark.django_db


def test_the_demo_contract_has_kpis_and_reports_one_returned_then_accepted(demo, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    contract = Contract.objects.get(tender__reference="TCMZ-2026-005")
    template = KpiTemplate.objects.filter(category="elderly_day_care")
    assert list(contract.kpis.values_list("name", flat=True)) == list(
        template.values_list("name", flat=True)
    )
    reports = {report.number: report for report in contract.reports.all()}
    accepted = [reports[number] for number in range(1, 6)]
    assert {report.status for report in accepted} == {ContractReport.Status.ACCEPTED}
    assert reports[1].grade == Grade.EXCELLENT and reports[2].grade != Grade.EXCELLENT
    # Six months filed: the sixth waits for the bureau, the seventh is overdue.
    assert reports[6].status == ContractReport.Status.SUBMITTED
    today = timezone.localdate()
    assert reports[7].is_overdue(today)
    assert ModelLogEntry.objects.filter(
        action="tenders.report.return", object_id=str(reports[2].pk)
    ).exists()
    # One interim acceptance with residents named and counted, signed off and published.
    acceptance = contract.acceptances.get()
    assert acceptance.kind == "interim" and acceptance.published_at is not None
    assert len(acceptance.participant_names) == 2 and acceptance.participants_unnamed == 4


def test_the_demo_contract_has_two_paid_tranches_and_one_waiting(demo, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    contract = Contract.objects.get(tender__reference="TCMZ-2026-005")
    states = [tranche.state() for tranche in contract.tranches.order_by("number")]
    assert states == ["paid", "paid", "waiting"]
    paid = sum(t.amount for t in contract.tranches.filter(paid_on__isnull=False))
    assert contract.paid_total == paid > 0


def test_the_demo_day_care_centre_has_residents_answers_some_moderated(demo, settings):
    from tenders.models import CommentState

    settings.DEBUG = True
    call_command("seed_demo")  # idempotent: the sites and answers once
    contract = Contract.objects.get(tender__reference="TCMZ-2026-005")
    assert contract.sites.count() == 2
    centre = contract.sites.get(kind="day_care")
    states = list(centre.feedback.values_list("comment_state", flat=True))
    assert len(states) == 9
    assert CommentState.PUBLISHED in states and CommentState.PENDING in states
    assert states.count(CommentState.HIDDEN) == 1
    assert centre.feedback.filter(verified=True).count() == 3
    # The printed cards (the receipts of voucher services have codes of their own batch).
    cards = centre.feedback_codes.exclude(batch=RECEIPT_BATCH)
    assert cards.filter(used_at__isnull=True).count() == 21
    published = centre.feedback.filter(comment_state=CommentState.PUBLISHED)
    assert all(answer.published_comment for answer in published)
    # Complaints: one answered in time and rated, one late (with the bureau), one waiting.
    states = sorted(complaint.state() for complaint in centre.complaints.all())
    assert states == ["escalated", "rated", "waiting"]
    rated = centre.complaints.get(rating__isnull=False)
    assert rated.answered_on_time() and rated.answered_as == "provider"


def test_the_demo_contract_has_a_survey_held_and_one_open(demo, settings):
    from tenders.services.surveys import survey_result

    settings.DEBUG = True
    call_command("seed_demo")  # idempotent: the surveys once
    contract = Contract.objects.get(tender__reference="TCMZ-2026-005")
    held, open_now = contract.surveys.order_by("opens_on")
    today = timezone.localdate()
    assert held.closes_on < today <= open_now.closes_on and open_now.opens_on <= today
    result = survey_result(held)
    assert result.respondents == 18 and 0 < result.rate < 100
