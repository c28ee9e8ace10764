"""Password change and reset by email, in our templates and both languages."""

import re

from django.core import mail

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_password_reset_by_email_sets_a_new_password(client):
    user = UserFactory(username="lijing", email="lijing@example.org")
    response = client.post("/zh-hans/accounts/password/reset/", {"email": "lijing@example.org"})
    assert response.status_code == 302
    assert "重置社会组织孵化服务平台的密码" in mail.outbox[0].subject
    link = re.search(r"https?://[^/]+(/\S+/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session-bound address
    response = client.post(
        form_url,
        {"new_password1": "Quiet-river-lantern-7", "new_password2": "Quiet-river-lantern-7"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Quiet-river-lantern-7")
    again = client.get(link, follow=True).content.decode()
    assert "链接已失效" in again


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change_refuses_a_weak_password_with_a_message(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/en/accounts/password/change/",
        {
            "old_password": "correct-horse-battery",
            "new_password1": "12345678",
            "new_password2": "12345678",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "too short" in html or "too common" in html
    user.refresh_from_db()
    assert user.check_password("correct-horse-battery")


def test_password_change_needs_login(client):
    response = client.get("/en/accounts/password/change/")
    assert response.status_code == 302
    assert "/en/accounts/login/" in response["Location"]
