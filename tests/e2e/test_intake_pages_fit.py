"""The applicant's two new pages in the browser, on a phone (375 px) and a desktop (1280 px):
the answers to check before sending, and, after logging in, the application's timeline
(under review, then declined with the reason). Nothing scrolls sideways, and axe-core finds no
serious or critical violation."""

import re

from django.core import mail

import pytest

from incubator.incubation.services.intake import intake_decline
from incubator.models import IntakeApplication
from tests.e2e.test_phone_width import AXE, AXE_RUN, MEASURE
from tests.factories import HubFactory, manager_of
from tests.factories.pages import build_public_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Quiet-river-lantern-7"
WIDTHS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def _look(page, screenshot, name: str) -> None:
    """At both widths: nothing wider than the screen; a screenshot for people to look at."""
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        problems = page.evaluate(MEASURE)
        assert problems == [], (name, label, problems)
        screenshot(page, f"{name}-{label}")
    page.add_script_tag(content=AXE)
    violations = page.evaluate(AXE_RUN)
    assert violations == [], (name, violations)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_answers_and_the_timeline_fit_a_phone(live_server, browser, screenshot, language):
    build_public_site()
    hub = HubFactory(name="太仓市瑞安社会组织孵化基地", phone="0512-53500000")
    # bypass_csp: axe-core's script is injected, and the content security policy would refuse it.
    context = browser.new_context(viewport=WIDTHS["phone"], bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/incubator/apply/")
    page.locator("#id_hub").select_option(str(hub.pk))
    page.locator("#id_name").fill("太仓市沙溪镇乐龄日间照料中心")
    page.locator("#id_legal_form").select_option("social_service")
    page.locator("#id_registration_status").select_option("preparing")
    page.locator("#id_founded_on").fill("2025-06-01")
    page.locator("#id_mission").fill("为沙溪镇的老年人提供日间照料和助餐服务。" * 3)
    page.locator("#id_incubation_plan").fill("一年内完成登记，建立理事会和财务制度。")
    page.locator("#id_contact_name").fill("顾敏")
    page.locator("#id_contact_phone").fill("0512-53500000")
    page.locator("#id_contact_email").fill("gu.min.long-address@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/incubator/apply/check/$"))
    _look(page, screenshot, f"intake-check-{language}")

    # "Change" brings back the form as typed.
    page.locator("a[href$='#id_mission']").click()
    assert "助餐服务" in page.locator("#id_mission").input_value()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/incubator/apply/check/$"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/incubator/apply/sent/$"))
    assert IntakeApplication.objects.count() == 1

    link = re.search(r"https?://\S+/incubator/apply/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + "/" + link.split("/", 3)[3])
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    page.locator("#id_username").fill("gu.min.long-address@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/portal/application/$"))
    assert page.locator("[aria-current='step']").count() == 1
    _look(page, screenshot, f"intake-status-review-{language}")

    intake_decline(
        application=IntakeApplication.objects.get(),
        reason="服务领域与本基地定位不符，建议申请镇级孵化点。",
        by=manager_of(hub),
    )
    page.reload()
    assert "建议申请镇级孵化点" in page.content()
    _look(page, screenshot, f"intake-status-declined-{language}")
    context.close()
