"""Task lists in the browser, for the bureau and the evaluators: a bureau officer opens the
subsidy waiting for approval from the admin home in one click and approves it; an evaluator
declares conflicts, then scores each bid, each from the list; every item leaves "what needs
you now" once done, and the list says so when nothing is left."""

import re
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from incubator.kernel.roles import Role
from subsidies.models import SubsidyApplication
from tenders.services.evaluation import evaluator_assign
from tests.e2e.test_incubation_journey import _admin_login
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    bureau_officer,
    incubation_for,
    letterhead_settings,
    member_of,
    recommended_application,
    staff_with_role,
    submitted_bid,
    tender_index,
    tender_page,
)
from tests.factories.pages import build_public_site
from tests.factories.subsidies import scheme_factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _now(page):
    return page.locator("#todo-now")


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_bureau_officer_approves_from_the_task_list(live_server, browser, screenshot):
    build_public_site()
    letterhead_settings()
    organisation = OrganisationFactory(hub=HubFactory(), name="太仓市颐康居家养老服务中心")
    incubation_for(organisation)
    application = recommended_application(organisation, scheme_factory(name="2026年度岗位补贴"))
    bureau_officer(username="bureau")

    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    _admin_login(page, live_server.url, "bureau")
    item = _now(page).locator(f"a[href$='/admin/subsidy_applications/inspect/{application.pk}/']")
    assert organisation.name in item.inner_text()
    screenshot(page, "tasks-bureau-1280")
    item.click()  # one click: the application's page, its next step a primary button
    page.wait_for_url(re.compile(rf".*/inspect/{application.pk}/$"))
    approve = page.locator(f".subsidy-next a.button[href$='/approve/{application.pk}/']")
    assert approve.is_visible()
    approve.click()
    page.wait_for_url(re.compile(rf".*/approve/{application.pk}/$"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == SubsidyApplication.Status.APPROVED
    # Approved, it leaves "approve" and becomes a payment to record.
    page.goto(live_server.url + "/admin/")
    now = _now(page).inner_html()
    assert f"/inspect/{application.pk}/" not in now  # nothing left to decide
    assert f"/disburse/{application.pk}/" in now  # a payment to record
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    screenshot(page, "tasks-bureau-375")
    page.context.close()


def test_an_evaluator_declares_and_scores_from_the_task_list(live_server, browser, screenshot):
    site = build_public_site()
    now = timezone.now()
    tender = tender_page(
        tender_index(site.home_zh),
        title="城厢镇日间照料中心运营服务",
        opens_at=now - timedelta(days=20),
        deadline=now - timedelta(days=1),
    )
    bids = []
    for name in ("太仓市颐康居家养老服务中心", "太仓市乐龄社工服务社"):
        organisation = OrganisationFactory(name=name)
        incubation_for(organisation)
        admin = member_of(organisation, "admin")
        bids.append(
            submitted_bid(tender, organisation, admin, now=tender.deadline - timedelta(hours=2))
        )
    evaluator = staff_with_role(Role.EVALUATOR, username="evaluator")
    evaluator_assign(tender=tender, user=evaluator, by=bureau_officer())

    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    _admin_login(page, live_server.url, "evaluator")
    screenshot(page, "tasks-evaluator-1280")
    _now(page).locator(f"a[href$='/admin/tender-process/{tender.tender_id}/declare/']").click()
    page.wait_for_url(re.compile(r".*/declare/$"))
    for bid in bids:
        page.locator(f"#id_ground_{bid.pk}").select_option("none")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    criteria = [criterion for criterion in tender.criteria.all() if not criterion.is_price]
    for bid in bids:
        page.goto(live_server.url + "/admin/")
        assert "/declare/" not in _now(page).inner_html()
        _now(page).locator(f"a[href$='/admin/tender-process/bids/{bid.pk}/score/']").click()
        page.wait_for_url(re.compile(rf".*/bids/{bid.pk}/score/$"))
        for criterion in criteria:
            page.locator(f"#id_score_{criterion.pk}").fill(str(criterion.weight - Decimal(5)))
            page.locator(f"#id_comment_{criterion.pk}").fill("方案具体可行。")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert bid.scores.count() == len(criteria)

    page.goto(live_server.url + "/admin/")
    assert "/score/" not in _now(page).inner_html()
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert _no_horizontal_scroll(page)
    screenshot(page, "tasks-evaluator-375")
    page.context.close()
