"""The back office shows each application's next step: a primary button on its page for those
who may take it (Recommend for managers of its hub, Approve for the bureau, Record a payment),
nothing for others; list rows open that page; statuses are coloured badges. A manager of
another hub finds neither the page nor the actions; visitors are sent to log in."""

import re

import pytest

from tests.factories import (
    OrganisationFactory,
    approved_application,
    bureau_officer,
    letterhead_settings,
    manager_of,
    recommended_application,
    scheme_factory,
    submitted_application,
)
from tests.factories.subsidies import hub_manager

pytestmark = pytest.mark.django_db

ACTIONS = ("recommend", "return", "approve", "reject", "disburse")


@pytest.fixture(autouse=True)
def _letterhead(monkeypatch):
    letterhead_settings()
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)


def _next_step(page: str) -> str:
    """The box of the next step on the application's page."""
    return page.split('class="subsidy-next"')[1].split("</section>")[0]


def _inspect(client, application) -> str:
    response = client.get(f"/admin/subsidy_applications/inspect/{application.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_hub_manager_sees_recommend_as_the_primary_button(client):
    application = submitted_application(OrganisationFactory(), scheme_factory())
    client.force_login(hub_manager(application.organisation))
    box = _next_step(_inspect(client, application))
    assert f'class="button" href="/admin/subsidy_applications/recommend/{application.pk}/"' in box
    assert f"/admin/subsidy_applications/return/{application.pk}/" in box
    assert "status-badge status-submitted" in box


def test_the_bureau_sees_approve_as_the_primary_button_and_reject_apart(client):
    application = recommended_application(OrganisationFactory(), scheme_factory())
    client.force_login(bureau_officer())
    page = _inspect(client, application)
    box = _next_step(page)
    assert f'class="button" href="/admin/subsidy_applications/approve/{application.pk}/"' in box
    assert f'class="button no" href="/admin/subsidy_applications/reject/{application.pk}/"' in box
    assert "recommend/" not in box
    # Not hidden in the header's menu either: the page shows each action once.
    assert page.count(f"/admin/subsidy_applications/approve/{application.pk}/") == 1


def test_an_approved_application_offers_the_bureau_record_a_payment(client):
    application = approved_application(OrganisationFactory(), scheme_factory())
    client.force_login(bureau_officer())
    box = _next_step(_inspect(client, application))
    assert f'class="button" href="/admin/subsidy_applications/disburse/{application.pk}/"' in box


def test_those_who_may_not_act_see_no_button(client):
    application = recommended_application(OrganisationFactory(), scheme_factory())
    client.force_login(hub_manager(application.organisation))  # the bureau decides, not the hub
    box = _next_step(_inspect(client, application))
    assert "/admin/subsidy_applications/" not in box
    assert "Nothing for you to do on this application now." in box


def test_a_manager_of_another_hub_finds_neither_the_page_nor_the_actions(client):
    application = submitted_application(OrganisationFactory(), scheme_factory())
    client.force_login(manager_of(OrganisationFactory().hub))
    assert client.get(f"/admin/subsidy_applications/inspect/{application.pk}/").status_code == 404
    for action in ACTIONS:
        url = f"/admin/subsidy_applications/{action}/{application.pk}/"
        assert client.get(url).status_code == 404, action
        assert client.post(url).status_code == 404, action
    application.refresh_from_db()
    assert application.status == "submitted"


def test_visitors_are_sent_to_log_in(client):
    application = submitted_application(OrganisationFactory(), scheme_factory())
    for url in (
        f"/admin/subsidy_applications/inspect/{application.pk}/",
        f"/admin/subsidy_applications/recommend/{application.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_list_rows_open_the_applications_page_with_a_status_badge(client):
    application = submitted_application(OrganisationFactory(), scheme_factory())
    client.force_login(bureau_officer())
    page = client.get("/admin/subsidy_applications/").content.decode()
    row = next(row for row in page.split("<tr") if application.organisation.name in row)
    assert re.search(r'href="([^"]+)"', row).group(1) == (
        f"/admin/subsidy_applications/inspect/{application.pk}/"
    )
    assert '<span class="status-badge status-submitted">Submitted</span>' in row
