"""Contract reports in the task lists: the provider's reports to file, the officer's to decide."""

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone, translation

import pytest

from incubator.incubation.selectors import live_membership
from incubator.kernel.todo import BACK_OFFICE, PORTAL, TodoRequest
from tenders.models import Contract
from tenders.todo.delivery import delivery_todo
from tests.factories import awarded, bureau_officer
from tests.factories.delivery import file_report, with_kpis

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(index):
    tender, _bids = awarded(index)
    contract = Contract.objects.get(tender=tender.tender)
    with_kpis(contract, bureau_officer())
    return contract


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(9)))


def test_the_provider_sees_reports_to_file_and_overdue_ones(contract, org_admin_of_contract):
    first = contract.reports.get(number=1)
    todo = TodoRequest(
        user=org_admin_of_contract,
        audience=PORTAL,
        membership=live_membership(org_admin_of_contract),
        now=_at(first.due_on),
    )
    items = delivery_todo(todo)
    assert [item.url for item in items] == [reverse("tenders_portal:report", args=[first.pk])]
    assert not items[0].overdue
    late = TodoRequest(
        user=org_admin_of_contract,
        audience=PORTAL,
        membership=live_membership(org_admin_of_contract),
        now=_at(contract.reports.get(number=2).period_ends_on),
    )
    assert [item.overdue for item in delivery_todo(late)] == [True, False]


def test_officers_see_submitted_reports_until_decided(contract, org_admin_of_contract):
    officer = bureau_officer()
    report = file_report(contract.reports.get(number=1), org_admin_of_contract)
    items = delivery_todo(TodoRequest(user=officer, audience=BACK_OFFICE))
    assert [item.url for item in items] == [reverse("contract_reports:inspect", args=[report.pk])]
    assert delivery_todo(TodoRequest(user=org_admin_of_contract, audience=BACK_OFFICE)) == []


def test_the_period_is_written_out_in_the_readers_language(contract, org_admin_of_contract):
    report = file_report(contract.reports.get(number=1), org_admin_of_contract)
    start, end = report.period_starts_on, report.period_ends_on
    with translation.override("zh-hans"):
        (item,) = delivery_todo(TodoRequest(user=bureau_officer(), audience=BACK_OFFICE))
    assert item.detail.endswith(
        f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"
    )
    assert "-" not in item.detail.split(" · ")[1]
