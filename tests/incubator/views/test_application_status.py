"""The applicant's page: each of their applications as a timeline (sent, email confirmed, under
review, admitted or declined with the reason), only their own; the portal and the login send
an applicant without an organisation there."""

from datetime import date

from django.urls import reverse

import pytest

from incubator.incubation.services.intake import intake_admit, intake_decline
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    intake_application,
    letterhead_settings,
    manager_of,
    member_of,
)
from tests.incubator.views.test_intake import FORM

pytestmark = pytest.mark.django_db

URL = "/en/portal/application/"


def _steps(html: str) -> dict:
    """The timeline's steps and their states, read from the page."""
    import re

    return {
        key: state
        for state, key in re.findall(
            r'timeline__step--(\w+)" data-step="(\w+)"', html.replace("\n", " ")
        )
    }


def test_the_url_is_named():
    assert reverse("portal:application_status").endswith("/portal/application/")


def test_an_unconfirmed_application_asks_for_the_email_and_links_to_a_new_link(client):
    application = intake_application(HubFactory(), confirmed=False)
    # The account opens with the emailed link; here it was opened otherwise (say, by support).
    application.applicant.is_active = True
    application.applicant.save()
    client.force_login(application.applicant)
    html = client.get(URL).content.decode()
    assert _steps(html) == {
        "submitted": "done",
        "email": "current",
        "review": "upcoming",
        "decision": "upcoming",
    }
    assert "we sent a link to head@example.org" in html
    assert reverse("intake_resend_confirmation") in html


def test_a_confirmed_application_is_under_review_by_the_hub(client):
    hub = HubFactory(name="太仓市瑞安社会组织孵化基地")
    application = intake_application(hub)
    client.force_login(application.applicant)
    html = client.get(URL).content.decode()
    assert _steps(html) == {
        "submitted": "done",
        "email": "done",
        "review": "current",
        "decision": "upcoming",
    }
    assert "A manager of 太仓市瑞安社会组织孵化基地 reviews your application" in html
    assert "China Standard Time" in html
    # No promise the code does not keep: there is no review deadline for intake.
    assert "working days" not in html


def test_a_declined_application_shows_the_reason(client):
    hub = HubFactory(phone="0512-53500000")
    application = intake_application(hub)
    intake_decline(application=application, reason="服务领域与基地定位不符", by=manager_of(hub))
    client.force_login(application.applicant)
    html = client.get(URL).content.decode()
    assert _steps(html) == {
        "submitted": "done",
        "email": "done",
        "review": "done",
        "declined": "done",
    }
    assert "服务领域与基地定位不符" in html
    assert "0512-53500000" in html


def test_an_admitted_applicant_finds_the_portal(client):
    letterhead_settings()
    hub = HubFactory()
    application = intake_application(hub)
    intake_admit(
        application=application, started_on=date(2026, 3, 1), months=12, by=manager_of(hub)
    )
    client.force_login(application.applicant)
    html = client.get(URL).content.decode()
    assert _steps(html)["admitted"] == "done"
    assert "portal is ready" in html
    assert 'href="/en/portal/"' in html
    # Now a member: the portal opens, it does not send them back here.
    assert client.get("/en/portal/").status_code == 200


def test_the_zh_page_reads_in_chinese(client):
    application = intake_application(HubFactory())
    client.force_login(application.applicant)
    html = client.get("/zh-hans/portal/application/").content.decode()
    assert "审核" in html and "Under review" not in html


def test_only_the_applicants_own_applications_are_listed(client):
    hub = HubFactory()
    mine = intake_application(hub, name="我的机构")
    theirs = intake_application(hub, email="other@example.org", name="别人的机构")
    client.force_login(mine.applicant)
    html = client.get(URL).content.decode()
    assert "我的机构" in html and "别人的机构" not in html
    client.force_login(theirs.applicant)
    html = client.get(URL).content.decode()
    assert "别人的机构" in html and "我的机构" not in html


def test_a_member_or_manager_sees_no_ones_applications(client):
    hub = HubFactory()
    intake_application(hub, name="别人的机构")
    for user in (member_of(OrganisationFactory(hub=hub), "admin"), manager_of(hub)):
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 200
        assert "别人的机构" not in response.content.decode()
        assert "You have not applied" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_portal_sends_an_applicant_without_an_organisation_to_their_application(client):
    application = intake_application(HubFactory())
    client.force_login(application.applicant)
    response = client.get("/en/portal/")
    assert response.status_code == 302
    assert response["Location"] == URL
    # A URL naming an object still answers 404: it confirms nothing.
    assert client.get("/en/portal/milestones/1/").status_code == 404


def test_someone_without_an_application_still_gets_the_no_organisation_page(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get("/en/portal/").status_code == 403


def test_an_applicant_lands_on_their_application_after_logging_in(client):
    application = intake_application(HubFactory())
    response = client.post(
        "/en/accounts/login/",
        {"username": application.contact_email, "password": FORM["password1"]},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == URL
    assert "Under review by the hub" in response.content.decode()
