"""Intake in the back office: Admit and Decline are buttons beside the application's title
(not under "⋯") for those who decide it; the list's rows open the application's page; the
admission form shows what stops it (an unconfirmed email, a credit code an organisation
holds) and what deserves a look (another waiting application with the same code) before
anything is typed. Managers of another hub get 404, anonymous visitors the login."""

import re

import pytest

from incubator.models import IntakeApplication
from tests.factories import HubFactory, OrganisationFactory, intake_application, manager_of
from tests.factories.organisations import credit_code

pytestmark = pytest.mark.django_db


def _header(html: str) -> str:
    """The page's header, where the title and its buttons are."""
    return re.search(r"<header.*?</header>", html, re.S).group(0)


def _primary_button(html: str) -> str | None:
    match = re.search(r'<a[^>]*data-action-button="primary"[^>]*>', _header(html))
    return match.group(0) if match else None


def test_admit_is_the_primary_button_on_the_page_for_the_hubs_manager(client):
    hub = HubFactory()
    application = intake_application(hub)
    client.force_login(manager_of(hub))
    html = client.get(f"/admin/intake/inspect/{application.pk}/").content.decode()
    button = _primary_button(html)
    assert button is not None
    assert f'href="/admin/intake/admit/{application.pk}/"' in button
    assert "button-secondary" not in button
    assert f'href="/admin/intake/decline/{application.pk}/"' in _header(html)
    # Not hidden in the "⋯" dropdown.
    dropdown = re.search(r"w-dropdown.*?</div>\s*</div>", _header(html), re.S)
    assert dropdown is None or "/admin/intake/admit/" not in dropdown.group(0)


def test_a_decided_application_has_no_action_buttons(client):
    hub = HubFactory()
    application = intake_application(hub)
    IntakeApplication.objects.filter(pk=application.pk).update(
        status="declined", decline_reason="不符合条件"
    )
    client.force_login(manager_of(hub))
    html = client.get(f"/admin/intake/inspect/{application.pk}/").content.decode()
    assert _primary_button(html) is None
    assert "/admin/intake/admit/" not in html


def test_a_manager_of_another_hub_gets_404_everywhere(client):
    application = intake_application(HubFactory())
    client.force_login(manager_of(HubFactory()))
    for url in (
        f"/admin/intake/inspect/{application.pk}/",
        f"/admin/intake/admit/{application.pk}/",
        f"/admin/intake/decline/{application.pk}/",
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    listing = client.get("/admin/intake/").content.decode()
    assert application.name not in listing
    assert IntakeApplication.objects.get().status == "submitted"


def test_anonymous_visitors_are_sent_to_log_in(client):
    application = intake_application(HubFactory())
    for url in (
        f"/admin/intake/inspect/{application.pk}/",
        f"/admin/intake/admit/{application.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"]


def test_list_rows_open_the_applications_page_not_its_edit_form(client):
    hub = HubFactory()
    application = intake_application(hub)
    client.force_login(manager_of(hub))
    html = client.get("/admin/intake/").content.decode()
    title_link = re.search(
        rf'<a[^>]*href="([^"]+)"[^>]*>\s*{re.escape(application.name)}\s*</a>', html
    )
    assert title_link is not None
    assert title_link.group(1) == f"/admin/intake/inspect/{application.pk}/"


def test_the_admission_form_shows_an_unconfirmed_email_first_with_the_button_off(client):
    hub = HubFactory()
    application = intake_application(hub, email="late@example.org", confirmed=False)
    client.force_login(manager_of(hub))
    response = client.get(f"/admin/intake/admit/{application.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "This cannot be done yet" in html
    assert "late@example.org has not been confirmed yet" in html
    assert re.search(r'<button type="submit" class="button" disabled', html)
    assert html.index("data-action-blockers") < html.index('name="started_on"')


def test_the_admission_form_shows_a_credit_code_an_organisation_holds(client):
    hub = HubFactory()
    code = credit_code()
    application = intake_application(hub, credit_code=code)
    OrganisationFactory(credit_code=code, name="太仓市已登记社工服务社")
    client.force_login(manager_of(hub))
    html = client.get(
        f"/admin/intake/admit/{application.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "太仓市已登记社工服务社 already holds the credit code" in html
    assert re.search(r'<button type="submit" class="button" disabled', html)
    inspect = client.get(f"/admin/intake/inspect/{application.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "already holds the credit code" in inspect.content.decode()


def test_another_waiting_application_with_the_code_is_a_caution_not_a_block(client):
    hub = HubFactory()
    code = credit_code()
    application = intake_application(hub, credit_code=code)
    other = intake_application(hub, email="second@example.org", name="另一家机构")
    IntakeApplication.objects.filter(pk=other.pk).update(credit_code=code)
    client.force_login(manager_of(hub))
    response = client.get(f"/admin/intake/admit/{application.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Another application with the credit code" in html and "另一家机构" in html
    assert response.context["blockers"] == []
    assert not re.search(r'<button type="submit" class="button" disabled', html)


def test_a_clear_application_shows_no_panel(client):
    hub = HubFactory()
    application = intake_application(hub)
    client.force_login(manager_of(hub))
    html = client.get(f"/admin/intake/admit/{application.pk}/").content.decode()
    assert "data-action-blockers" not in html
    assert 'name="started_on"' in html
