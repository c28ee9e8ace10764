"""The hub screens in the back office are open to those with hub permissions only."""

import pytest

from tests.factories import HubFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_administrator_lists_hubs(client):
    HubFactory(name="瑞安社会工作服务中心")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/hubs/")
    assert response.status_code == 200
    assert "瑞安社会工作服务中心" in response.content.decode()


@pytest.mark.parametrize("url", ["/admin/hubs/", "/admin/hubs/edit/{pk}/", "/admin/hubs/new/"])
def test_anonymous_visitor_is_sent_to_login(client, url):
    hub = HubFactory()
    response = client.get(url.format(pk=hub.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", ["/admin/hubs/", "/admin/hubs/edit/{pk}/"])
def test_user_without_admin_access_is_refused(client, url):
    hub = HubFactory()
    client.force_login(UserFactory())
    response = client.get(url.format(pk=hub.pk))
    assert response.status_code in (302, 403)
    assert "operator" not in response.content.decode()
