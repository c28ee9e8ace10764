"""A visitor reads the public site in a real browser: home, guidance, search, language switch."""

import re

import pytest

from tests.factories import build_public_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    return build_public_site()


def test_chinese_browser_sees_the_chinese_home_page(live_server, site, zh_page, screenshot):
    zh_page.goto(live_server.url + "/")
    assert zh_page.url.endswith("/zh-hans/")
    assert zh_page.locator("h1").inner_text() == "欢迎访问社会组织孵化基地"
    assert zh_page.locator("html").get_attribute("lang") == "zh-Hans"
    assert zh_page.get_by_role("link", name="办事指南").first.is_visible()
    screenshot(zh_page, "home-zh")


def test_english_browser_sees_the_english_home_page(live_server, site, en_page):
    en_page.goto(live_server.url + "/")
    assert en_page.url.endswith("/en/")
    assert en_page.locator("h1").inner_text() == "Welcome to the incubator"


def test_guidance_page_questions_open_without_script(live_server, site, en_page, screenshot):
    en_page.goto(live_server.url + "/en/guidance/")
    en_page.get_by_role("link", name="Guide 1").click()
    assert en_page.url.endswith("/en/guidance/guide-1/")
    answer = en_page.locator(".qa__answer").first
    assert not answer.is_visible()
    en_page.locator(".qa summary").first.click()
    assert answer.is_visible()
    screenshot(en_page, "guidance-en")


@pytest.mark.usefixtures("search_index")
def test_search_from_the_header(live_server, site, zh_page, screenshot):
    zh_page.goto(live_server.url + "/zh-hans/")
    zh_page.get_by_role("searchbox", name="站内搜索").fill("指南2")
    zh_page.get_by_role("search").get_by_role("button", name="搜索").click()
    assert "/zh-hans/search/" in zh_page.url
    zh_page.get_by_role("link", name="指南2").click()
    assert zh_page.url.endswith("/zh-hans/guidance/guide-2/")
    screenshot(zh_page, "search-zh")


def test_language_switch_keeps_the_page_and_is_remembered(live_server, site, zh_page):
    zh_page.goto(live_server.url + "/zh-hans/guidance/guide-0/")
    zh_page.get_by_role("button", name="English").click()
    assert zh_page.url.endswith("/en/guidance/guide-0/")
    assert zh_page.locator("h1").inner_text() == "Guide 0"
    # The browser still prefers Chinese, but the remembered choice wins.
    zh_page.goto(live_server.url + "/")
    assert zh_page.url.endswith("/en/")
    zh_page.get_by_role("button", name="简体中文").click()
    assert zh_page.url.endswith("/zh-hans/")


def test_skip_link_appears_on_keyboard_focus(live_server, site, en_page):
    en_page.goto(live_server.url + "/en/")
    en_page.keyboard.press("Tab")
    skip = en_page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    skip.press("Enter")
    assert re.search(r"#main$", en_page.url)


def test_phone_width_has_no_horizontal_scroll(live_server, site, browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + "/zh-hans/guidance/guide-1/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
