"""The public feedback page of a site: no account, works as plain HTML forms, one answer per
phone a day, a trap for scripts, a rate limit per address, every refusal translated with what
was typed kept."""

from django.test import override_settings

import pytest

from tenders.feedback_views import DEVICE_COOKIE
from tenders.models import FeedbackResponse

pytestmark = pytest.mark.django_db


def _url(site, suffix=""):
    return f"/zh-hans/feedback/{site.code}/{suffix}"


def test_the_page_asks_in_chinese_and_gives_the_phone_a_token(client, site, contract):
    response = client.get(_url(site))
    assert response.status_code == 200
    text = response.content.decode()
    assert site.name in text and contract.organisation.name in text
    assert "很满意" in text and "谁在填写" in text and "保留多久" in text
    assert "<script" not in text.split("</header>", 1)[-1].split("<footer", 1)[0]
    assert response.cookies[DEVICE_COOKIE]["httponly"]


def test_scan_answer_thanks(client, site):
    client.get(_url(site))
    response = client.post(
        _url(site), {"rating": "5", "comment": "护理员很耐心。", "respondent": "family"}
    )
    assert response.status_code == 302 and response["Location"] == _url(site, "thanks/")
    answer = FeedbackResponse.objects.get()
    assert (answer.rating, answer.respondent, answer.comment) == (5, "family", "护理员很耐心。")
    thanks = client.get(response["Location"])
    assert "谢谢" in thanks.content.decode()


def test_a_second_answer_the_same_day_is_refused_and_the_comment_kept(client, site):
    client.get(_url(site))
    client.post(_url(site), {"rating": "4", "respondent": "resident"})
    again = client.post(
        _url(site), {"rating": "1", "comment": "再说一次", "respondent": "resident"}
    )
    assert again.status_code == 400
    text = again.content.decode()
    assert "今天已" in text and "再说一次" in text
    assert FeedbackResponse.objects.count() == 1


def test_a_missing_face_is_asked_for_and_the_comment_kept(client, site):
    response = client.post(_url(site), {"comment": "饭菜偏咸。", "respondent": "resident"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "请选择" in text and "饭菜偏咸。" in text
    assert not FeedbackResponse.objects.exists()


def test_a_filled_trap_is_thanked_and_nothing_kept(client, site):
    response = client.post(
        _url(site), {"rating": "1", "respondent": "resident", "website": "http://spam"}
    )
    assert response.status_code == 302
    assert not FeedbackResponse.objects.exists()


def test_an_unknown_site_is_not_found(client, site):
    assert client.get("/zh-hans/feedback/nosuchsite/").status_code == 404
    assert client.get("/zh-hans/feedback/" + "x" * 300 + "/").status_code == 404


@override_settings(RATE_LIMITS={"feedback": (3, 3600)})
def test_one_address_is_rate_limited(client, site):
    for token in ("a", "b", "c"):
        client.cookies[DEVICE_COOKIE] = token
        client.post(_url(site), {"rating": "3", "respondent": "resident"})
    client.cookies[DEVICE_COOKIE] = "d"
    response = client.post(_url(site), {"rating": "3", "respondent": "resident"})
    assert response.status_code == 429
    assert FeedbackResponse.objects.count() == 3


def test_the_page_keeps_its_query_count_as_answers_grow(
    client, site, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(_url(site))
    for n in range(5):
        client.cookies[DEVICE_COOKIE] = f"t{n}"
        client.post(_url(site), {"rating": "4", "respondent": "resident"})
    with CaptureQueriesContext(connection) as many:
        client.get(_url(site))
    assert len(many.captured_queries) == len(few.captured_queries)
