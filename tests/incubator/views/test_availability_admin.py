"""The availability page: one hub's free seats and occupancy per month, at a constant number
of queries, for its managers and the bureau only."""

import re
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from incubator.kernel.roles import Role
from tests.factories import HubFactory, bureau_officer, manager_of, member_of, staff_with_role
from tests.factories.spaces import allocation, incubating, space_of

pytestmark = pytest.mark.django_db


def _fill(hub, count, start=0):
    organisation = incubating(hub)
    for number in range(start, start + count):
        space = space_of(hub, f"S-{number}", seats=3)
        allocation(space, organisation, 2, date(2026, 2, 1 + number % 20), date(2026, 8, 31))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["bureau", "hub_manager"])
def test_the_page_keeps_its_query_count_with_3_or_30_spaces(client, role):
    hub = HubFactory()
    client.force_login(bureau_officer() if role == "bureau" else manager_of(hub))
    url = f"/admin/availability/{hub.pk}/?year=2026"
    _fill(hub, 3)
    client.get(url)
    few = _queries(client, url)
    _fill(hub, 27, start=3)
    assert _queries(client, url) == few


def test_the_page_shows_free_seats_a_chart_and_the_numbers(client):
    hub = HubFactory(name="城厢基地")
    space = space_of(hub, "A-201", seats=4)
    allocation(space, incubating(hub), 4, date(2026, 3, 1), date(2026, 3, 31))
    client.force_login(manager_of(hub))
    html = client.get(
        f"/admin/availability/{hub.pk}/?year=2026", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "A-201" in html
    row = html[html.index("A-201") :].split("</tr>", 1)[0]
    assert re.findall(r"<td[^>]*>(\d+)</td>", row) == ["4", "4", "4", "0"] + ["4"] * 9
    assert "100 %" in html  # March, in the table for screen readers


def test_other_hubs_are_not_found_and_members_are_refused(client):
    hub, other = HubFactory(), HubFactory()
    client.force_login(manager_of(hub))
    assert client.get(f"/admin/availability/{other.pk}/").status_code == 404
    assert client.get("/admin/availability/?x").status_code == 200
    client.force_login(member_of(incubating(hub), "admin"))
    response = client.get(f"/admin/availability/{hub.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.logout()
    response = client.get(f"/admin/availability/{hub.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_menu_and_the_hub_page_link_to_it(client):
    hub = HubFactory()
    client.force_login(manager_of(hub))
    assert '"name": "availability"' in client.get("/admin/").content.decode()
    inspect = client.get(f"/admin/hubs/inspect/{hub.pk}/").content.decode()
    assert f"/admin/availability/{hub.pk}/" in inspect
    client.force_login(staff_with_role(Role.EVALUATOR))
    assert '"name": "availability"' not in client.get("/admin/").content.decode()
