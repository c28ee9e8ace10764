"""A family member finds care services on an old phone with JavaScript off: chooses a town in
the plain form, opens a site's page (prices with and without the care voucher, hours, how to
get there), then the community's list to print, which prints on A4. Nothing scrolls sideways
at 375 px and axe-core finds no serious or critical violation, with JavaScript off."""

import re

import pytest

from tests.e2e.test_phone_width import AXE, AXE_RUN, MEASURE
from tests.factories import tender_index
from tests.factories.directory import directory_page, published_contract, with_offer
from tests.factories.pages import build_public_site
from tests.factories.sites import service_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _axe(browser, live_server, paths):
    """axe-core on ``paths`` as they are without JavaScript: axe needs a page that runs
    scripts, so the page's own scripts are refused instead (the DOM is what a browser with
    JavaScript off shows)."""
    context = browser.new_context(locale="zh-CN", viewport=PHONE, bypass_csp=True)
    context.route("**/*.js", lambda route: route.abort())
    tab = context.new_page()
    for path in paths:
        tab.goto(live_server.url + path)
        tab.evaluate(AXE)
        assert tab.evaluate(AXE_RUN) == [], path
    context.close()


def test_a_family_member_finds_a_day_care_centre_and_prints_the_list(
    live_server, browser, screenshot
):
    public = build_public_site(guidance_count=0)
    directory = directory_page(public.home_zh)
    directory_page(public.home_en, source=directory)
    contract = published_contract(tender_index(public.home_zh))
    centre = with_offer(service_site(contract, name="城厢镇东林村日间照料中心"))
    service_site(
        contract, name="浮桥镇老年助餐点", town="浮桥镇", community="浮南社区", kind="canteen"
    )
    for viewport, width in ((PHONE, "phone"), (DESKTOP, "desktop")):
        # JavaScript off, as on an old phone's browser.
        context = browser.new_context(locale="zh-CN", viewport=viewport, java_script_enabled=False)
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        tab.goto(live_server.url + directory.url)
        screenshot(tab, f"directory-1-index-{width}")
        assert tab.evaluate(MEASURE) == [], "index"
        tab.get_by_label("镇（街道）").select_option("城厢镇")
        tab.get_by_role("button", name="查看服务").click()
        tab.wait_for_load_state()
        assert "town=" in tab.url and "浮桥镇老年助餐点" not in tab.content()
        tab.get_by_role("link", name=centre.name).click()
        tab.wait_for_load_state()
        screenshot(tab, f"directory-2-site-{width}")
        html = tab.content()
        assert re.search(r"午餐.*?¥20\.00.*?¥8\.00", html, re.S) and "08:00–11:30" in html
        assert tab.evaluate(MEASURE) == [], "site"
        tab.get_by_role("link", name="东林村服务清单（打印版）").click()
        tab.wait_for_load_state()
        screenshot(tab, f"directory-3-print-{width}")
        assert "site-nav" not in tab.content()
        assert tab.evaluate(MEASURE) == [], "print"
        paths = [
            directory.url,
            f"{directory.url}site/{centre.code}/",
            tab.url[len(live_server.url) :],
        ]
        context.close()
    _axe(browser, live_server, paths)
    # The list prints on A4 (595 × 842 points), whatever the printer's default.
    context = browser.new_context(locale="zh-CN")
    tab = context.new_page()
    tab.goto(live_server.url + directory.url + "print/城厢镇/东林村/")
    pdf = tab.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and all(
        abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes
    ), boxes
    context.close()
