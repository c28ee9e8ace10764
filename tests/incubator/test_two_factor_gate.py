"""A staff login that has passed the password but not the second factor reaches nothing but the
second-factor page, logging out and static assets: not private files, notifications, the
password change, the portal or the back office, whichever login form it came through."""

from urllib.parse import quote

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from incubator.models import Notification
from tests.factories import OrganisationFactory, manager_of
from tests.factories.letters import issue_letter, mark_rendered

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
LOGIN_FORMS = ["/zh-hans/accounts/login/", "/admin/login/"]


@pytest.fixture(autouse=True)
def required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def manager():
    """A hub manager with a confirmed authenticator, a letter of one of their organisations
    and a notification: things a password alone must not open."""
    organisation = OrganisationFactory()
    user = manager_of(organisation.hub, username="manager")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    user.letter = mark_rendered(issue_letter(organisation))
    user.notification = Notification.objects.create(user=user, title_zh="通知", title_en="Notice")
    return user


def _password_only(client, login_form: str):
    response = client.post(login_form, {"username": "manager", "password": PASSWORD})
    assert response.status_code == 302, response.content
    assert "_auth_user_id" in client.session


def _sent_to_second_factor(response, path: str) -> bool:
    return response.status_code == 302 and response["Location"].endswith(
        "/accounts/two-factor/?next=" + quote(path, safe="")
    )


def _guarded(user) -> list[tuple[str, str, dict]]:
    """(method, path, data) of each kind of URL behind the second factor."""
    return [
        ("get", f"/files/letters/{user.letter.pk}/", {}),
        ("get", "/zh-hans/accounts/notifications/", {}),
        ("get", f"/zh-hans/accounts/notifications/{user.notification.pk}/", {}),
        ("post", "/zh-hans/accounts/notifications/read/", {}),
        ("get", "/zh-hans/accounts/password/change/", {}),
        (
            "post",
            "/zh-hans/accounts/password/change/",
            {
                "old_password": PASSWORD,
                "new_password1": "a-new-password-42",
                "new_password2": "a-new-password-42",
            },
        ),
        ("get", "/zh-hans/portal/", {}),
        ("get", "/en/portal/subsidies/", {}),
        ("get", "/admin/", {}),
        ("get", "/admin/organisations/", {}),
        ("get", "/zh-hans/", {}),
    ]


@pytest.mark.parametrize("login_form", LOGIN_FORMS)
def test_password_alone_opens_nothing_but_the_second_factor(client, manager, login_form):
    _password_only(client, login_form)
    for method, path, data in _guarded(manager):
        response = getattr(client, method)(path, data)
        assert _sent_to_second_factor(response, path), (method, path, response.status_code)
    manager.refresh_from_db()
    assert manager.check_password(PASSWORD)  # the password change did not happen
    assert Notification.objects.get(pk=manager.notification.pk).read_at is None


@pytest.mark.parametrize("login_form", LOGIN_FORMS)
def test_the_second_factor_page_and_logout_stay_open(client, manager, login_form):
    _password_only(client, login_form)
    assert client.get("/zh-hans/accounts/two-factor/?next=/admin/").status_code == 200
    assert client.get("/en/accounts/two-factor/").status_code == 200
    # A static asset is not redirected (here 404: tests serve no static files).
    assert client.get("/static/css/site.css").status_code == 404
    assert client.post("/zh-hans/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_admin_logout_stays_open(client, manager):
    _password_only(client, "/admin/login/")
    assert client.post("/admin/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("login_form", LOGIN_FORMS)
def test_after_the_code_everything_opens(client, manager, login_form):
    _password_only(client, login_form)
    device = TOTPDevice.objects.get(user=manager)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    response = client.post(
        "/zh-hans/accounts/two-factor/", {"code": f"{code:06d}", "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get(f"/files/letters/{manager.letter.pk}/").status_code == 200
    assert client.get("/zh-hans/accounts/notifications/").status_code == 200
    assert client.get("/zh-hans/accounts/password/change/").status_code == 200
    assert client.get("/admin/").status_code == 200
