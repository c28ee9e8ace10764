"""A resident's complaint on an old phone (375 px wide, no JavaScript): from the feedback
page to the complaint form, filed, the tracking code on screen; the provider answers; the
resident looks the code up and rates the answer. Each page fits the phone; the complaint form
and the complaint's page have no serious or critical axe-core violation."""

import pytest

from tenders.models import Complaint, Contract
from tenders.services.complaints import complaint_answer
from tests.e2e.test_phone_width import AXE, AXE_RUN, MEASURE
from tests.factories import awarded, member_of, tender_index
from tests.factories.pages import build_public_site
from tests.factories.sites import service_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


def test_a_resident_files_a_complaint_and_rates_the_answer_without_javascript(
    live_server, browser, screenshot
):
    public = build_public_site()
    tender, _bids = awarded(tender_index(public.home_zh))
    site = service_site(Contract.objects.get(tender=tender.tender))
    context = browser.new_context(locale="zh-CN", viewport=PHONE, java_script_enabled=False)
    phone = context.new_page()
    phone.goto(live_server.url + f"/zh-hans/feedback/{site.code}/")
    phone.get_by_role("link", name="遇到问题？提交投诉").click()
    phone.wait_for_load_state()
    screenshot(phone, "complaint-1-form")
    assert phone.evaluate(MEASURE) == []
    phone.get_by_label("餐饮").check()
    phone.locator("#id_description").fill("午饭送到时已经凉了，连续三天如此。")
    phone.get_by_label("家属代老人填写").check()
    phone.get_by_role("button", name="提交投诉").click()
    phone.wait_for_load_state()
    screenshot(phone, "complaint-2-filed")
    complaint = Complaint.objects.get()
    code = phone.locator("[data-tracking-code]").inner_text()
    assert code == complaint.display_code
    assert phone.evaluate(MEASURE) == []

    complaint_answer(
        complaint=complaint,
        answer="已更换保温餐箱，出餐后十分钟内送到餐桌。",
        by=member_of(site.contract.organisation, "member"),
    )
    phone.goto(live_server.url + "/zh-hans/complaints/")
    phone.get_by_label("查询编码").fill(code.lower())
    phone.get_by_role("button", name="查询").click()
    phone.wait_for_load_state()
    assert "已更换保温餐箱" in phone.content()
    phone.get_by_label("4分 – 好").check()
    phone.get_by_role("button", name="评价答复").click()
    phone.wait_for_load_state()
    screenshot(phone, "complaint-3-rated")
    assert "您对答复的评分为4分" in phone.content()
    assert phone.evaluate(MEASURE) == []
    complaint.refresh_from_db()
    assert complaint.rating == 4
    context.close()

    checker = browser.new_context(locale="zh-CN", viewport=PHONE, bypass_csp=True)
    tab = checker.new_page()
    for path in (
        f"/zh-hans/feedback/{site.code}/complaint/",
        f"/zh-hans/complaints/{complaint.tracking_code}/",
        f"/zh-hans/feedback/{site.code}/performance/",
    ):
        tab.goto(live_server.url + path)
        tab.evaluate(AXE)
        assert tab.evaluate(AXE_RUN) == [], path
    checker.close()
