"""An organisation's page in the back office shows its contracts with the grades of their
accepted periods and the results of their signed-off acceptances, in a fixed number of
queries."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from tenders.models import Contract, ContractAcceptance
from tenders.services.reports import contract_report_accept
from tests.factories import awarded, bureau_officer
from tests.factories.delivery import file_report, with_kpis

pytestmark = pytest.mark.django_db


def _contract(index):
    tender, _bids = awarded(index)
    contract = Contract.objects.get(tender=tender.tender)
    with_kpis(contract, bureau_officer())
    return contract


def _graded(contract, values):
    admin = contract.organisation.memberships.get(role="admin", ended_at__isnull=True).user
    report = file_report(contract.reports.get(number=1), admin, values=values)
    return contract_report_accept(report=report, by=bureau_officer())


def _accepted(contract, conclusion="passed", *, signed=True):
    return ContractAcceptance.objects.create(
        contract=contract,
        number=contract.acceptances.count() + 1,
        kind="interim",
        held_on=contract.starts_on + timedelta(days=40),
        period_starts_on=contract.starts_on,
        period_ends_on=contract.starts_on + timedelta(days=30),
        conclusion=conclusion,
        participants_unnamed=4,
        signed_off_at=timezone.now() if signed else None,
    )


def _page(client, organisation) -> str:
    client.force_login(bureau_officer())
    response = client.get(reverse("organisations:inspect", args=[organisation.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_contracts_grades_and_acceptances(client, index):
    contract = _contract(index)
    _graded(contract, ("600", "60", "90", "1"))  # 70: Fair (中)
    _accepted(contract, "conditional")
    _accepted(contract, "failed", signed=False)  # a draft: not on the record
    html = _page(client, contract.organisation)
    assert "合同与履约" in html
    assert contract.tender.reference in html
    assert "中 × 1" in html
    assert "基本合格" in html and "不合格" not in html
    assert "¥" in html


def test_an_organisation_without_contracts_says_so(client, index):
    contract = _contract(index)
    loser = contract.tender.bids.exclude(organisation=contract.organisation).first().organisation
    assert "暂无合同。" in _page(client, loser)


def test_the_section_costs_the_same_queries_for_more_contracts(client, index):
    contract = _contract(index)
    _graded(contract, ("1200", "60", "95", "0"))
    _accepted(contract)
    organisation = contract.organisation
    client.force_login(bureau_officer())
    url = reverse("organisations:inspect", args=[organisation.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    other = _contract(index)
    _graded(other, ("600", "60", "90", "1"))
    _accepted(other)
    Contract.objects.filter(pk=other.pk).update(organisation=organisation)
    with CaptureQueriesContext(connection) as more:
        assert "中 × 1" in client.get(url).content.decode()
    assert len(more) == len(few)
