"""Site search covers published, public pages of the visitor's language only."""

import pytest

from tests.factories import guidance_page

# Pages are indexed as they are published, as in production (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]


def test_search_finds_pages_in_the_active_language(client, public_site):
    html = client.get("/en/search/", {"q": "Guide"}).content.decode()
    assert "Guide 1" in html
    assert "指南1" not in html


def test_search_in_chinese(client, public_site):
    response = client.get("/zh-hans/search/", {"q": "指南1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "/zh-hans/guidance/guide-1/" in html


def test_unpublished_pages_are_not_found(client, public_site):
    public_site.guidance_en[2].unpublish()
    html = client.get("/en/search/", {"q": "Guide"}).content.decode()
    assert "/en/guidance/guide-2/" not in html
    assert "/en/guidance/guide-1/" in html


def test_no_results_says_so(client, public_site):
    html = client.get("/en/search/", {"q": "zebra"}).content.decode()
    assert "No pages match “zebra”" in html


def test_empty_query_shows_the_form_only(client, public_site):
    html = client.get("/en/search/").content.decode()
    assert 'id="search-q"' in html
    assert "No pages match" not in html


@pytest.mark.parametrize("page", ["abc", "999", "-1", ""])
def test_bad_page_numbers_do_not_fail(client, public_site, page):
    response = client.get("/en/search/", {"q": "Guide", "page": page})
    assert response.status_code == 200


def test_overlong_query_is_cut_not_refused(client, public_site):
    response = client.get("/en/search/", {"q": "Guide " * 200})
    assert response.status_code == 200


def test_chinese_search_finds_words_inside_longer_runs(client, public_site):
    guidance_page(public_site.index_zh, "如何申报岗位补贴", "subsidy")
    for query in ["补贴", "岗位补贴", "申报 补贴", "补"]:
        html = client.get("/zh-hans/search/", {"q": query}).content.decode()
        assert "/zh-hans/guidance/subsidy/" in html, query
    html = client.get("/zh-hans/search/", {"q": "补助"}).content.decode()
    assert "/zh-hans/guidance/subsidy/" not in html


def test_pages_with_the_words_in_their_title_come_first(client, public_site):
    guidance_page(public_site.index_zh, "如何申报岗位补贴", "subsidy")
    long_page = guidance_page(public_site.index_zh, "年度工作报告", "report")
    long_page.summary = "补贴 " * 3
    long_page.save_revision().publish()
    html = client.get("/zh-hans/search/", {"q": "补贴"}).content.decode()
    assert html.index("/zh-hans/guidance/subsidy/") < html.index("/zh-hans/guidance/report/")
