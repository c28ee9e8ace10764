"""In a real browser our Content Security Policy blocks nothing that the site needs: the public
pages, the portal and the Wagtail back office (with its page chooser and date pickers) load
without a single violation in the console."""

import re

import pytest

from tests.e2e.test_incubation_journey import _admin_login
from tests.e2e.test_tender_journey import _portal_login
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    UserFactory,
    incubation_for,
    member_of,
    tender_page,
)
from tests.factories.pages import build_public_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page) -> list[str]:
    """Console messages and page errors that mention the policy."""
    seen = []
    page.on("console", lambda message: seen.append(message.text))
    page.on("pageerror", lambda error: seen.append(str(error)))
    return seen


def _violations(seen: list[str]) -> list[str]:
    return [text for text in seen if re.search(r"Content Security Policy|Refused to", text)]


def test_public_pages_and_the_portal_run_without_violations(live_server, browser):
    build_public_site()
    tender = tender_page()
    organisation = OrganisationFactory(hub=HubFactory())
    incubation_for(organisation)
    member_of(organisation, "admin", username="orgadmin")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    seen = _watch(page)
    for path in ("/en/", tender.url, "/en/letters/verify/", "/en/incubator/apply/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    _portal_login(page, live_server.url)
    for path in ("/en/portal/", "/en/portal/milestones/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    context.close()
    assert _violations(seen) == []


def test_the_back_office_runs_without_violations(live_server, browser):
    build_public_site()
    tender = tender_page()
    # A superuser: what matters here is the editor's scripts, not who may edit.
    UserFactory(username="editor", is_superuser=True, is_staff=True)
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    # The back office's scripts are heavy for a loaded CI machine.
    page.set_default_timeout(30_000)
    seen = _watch(page)
    _admin_login(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/admin/pages/{tender.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # A date-time picker: Wagtail starts it from an inline script.
    page.locator("#id_deadline").click()
    page.locator(".xdsoft_datetimepicker").filter(visible=True).first.wait_for()
    # The page chooser (a modal whose HTML arrives with its own script).
    page.goto(f"{live_server.url}/admin/pages/{tender.pk}/copy/")
    page.locator("#id_new_parent_page-chooser .w-dropdown__toggle").click()
    page.locator("#id_new_parent_page-chooser [data-chooser-action-choose]").filter(
        visible=True
    ).first.click()
    page.locator(".modal-content table").first.wait_for()
    context.close()
    assert _violations(seen) == []
