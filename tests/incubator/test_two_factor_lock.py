"""Wrong second-factor codes lock the account's second factor like wrong passwords lock the
account: after the limit, no code is accepted, not even the right one, until the period ends;
each wrong code is logged."""

import io
import logging

from django.conf import settings as django_settings

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from incubator.models import SecondFactorFailures
from tests.factories import OrganisationFactory, manager_of

pytestmark = pytest.mark.django_db

PAGE = "/en/accounts/two-factor/"


@pytest.fixture(autouse=True)
def required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    # django-otp's own back-off would refuse a right code sent at once after a wrong one; it is
    # switched off here so that only the lock decides.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def staff(client):
    user = manager_of(OrganisationFactory().hub)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    return user


def _right_code(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _wrong_code(user) -> str:
    return "000000" if _right_code(user) != "000000" else "111111"


def _send(client, code: str, page: str = PAGE):
    return client.post(page, {"code": code, "next": "/admin/"})


def test_the_right_code_is_refused_after_too_many_wrong_ones(client, staff, caplog):
    limit = django_settings.AXES_FAILURE_LIMIT
    caplog.set_level(logging.INFO, logger="incubator.kernel.security")
    for _ in range(limit - 1):
        response = _send(client, _wrong_code(staff))
        assert response.status_code == 200
        assert "not right" in str(response.context["form"].errors["code"])
    locked = _send(client, _wrong_code(staff))
    assert locked.status_code == 429
    assert "locked for 60 more minutes" in str(locked.context["form"].errors["code"])

    right = _send(client, _right_code(staff))
    assert right.status_code == 429
    assert "locked" in str(right.context["form"].errors["code"])
    assert client.get("/admin/").status_code == 302  # still not verified

    events = [
        record.event for record in caplog.records if record.name == "incubator.kernel.security"
    ]
    assert events == ["two_factor_failed"] * limit + ["two_factor_locked_out"]
    assert caplog.records[limit - 1].failures == limit


def test_the_lock_holds_for_a_new_login(client, staff):
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _send(client, _wrong_code(staff))
    client.logout()
    client.force_login(staff)
    assert _send(client, _right_code(staff)).status_code == 429


def test_the_right_code_is_accepted_once_the_period_is_over(client, staff):
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _send(client, _wrong_code(staff))
    failures = SecondFactorFailures.objects.get(user=staff)
    failures.last_failure_at -= django_settings.AXES_COOLOFF_TIME
    failures.save()
    response = _send(client, _right_code(staff))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert SecondFactorFailures.objects.get(user=staff).failures == 0


def test_a_right_code_before_the_limit_starts_the_count_again(client, staff):
    limit = django_settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        _send(client, _wrong_code(staff))
    assert _send(client, _right_code(staff)).status_code == 302
    client.logout()
    client.force_login(staff)
    for _ in range(limit - 1):
        assert _send(client, _wrong_code(staff)).status_code == 200


def test_setting_up_is_locked_too(client):
    user = manager_of(OrganisationFactory().hub)
    client.force_login(user)
    client.get(PAGE)
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        response = _send(client, "000000")
    assert response.status_code == 429
    device = TOTPDevice.objects.get(user=user)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    assert _send(client, f"{code:06d}").status_code == 429
    assert not TOTPDevice.objects.get(user=user).confirmed


def test_the_lock_is_explained_in_chinese(client, staff):
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        response = _send(client, _wrong_code(staff), "/zh-hans/accounts/two-factor/")
    assert "锁定" in response.content.decode()


def test_an_operator_lifts_the_lock(client, staff):
    from django.core.management import call_command

    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _send(client, _wrong_code(staff))
    call_command("two_factor_unlock", staff.username, stdout=io.StringIO())
    assert _send(client, _right_code(staff)).status_code == 302
