"""Intake refuses at once, with a clear message and nothing typed lost, a founding date in the
future, a phone that is not a phone number, and a credit code that an organisation or another
waiting application holds; the success page follows a redirect; an application whose email is
not confirmed is marked in the list and cannot be admitted; the password rules read in Chinese
on the Chinese site."""

from datetime import timedelta

from django.utils import timezone

import pytest

from incubator.kernel.validators import validate_phone_cn
from incubator.models import IntakeApplication
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    intake_application,
    manager_of,
    send_application,
)
from tests.factories.organisations import credit_code
from tests.incubator.views.test_intake import FORM

pytestmark = pytest.mark.django_db

URL = "/en/incubator/apply/"


def _apply(client, url=URL, **changes):
    return send_application(client, url, {**FORM, "hub": HubFactory().pk, **changes})


def _refused_on(response, field: str) -> str:
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    html = response.content.decode()
    assert FORM["name"] in html and FORM["incubation_plan"] in html  # nothing typed lost
    assert not IntakeApplication.objects.filter(contact_email="gu.min@example.org").exists()
    return " ".join(errors[field])


def test_a_founding_date_in_the_future_is_refused(client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    message = _refused_on(_apply(client, founded_on=tomorrow.isoformat()), "founded_on")
    assert "cannot be in the future" in message


def test_today_is_a_founding_date(client):
    assert _apply(client, founded_on=timezone.localdate().isoformat()).status_code == 302


@pytest.mark.parametrize("phone", ["abc", "123", "1380000000", "53530000", "138000000001"])
def test_a_phone_that_is_not_a_phone_number_is_refused(client, phone):
    message = _refused_on(_apply(client, contact_phone=phone), "contact_phone")
    assert "area code" in message


@pytest.mark.parametrize(
    "phone",
    [
        "13800000000",
        "138 1234 5678",
        "+86 138 1234 5678",
        "0086-13812345678",
        "0512-53530000",
        "(0512) 5353 0000",
        "010-62345678",
        "+86 512 5353 0000",
        "+86 (0)512 5353 0000",
        "0512-53530000 转 8001",
        "0512-53530000-8001",
        "400-123-4567",
    ],
)
def test_chinese_mobile_and_landline_forms_are_accepted(phone):
    validate_phone_cn(phone)


def test_a_credit_code_held_by_an_organisation_is_refused_at_intake(client):
    code = OrganisationFactory().credit_code
    message = _refused_on(_apply(client, credit_code=code), "credit_code")
    assert code in message and "already registered" in message


def test_a_credit_code_of_a_waiting_application_is_refused_at_intake(client):
    code = credit_code()
    intake_application(HubFactory(), email="first@example.org", credit_code=code)
    message = _refused_on(_apply(client, credit_code=code.lower()), "credit_code")
    assert code in message and "waiting for review" in message


def test_a_credit_code_of_a_declined_application_may_apply_again(client):
    from incubator.incubation.services.intake import intake_decline

    code = credit_code()
    first = intake_application(HubFactory(), email="first@example.org", credit_code=code)
    intake_decline(application=first, reason="材料不全", by=manager_of(first.hub))
    assert _apply(client, credit_code=code).status_code == 302


def test_every_problem_shows_at_once(client):
    response = _apply(client, contact_phone="abc", founded_on="2999-01-01", password2="other")
    errors = response.context["form"].errors
    assert {"contact_phone", "founded_on", "password2"} <= set(errors)


def test_the_success_page_follows_a_redirect_and_a_reload_sends_nothing(client):
    response = _apply(client)
    assert response.status_code == 302 and response["Location"] == "/en/incubator/apply/sent/"
    for _ in range(2):  # reloading the page only shows it again
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert "gu.min@example.org" in page.content.decode()
    assert IntakeApplication.objects.count() == 1


def test_the_success_page_without_an_application_leads_to_the_form(client):
    response = client.get("/en/incubator/apply/sent/")
    assert response.status_code == 302 and response["Location"] == URL


def test_the_password_rules_are_in_chinese_on_the_chinese_site(client):
    english = client.get("/en/incubator/apply/").content.decode()
    assert "Your password must contain at least 10 characters." in english
    page = client.get("/zh-hans/incubator/apply/").content.decode()
    assert "你的密码必须包含至少 10 个字符。" in page
    assert "Your password must contain" not in page
    response = _apply(client, "/zh-hans/incubator/apply/", password1="short", password2="short")
    errors = " ".join(response.context["form"].errors["password1"])
    assert "密码长度太短" in errors


def test_an_unconfirmed_application_is_marked_in_the_list_and_cannot_be_admitted(client):
    hub = HubFactory()
    unconfirmed = intake_application(hub, email="late@example.org", confirmed=False)
    confirmed = intake_application(hub, email="prompt@example.org")
    client.force_login(manager_of(hub))
    listing = client.get("/admin/intake/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert listing.count("Not confirmed: cannot be admitted yet") == 1

    inspect = client.get(f"/admin/intake/inspect/{unconfirmed.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = inspect.content.decode()
    assert f"/admin/intake/decline/{unconfirmed.pk}/" in html
    assert "late@example.org has not been confirmed yet" in html
    # The admission form says why before anything is typed, its button off.
    admit = client.get(f"/admin/intake/admit/{unconfirmed.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert admit.status_code == 200
    assert "late@example.org has not been confirmed yet" in admit.content.decode()
    assert admit.context["blockers"]

    html = client.get(f"/admin/intake/inspect/{confirmed.pk}/").content.decode()
    assert f"/admin/intake/admit/{confirmed.pk}/" in html
    assert client.get(f"/admin/intake/admit/{confirmed.pk}/").status_code == 200
