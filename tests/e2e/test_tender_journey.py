"""The tender journey in the browser: the organisation's admin bids on an open tender; after the
deadline the evaluator declares no conflict and scores the bid; a bureau officer awards it; the
public tender page shows the award notice; the organisation downloads its award letter."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from incubator.kernel.roles import Role
from incubator.models import Letter
from tenders.models import Tender, TenderBid, TenderPage
from tenders.services.evaluation import evaluator_assign
from tests.e2e.test_incubation_journey import _admin_login
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    bureau_officer,
    incubation_for,
    letterhead_settings,
    member_of,
    staff_with_role,
    tender_index,
    tender_page,
)
from tests.factories.pages import build_public_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


def _portal_login(page, base_url: str) -> None:
    page.goto(base_url + "/en/accounts/login/")
    page.locator("#id_username").fill("orgadmin")
    page.locator("#id_password").fill("correct-horse-battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/en/portal/$"))


def test_bid_evaluate_award_and_download_the_letter(live_server, browser, screenshot):
    site = build_public_site()
    letterhead_settings()
    organisation = OrganisationFactory(hub=HubFactory(), name="太仓市颐康居家养老服务中心")
    incubation_for(organisation)
    member_of(organisation, "admin", username="orgadmin")
    evaluator = staff_with_role(Role.EVALUATOR, username="evaluator")
    bureau = bureau_officer(username="bureau")
    tender = tender_page(
        tender_index(site.home_zh), title="城厢镇日间照料中心运营服务", budget_ceiling=300000
    )
    evaluator_assign(tender=tender, user=evaluator, by=bureau)

    # The organisation's admin bids while the tender is open.
    portal = browser.new_context(locale="en-GB").new_page()
    _portal_login(portal, live_server.url)
    portal.goto(live_server.url + f"/en/portal/tenders/{tender.pk}/bid/")
    portal.locator("#id_method_statement").fill("日间照料、助餐和康复活动，每周开放六天。")
    portal.locator("#id_staffing_plan").fill("社工督导一名，护理员四名。")
    portal.locator("#id_price").fill("268000")
    portal.locator("#id_declaration").check()
    portal.locator("#id_attachments").set_input_files(
        [{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    portal.locator("button[name=check]").click()
    portal.wait_for_load_state()
    # Nothing is submitted before the admin has checked the answers.
    assert not TenderBid.objects.filter(tender=tender.tender).exists()
    assert "¥268,000.00" in portal.content() and "plan.pdf" in portal.content()
    screenshot(portal, "tender-1-check")
    portal.locator("button[name=submit]").click()
    portal.wait_for_load_state()
    bid = TenderBid.objects.get(tender=tender.tender, organisation=organisation)
    assert bid.status == TenderBid.Status.SUBMITTED
    screenshot(portal, "tender-1-bid")

    # The deadline passes.
    passed = timezone.now() - timedelta(minutes=1)
    TenderPage.objects.filter(pk=tender.pk).update(deadline=passed)
    Tender.objects.filter(pk=tender.tender_id).update(deadline=passed)

    # The evaluator declares no conflict, then scores the bid.
    staff = browser.new_context(locale="en-GB").new_page()
    _admin_login(staff, live_server.url, "evaluator")
    staff.goto(live_server.url + f"/admin/tender-process/{tender.pk}/declare/")
    staff.locator(f"#id_ground_{bid.pk}").select_option("none")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    staff.goto(live_server.url + f"/admin/tender-process/bids/{bid.pk}/score/")
    for criterion in tender.criteria.filter(is_price=False):
        staff.locator(f"#id_score_{criterion.pk}").fill(str(criterion.weight - 5))
        staff.locator(f"#id_comment_{criterion.pk}").fill("方案具体可行。")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    assert bid.scores.count() == 2
    staff.context.close()

    # A bureau officer awards the tender.
    officer = browser.new_context(locale="en-GB").new_page()
    _admin_login(officer, live_server.url, "bureau")
    officer.goto(live_server.url + f"/admin/tender-process/{tender.pk}/award/")
    officer.locator("#id_bid").select_option(str(bid.pk))
    officer.locator("#id_amount").fill("268000")
    officer.locator("#id_rationale").fill("综合得分最高，服务方案具体可行。")
    officer.locator("#id_contract_starts_on").fill("2027-01-01")
    officer.locator("#id_contract_months").fill("12")
    officer.locator("#id_deliverables").fill("每月服务报告和季度满意度调查。")
    officer.locator("main form button[type=submit]").first.click()
    officer.wait_for_load_state()
    # The award is public at once: the officer confirms it on a page of its own.
    officer.locator("main form button[name=confirmed]").click()
    officer.wait_for_load_state()
    screenshot(officer, "tender-2-awarded")

    # The public page shows the award notice at once.
    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(live_server.url + tender.url)
    assert "太仓市颐康居家养老服务中心" in visitor.content()
    assert "综合得分最高" in visitor.content()
    screenshot(visitor, "tender-3-notice")

    # The organisation downloads its award letter.
    letter = Letter.objects.get(recipient=organisation, kind="tender_award")
    portal.goto(live_server.url + "/en/portal/letters/")
    link = portal.locator(f"a[href$='/files/letters/{letter.pk}/']").first
    response = portal.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF-")
