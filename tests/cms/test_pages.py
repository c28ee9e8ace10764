"""Public pages render in the visitor's language, with their blocks, at a constant query cost."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import build_public_site, guidance_page

pytestmark = pytest.mark.django_db


def test_root_redirects_a_chinese_browser_to_the_chinese_home_page(client, public_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"


def test_root_redirects_an_english_browser_to_the_english_home_page(client, public_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_home_page_shows_chinese_content_and_interface(client, public_site):
    response = client.get("/zh-hans/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert "欢迎访问社会组织孵化基地" in html
    assert "太仓市民政局" in html
    assert "跳到主要内容" in html  # the skip link, translated


def test_home_page_shows_english_content_and_interface(client, public_site):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Welcome to the incubator" in html
    assert "Taicang Civil Affairs Bureau" in html
    assert "Skip to main content" in html


def test_home_page_lists_latest_guidance_of_its_own_language(client, public_site):
    html = client.get("/en/").content.decode()
    assert "Guide 0" in html
    assert "指南0" not in html


def test_guidance_page_renders_its_blocks(client, public_site):
    response = client.get("/zh-hans/guidance/guide-1/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>指南1 要点</h2>" in html
    assert '<details class="qa">' in html
    assert "指南1 需要多久？" in html
    assert 'aria-current="page"' in html  # the guidance menu item is marked current


def test_guidance_index_lists_its_pages(client, public_site):
    html = client.get("/en/guidance/").content.decode()
    for n in range(3):
        assert f"Guide {n}" in html


def test_unpublished_guidance_is_not_served(client, public_site):
    page = public_site.guidance_zh[0]
    page.unpublish()
    assert client.get("/zh-hans/guidance/guide-0/").status_code == 404


def test_unknown_page_is_a_friendly_404(client, public_site):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


PUBLIC_URLS = ["/zh-hans/", "/en/", "/en/guidance/", "/en/guidance/guide-1/", "/en/search/?q=Guide"]


def test_public_pages_keep_a_constant_query_count(client, search_index):
    site = build_public_site(guidance_count=3)
    for url in PUBLIC_URLS:
        client.get(url)  # warm per-process caches (content types, site root paths)
    few = {url: _queries(client, url) for url in PUBLIC_URLS}
    for n in range(3, 30):
        zh_page = guidance_page(site.index_zh, f"指南{n}", f"guide-{n}")
        guidance_page(site.index_en, f"Guide {n}", f"guide-{n}", source=zh_page)
    for url in PUBLIC_URLS:
        client.get(url)  # publishing emptied the page cache (menus, settings): warm it again
    many = {url: _queries(client, url) for url in PUBLIC_URLS}
    assert few == many
    assert max(many.values()) <= 10, many
    # The search page counted is one with results (pages are indexed in this test).
    assert "pages match" in client.get("/en/search/?q=Guide").content.decode()
