"""Intake: a visitor applies, confirms the email; a manager of the hub admits or declines."""

import re
from datetime import date

from django.core import mail
from django.utils import translation

import pytest

from incubator.incubation.selectors import live_membership
from incubator.incubation.services.intake import intake_admit, intake_decline
from incubator.kernel.errors import ServiceError
from incubator.models import Incubation, IntakeApplication, Letter, Organisation
from tests.factories import (
    HubFactory,
    intake_application,
    letterhead_settings,
    manager_of,
    send_application,
)

pytestmark = pytest.mark.django_db

FORM = {
    "name": "太仓市沙溪镇乐龄日间照料中心",
    "legal_form": "social_service",
    "registration_status": "preparing",
    "mission": "为老年人提供日间照料。",
    "incubation_plan": "一年内完成登记。",
    "contact_name": "顾敏",
    "contact_phone": "13800000000",
    "contact_email": "gu.min@example.org",
    "password1": "Quiet-river-lantern-7",
    "password2": "Quiet-river-lantern-7",
}


def test_a_visitor_applies_and_confirms_the_email(client, django_capture_on_commit_callbacks):
    hub = HubFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = send_application(client, "/zh-hans/incubator/apply/", {**FORM, "hub": hub.pk})
    assert response.status_code == 302
    assert "gu.min@example.org" in client.get(response["Location"]).content.decode()
    application = IntakeApplication.objects.get()
    assert not application.applicant.is_active
    link = re.search(r"https?://[^/]+(/\S+/confirm/\S+/)", mail.outbox[0].body).group(1)
    assert client.get(link).status_code == 200
    application.refresh_from_db()
    assert application.email_confirmed_at is not None
    assert application.applicant.is_active


def test_a_bad_credit_code_keeps_what_was_typed(client):
    hub = HubFactory()
    response = client.post(
        "/en/incubator/apply/", {**FORM, "hub": hub.pk, "credit_code": "91350100M000100Y44"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "not valid" in html
    assert "太仓市沙溪镇乐龄日间照料中心" in html
    assert not IntakeApplication.objects.exists()


def test_admission_creates_the_organisation_incubation_admin_and_letter(
    django_capture_on_commit_callbacks,
):
    letterhead_settings()
    hub = HubFactory()
    with translation.override("en"):  # the applicant hears in the language they applied in
        application = intake_application(hub)
    manager = manager_of(hub)
    with django_capture_on_commit_callbacks(execute=True):
        organisation = intake_admit(
            application=application, started_on=date(2026, 3, 1), months=12, by=manager
        )
    assert organisation.stage == Organisation.Stage.INCUBATING
    incubation = Incubation.objects.get(organisation=organisation)
    assert incubation.planned_end_on == date(2027, 2, 28)
    assert live_membership(application.applicant).organisation == organisation
    assert application.applicant.has_perm("incubator.manage_organisation", organisation)
    letter = Letter.objects.get(recipient=organisation)
    assert letter.kind == "admission"
    assert any("admitted" in message.body for message in mail.outbox)
    with pytest.raises(ServiceError):
        intake_admit(application=application, started_on=date(2026, 3, 1), months=12, by=manager)


def test_admission_needs_a_confirmed_email_and_12_to_24_months():
    letterhead_settings()
    hub = HubFactory()
    unconfirmed = intake_application(hub, confirmed=False)
    with pytest.raises(ServiceError) as caught:
        intake_admit(
            application=unconfirmed, started_on=date(2026, 3, 1), months=12, by=manager_of(hub)
        )
    assert caught.value.code == "email_not_confirmed"
    confirmed = intake_application(hub, email="other@example.org")
    with pytest.raises(ServiceError) as caught:
        intake_admit(
            application=confirmed, started_on=date(2026, 3, 1), months=30, by=manager_of(hub)
        )
    assert caught.value.code == "bad_period"
    assert not Organisation.objects.exists()


def test_declining_needs_a_reason_and_emails_it(django_capture_on_commit_callbacks):
    hub = HubFactory()
    application = intake_application(hub)
    manager = manager_of(hub)
    with pytest.raises(ServiceError) as caught:
        intake_decline(application=application, reason=" ", by=manager)
    assert caught.value.code == "reason_required"
    with django_capture_on_commit_callbacks(execute=True):
        intake_decline(application=application, reason="服务领域与基地定位不符", by=manager)
    assert "服务领域与基地定位不符" in mail.outbox[-1].body


def test_hub_manager_admits_from_the_back_office(client, django_capture_on_commit_callbacks):
    letterhead_settings()
    hub = HubFactory()
    application = intake_application(hub)
    client.force_login(manager_of(hub))
    inspect = client.get(f"/admin/intake/inspect/{application.pk}/").content.decode()
    assert f"/admin/intake/admit/{application.pk}/" in inspect
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/intake/admit/{application.pk}/", {"started_on": "2026-03-01", "months": 18}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == IntakeApplication.Status.ADMITTED


def test_a_refused_decision_shows_the_reason_and_keeps_the_form(client):
    hub = HubFactory()
    application = intake_application(hub, confirmed=False)
    client.force_login(manager_of(hub))
    response = client.post(
        f"/admin/intake/admit/{application.pk}/",
        {"started_on": "2026-03-01", "months": 18},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "not confirmed their email" in html
    assert 'value="18"' in html
