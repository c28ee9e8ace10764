"""The tender pipeline panel of the admin home, the tender list's filters, and the bid and
contract listings with their exports: scoped, sealed before the deadline, formulas
neutralised, the same query count with ten times the tenders."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from incubator.incubation.services.memberships import hub_manager_assign
from incubator.kernel.roles import Role
from tests.exports import csv_rows as rows
from tests.factories import (
    HubFactory,
    awarded,
    bidder,
    bureau_officer,
    manager_of,
    staff_with_role,
    submitted_bid,
    tender_page,
)

pytestmark = pytest.mark.django_db


def one_of_each(index, tag: str = "") -> None:
    """One tender at each status: upcoming, open, closed, awarded and cancelled."""
    now = timezone.now()
    tender_page(index, opens_at=now + timedelta(days=3), deadline=now + timedelta(days=20))
    tender_page(index)
    tender_page(index, opens_at=now - timedelta(days=20), deadline=now - timedelta(days=3))
    awarded(index)
    tender_page(index, cancelled_at=now - timedelta(days=1), cancellation_reason=f"取消{tag}")


def pipeline_counts(page: str) -> dict[str, int]:
    """Status value -> count, read from the panel's links."""
    panel = page[page.index('id="dashboard-tenders-section"') :]
    return {
        status: int(count)
        for status, count in re.findall(
            r'<td><a href="/admin/tender-process/\?status=(\w+)">(\d+)</a></td>', panel
        )
    }


def test_a_bureau_officer_sees_the_pipeline_by_status_with_links(client, index):
    one_of_each(index)
    client.force_login(bureau_officer())
    page = client.get("/admin/").content.decode()
    assert pipeline_counts(page) == {
        "upcoming": 1,
        "open": 1,
        "closed": 1,
        "under_evaluation": 0,
        "awarded": 1,
        "cancelled": 1,
    }
    # The closed tender waiting for evaluators is an item of the officer's task list.
    todo = page.split('id="dashboard-todo-section"')[1].split('<section class="w-panel')[0]
    assert todo.count("分配评审专家") == 1


def test_the_pipeline_keeps_its_query_count_with_ten_times_the_tenders(client, index):
    officer = bureau_officer()
    one_of_each(index)
    client.force_login(officer)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as small:
        client.get("/admin/")
    for n in range(9):
        one_of_each(index, tag=str(n))
    with CaptureQueriesContext(connection) as large:
        response = client.get("/admin/")
    assert pipeline_counts(response.content.decode())["awarded"] == 10
    assert len(small) == len(large)


@pytest.mark.parametrize("who", ["manager", "evaluator"])
def test_others_see_no_pipeline(client, index, who):
    one_of_each(index)
    client.force_login(
        manager_of(HubFactory()) if who == "manager" else staff_with_role(Role.EVALUATOR)
    )
    assert 'id="dashboard-tenders-section"' not in client.get("/admin/").content.decode()


def test_the_tender_list_filters_by_status(client, index):
    now = timezone.now()
    tender_page(index, title="正在招标的项目")
    tender_page(
        index,
        title="已截止的项目",
        opens_at=now - timedelta(days=20),
        deadline=now - timedelta(days=3),
    )
    client.force_login(bureau_officer())
    page = client.get("/admin/tender-process/", {"status": "closed"}).content.decode()
    assert "已截止的项目" in page and "正在招标的项目" not in page
    page = client.get("/admin/tender-process/", {"status": "nonsense"}).content.decode()
    assert "已截止的项目" in page and "正在招标的项目" in page
    assert "筛选条件无效" in page


def test_bids_are_listed_and_exported_only_after_the_deadline(client, index, open_tender):
    organisation, admin = bidder("=HYPERLINK(1)服务社")
    submitted_bid(open_tender, organisation, admin, price="234567.89")
    client.force_login(bureau_officer())
    assert rows(client.get("/admin/tender_bids/", {"export": "csv"}))[1:] == []
    closed, _bids = awarded(index, final=False)
    exported = rows(client.get("/admin/tender_bids/", {"export": "csv"}))
    assert len(exported[0]) == 8  # translated headings, one per column
    assert sorted(row[0] for row in exported[1:]) == [closed.reference] * 2
    assert all(not row[2].startswith("=") for row in exported[1:])
    sealed = client.get("/admin/tender_bids/").content.decode()
    assert "HYPERLINK" not in sealed


def test_the_bids_export_keeps_the_tender_filter(client, index):
    first, _ = awarded(index, final=False)
    second, _ = awarded(index, final=False)
    client.force_login(bureau_officer())
    exported = rows(client.get("/admin/tender_bids/", {"export": "csv", "tender": second.pk}))
    assert {row[0] for row in exported[1:]} == {second.reference}


def test_a_hub_manager_exports_only_their_hubs_contracts(client, index):
    east, west = HubFactory(name="东区基地"), HubFactory(name="西区基地")
    east_tender, east_bids = awarded(index)
    west_tender, west_bids = awarded(index)
    for bid, hub in ((east_bids[0], east), (west_bids[0], west)):
        bid.organisation.hub = hub
        bid.organisation.save(update_fields=["hub"])
    manager = manager_of(east)
    client.force_login(manager)
    exported = rows(client.get("/admin/tender_contracts/", {"export": "csv"}))
    assert [(row[0], row[4]) for row in exported[1:]] == [(east_tender.reference, "东区基地")]
    hub_manager_assign(hub=west, user=manager)
    exported = rows(client.get("/admin/tender_contracts/", {"export": "csv", "hub": west.pk}))
    assert [row[0] for row in exported[1:]] == [west_tender.reference]
    client.force_login(bureau_officer())
    exported = rows(client.get("/admin/tender_contracts/", {"export": "csv"}))
    assert sorted(row[0] for row in exported[1:]) == sorted(
        [east_tender.reference, west_tender.reference]
    )
