"""The survey's result is the satisfaction KPI actual of the report whose period the survey
closes in: shown and locked in the provider's form, and used on submit whatever is typed."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.kernel.errors import ServiceError
from tenders.models import ContractReport
from tenders.services.reports import contract_report_submit
from tenders.services.surveys import survey_answer, survey_schedule
from tenders.survey_selectors import satisfaction_actual
from tests.factories.delivery import PDF, file_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(contract):
    return contract.reports.get(number=1)


@pytest.fixture
def answered(report, questions, officer):
    """A survey inside the first period: three respondents, 4 of their 6 ratings 4 or 5."""
    survey = survey_schedule(
        contract=report.contract,
        opens_on=report.period_starts_on + timedelta(days=1),
        closes_on=report.period_ends_on - timedelta(days=1),
        by=officer,
    )
    during = timezone.make_aware(datetime.combine(survey.opens_on, time(10)))
    first, second = (question.pk for question in survey.questions.order_by("position"))
    for token, ratings in (("a", (5, 5)), ("b", (4, 4)), ("c", (2, 3))):
        survey_answer(
            survey=survey,
            ratings={first: ratings[0], second: ratings[1]},
            device_token=token,
            now=during,
        )
    return survey


def _satisfaction_kpi(contract):
    return contract.kpis.get(group="satisfaction")


def test_the_surveys_rate_is_the_periods_satisfaction_actual(report, answered):
    actual = satisfaction_actual(report)
    assert actual.survey == answered
    assert (actual.rate, actual.respondents) == (Decimal("66.67"), 3)
    assert actual.kpi_pks == {_satisfaction_kpi(report.contract).pk}


def test_no_survey_in_the_period_no_actual(report, answered, contract):
    assert satisfaction_actual(contract.reports.get(number=2)) is None


def test_a_survey_without_answers_gives_no_actual(report, questions, officer):
    survey_schedule(
        contract=report.contract,
        opens_on=report.period_starts_on,
        closes_on=report.period_ends_on,
        by=officer,
    )
    assert satisfaction_actual(report) is None


def test_submitting_takes_the_surveys_rate_not_the_typed_figure(report, answered, contract):
    org_admin = contract.organisation.memberships.get(role="admin", ended_at__isnull=True).user
    file_report(report, org_admin, values=("1200", "60", "99", "0"))
    kpi = _satisfaction_kpi(contract)
    assert report.actuals.get(kpi=kpi).value == Decimal("66.67")
    assert report.actuals.exclude(kpi=kpi).count() == 3


def test_without_a_survey_the_typed_figure_stands(report, contract):
    org_admin = contract.organisation.memberships.get(role="admin", ended_at__isnull=True).user
    file_report(report, org_admin, values=("1200", "60", "95", "0"))
    assert report.actuals.get(kpi=_satisfaction_kpi(contract)).value == Decimal("95")


def test_the_portal_form_shows_the_figure_locked_with_its_source(
    client, report, answered, contract, org_admin_of_contract
):
    client.force_login(org_admin_of_contract)
    url = reverse("tenders_portal:report", args=[report.pk])
    html = client.get(url).content.decode()
    kpi = _satisfaction_kpi(contract)
    field = html.split(f'name="kpi_{kpi.pk}"', 1)[1].split(">", 1)[0]
    assert "disabled" in field and 'value="66.67"' in field
    assert "From the residents' survey of" in html and "3 respondents" in html
    # A figure forged into the post changes nothing.
    data = {f"kpi_{other.pk}": "1" for other in contract.kpis.exclude(pk=kpi.pk)}
    data.update(
        {
            f"kpi_{kpi.pk}": "100",
            "narrative": "本月按计划开展服务。",
            "files": [SimpleUploadedFile("台账.pdf", PDF)],
        }
    )
    assert client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.status == ContractReport.Status.SUBMITTED
    assert report.actuals.get(kpi=kpi).value == Decimal("66.67")


def test_the_report_waits_for_a_survey_closing_on_the_periods_last_day(
    report, questions, officer, contract
):
    survey_schedule(
        contract=contract,
        opens_on=report.period_starts_on,
        closes_on=report.period_ends_on,
        by=officer,
    )
    org_admin = contract.organisation.memberships.get(role="admin", ended_at__isnull=True).user
    with pytest.raises(ServiceError) as refused:
        file_report(report, org_admin)
    assert refused.value.code == "survey_open"
    report.refresh_from_db()
    assert report.status == ContractReport.Status.DRAFT
    # The day after, the survey is closed and the report goes in.
    kpis = list(contract.kpis.all())
    contract_report_submit(
        report=report,
        actuals={kpi.pk: Decimal("1") for kpi in kpis},
        narrative="本月按计划开展服务。",
        files=[],
        by=org_admin,
        today=report.period_ends_on + timedelta(days=1),
    )
