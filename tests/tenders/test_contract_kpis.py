"""Setting a contract's KPIs and reporting frequency creates its reporting schedule."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from incubator.kernel.calendar import add_working_days
from incubator.kernel.errors import ServiceError
from incubator.models import Notification
from tenders.models import Contract, ContractReport, KpiTemplate
from tenders.services.delivery import (
    REPORT_DUE_WORKING_DAYS,
    contract_kpis_set,
    kpis_from_template,
    reporting_periods,
)
from tests.factories import awarded, bureau_officer, manager_of
from tests.factories.delivery import file_report, kpi_rows, with_kpis
from tests.factories.payments import acceptance

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(index):
    tender, _bids = awarded(index)
    return Contract.objects.get(tender=tender.tender)


def test_monthly_periods_cover_the_contract_each_due_ten_working_days_later():
    periods = reporting_periods(
        starts_on=date(2026, 1, 15), ends_on=date(2026, 7, 14), reporting="monthly"
    )
    assert [(p.starts_on, p.ends_on) for p in periods[:2]] == [
        (date(2026, 1, 15), date(2026, 2, 14)),
        (date(2026, 2, 15), date(2026, 3, 14)),
    ]
    assert len(periods) == 6 and periods[-1].ends_on == date(2026, 7, 14)
    assert all(p.due_on == add_working_days(p.ends_on, REPORT_DUE_WORKING_DAYS) for p in periods)
    # The Spring Festival holiday of 2026 pushes the first report's due date into March.
    assert periods[0].due_on > periods[0].ends_on + timedelta(days=14)


def test_quarterly_periods_cut_the_last_one_at_the_contract_end():
    periods = reporting_periods(
        starts_on=date(2026, 1, 1), ends_on=date(2026, 8, 31), reporting="quarterly"
    )
    assert [(p.starts_on, p.ends_on) for p in periods] == [
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 8, 31)),
    ]


def test_setting_kpis_creates_the_schedule_and_tells_the_provider(contract):
    officer = bureau_officer()
    with_kpis(contract, officer)
    contract.refresh_from_db()
    assert contract.reporting_frequency == "monthly"
    assert list(contract.kpis.values_list("name", flat=True)) == [
        "服务时长",
        "服务人数",
        "满意度",
        "安全事故",
    ]
    reports = list(contract.reports.order_by("number"))
    assert len(reports) == 12
    assert reports[0].period_starts_on == contract.starts_on
    assert reports[-1].period_ends_on == contract.ends_on
    assert {r.status for r in reports} == {ContractReport.Status.DRAFT}
    assert Notification.objects.filter(kind="tenders/email/contract_kpis_set").exists()


def test_setting_kpis_again_replaces_them_and_the_schedule(contract):
    officer = bureau_officer()
    with_kpis(contract, officer)
    contract_kpis_set(contract=contract, kpis=kpi_rows()[:3], reporting="quarterly", by=officer)
    assert contract.kpis.count() == 3
    assert contract.reports.count() == 4


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda rows: rows[:2], "too_few_kpis"),
        (lambda rows: [{**rows[0], "weight": 0}, *rows[1:]], "kpi_weight"),
        (lambda rows: [{**rows[0], "weight": "1.5"}, *rows[1:]], "kpi_weight"),
        (lambda rows: [{**rows[0], "target": Decimal(-1)}, *rows[1:]], "kpi_target"),
        (lambda rows: [{**rows[0], "name": " "}, *rows[1:]], "kpi_incomplete"),
        (lambda rows: [rows[0], rows[0], *rows[1:]], "kpi_names"),
    ],
)
def test_bad_kpis_are_refused(contract, change, code):
    with pytest.raises(ServiceError) as error:
        contract_kpis_set(
            contract=contract, kpis=change(kpi_rows()), reporting="monthly", by=bureau_officer()
        )
    assert error.value.code == code
    assert contract.kpis.count() == 0 and contract.reports.count() == 0


def test_only_bureau_officers_set_kpis(contract):
    manager = manager_of(contract.organisation.hub)
    with pytest.raises(ServiceError) as error:
        with_kpis(contract, manager)
    assert error.value.code == "not_allowed"


def test_kpis_cannot_change_once_a_report_is_submitted(contract, org_admin_of_contract):
    officer = bureau_officer()
    with_kpis(contract, officer)
    file_report(contract.reports.get(number=1), org_admin_of_contract)
    with pytest.raises(ServiceError) as error:
        with_kpis(contract, officer)
    assert error.value.code == "reports_started"


def test_the_day_care_template_is_seeded_and_proposed(contract):
    templates = KpiTemplate.objects.filter(category="elderly_day_care")
    assert templates.count() >= 4
    assert templates.filter(lower_is_better=True, default_target=0).exists()
    page = contract.tender.source_page
    page.category = "elderly_day_care"
    page.save()
    proposed = kpis_from_template(Contract.objects.get(pk=contract.pk))
    assert [row["name"] for row in proposed] == list(templates.values_list("name", flat=True))


def test_kpis_cannot_change_once_an_acceptance_is_recorded(contract):
    officer = bureau_officer()
    with_kpis(contract, officer)
    draft = acceptance(contract, signed_off_at=None)  # a draft is enough
    draft.items.create(kpi=contract.kpis.first(), standard="服务时长", result="met")
    with pytest.raises(ServiceError) as error:
        contract_kpis_set(contract=contract, kpis=kpi_rows(), reporting="monthly", by=officer)
    assert error.value.code == "acceptance_recorded"
