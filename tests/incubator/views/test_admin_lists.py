"""Back-office lists: each role sees its own part, at a constant number of queries."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from incubator.kernel.roles import Role
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    bureau_officer,
    manager_of,
    staff_with_role,
)

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["bureau", "hub_manager"])
@pytest.mark.parametrize("url", ["/admin/organisations/", "/admin/hubs/"])
def test_lists_keep_a_constant_query_count(client, role, url):
    hub = HubFactory()
    user = bureau_officer() if role == "bureau" else manager_of(hub)
    OrganisationFactory.create_batch(3, hub=hub)
    client.force_login(user)
    client.get(url)
    few = _queries(client, url)
    OrganisationFactory.create_batch(27, hub=hub)
    HubFactory.create_batch(5)
    many = _queries(client, url)
    assert few == many


def test_hub_manager_lists_only_the_organisations_of_their_hub(client):
    hub = HubFactory()
    OrganisationFactory(hub=hub, name="本基地机构")
    OrganisationFactory(name="别的基地机构")
    client.force_login(manager_of(hub))
    html = client.get("/admin/organisations/").content.decode()
    assert "本基地机构" in html
    assert "别的基地机构" not in html


def _menu(client) -> set[str]:
    """The names of the sidebar's menu items."""
    html = client.get("/admin/").content.decode()
    return set(re.findall(r'"name": "([a-z_-]+)"', html))


def test_staff_menus_follow_their_role(client):
    client.force_login(manager_of(HubFactory()))  # a hub without organisations yet
    menu = _menu(client)
    assert {"hubs", "organisations"} <= menu
    assert not menu & {"explorer", "images", "documents", "settings", "reports"}
    client.force_login(bureau_officer())
    assert {"explorer", "hubs", "organisations", "documents", "images"} <= _menu(client)
    client.force_login(staff_with_role(Role.EVALUATOR))
    assert not _menu(client) & {"explorer", "hubs", "organisations", "settings"}
