"""The incubation journey in the browser: a visitor applies to join, checks the answers,
submits and confirms the email; the hub manager admits the organisation from the button beside
its title; its new admin logs in and uploads evidence for a milestone of the plan; the hub
manager verifies it."""

import re

from django.core import mail

import pytest

from incubator.models import Milestone, Organisation
from tests.factories import HubFactory, MilestoneTemplateFactory, letterhead_settings, manager_of
from tests.factories.pages import build_public_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
PASSWORD = "Quiet-river-lantern-7"


def _admin_login(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("correct-horse-battery")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/$"))


def _header_action(page, href: str) -> None:
    """Follow one of the header's action links: a record's main actions are buttons in the
    header; others are in its actions menu, opened first."""
    link = page.locator(f"header a[href*='{href}']").first
    if not link.is_visible():
        page.locator("header [data-w-dropdown-target='toggle']").first.click()
    link.click()
    page.wait_for_load_state()


def test_apply_admit_submit_evidence_and_verify(live_server, browser, screenshot):
    build_public_site()
    letterhead_settings()
    hub = HubFactory(name="太仓市瑞安社会组织孵化基地", name_en="Ruian Incubation Hub")
    MilestoneTemplateFactory(
        hub=hub, title="理事会按章程召开会议", area="governance", due_after_months=3
    )
    manager_of(hub, username="manager")

    # A visitor applies to join and confirms the address from the email.
    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(live_server.url + "/en/incubator/apply/")
    visitor.locator("#id_hub").select_option(str(hub.pk))
    visitor.locator("#id_name").fill("太仓市沙溪镇乐龄日间照料中心")
    visitor.locator("#id_legal_form").select_option("social_service")
    visitor.locator("#id_registration_status").select_option("preparing")
    visitor.locator("#id_mission").fill("为沙溪镇的老年人提供日间照料和助餐服务。")
    visitor.locator("#id_incubation_plan").fill("一年内完成登记，建立理事会和财务制度。")
    visitor.locator("#id_contact_name").fill("顾敏")
    visitor.locator("#id_contact_phone").fill("0512-53500000")
    visitor.locator("#id_contact_email").fill("gu.min@example.org")
    visitor.locator("#id_password1").fill(PASSWORD)
    visitor.locator("#id_password2").fill(PASSWORD)
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_url(re.compile(r".*/incubator/apply/check/$"))
    assert "太仓市沙溪镇乐龄日间照料中心" in visitor.content()  # every answer, to check
    screenshot(visitor, "journey-0-check-answers")
    visitor.get_by_role("button", name="Submit application").click()
    visitor.wait_for_url(re.compile(r".*/incubator/apply/sent/$"))
    assert "gu.min@example.org" in visitor.content()
    link = re.search(r"https?://\S+/incubator/apply/confirm/\S+/", mail.outbox[-1].body).group(0)
    visitor.goto(live_server.url + "/" + link.split("/", 3)[3])
    screenshot(visitor, "journey-1-confirmed")

    # The hub manager admits the organisation from the back office.
    staff = browser.new_context(locale="en-GB").new_page()
    _admin_login(staff, live_server.url, "manager")
    staff.goto(live_server.url + "/admin/intake/")
    staff.get_by_role("link", name="太仓市沙溪镇乐龄日间照料中心").first.click()
    staff.wait_for_url(re.compile(r".*/admin/intake/inspect/\d+/$"))
    screenshot(staff, "journey-2a-application")
    staff.locator("header a[data-action-button='primary']").click()  # Admit, beside the title
    staff.wait_for_url(re.compile(r".*/admin/intake/admit/\d+/$"))
    screenshot(staff, "journey-2b-admission-form")
    staff.locator("#id_started_on").fill("2026-12-01")
    staff.locator("#id_months").fill("12")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    organisation = Organisation.objects.get(name="太仓市沙溪镇乐龄日间照料中心")
    assert organisation.stage == Organisation.Stage.INCUBATING
    milestone = organisation.milestones.get()
    screenshot(staff, "journey-2-admitted")

    # The new admin logs in, opens the plan and submits evidence.
    visitor.goto(live_server.url + "/en/accounts/login/")
    visitor.locator("#id_username").fill("gu.min@example.org")
    visitor.locator("#id_password").fill(PASSWORD)
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_url(re.compile(r".*/en/portal/$"))
    visitor.get_by_role("link", name="Milestones").first.click()
    visitor.get_by_role("link", name="理事会按章程召开会议").click()
    visitor.locator("#id_note").fill("第一次理事会会议纪要，附签到表。")
    visitor.locator("#id_files").set_input_files(
        [{"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_load_state()
    assert "waiting for your hub manager" in visitor.content()
    screenshot(visitor, "journey-3-evidence")

    # The hub manager opens the evidence and verifies the milestone.
    staff.goto(live_server.url + f"/admin/milestones/inspect/{milestone.pk}/")
    assert "minutes.pdf" in staff.content()
    # Verify is the page's primary button, in sight: not hidden in a menu.
    verify = staff.locator(f"header a[href*='/admin/milestones/verify/{milestone.pk}/']")
    assert verify.is_visible()
    _header_action(staff, f"/admin/milestones/verify/{milestone.pk}/")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.VERIFIED
    screenshot(staff, "journey-4-verified")

    visitor.goto(live_server.url + "/en/portal/milestones/")
    assert "1 of 1 verified" in visitor.content()
