"""The admin home's panels that load after the page, in the browser: a bureau officer's home
fills every placeholder with its panel, whose collapse button works and whose ids are the
panel's (a link to it in the address scrolls to it); a panel that fails to load says so in
Chinese and loads when asked again; when the session has ended it asks to reload; at 375 px
nothing scrolls sideways."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.test_incubation_journey import _admin_login
from tests.factories import HubFactory, bureau_officer, milestone_for
from tests.factories.pages import build_public_site
from tests.factories.spaces import incubating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "完成理事会换届选举"
OVERDUE = "**/admin/dashboard/panels/overdue_milestones/"


def _officer_home(live_server, browser, width: int = 1280):
    build_public_site()
    hub = HubFactory(name="太仓市瑞安社会组织孵化基地")
    milestone_for(
        incubating(hub, name="太仓市沙溪镇乐龄日间照料中心"), title=TITLE, due_on=date(2026, 1, 1)
    )
    bureau_officer(username="bureau")
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    return context.new_page()


def test_every_panel_loads_in_place_and_still_collapses(live_server, browser, screenshot):
    page = _officer_home(live_server, browser)
    _admin_login(page, live_server.url, "bureau")
    overdue = page.locator("#dashboard-overdue-section")
    overdue.get_by_role("link", name=TITLE).wait_for()
    expect(page.locator("[data-dashboard-panel]")).to_have_count(0)
    for heading in ("各阶段机构", "近 12 个月使用率", "逾期里程碑", "有风险的合同", "本局时限"):
        assert page.get_by_role("heading", name=heading).is_visible(), heading
    assert (
        "太仓市瑞安社会组织孵化基地"
        in page.locator("#dashboard-organisations-section").inner_text()
    )
    screenshot(page, "dashboard-panels-1280")
    toggle = overdue.locator("[data-panel-toggle]")
    assert toggle.get_attribute("aria-controls") == "dashboard-overdue-content"
    assert overdue.get_attribute("aria-labelledby") == "dashboard-overdue-heading"
    assert page.locator("#dashboard-overdue-heading").inner_text() == "逾期里程碑"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not overdue.get_by_role("link", name=TITLE).is_visible()
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    page.locator("#dashboard-overdue-section").wait_for()
    expect(page.locator("[data-dashboard-panel]")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "dashboard-panels-375")
    page.context.close()


def test_a_panel_that_fails_says_so_and_loads_when_asked_again(live_server, browser):
    page = _officer_home(live_server, browser)
    page.route(OVERDUE, lambda route: route.fulfill(status=500, body="服务器错误"))
    _admin_login(page, live_server.url, "bureau")
    placeholder = page.locator("#dashboard-loading-overdue_milestones-section")
    retry = placeholder.get_by_role("button", name="重试")
    retry.wait_for()
    assert "面板加载失败，请重试。" in placeholder.inner_text()
    assert "服务器错误" not in page.content()
    page.unroute(OVERDUE)
    retry.click()
    page.locator("#dashboard-overdue-section").get_by_role("link", name=TITLE).wait_for()
    page.context.close()


def test_a_link_to_a_panel_scrolls_to_it_once_loaded(live_server, browser):
    page = _officer_home(live_server, browser, width=375)
    _admin_login(page, live_server.url, "bureau")
    # Opened afresh, as from a link elsewhere: not a jump within the page already shown.
    page.goto("about:blank")
    page.goto(live_server.url + "/admin/#dashboard-overdue-section")
    link = page.locator("#dashboard-overdue-section").get_by_role("link", name=TITLE)
    link.wait_for()
    expect(page.locator("#dashboard-overdue-section")).to_be_in_viewport()
    page.context.close()


def test_a_panel_asks_to_reload_when_the_session_has_ended(live_server, browser):
    page = _officer_home(live_server, browser)
    _admin_login(page, live_server.url, "bureau")
    page.route(
        OVERDUE,
        lambda route: route.fulfill(status=302, headers={"Location": "/admin/login/?next=/admin/"}),
    )
    page.reload()
    placeholder = page.locator("#dashboard-loading-overdue_milestones-section")
    expect(placeholder).to_contain_text("登录已过期，请刷新页面重新登录。")
    assert not placeholder.get_by_role("button", name="重试").is_visible()
    page.context.close()
