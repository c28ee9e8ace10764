"""Check your answers before sending: a valid form shows every answer with "Change" links;
"Change" brings the form back as typed (the password kept); nothing is recorded until
"Submit application", which records exactly one application however often it is pressed;
a refused form never reaches the answers page."""

import re

from django.contrib.auth import get_user_model

import pytest

from incubator.models import IntakeApplication, Organisation, ServiceArea
from tests.factories import HubFactory
from tests.incubator.views.test_intake import FORM

pytestmark = pytest.mark.django_db

URL = "/en/incubator/apply/"
CHECK = "/en/incubator/apply/check/"


@pytest.fixture
def answers(client):
    hub = HubFactory(name="太仓市瑞安社会组织孵化基地")
    area = ServiceArea.objects.first()
    data = {**FORM, "hub": hub.pk, "founded_on": "2025-06-01", "name_en": "Shaxi Day Care"}
    if area:
        data["service_areas"] = [area.pk]
    response = client.post(URL, data)
    assert response.status_code == 302 and response["Location"] == CHECK
    return data


def test_the_answers_page_shows_every_answer_and_records_nothing(client, answers):
    html = client.get(CHECK).content.decode()
    for value in (
        "太仓市瑞安社会组织孵化基地",
        FORM["name"],
        "Shaxi Day Care",
        FORM["mission"],
        FORM["incubation_plan"],
        FORM["contact_name"],
        FORM["contact_phone"],
        FORM["contact_email"],
        str(Organisation.LegalForm("social_service").label),
    ):
        assert value in html
    assert "Not given" in html  # the credit code was left blank
    assert FORM["password1"] not in html
    assert "Chosen (not shown)" in html
    assert html.count(">Change<") >= 13
    assert 'href="/en/incubator/apply/#id_mission"' in html
    assert not IntakeApplication.objects.exists()
    assert not get_user_model().objects.filter(email=FORM["contact_email"]).exists()


def test_change_brings_the_form_back_as_typed_and_keeps_the_password(client, answers):
    html = client.get(URL).content.decode()
    assert FORM["mission"] in html and FORM["incubation_plan"] in html
    assert 'value="Shaxi Day Care"' in html
    assert "Leave both fields blank to keep it" in html
    assert FORM["password1"] not in html
    # Change one answer, leave the passwords blank: the answers page shows the change.
    changed = {**answers, "mission": "为老年人提供助餐服务。", "password1": "", "password2": ""}
    response = client.post(URL, changed)
    assert response["Location"] == CHECK
    html = client.get(CHECK).content.decode()
    assert "为老年人提供助餐服务。" in html and FORM["mission"] not in html
    client.post(CHECK)
    application = IntakeApplication.objects.get()
    assert application.mission == "为老年人提供助餐服务。"
    assert application.applicant.check_password(FORM["password1"])


def test_a_new_password_typed_once_is_refused(client, answers):
    response = client.post(URL, {**answers, "password1": "Another-river-88", "password2": ""})
    assert response.status_code == 200
    assert "Type the new password twice." in " ".join(response.context["form"].errors["password2"])


def test_submit_records_exactly_one_application(client, answers):
    token = re.search(
        r'name="submission_token" value="([^"]+)"', client.get(CHECK).content.decode()
    ).group(1)
    first = client.post(CHECK, {"submission_token": token})
    assert first.status_code == 302 and first["Location"] == "/en/incubator/apply/sent/"
    again = client.post(CHECK, {"submission_token": token})
    assert again.status_code == 302 and again["Location"] == "/en/incubator/apply/sent/"
    without_token = client.post(CHECK)
    assert without_token["Location"] == "/en/incubator/apply/sent/"
    application = IntakeApplication.objects.get()
    assert application.name == FORM["name"]
    assert application.founded_on.isoformat() == "2025-06-01"
    assert application.applicant.check_password(FORM["password1"])
    assert not application.applicant.is_active
    # The answers are gone: the form is empty again.
    assert FORM["mission"] not in client.get(URL).content.decode()


def test_refused_answers_never_reach_the_answers_page(client):
    response = client.post(URL, {**FORM, "hub": HubFactory().pk, "contact_phone": "abc"})
    assert response.status_code == 200
    assert "contact_phone" in response.context["form"].errors
    assert FORM["mission"] in response.content.decode()  # nothing typed lost
    assert client.get(CHECK)["Location"] == URL
    assert client.post(CHECK).status_code == 302
    assert not IntakeApplication.objects.exists()


def test_answers_refused_meanwhile_go_back_to_the_form_with_the_reason(client, answers):
    get_user_model().objects.create_user(username="x", email=FORM["contact_email"])
    response = client.post(CHECK)
    assert response.status_code == 200
    assert "An account already uses" in response.content.decode()
    assert FORM["mission"] in response.content.decode()
    assert not IntakeApplication.objects.exists()


def test_the_answers_page_reads_in_chinese(client):
    client.post("/zh-hans/incubator/apply/", {**FORM, "hub": HubFactory().pk})
    html = client.get("/zh-hans/incubator/apply/check/").content.decode()
    assert "提交前请核对填写内容" in html and "提交申请" in html and "修改" in html
