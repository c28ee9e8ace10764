"""The bureau's "contracts at risk" panel on the admin home: a late report, a KPI below 80 %
of its target in the latest accepted report, or a latest period graded 中 or 差 puts a
contract on it, with its reasons as badges; a healthy contract is not listed; only tender
officers see it; it costs the same queries whatever the number of contracts."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from tenders.dashboard_contracts import (
    LOW_KPI_BELOW,
    MAX_ROWS,
    ContractsAtRiskPanel,
    contracts_at_risk,
    low_actuals,
)
from tenders.models import ContractKpi, ContractReportActual
from tenders.services.scoring import achievement
from tests.admin_home import admin_home, load_home
from tests.factories import manager_of
from tests.tenders.contracts.delivery_scene import (
    FAIR,
    LOW_SATISFACTION,
    ON_TARGET,
    POOR,
    accept,
    delivering,
    make_late,
)

pytestmark = pytest.mark.django_db


def _panel(html: str) -> str:
    assert 'id="dashboard-contracts-at-risk' in html
    return html.split('id="dashboard-contracts-at-risk', 1)[1].split('<section class="w-panel')[0]


def _reasons(contract) -> dict:
    rows = {row.contract.pk: row for row in contracts_at_risk()}
    row = rows.get(contract.pk)
    return {} if row is None else dict(row.badges)


def test_a_healthy_contract_is_not_at_risk(index, officer):
    contract, provider = delivering(index, officer)
    accept(contract, 1, ON_TARGET, provider=provider, officer=officer)
    assert contracts_at_risk() == []


def test_a_late_report_puts_the_contract_at_risk(index, officer):
    contract, _provider = delivering(index, officer)
    make_late(contract, 1)
    assert _reasons(contract) == {"late": "1 late report"}
    make_late(contract, 2, days=1)
    assert _reasons(contract) == {"late": "2 late reports"}


def test_a_filed_report_is_no_longer_late(index, officer):
    contract, provider = delivering(index, officer)
    make_late(contract, 1)
    accept(contract, 1, ON_TARGET, provider=provider, officer=officer)
    assert _reasons(contract) == {}


def test_a_low_kpi_in_the_latest_accepted_report_puts_the_contract_at_risk(index, officer):
    contract, provider = delivering(index, officer)
    report = accept(contract, 1, LOW_SATISFACTION, provider=provider, officer=officer)
    assert report.grade == "excellent"
    assert _reasons(contract) == {"kpi": "Low KPI: 满意度 70 % (target 90 %)"}


def test_only_the_latest_accepted_report_counts(index, officer):
    contract, provider = delivering(index, officer)
    accept(contract, 1, POOR, provider=provider, officer=officer)
    accept(contract, 2, ON_TARGET, provider=provider, officer=officer)
    assert _reasons(contract) == {}


def test_an_incident_against_a_target_of_none_is_a_low_kpi(index, officer):
    contract, provider = delivering(index, officer)
    accept(contract, 1, ("1200", "60", "95", "1"), provider=provider, officer=officer)
    assert _reasons(contract) == {"kpi": "Low KPI: 安全事故 1 起 (target 0 起)"}


@pytest.mark.parametrize(
    ("values", "grade", "badge"), [(FAIR, "fair", "Grade Fair"), (POOR, "poor", "Grade Poor")]
)
def test_a_latest_period_graded_fair_or_poor_puts_the_contract_at_risk(
    index, officer, values, grade, badge
):
    contract, provider = delivering(index, officer)
    assert accept(contract, 1, values, provider=provider, officer=officer).grade == grade
    reasons = _reasons(contract)
    assert reasons["grade"] == badge
    assert "kpi" in reasons  # a period below 80 points has a KPI below 80 %


def test_the_panel_lists_each_contract_with_its_reasons_and_link(client, index, officer):
    late, _ = delivering(index, officer)
    make_late(late, 1)
    poor, provider = delivering(index, officer)
    accept(poor, 1, POOR, provider=provider, officer=officer)
    healthy, provider = delivering(index, officer)
    accept(healthy, 1, ON_TARGET, provider=provider, officer=officer)
    client.force_login(officer)
    panel = _panel(admin_home(client))
    assert "有风险的合同" in panel
    for contract in (late, poor):
        assert reverse("tender_contracts:inspect", args=[contract.pk]) in panel
        assert contract.tender.reference in panel and contract.organisation.name in panel
    assert reverse("tender_contracts:inspect", args=[healthy.pk]) not in panel
    assert (
        "1份报告逾期" in panel
        and "评级：差" in panel
        and "指标偏低：服务时长 300小时（目标1200小时）" in panel
    )
    # The poor contract has the most reasons: it comes first; its scores as a sparkline.
    assert panel.index(poor.tender.reference) < panel.index(late.tender.reference)
    assert 'class="sparkline" role="img"' in panel and "<script" not in panel
    assert "各期得分（由早到晚）：27.50" in panel


def test_the_panel_says_when_nothing_is_at_risk(client, index, officer):
    contract, provider = delivering(index, officer)
    accept(contract, 1, ON_TARGET, provider=provider, officer=officer)
    client.force_login(officer)
    html = admin_home(client, HTTP_ACCEPT_LANGUAGE="en")
    assert "No contract in delivery is at risk" in _panel(html)


def test_the_panel_lists_a_few_and_counts_the_rest(client, index, officer, monkeypatch):
    monkeypatch.setattr("tenders.dashboard_contracts.MAX_ROWS", 2)
    late = []
    for _ in range(3):
        contract, _provider = delivering(index, officer)
        make_late(contract)
        late.append(contract)
    healthy, _provider = delivering(index, officer)
    client.force_login(officer)
    panel = _panel(admin_home(client))
    assert panel.count("1份报告逾期") == 2
    assert "另有1份有风险的合同：查看全部" in panel
    # The link lists the contracts at risk, not every contract.
    link = reverse("tender_contracts:index") + "?at_risk=true"
    assert link in panel
    listing = client.get(link).content.decode()
    assert all(f"/inspect/{contract.pk}/" in listing for contract in late)
    assert f"/inspect/{healthy.pk}/" not in listing
    healthy_only = client.get(reverse("tender_contracts:index") + "?at_risk=false")
    assert f"/inspect/{healthy.pk}/" in healthy_only.content.decode()
    assert MAX_ROWS > 2


def test_hub_managers_and_providers_do_not_see_the_panel(client, index, officer):
    contract, provider = delivering(index, officer)
    make_late(contract)
    client.force_login(manager_of(contract.organisation.hub))
    assert "dashboard-contracts-at-risk" not in admin_home(client)
    assert client.get(reverse("dashboard_panel", args=["contracts_at_risk"])).status_code == 404
    client.force_login(provider)  # no back office at all
    assert client.get("/admin/").status_code == 302


def test_the_panel_costs_three_queries_whatever_the_number_of_contracts(index, officer):
    def queries() -> int:
        panel = ContractsAtRiskPanel()
        with CaptureQueriesContext(connection) as captured:
            panel.get_context_data()
        return len(captured)

    contract, provider = delivering(index, officer)
    accept(contract, 1, POOR, provider=provider, officer=officer)
    few = queries()
    for values in (FAIR, POOR, LOW_SATISFACTION, ON_TARGET):
        contract, provider = delivering(index, officer)
        accept(contract, 1, values, provider=provider, officer=officer)
        accept(contract, 2, values, provider=provider, officer=officer)
        make_late(contract, 3)
    assert len(contracts_at_risk()) == 5
    assert queries() == few <= 3


def test_the_admin_home_keeps_its_query_count_as_contracts_at_risk_grow(client, index, officer):
    contract, provider = delivering(index, officer)
    accept(contract, 1, POOR, provider=provider, officer=officer)
    client.force_login(officer)
    load_home(client)
    few = load_home(client)
    for values in (FAIR, POOR, LOW_SATISFACTION):
        contract, provider = delivering(index, officer)
        accept(contract, 1, values, provider=provider, officer=officer)
        make_late(contract, 2)
    many = load_home(client)
    assert _panel(many.html).count("/admin/tender_contracts/inspect/") == 4
    # The page and each of its panels, each within the bench's limit for admin pages.
    assert many.queries == few.queries
    assert max(many.queries) <= 40


def test_the_database_finds_low_kpis_by_the_rule_the_score_uses(index, officer):
    """``low_actuals`` (SQL) agrees with ``achievement`` (Python) on both kinds of KPI, at
    zero targets and at the edge of 80 %."""
    contract, _provider = delivering(index, officer)
    reports = list(contract.reports.order_by("number"))
    values = ["0", "2.40", "3", "7.99", "8", "8.01", "10", "12.5", "100", "1000"]
    assert len(reports) >= len(values)
    expected = {}
    # 2.40 of 3 and 2.40 of 3 the other way round are exactly 80 %: not low (floating point
    # would make 3 × 0.8 = 2.4000000000000004).
    for position, (target, lower) in enumerate(
        (t, lower) for t in ("0", "2.40", "3", "10", "100") for lower in (False, True)
    ):
        kpi = ContractKpi.objects.create(
            contract=contract,
            name=f"KPI {position}",
            unit="次",
            method="台账",
            weight=1,
            group="outputs",
            lower_is_better=lower,
            target=Decimal(target),
            position=10 + position,
        )
        for report, value in zip(reports, values, strict=False):
            actual = ContractReportActual.objects.create(
                report=report, kpi=kpi, value=Decimal(value)
            )
            share = achievement(kpi.target, actual.value, lower_is_better=lower)
            expected[actual.pk] = share < LOW_KPI_BELOW
    found = set(
        ContractReportActual.objects.filter(pk__in=expected)
        .filter(low_actuals())
        .values_list("pk", flat=True)
    )
    assert found == {pk for pk, low in expected.items() if low}
    assert 0 < len(found) < len(expected)
