"""The staff-cost subsidy journey in the browser: the organisation's admin fills in the staff
table, checks the answers and submits; the hub manager recommends and a bureau officer approves,
each with the primary button of the application's page; the admin downloads the award letter
and its verification page says it is valid."""

import re

import pytest

from incubator.models import Letter
from subsidies.models import SubsidyApplication
from tests.e2e.test_incubation_journey import _admin_login
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    bureau_officer,
    incubation_for,
    letterhead_settings,
    manager_of,
    member_of,
)
from tests.factories.pages import build_public_site
from tests.factories.subsidies import scheme_factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


def _next_step(page, href: str) -> None:
    """Follow the primary button of the application's next step, visible on its page."""
    button = page.locator(f".subsidy-next a.button[href$='{href}']")
    assert button.is_visible()
    button.click()
    page.wait_for_load_state()


def test_apply_recommend_approve_and_verify_the_award_letter(live_server, browser, screenshot):
    build_public_site()
    letterhead_settings()
    hub = HubFactory(name="瑞安社会工作服务中心")
    organisation = OrganisationFactory(hub=hub, name="太仓市颐康居家养老服务中心")
    incubation_for(organisation)
    member_of(organisation, "admin", username="orgadmin")
    manager_of(hub, username="hubmanager")
    bureau_officer(username="bureau")
    scheme = scheme_factory(name="2026年度社会组织社工岗位补贴")

    # The organisation's admin applies for one social worker and submits.
    portal = browser.new_context(locale="en-GB").new_page()
    portal.goto(live_server.url + "/en/accounts/login/")
    portal.locator("#id_username").fill("orgadmin")
    portal.locator("#id_password").fill("correct-horse-battery")
    portal.locator("main form button[type=submit]").click()
    portal.wait_for_url(re.compile(r".*/en/portal/$"))
    portal.get_by_role("link", name="Subsidies").first.click()
    portal.locator(f"a[href$='/portal/subsidies/schemes/{scheme.pk}/apply/']").click()
    portal.locator("#id_lines-0-name").fill("吴婷")
    portal.locator("#id_lines-0-title").fill("社工督导")
    portal.locator("#id_lines-0-qualification").select_option("social_worker")
    portal.locator("#id_lines-0-employment_started_on").fill("2025-07-01")
    portal.locator("#id_lines-0-monthly_salary").fill("8200")
    portal.locator("#id_lines-0-months").fill("12")
    portal.locator("#id_payroll").set_input_files(
        [{"name": "payroll.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    screenshot(portal, "subsidy-0-form")
    portal.locator("button[name=action][value=continue]").click()
    portal.wait_for_url(re.compile(r".*/portal/subsidies/\d+/check/$"))
    application = SubsidyApplication.objects.get(organisation=organisation)
    assert application.status == SubsidyApplication.Status.DRAFT  # nothing submitted yet
    assert "吴婷" in portal.content() and "¥48,000.00" in portal.content()
    screenshot(portal, "subsidy-0-check")
    portal.get_by_role("button", name="Submit the application").click()
    portal.wait_for_url(re.compile(r".*/portal/subsidies/\d+/$"))
    application.refresh_from_db()
    assert application.status == SubsidyApplication.Status.SUBMITTED
    assert application.eligible_total == 48000  # ¥4,000 cap × 12 months
    screenshot(portal, "subsidy-1-submitted")

    # The hub manager recommends it.
    staff = browser.new_context(locale="en-GB").new_page()
    _admin_login(staff, live_server.url, "hubmanager")
    staff.goto(live_server.url + f"/admin/subsidy_applications/inspect/{application.pk}/")
    _next_step(staff, f"/admin/subsidy_applications/recommend/{application.pk}/")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == SubsidyApplication.Status.RECOMMENDED
    staff.context.close()

    # A bureau officer approves it, which issues the award letter.
    officer = browser.new_context(locale="en-GB").new_page()
    _admin_login(officer, live_server.url, "bureau")
    officer.goto(live_server.url + f"/admin/subsidy_applications/inspect/{application.pk}/")
    _next_step(officer, f"/admin/subsidy_applications/approve/{application.pk}/")
    screenshot(officer, "subsidy-2-approve")
    officer.locator("main form button[type=submit]").click()
    officer.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == SubsidyApplication.Status.APPROVED
    letter = Letter.objects.get(pk=application.award_letter_id)
    assert letter.render_status == Letter.RenderStatus.READY

    # The organisation downloads the letter, and anyone can verify it.
    portal.goto(live_server.url + f"/en/portal/subsidies/{application.pk}/")
    screenshot(portal, "subsidy-3-approved")
    link = portal.get_by_role("link", name=letter.reference)
    response = portal.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF-")
    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(live_server.url + f"/en/letters/verify/{letter.verification_code}/")
    assert "This letter is genuine and valid." in visitor.content()
    screenshot(visitor, "subsidy-4-verified")
