"""Logging in, and the lockout after five wrong passwords, kept in the database."""

from django.core.cache import cache
from django.test import Client

import pytest
from axes.models import AccessAttempt

from tests.factories import OrganisationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def _login(client, username, password, language="en"):
    return client.post(f"/{language}/accounts/login/", {"username": username, "password": password})


def test_organisation_member_logs_in_to_the_portal(client):
    user = member_of(OrganisationFactory(), "admin", username="lijing")
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/en/portal/"


def test_staff_log_in_to_the_back_office(client):
    from tests.factories import bureau_officer

    officer = bureau_officer(username="wangmin")
    response = _login(client, officer.username, PASSWORD)
    assert response["Location"] == "/admin/"


def test_a_wrong_password_says_so_and_keeps_the_user_name(client):
    UserFactory(username="lijing")
    response = _login(client, "lijing", "wrong")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="lijing"' in html
    assert "correct username and password" in html


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(client):
    UserFactory(username="lijing")
    for _ in range(4):
        assert _login(client, "lijing", "wrong").status_code == 200
    locked = _login(client, "lijing", "wrong")
    assert locked.status_code == 429
    assert "Account locked" in locked.content.decode()
    # Even the right password is refused now, in Chinese too.
    right = _login(client, "lijing", PASSWORD, language="zh-hans")
    assert right.status_code == 429
    assert "账号已锁定" in right.content.decode()


def test_the_lockout_lives_in_the_database_and_survives_a_restart(client):
    UserFactory(username="lijing")
    for _ in range(5):
        _login(client, "lijing", "wrong")
    assert AccessAttempt.objects.filter(username="lijing", failures_since_start=5).exists()
    # A restarted server has empty caches and a browser a new session: still locked.
    cache.clear()
    fresh = Client()
    assert _login(fresh, "lijing", PASSWORD).status_code == 429


def test_the_lockout_also_guards_the_back_office_login(client):
    UserFactory(username="wangmin", is_staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "wangmin", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "wangmin", "password": PASSWORD})
    assert response.status_code == 429


def test_other_accounts_are_not_locked(client):
    UserFactory(username="lijing")
    UserFactory(username="zhangwei")
    for _ in range(5):
        _login(client, "lijing", "wrong")
    assert _login(client, "zhangwei", PASSWORD).status_code == 302
