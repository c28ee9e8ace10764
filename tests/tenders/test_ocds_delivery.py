"""A contract's delivery in its OCDS release: the KPIs agreed (metrics extension), the accepted
reports' actuals, the reporting schedule and published acceptances as milestones, and the
amendments; valid against the standard's schemas, and nothing the bureau has not accepted or
published."""

import json
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

import pytest
from jsonschema import Draft4Validator

from tenders.models import Contract, ContractAcceptance, ContractReport
from tenders.ocds.implementation import METRICS_EXTENSION
from tenders.services.contracts import contract_amend, contract_publish, contract_sign
from tenders.services.payments import contract_tranche_pay, contract_tranches_set
from tenders.services.reports import contract_report_accept
from tests.factories import awarded, bureau_officer, letterhead_settings
from tests.factories.delivery import file_report, with_kpis
from tests.factories.payments import tranche_rows
from tests.tenders.test_ocds import assert_valid, url

pytestmark = pytest.mark.django_db

# The metrics extension's Metric and Observation as this project publishes them (the
# extension's own schema is not in tests/data): what a reader of the data may rely on.
OBSERVATION = {
    "type": "object",
    "required": ["id", "period", "measure", "unit"],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "period": {
            "type": "object",
            "required": ["startDate", "endDate"],
            "properties": {
                "startDate": {"type": "string"},
                "endDate": {"type": "string"},
            },
        },
        "measure": {"type": "number"},
        "unit": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string", "minLength": 1}},
        },
    },
}
METRICS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["id", "title", "observations"],
        "properties": {
            "id": {"type": "string", "minLength": 1},
            "title": {"type": "string", "minLength": 1},
            "description": {"type": "string"},
            "observations": {"type": "array", "minItems": 1, "items": OBSERVATION},
        },
    },
}


@pytest.fixture
def contract(index):
    letterhead_settings()
    tender, _bids = awarded(index)
    contract = Contract.objects.get(tender=tender.tender)
    with_kpis(contract, bureau_officer())
    return contract


def org_admin(contract):
    return contract.organisation.memberships.get(role="admin", ended_at__isnull=True).user


def release_of(client, contract) -> tuple[dict, dict]:
    package = client.get(url(contract.tender.source_page)).json()
    assert_valid(package)
    [release] = package["releases"]
    [published] = release["contracts"]
    return package, published


def test_kpi_targets_are_agreed_metrics_of_the_contract(client, contract):
    package, published = release_of(client, contract)
    assert package["extensions"] == [METRICS_EXTENSION]
    Draft4Validator(METRICS).validate(published["agreedMetrics"])
    by_title = {metric["title"]: metric for metric in published["agreedMetrics"]}
    assert set(by_title) == {"服务时长", "服务人数", "满意度", "安全事故"}
    [target] = by_title["服务时长"]["observations"]
    assert target["measure"] == 1200.0 and target["unit"] == {"name": "小时"}
    assert target["period"]["startDate"].startswith(contract.starts_on.isoformat())
    # Nothing accepted yet: no actuals, every report scheduled.
    assert "metrics" not in published["implementation"]
    statuses = {milestone["status"] for milestone in published["implementation"]["milestones"]}
    assert statuses <= {"scheduled", "notMet"}


def test_only_accepted_reports_give_actuals(client, contract):
    officer = bureau_officer()
    reports = list(contract.reports.order_by("number"))
    accepted = contract_report_accept(
        report=file_report(reports[0], org_admin(contract), values=("1100", "58", "96", "0")),
        by=officer,
    )
    file_report(reports[1], org_admin(contract), values=("999", "1", "1", "9"))  # not decided
    _package, published = release_of(client, contract)
    metrics = published["implementation"]["metrics"]
    Draft4Validator(METRICS).validate(metrics)
    hours = next(metric for metric in metrics if metric["title"] == "服务时长")
    [actual] = hours["observations"]
    assert actual["measure"] == 1100.0
    assert actual["id"].endswith("report-1")
    assert actual["period"]["endDate"].startswith(accepted.period_ends_on.isoformat())
    assert "999" not in json.dumps(published)
    [first] = [
        milestone
        for milestone in published["implementation"]["milestones"]
        if milestone["id"].endswith("report-1")
    ]
    assert first["type"] == "reporting" and first["status"] == "met" and "dateMet" in first


def test_amendments_signing_and_published_acceptances(client, contract):
    officer = bureau_officer()
    contract = contract_sign(contract=contract, signed_on=timezone.localdate(), by=officer)
    contract = contract_publish(contract=contract, by=officer)
    contract_amend(
        contract=contract,
        reason="增加服务人数。",
        value_change=Decimal("10000.00"),
        ends_on=None,
        by=officer,
    )
    ContractAcceptance.objects.create(
        contract=contract,
        number=1,
        kind="interim",
        held_on=date(2027, 3, 1),
        period_starts_on=contract.starts_on,
        period_ends_on=contract.starts_on + timedelta(days=30),
        conclusion="conditional",
        summary="服务基本达标。",
        participants_named="王秀英\n李桂兰",
        participants_unnamed=3,
        signed_off_at=timezone.now(),
        published_at=timezone.now(),
    )
    ContractAcceptance.objects.create(  # a draft: never published
        contract=contract,
        number=2,
        kind="final",
        held_on=date(2027, 6, 1),
        period_starts_on=contract.starts_on,
        period_ends_on=contract.ends_on,
        summary="草稿",
    )
    _package, published = release_of(client, contract)
    assert published["dateSigned"].startswith(timezone.localdate().isoformat())
    [amendment] = published["amendments"]
    assert amendment["rationale"] == "增加服务人数。"
    assert "¥10,000.00" in amendment["description"]
    [acceptance] = [
        milestone
        for milestone in published["implementation"]["milestones"]
        if milestone["type"] == "assessment"
    ]
    assert acceptance["status"] == "partiallyMet"
    assert "5" in acceptance["description"]  # five service users took part
    # The published record is a document of the implementation, at its section of the page.
    [document] = published["implementation"]["documents"]
    assert document["documentType"] == "physicalProgressReport"
    assert document["description"] == "服务基本达标。"
    page = contract.tender.source_page
    assert document["url"].startswith("http") and document["url"].endswith(
        f"{page.url}#acceptance-1"
    )
    assert 'id="acceptance-1"' in client.get(page.url).content.decode()
    body = json.dumps(published, ensure_ascii=False)
    assert "王秀英" not in body and "草稿" not in body


def test_a_report_past_its_due_date_and_not_accepted_is_not_met(client, contract):
    ContractReport.objects.filter(contract=contract, number=1).update(
        due_on=timezone.localdate() - timedelta(days=1),
        period_ends_on=timezone.localdate() - timedelta(days=5),
        period_starts_on=timezone.localdate() - timedelta(days=35),
    )
    _package, published = release_of(client, contract)
    [first] = [m for m in published["implementation"]["milestones"] if m["id"].endswith("-1")]
    assert first["status"] == "notMet"


def test_paid_tranches_are_transactions(client, contract):
    officer = bureau_officer()
    report = contract_report_accept(
        report=file_report(contract.reports.get(number=1), org_admin(contract)), by=officer
    )
    contract_tranches_set(
        contract=contract,
        tranches=tranche_rows(("30000.00", "report", 1), ("20000.00", "report", 2)),
        by=officer,
    )
    first = contract.tranches.get(number=1)
    released_on = timezone.localdate(report.decided_at)
    contract_tranche_pay(tranche=first, paid_on=released_on, reference="付-001", by=officer)
    _package, published = release_of(client, contract)
    [transaction] = published["implementation"]["transactions"]
    assert transaction["value"] == {"amount": 30000.0, "currency": "CNY"}
    assert transaction["date"].startswith(released_on.isoformat())
    assert "付-001" not in json.dumps(published, ensure_ascii=False)  # the voucher stays inside
