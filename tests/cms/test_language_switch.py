"""The language switcher works on every page, leads to the same page in the other language,
and the choice is remembered."""

from django.conf import settings

import pytest

pytestmark = pytest.mark.django_db


def _switch(client, language: str, next_url: str):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


def test_switcher_offers_the_translation_of_the_current_page(client, public_site):
    html = client.get("/zh-hans/guidance/guide-2/").content.decode()
    assert 'name="next" value="/en/guidance/guide-2/"' in html
    assert 'value="en" lang="en">English</button>' in html
    assert 'aria-current="true">简体中文</span>' in html


def test_switcher_falls_back_to_the_home_page_when_no_translation_exists(client, public_site):
    public_site.guidance_en[1].unpublish()
    html = client.get("/zh-hans/guidance/guide-1/").content.decode()
    assert 'name="next" value="/en/"' in html


def test_switching_redirects_and_remembers_the_choice(client, public_site):
    response = _switch(client, "en", "/en/guidance/guide-0/")
    assert response.status_code == 302
    assert response["Location"] == "/en/guidance/guide-0/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    # Next visit to the bare address: the remembered choice beats the browser's preference.
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response["Location"] == "/en/"


def test_switcher_on_a_view_outside_the_page_tree_keeps_the_path(client, public_site):
    html = client.get("/zh-hans/search/?q=指南").content.decode()
    assert 'name="next" value="/en/search/?q=' in html


def test_switching_refuses_to_redirect_off_site(client, public_site):
    response = _switch(client, "en", "https://evil.example/")
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_an_unknown_language_changes_nothing(client, public_site):
    response = _switch(client, "xx", "/zh-hans/")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
