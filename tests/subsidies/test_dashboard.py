"""The subsidy panels of the admin home, and the whole home page's query count: the same with
small data and with ten times as much."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from incubator.incubation.services.memberships import hub_manager_assign
from tests.factories import (
    HubFactory,
    approved_application,
    bureau_officer,
    letterhead_settings,
    manager_of,
    milestone_for,
    recommended_application,
    scheme_factory,
    submitted_application,
)
from tests.factories.spaces import allocation, incubating, space_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _letterhead():
    """Approvals issue award letters, which need the letterhead's reference prefixes."""
    letterhead_settings()


def grow(hubs: int, scheme, *, tag: str = ""):
    """``hubs`` hubs, each with three organisations: one submitted, one recommended and one
    approved application, a seated organisation and an overdue milestone. Returns the hubs."""
    made = []
    today = timezone.localdate()
    for index in range(hubs):
        hub = HubFactory(name=f"基地{tag}{index}")
        space = space_of(hub, seats=6)
        submitted, recommended, approved = (incubating(hub) for _ in range(3))
        submitted_application(submitted, scheme)
        recommended_application(recommended, scheme)
        approved_application(approved, scheme, amount=1000)
        allocation(space, submitted, 2, date(today.year, today.month, 1), today)
        milestone_for(recommended, due_on=date(2026, 1, 1))
        made.append(hub)
    return made


def home_queries(client, user) -> int:
    client.force_login(user)
    client.get("/admin/")  # caches filled once per process are not what we count
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["bureau", "manager"])
def test_the_home_page_keeps_its_query_count_with_ten_times_the_data(client, role):
    scheme = scheme_factory(envelope=10_000_000)
    first = grow(1, scheme, tag="甲")
    user = bureau_officer() if role == "bureau" else manager_of(first[0])
    small = home_queries(client, user)
    more = grow(9, scheme, tag="乙")
    if role == "manager":
        for hub in more:
            hub_manager_assign(hub=hub, user=user)
    large = home_queries(client, user)
    assert small == large


def _todo(page: str) -> str:
    return page.split('id="dashboard-todo-section"')[1].split('<section class="w-panel')[0]


def test_a_bureau_officer_sees_budgets_and_what_awaits_their_decision(client):
    scheme = scheme_factory(name="2026年度人员经费补贴", envelope=200_000)
    east, west = grow(2, scheme)
    client.force_login(bureau_officer())
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2026年度人员经费补贴" in page
    assert f"/admin/schemes/budget/{scheme.pk}/" in page
    assert "¥200,000.00" in page
    # What waits for the decision is in the task list, not in a panel of its own.
    todo = _todo(page)
    for hub in (east, west):
        recommended = hub.organisations.get(subsidy_applications__status="recommended")
        assert f"Approve or reject the subsidy application of {recommended.name}" in todo
    assert 'id="dashboard-awaiting-decision-section"' not in page


def test_a_hub_manager_sees_only_their_hubs_applications_awaiting_recommendation(client):
    scheme = scheme_factory()
    east, west = grow(2, scheme)
    client.force_login(manager_of(east))
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    todo = _todo(page)
    mine = east.organisations.get(subsidy_applications__status="submitted")
    theirs = west.organisations.get(subsidy_applications__status="submitted")
    assert f"Recommend or return the subsidy application of {mine.name}" in todo
    assert theirs.name not in page
    assert 'id="dashboard-budgets-section"' not in page
    assert "Approve or reject" not in todo
