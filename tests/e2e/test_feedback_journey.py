"""A resident scans the poster at a day-care centre with an old phone: 375 px wide, no
JavaScript. The feedback page, then the thanks page: two screens from scan to submitted.
The form page has no serious or critical axe-core violation and nothing scrolls sideways."""

import pytest

from tenders.models import Contract, FeedbackResponse
from tests.e2e.test_phone_width import AXE, AXE_RUN, MEASURE
from tests.factories import awarded, tender_index
from tests.factories.pages import build_public_site
from tests.factories.sites import service_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


def _site():
    site = build_public_site()
    tender, _bids = awarded(tender_index(site.home_zh))
    return service_site(Contract.objects.get(tender=tender.tender))


def test_scan_to_submitted_in_two_screens_without_javascript(live_server, browser, screenshot):
    site = _site()
    context = browser.new_context(locale="zh-CN", viewport=PHONE, java_script_enabled=False)
    phone = context.new_page()
    phone.goto(live_server.url + f"/zh-hans/feedback/{site.code}/")  # screen 1: the QR's page
    screenshot(phone, "feedback-1-form")
    assert site.name in phone.locator("h1").inner_text()
    phone.get_by_label("很满意", exact=True).check()
    phone.locator("#id_comment").fill("护理员很耐心，饭菜也可口。")
    phone.get_by_label("家属代老人填写").check()
    phone.get_by_role("button", name="提交").click()
    phone.wait_for_load_state()  # screen 2: thanks
    screenshot(phone, "feedback-2-thanks")
    assert "谢谢您" in phone.locator("h1").inner_text()
    answer = FeedbackResponse.objects.get()
    assert (answer.rating, answer.respondent) == (5, "family")
    assert answer.comment == "护理员很耐心，饭菜也可口。"
    context.close()


def test_the_feedback_page_fits_a_phone_and_passes_axe(live_server, browser):
    site = _site()
    # axe-core's script is injected: the content security policy would refuse it.
    context = browser.new_context(locale="zh-CN", viewport=PHONE, bypass_csp=True)
    tab = context.new_page()
    for path in (f"/zh-hans/feedback/{site.code}/", f"/zh-hans/feedback/{site.code}/thanks/"):
        tab.goto(live_server.url + path)
        assert tab.evaluate(MEASURE) == []
        tab.evaluate(AXE)
        assert tab.evaluate(AXE_RUN) == []
    # A refusal (no face chosen) is read out as well.
    tab.goto(live_server.url + f"/zh-hans/feedback/{site.code}/")
    tab.get_by_role("button", name="提交").click()
    tab.wait_for_load_state()
    assert "请选择一个表情" in tab.content()
    tab.evaluate(AXE)
    assert tab.evaluate(AXE_RUN) == []
    context.close()
