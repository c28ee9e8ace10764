"""The public survey page of a site: the open survey of its contract as plain HTML radio
choices, or word that none is open; every question answered, one phone once, a trap for
scripts, what was chosen kept on a refusal; the feedback page links to it only while open."""

from django.test import override_settings

import pytest

from tenders.feedback_views import DEVICE_COOKIE
from tenders.models import SurveyAnswer

pytestmark = pytest.mark.django_db


def _url(centre, suffix=""):
    return f"/zh-hans/survey/{centre.code}/{suffix}"


def _all(survey, rating):
    return {f"q_{question.pk}": str(rating) for question in survey.questions.all()}


def test_without_an_open_survey_the_page_says_so(client, centre):
    response = client.get(_url(centre))
    assert response.status_code == 200
    text = response.content.decode()
    assert "<form" not in text.split("</header>", 1)[-1].split("<footer", 1)[0]
    feedback = client.get(f"/zh-hans/feedback/{centre.code}/").content.decode()
    assert _url(centre) not in feedback


def test_the_page_asks_every_question_without_javascript(client, centre, survey, questions):
    response = client.get(_url(centre))
    assert response.status_code == 200
    text = response.content.decode()
    main = text.split("</header>", 1)[-1].split("<footer", 1)[0]
    assert all(question.text in main for question in questions)
    assert main.count('type="radio"') == 5 * len(questions)
    assert "<script" not in main
    assert response.cookies[DEVICE_COOKIE]["httponly"]
    feedback = client.get(f"/zh-hans/feedback/{centre.code}/").content.decode()
    assert _url(centre) in feedback


def test_answer_then_thanks_and_a_second_answer_is_refused(client, centre, survey):
    client.get(_url(centre))
    response = client.post(_url(centre), _all(survey, 5))
    assert response.status_code == 302 and response["Location"] == _url(centre, "thanks/")
    assert client.get(response["Location"]).status_code == 200
    assert SurveyAnswer.objects.filter(site=centre, rating=5).count() == 2
    again = client.post(_url(centre), _all(survey, 1))
    assert again.status_code == 400
    assert SurveyAnswer.objects.count() == 2


def test_a_missing_answer_is_asked_for_and_the_others_kept(client, centre, survey, questions):
    first, second = questions
    response = client.post(_url(centre), {f"q_{first.pk}": "2"})
    assert response.status_code == 400
    text = response.content.decode()
    assert f'name="q_{first.pk}" value="2"' in text and "checked" in text
    assert "请从五个选项中选择一个" in text
    assert not SurveyAnswer.objects.exists()


def test_the_trap_thanks_a_script_and_keeps_nothing(client, centre, survey):
    data = {**_all(survey, 5), "website": "http://spam.example"}
    response = client.post(_url(centre), data)
    assert response.status_code == 302
    assert not SurveyAnswer.objects.exists()


def test_an_unknown_site_is_not_found(client, db):
    assert client.get("/zh-hans/survey/nosuch/").status_code == 404


@override_settings(RATE_LIMITS={"feedback": (2, 3600)})
def test_an_address_posting_too_often_is_held_back(client, centre, survey):
    for token in ("a", "b"):
        client.cookies[DEVICE_COOKIE] = token
        client.post(_url(centre), _all(survey, 4))
    client.cookies[DEVICE_COOKIE] = "c"
    assert client.post(_url(centre), _all(survey, 4)).status_code == 429
    assert SurveyAnswer.objects.values("device").distinct().count() == 2
