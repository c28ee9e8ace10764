"""An applicant whose confirmation link never arrived (the mail server was down for an hour)
asks for a new one; the form answers the same whether or not the address applied."""

import re

from django.core import mail

import pytest

from incubator.models import IntakeApplication
from tests.factories import HubFactory, send_application
from tests.incubator.views.test_intake import FORM

pytestmark = pytest.mark.django_db

URL = "/zh-hans/incubator/apply/new-link/"


def test_an_applicant_gets_a_new_link_that_confirms_the_address(client):
    send_application(client, "/zh-hans/incubator/apply/", {**FORM, "hub": HubFactory().pk})
    mail.outbox.clear()
    response = client.post(URL, {"email": "GU.MIN@example.org"})
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+/confirm/\S+/)", mail.outbox[0].body).group(1)
    assert client.get(link).status_code == 200
    assert IntakeApplication.objects.get().applicant.is_active


def test_the_answer_is_the_same_for_an_address_that_never_applied(client):
    send_application(client, "/zh-hans/incubator/apply/", {**FORM, "hub": HubFactory().pk})
    mail.outbox.clear()
    known = client.post(URL, {"email": "gu.min@example.org"}).content.decode()
    unknown = client.post(URL, {"email": "nobody@example.org"}).content.decode()
    assert len(mail.outbox) == 1
    assert same_page(known, "gu.min@example.org") == same_page(unknown, "nobody@example.org")


def same_page(html: str, email: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return html.replace(email, "ADDRESS")


def test_a_confirmed_applicant_gets_no_new_link(client):
    send_application(client, "/zh-hans/incubator/apply/", {**FORM, "hub": HubFactory().pk})
    link = re.search(r"https?://[^/]+(/\S+/confirm/\S+/)", mail.outbox[0].body).group(1)
    client.get(link)
    mail.outbox.clear()
    client.post(URL, {"email": "gu.min@example.org"})
    assert mail.outbox == []


def test_asking_again_and_again_is_rate_limited(client):
    for _ in range(5):
        assert client.post(URL, {"email": "nobody@example.org"}).status_code == 200
    assert client.post(URL, {"email": "nobody@example.org"}).status_code == 429


def test_the_login_and_confirmation_pages_lead_to_the_form(client):
    assert URL in client.get("/zh-hans/accounts/login/").content.decode()
    assert URL in client.get("/zh-hans/incubator/apply/confirm/not-a-token/").content.decode()
