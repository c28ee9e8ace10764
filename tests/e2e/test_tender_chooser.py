"""The bids list's tender filter in a browser: a bureau officer opens the chooser from the
filters, searches, picks a tender, and the list shows that tender's bids alone."""

import re

import pytest

from tests.e2e.test_incubation_journey import _admin_login
from tests.factories import awarded, bureau_officer, tender_index
from tests.factories.pages import build_public_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_bureau_officer_filters_the_bids_by_a_chosen_tender(live_server, browser, screenshot):
    site = build_public_site(guidance_count=0)
    index = tender_index(site.home_zh)
    first, first_bids = awarded(index, final=False)
    second, second_bids = awarded(index, final=False)
    bureau_officer(username="bureau")

    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(30_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _admin_login(page, live_server.url, "bureau")
    page.goto(live_server.url + "/admin/tender_bids/")
    assert page.get_by_text(first_bids[0].organisation.name).count() == 1

    page.locator("#filters-drilldown [data-w-dropdown-target='toggle']").first.click()
    page.locator("[aria-controls='drilldown-id_tender']").click()
    chooser = page.locator("#id_tender-chooser")
    chooser.locator("[data-chooser-action-choose]").filter(visible=True).first.click()
    modal = page.locator(".modal-content")
    modal.locator("table").first.wait_for()
    assert modal.get_by_text(first.reference).count() == 1
    modal.locator("#id_q").fill(second.reference)
    modal.get_by_text(first.reference).wait_for(state="detached")
    screenshot(page, "tender-chooser-1280")
    modal.locator("a[data-chooser-modal-choice]", has_text=second.reference).click()

    page.wait_for_url(re.compile(rf".*[?&]tender={second.pk}\b.*"))
    page.get_by_text(first_bids[0].organisation.name).wait_for(state="detached")
    assert page.get_by_text(second_bids[0].organisation.name).count() == 1
    assert second.reference in chooser.inner_text()
    assert errors == []
