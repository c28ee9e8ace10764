"""The admin home's panels that load after the page (``incubator.kernel.dashboard``): the page
draws each as a placeholder with the panel's heading and address, computes none of their
figures, and each address answers only the users whose home page shows that panel."""

import re
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from incubator.kernel.dashboard import user_panels
from incubator.kernel.roles import Role
from tests.admin_home import load_home, panel_urls
from tests.factories import (
    HubFactory,
    bureau_officer,
    manager_of,
    member_of,
    milestone_for,
    staff_with_role,
)
from tests.factories.spaces import incubating

pytestmark = pytest.mark.django_db

BUREAU_PANELS = {
    "bureau_duties",
    "contracts_at_risk",
    "organisations_by_stage",
    "occupancy",
    "overdue_milestones",
}
HUB_PANELS = {"organisations_by_stage", "occupancy", "overdue_milestones"}


def panel_url(name: str) -> str:
    return reverse("dashboard_panel", args=[name])


def headings(html: str) -> list[str]:
    return re.findall(r"<span data-panel-heading-text>(.*?)</span>", html)


@pytest.fixture
def hub():
    hub = HubFactory(name="东区基地")
    milestone_for(
        incubating(hub, name="东区基地的机构"), title="逾期的里程碑", due_on=date(2026, 1, 1)
    )
    return hub


def test_the_page_draws_placeholders_and_computes_none_of_their_figures(client, hub):
    client.force_login(bureau_officer())
    page = client.get("/admin/").content.decode()
    assert set(panel_urls(page)) == {panel_url(name) for name in BUREAU_PANELS}
    assert page.count('role="status"') >= len(BUREAU_PANELS)
    # The panels' figures are not on the page: the overdue milestone, the hub's name.
    assert "逾期的里程碑" not in page and "东区基地" not in page
    assert "js/admin/dashboard-panels.js" in page


def test_each_placeholder_has_the_heading_of_the_panel_that_takes_its_place(client, hub):
    client.force_login(bureau_officer())
    page = client.get("/admin/").content.decode()
    home = load_home(client)
    assert headings(page) == headings(home.html)
    assert "逾期的里程碑" in home.html and "东区基地" in home.html
    assert "dashboard-loading-" not in home.html


ROLES = {
    "bureau": (bureau_officer, BUREAU_PANELS),
    "manager": (None, HUB_PANELS),
    "evaluator": (lambda: staff_with_role(Role.EVALUATOR), set()),
    "contract evaluator": (lambda: staff_with_role(Role.CONTRACT_EVALUATOR), set()),
    "site admin": (lambda: staff_with_role(Role.SITE_ADMIN), set()),
    "community worker": (lambda: staff_with_role(Role.COMMUNITY_WORKER), set()),
}


@pytest.mark.parametrize("who", ROLES)
def test_a_panels_address_answers_exactly_those_whose_home_shows_it(client, hub, who):
    make, panels = ROLES[who]
    client.force_login(manager_of(hub) if make is None else make())
    assert set(panel_urls(client.get("/admin/").content.decode())) == {
        panel_url(name) for name in panels
    }
    for name in BUREAU_PANELS | {"todo", "tender_pipeline", "no_such_panel"}:
        response = client.get(panel_url(name))
        assert response.status_code == (200 if name in panels else 404), name
        if name in panels:
            assert "no-store" in response["Cache-Control"]


def test_an_organisations_member_is_kept_out_of_the_back_office(client, hub):
    client.force_login(member_of(hub.organisations.get(), "admin"))
    for name in BUREAU_PANELS:
        response = client.get(panel_url(name))
        assert response.status_code == 302 and "逾期的里程碑" not in response.content.decode()


def test_a_hub_manager_of_another_hub_gets_that_hubs_figures_only(client, hub):
    other = HubFactory(name="西区基地")
    client.force_login(manager_of(other))
    for name in HUB_PANELS:
        html = client.get(panel_url(name)).content.decode()
        assert "东区基地" not in html and "逾期的里程碑" not in html


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(panel_url("overdue_milestones"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_a_panels_address_takes_no_post(client, hub):
    client.force_login(bureau_officer())
    assert client.post(panel_url("overdue_milestones")).status_code == 405


def test_building_the_panels_reads_none_of_their_figures(rf, hub):
    request = rf.get("/admin/")
    request.user = bureau_officer()
    with CaptureQueriesContext(connection) as queries:
        panels = user_panels(request)
    assert {panel.name for panel in panels} >= BUREAU_PANELS
    for table in ("incubator_milestone", "incubator_organisation", "tenders_contract"):
        assert not [query for query in queries if table in query["sql"]], table
