"""Logging out takes a POST, in the back office and on the public site: a link or an image on
any page cannot log anyone out. A GET shows a page whose button posts."""

import re

import pytest

from tests.factories import OrganisationFactory, bureau_officer, member_of

pytestmark = pytest.mark.django_db


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_get_admin_logout_leaves_staff_logged_in_and_asks(client):
    client.force_login(bureau_officer())
    response = client.get("/admin/logout/")
    assert response.status_code == 200
    assert session_cookie_kept(response)
    assert _logged_in(client)
    assert client.get("/admin/").status_code == 200
    page = response.content.decode()
    assert re.search(r'<form method="post" action="/admin/logout/">', page)


def session_cookie_kept(response) -> bool:
    """The response does not drop the session cookie (Wagtail's logout drops it)."""
    cookie = response.cookies.get("sessionid")
    return cookie is None or cookie.value != ""


def test_post_admin_logout_logs_out(client):
    client.force_login(bureau_officer())
    response = client.post("/admin/logout/")
    assert response.status_code == 302 and response["Location"] == "/admin/login/"
    assert not _logged_in(client)


def test_get_public_logout_leaves_member_logged_in_and_asks(client):
    client.force_login(member_of(OrganisationFactory()))
    response = client.get("/zh-hans/accounts/logout/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<form method="post" action="/zh-hans/accounts/logout/">' in page
    assert "确定要在此设备上退出登录吗？" in page
    assert _logged_in(client)
    assert client.get("/zh-hans/portal/").status_code == 200


def test_post_public_logout_logs_out(client):
    client.force_login(member_of(OrganisationFactory()))
    response = client.post("/zh-hans/accounts/logout/")
    assert response.status_code == 302
    assert not _logged_in(client)


def test_the_logout_links_post(client):
    """The public header's logout is a form that posts; Wagtail's account menu item posts."""
    client.force_login(bureau_officer())
    page = client.get("/en/accounts/notifications/").content.decode()
    assert '<form method="post" action="/en/accounts/logout/">' in page
    assert 'href="/en/accounts/logout/"' not in page
    admin = client.get("/admin/").content.decode()
    assert '"action": "/admin/logout/", "method": "POST"' in admin
