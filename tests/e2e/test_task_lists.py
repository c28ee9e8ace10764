"""Task lists in the browser: an organisation admin and a hub manager each open the first item
of their list, land on the page where they act in one click, act, come back, and the item has
left "what needs you now". Both lists are looked at on a desktop and a phone (375 px): nothing
is wider than the screen."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from incubator.models import Milestone
from tests.factories import (
    HubFactory,
    draft_application,
    manager_of,
    member_of,
    milestone_for,
    scheme_factory,
)
from tests.factories.pages import build_public_site
from tests.factories.spaces import incubating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
PASSWORD = "correct-horse-battery"
TITLE = "理事会按章程召开会议"


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _look(page, screenshot, name: str) -> None:
    """Screenshots at 1280 and 375 px; at 375 px nothing scrolls sideways."""
    screenshot(page, f"{name}-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert _no_horizontal_scroll(page), name
    screenshot(page, f"{name}-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()


def _now_section(page):
    return page.locator("#todo-now")


def test_each_role_acts_on_its_first_task_in_one_click(live_server, browser, screenshot):
    build_public_site()
    hub = HubFactory(name="太仓市瑞安社会组织孵化基地", name_en="Ruian Incubation Hub")
    organisation = incubating(hub, name="太仓市沙溪镇乐龄日间照料中心")
    today = timezone.localdate()
    milestone = milestone_for(organisation, title=TITLE, due_on=today + timedelta(days=7))
    milestone_for(organisation, title="完成年度服务评估", due_on=today + timedelta(days=120))
    admin = member_of(organisation, "admin", username="orgadmin", first_name="敏", last_name="顾")
    draft_application(organisation, scheme_factory(name="2026年度人员经费补贴"), by=admin)
    manager_of(hub, username="manager")

    # The organisation's admin: the overview's first section names the milestone; one click
    # opens its page, where the evidence goes.
    portal = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    member = portal.new_page()
    member.goto(live_server.url + "/zh-hans/accounts/login/")
    member.locator("#id_username").fill("orgadmin")
    member.locator("#id_password").fill(PASSWORD)
    member.locator("main form button[type=submit]").click()
    member.wait_for_url(re.compile(r".*/portal/$"))
    _look(member, screenshot, "tasks-portal")
    _now_section(member).get_by_role("link", name=TITLE).click()
    member.wait_for_load_state()
    assert member.url.endswith(f"/portal/milestones/{milestone.pk}/")
    member.locator("#id_note").fill("第一次理事会会议纪要，附签到表。")
    member.locator("#id_files").set_input_files(
        [{"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    member.locator("main form button[type=submit]").click()
    member.wait_for_load_state()
    member.goto(live_server.url + "/zh-hans/portal/")
    assert TITLE not in _now_section(member).inner_text()
    assert TITLE in member.locator("#todo-waiting").inner_text()

    # The hub manager: the admin home's list names the evidence; one click opens the
    # milestone, whose header verifies it.
    staff = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    manager = staff.new_page()
    manager.goto(live_server.url + "/admin/login/")
    manager.locator("#id_username").fill("manager")
    manager.locator("#id_password").fill(PASSWORD)
    manager.locator("form button[type=submit]").click()
    manager.wait_for_url(re.compile(r".*/admin/$"))
    _look(manager, screenshot, "tasks-admin")
    panel = manager.locator("#dashboard-todo-section #todo-now")
    panel.locator(f"a[href$='/admin/milestones/inspect/{milestone.pk}/']").click()
    manager.wait_for_load_state()
    assert manager.url.endswith(f"/admin/milestones/inspect/{milestone.pk}/")
    verify = manager.locator(f"header a[href*='/admin/milestones/verify/{milestone.pk}/']").first
    assert verify.is_visible()  # the main action is a button in sight, not under "⋯"
    verify.click()
    manager.wait_for_load_state()
    manager.locator("main form button[type=submit]").click()
    manager.wait_for_load_state()
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.VERIFIED
    manager.goto(live_server.url + "/admin/")
    assert TITLE not in manager.locator("#dashboard-todo-section").inner_text()

    member.goto(live_server.url + "/zh-hans/portal/")
    assert TITLE not in member.locator(".todo").inner_text()
    portal.close()
    staff.close()
