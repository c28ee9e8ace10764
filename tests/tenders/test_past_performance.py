"""History that counts: a tender may refuse organisations with a contract period graded Poor
(差) in the years before its deadline; the rule is shown on the tender page, and the
organisation is told which period barred it."""

from datetime import timedelta

from django.utils import timezone, translation

import pytest

from incubator.kernel.errors import ServiceError
from tenders.models import Contract, ContractReport, Grade
from tenders.services.bids import bid_save_draft
from tenders.services.eligibility import poor_grade_within, tender_eligibility, years_before
from tenders.services.reports import contract_report_accept
from tests.factories import awarded, bureau_officer, tender_page
from tests.factories.delivery import file_report, with_kpis

pytestmark = pytest.mark.django_db


@pytest.fixture
def graded(index):
    """The winner of an awarded tender, with its first period accepted and graded Poor."""
    tender, _bids = awarded(index)
    contract = Contract.objects.get(tender=tender.tender)
    with_kpis(contract, bureau_officer())
    admin = contract.organisation.memberships.get(role="admin", ended_at__isnull=True).user
    report = file_report(contract.reports.get(number=1), admin, values=("0", "0", "0", "9"))
    report = contract_report_accept(report=report, by=bureau_officer())
    assert report.grade == Grade.POOR
    return contract.organisation, report, admin


def ended(report, days_ago: int):
    """Move ``report``'s period to have ended ``days_ago`` days ago."""
    end = timezone.localdate() - timedelta(days=days_ago)
    ContractReport.objects.filter(pk=report.pk).update(
        period_starts_on=end - timedelta(days=30), period_ends_on=end, due_on=end + timedelta(5)
    )


def test_a_poor_period_within_the_years_bars_a_bid(index, graded):
    organisation, report, admin = graded
    ended(report, days_ago=400)
    tender = tender_page(index, no_poor_grade_years=2)
    with translation.override("zh-hans"):
        [reason] = [str(r) for r in tender_eligibility(tender=tender, organisation=organisation)]
    assert "差" in reason and "2" in reason
    with pytest.raises(ServiceError) as error:
        bid_save_draft(tender=tender, organisation=organisation, fields={}, by=admin)
    assert error.value.code == "not_eligible"


def test_an_older_poor_period_or_no_rule_does_not(index, graded):
    organisation, report, _admin = graded
    ended(report, days_ago=2 * 366 + 20)
    assert (
        tender_eligibility(
            tender=tender_page(index, no_poor_grade_years=2), organisation=organisation
        )
        == []
    )
    ended(report, days_ago=10)
    assert tender_eligibility(tender=tender_page(index), organisation=organisation) == []


def test_only_accepted_grades_count(index, graded):
    organisation, report, _admin = graded
    ended(report, days_ago=30)
    ContractReport.objects.filter(pk=report.pk).update(status="submitted", grade="", score=None)
    deadline_day = timezone.localdate() + timedelta(days=10)
    assert poor_grade_within(organisation, years=2, until=deadline_day) is None


def test_the_rule_is_published_on_the_tender_page(client, index):
    tender = tender_page(index, no_poor_grade_years=2)
    page = client.get(tender.url).content.decode()
    assert "截止日前2年内无履约考核为“差”的服务期" in page


def test_years_before_a_leap_day():
    from datetime import date

    assert years_before(date(2028, 2, 29), 2) == date(2026, 2, 28)
    assert years_before(date(2027, 6, 1), 2) == date(2025, 6, 1)
