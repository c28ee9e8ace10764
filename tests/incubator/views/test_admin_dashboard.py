"""The incubation panels of the admin home: each role sees its own hubs only, with links to the
filtered lists behind each panel."""

from datetime import date

from django.utils import timezone

import pytest

from incubator.incubation.availability import last_months, occupancy_by_hub
from incubator.kernel.roles import Role
from tests.admin_home import admin_home
from tests.factories import (
    HubFactory,
    bureau_officer,
    manager_of,
    milestone_for,
    staff_with_role,
)
from tests.factories.spaces import allocation, incubating, space_of

pytestmark = pytest.mark.django_db


def hub_with_activity(name: str):
    """A hub with an incubating organisation seated in its only space and one overdue
    milestone."""
    hub = HubFactory(name=name)
    organisation = incubating(hub, name=f"{name}的机构")
    space = space_of(hub, seats=4)
    today = timezone.localdate()
    allocation(space, organisation, 2, date(today.year, today.month, 1), today)
    milestone_for(organisation, title=f"{name}的逾期里程碑", due_on=date(2026, 1, 1))
    return hub


def test_a_bureau_officer_sees_every_hub(client):
    hub_with_activity("东区基地"), hub_with_activity("西区基地")
    client.force_login(bureau_officer())
    page = admin_home(client)
    for text in ("东区基地", "西区基地", "东区基地的逾期里程碑", "西区基地的逾期里程碑"):
        assert text in page
    assert "/admin/milestones/?overdue=true" in page


def test_a_hub_manager_sees_only_their_own_hubs(client):
    east, _west = hub_with_activity("东区基地"), hub_with_activity("西区基地")
    client.force_login(manager_of(east))
    page = admin_home(client)
    assert "东区基地的逾期里程碑" in page
    assert f"/admin/organisations/?hub={east.pk}&amp;stage=incubating" in page
    assert "西区基地" not in page


def test_an_evaluator_sees_no_hub_panels(client):
    hub_with_activity("东区基地")
    client.force_login(staff_with_role(Role.EVALUATOR))
    page = admin_home(client)
    assert "东区基地" not in page
    assert 'id="dashboard-organisations-section"' not in page
    assert "dashboard-loading-" not in page


def test_the_panels_give_their_numbers_as_text(client):
    hub_with_activity("东区基地")
    client.force_login(bureau_officer())
    page = admin_home(client, HTTP_ACCEPT_LANGUAGE="en")
    assert "1 milestone overdue" in page
    assert 'class="w-sr-only"' in page
    panel = page.split('id="dashboard-organisations-section"')[1].split("</section>")[0]
    assert "<svg" in panel
    assert "<script" not in panel


def test_occupancy_counts_seat_days_of_each_month():
    hub = HubFactory()
    organisation = incubating(hub)
    space = space_of(hub, seats=4)
    allocation(space, organisation, 2, date(2026, 3, 1), date(2026, 3, 31))
    months = last_months(date(2026, 4, 15), count=2)
    assert months == [date(2026, 3, 1), date(2026, 4, 1)]
    march, april = occupancy_by_hub(hub_ids=[hub.pk], months=months)[hub.pk]
    assert (march.used, march.available, march.percent) == (62, 124, 50)
    assert (april.used, april.percent) == (0, 0)


def test_last_months_cross_the_new_year():
    assert last_months(date(2026, 2, 10), count=3) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
