"""The third-party evaluator's back office: only the contract granted, only from its first day
to the end of its last, and its reports only after a declaration of no conflict. Everything
else answers 404 (objects) or is refused. The bureau grants and revokes from the contract's
page, where hub managers see nothing of it."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from tenders.models import ContractEvaluationReport, ContractEvaluatorGrant
from tests.factories.contract_evaluation import contract_evaluator, evaluator_grant
from tests.factories.delivery import PDF, file_report, with_kpis

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluator(db):
    return contract_evaluator(first_name="评估", last_name="王")


@pytest.fixture
def delivered(signed, officer, provider):
    """The signed contract with KPIs and its first report filed with a file."""
    contract = with_kpis(signed, officer)
    file_report(contract.reports.get(number=1), provider)
    return contract


def _evaluator_urls(grant) -> list[str]:
    evidence = grant.contract.reports.get(number=1).evidence.get()
    return [
        reverse("contract_evaluator:grant", args=[grant.pk]),
        reverse("contract_evaluator:declare", args=[grant.pk]),
        reverse("contract_evaluator:report", args=[grant.pk]),
        reverse("tender_files:report_evidence", args=[evidence.pk]),
    ]


def test_the_evaluator_declares_then_reads_the_reports_and_evidence(client, delivered, evaluator):
    grant = evaluator_grant(delivered, evaluator)
    client.force_login(evaluator)
    index = client.get(reverse("contract_evaluator:index")).content.decode()
    assert delivered.tender.reference in index
    page = client.get(reverse("contract_evaluator:grant", args=[grant.pk])).content.decode()
    assert reverse("contract_evaluator:declare", args=[grant.pk]) in page
    assert "report-kpis" not in page
    evidence_url = _evaluator_urls(grant)[3]
    assert client.get(evidence_url).status_code == 404
    response = client.post(
        reverse("contract_evaluator:declare", args=[grant.pk]), {"conflict": "none", "details": ""}
    )
    assert response.status_code == 302
    page = client.get(reverse("contract_evaluator:grant", args=[grant.pk])).content.decode()
    assert "report-kpis" in page and evidence_url in page
    assert client.get(evidence_url).status_code == 200


def test_a_conflict_declared_on_the_form_ends_the_access(client, delivered, evaluator, officer):
    grant = evaluator_grant(delivered, evaluator)
    client.force_login(evaluator)
    response = client.post(
        reverse("contract_evaluator:declare", args=[grant.pk]),
        {"conflict": "family", "details": "配偶为该机构负责人"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("contract_evaluator:index")
    for url in _evaluator_urls(grant):
        assert client.get(url).status_code == 404, url


def test_the_evaluator_submits_the_report_with_a_file_and_the_bureau_reads_it(
    client, delivered, evaluator, officer
):
    grant = evaluator_grant(delivered, evaluator, conflict="none")
    client.force_login(evaluator)
    response = client.post(
        reverse("contract_evaluator:report", args=[grant.pk]),
        {
            "findings": "服务台账完整，满意度较高。",
            "recommended_grade": "good",
            "score": "86",
            "file": SimpleUploadedFile("评估报告.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = ContractEvaluationReport.objects.get(grant=grant)
    file_url = reverse("contract_evaluation:report_file", args=[report.pk])
    assert client.get(file_url).status_code == 200
    client.force_login(officer)
    page = client.get(reverse("tender_contracts:inspect", args=[delivered.pk])).content.decode()
    assert "服务台账完整" in page and file_url in page
    assert client.get(file_url).status_code == 200


@pytest.mark.parametrize(
    "period", [{"starts": -30, "ends": -1}, {"starts": 1, "ends": 30}], ids=["ended", "not begun"]
)
def test_outside_its_period_the_grant_answers_404_everywhere(client, delivered, evaluator, period):
    grant = evaluator_grant(delivered, evaluator, conflict="none", **period)
    report = ContractEvaluationReport.objects.create(
        grant=grant, findings="好", recommended_grade="good", score=90, submitted_at=timezone.now()
    )
    client.force_login(evaluator)
    urls = [*_evaluator_urls(grant), reverse("contract_evaluation:report_file", args=[report.pk])]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert (
        delivered.tender.reference
        not in client.get(reverse("contract_evaluator:index")).content.decode()
    )


def test_the_evaluator_sees_only_the_contract_granted(client, delivered, evaluator, index):
    from tenders.models import Contract
    from tests.factories import awarded

    other_tender, _bids = awarded(index)
    other = Contract.objects.get(tender=other_tender.tender)
    someone_else = evaluator_grant(other, contract_evaluator(username="another"), conflict="none")
    grant = evaluator_grant(delivered, evaluator, conflict="none")
    client.force_login(evaluator)
    assert client.get(reverse("contract_evaluator:grant", args=[grant.pk])).status_code == 200
    refused = [
        reverse("contract_evaluator:grant", args=[someone_else.pk]),
        reverse("contract_evaluator:report", args=[someone_else.pk]),
        reverse("tender_contracts:inspect", args=[delivered.pk]),
        reverse("tender_contracts:inspect", args=[other.pk]),
        reverse("contract_reports:inspect", args=[delivered.reports.get(number=1).pk]),
        reverse("contract_evaluation:grant", args=[delivered.pk]),
        reverse("contract_evaluation:revoke", args=[grant.pk]),
    ]
    for url in refused:
        assert client.get(url).status_code == 404, url
    for url in (reverse("tender_contracts:index"), reverse("tenders_admin:index")):
        assert client.get(url).status_code in (302, 403, 404), url


def test_the_bureau_grants_and_revokes_from_the_contract_page(
    client, signed, evaluator, officer, hub_manager
):
    client.force_login(hub_manager)
    page = client.get(reverse("tender_contracts:inspect", args=[signed.pk])).content.decode()
    assert "evaluator-grants" not in page
    client.force_login(officer)
    grant_url = reverse("contract_evaluation:grant", args=[signed.pk])
    page = client.get(reverse("tender_contracts:inspect", args=[signed.pk])).content.decode()
    assert grant_url in page
    today = timezone.localdate()
    response = client.post(
        grant_url,
        {
            "evaluator": evaluator.pk,
            "evaluating_organisation": "太仓市社会组织评估中心",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=100)).isoformat(),
        },
    )
    assert response.status_code == 200  # refused: longer than 90 days, the form kept
    assert "太仓市社会组织评估中心" in response.content.decode()
    response = client.post(
        grant_url,
        {
            "evaluator": evaluator.pk,
            "evaluating_organisation": "太仓市社会组织评估中心",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=29)).isoformat(),
        },
    )
    assert response.status_code == 302
    grant = ContractEvaluatorGrant.objects.get()
    response = client.post(
        reverse("contract_evaluation:revoke", args=[grant.pk]), {"reason": "人员调整"}
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == officer
