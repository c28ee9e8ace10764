"""Script and HTML in subsidy applications, tender bids, clarification questions and the public
intake form show escaped on the portal, the back office and the public pages, and stay plain
text in emails."""

from datetime import timedelta
from decimal import Decimal

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.incubation.intake_views import IntakeForm
from incubator.models import IntakeApplication
from subsidies.forms import StaffLineForm
from subsidies.models import SubsidyApplication
from tenders.forms import BidForm, QuestionForm
from tenders.models import TenderClarification
from tenders.services.bids import bid_submit
from tenders.services.clarifications import clarification_answer
from tests.factories import send_application, tender_page
from tests.permissions.world import build_world
from tests.security.hostile import (
    PAYLOAD,
    PDF,
    assert_escaped,
    assert_not_raw,
    page,
    text_fields,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _staff_line_post(**line) -> dict:
    values = {
        "name": "李娜",
        "title": "项目主管",
        "qualification": "none",
        "employment_started_on": "2025-06-01",
        "monthly_salary": "6000.00",
        "months": "12",
        **line,
    }
    return {
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        **{f"lines-0-{name}": value for name, value in values.items()},
    }


def test_the_staff_line_text_fields_are_found_from_the_form():
    assert text_fields(StaffLineForm) == ["name", "title"]


@pytest.mark.parametrize("field", text_fields(StaffLineForm))
def test_markup_in_a_staff_line_is_escaped_for_the_organisation_and_staff(client, world, field):
    scheme = world.objects["open_scheme"]
    client.force_login(world.users["org_a_admin"])
    data = {
        **_staff_line_post(**{field: PAYLOAD}),
        "payroll": SimpleUploadedFile("payroll.pdf", PDF),
        "action": "continue",
    }
    response = client.post(reverse("subsidies:apply", args=[scheme.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    application = SubsidyApplication.objects.get(scheme=scheme)
    assert_escaped(page(client, reverse("subsidies:check", args=[application.pk])))
    client.post(reverse("subsidies:check", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == SubsidyApplication.Status.SUBMITTED
    assert_escaped(page(client, reverse("subsidies:detail", args=[application.pk])))
    client.force_login(world.users["hub_a_manager"])
    assert_escaped(page(client, reverse("subsidy_applications:inspect", args=[application.pk])))
    assert_not_raw(page(client, reverse("subsidy_applications:recommend", args=[application.pk])))


def test_a_refused_staff_line_shows_the_markup_escaped(client, world):
    client.force_login(world.users["org_a_admin"])
    data = _staff_line_post(name=PAYLOAD, title=PAYLOAD, monthly_salary=PAYLOAD)
    url = reverse("subsidies:edit", args=[world.objects["subsidy_draft"].pk])
    response = client.post(url, data)
    assert response.status_code == 200
    assert_escaped(response.content.decode(), where="refused staff line")


@pytest.fixture
def open_tender(world):
    return tender_page()


@pytest.mark.parametrize("field", text_fields(BidForm))
def test_markup_in_a_bid_is_escaped_for_the_bidder(client, world, open_tender, field):
    client.force_login(world.users["org_a_admin"])
    url = reverse("tenders_portal:bid", args=[open_tender.pk])
    response = client.post(url, {field: PAYLOAD, "price": "1000", "declaration": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert_escaped(page(client, url), where=url)
    assert_not_raw(page(client, reverse("tenders_portal:bids")), where="bids")


def test_markup_in_a_bid_is_escaped_for_the_bureau_after_the_deadline(client, world):
    now = timezone.now()
    tender = tender_page(opens_at=now - timedelta(days=20), deadline=now - timedelta(days=1))
    bid = bid_submit(
        tender=tender,
        organisation=world.objects["organisation"],
        fields={
            "method_statement": PAYLOAD,
            "staffing_plan": PAYLOAD,
            "price": Decimal("1000.00"),
            "declaration": True,
        },
        files=[SimpleUploadedFile("plan.pdf", PDF)],
        by=world.users["org_a_admin"],
        now=now - timedelta(days=2),
    )
    client.force_login(world.users["bureau"])
    assert_escaped(page(client, reverse("tenders_admin:bid", args=[bid.pk])))
    assert_not_raw(page(client, reverse("tenders_admin:tender", args=[tender.pk])))


@pytest.mark.parametrize("field", text_fields(QuestionForm))
def test_markup_in_a_question_is_escaped_for_the_bureau_and_the_public(
    client, world, open_tender, field
):
    client.force_login(world.users["org_a_member"])
    response = client.post(reverse("tenders_portal:ask", args=[open_tender.pk]), {field: PAYLOAD})
    assert response.status_code == 302
    question = TenderClarification.objects.get(tender=open_tender.tender)
    assert question.question == PAYLOAD
    client.force_login(world.users["bureau"])
    assert_escaped(page(client, reverse("tenders_admin:tender", args=[open_tender.pk])))
    assert_escaped(page(client, reverse("tenders_admin:answer", args=[question.pk])))
    clarification_answer(clarification=question, answer=PAYLOAD, by=world.users["bureau"])
    client.logout()
    html = page(client, open_tender.url)
    assert_escaped(html, where="public tender page")
    assert html.count("&lt;script&gt;") >= 2  # the question and the answer


INTAKE_TEXT = text_fields(IntakeForm, exclude=("credit_code", "contact_phone"))


def _intake_post(hub, **changes) -> dict:
    return {
        "hub": hub.pk,
        "name": "太仓市新生社会服务中心",
        "legal_form": "social_service",
        "registration_status": "registered",
        "mission": "为社区老人提供服务。",
        "incubation_plan": "第一年完善治理。",
        "contact_name": "王芳",
        "contact_phone": "0512-53530000",
        "contact_email": "new-applicant@example.org",
        "password1": "a-long-pass-phrase-2026",
        "password2": "a-long-pass-phrase-2026",
        **changes,
    }


def test_the_intake_text_fields_are_found_from_the_form():
    assert {"name", "name_en", "mission", "incubation_plan", "contact_name"} <= set(INTAKE_TEXT)


@pytest.mark.parametrize("field", INTAKE_TEXT)
def test_markup_in_the_intake_form_is_escaped_for_hub_managers_and_plain_in_email(
    client, world, field, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send_application(
            client,
            reverse("intake_apply"),
            _intake_post(world.objects["hub"], **{field: PAYLOAD}),
            follow=True,
        )
    assert response.status_code == 200
    assert "incubator/intake/submitted.html" in [t.name for t in response.templates]
    assert_not_raw(response.content.decode(), where="intake submitted")
    application = IntakeApplication.objects.get(contact_email="new-applicant@example.org")
    assert getattr(application, field) == PAYLOAD
    for message in mail.outbox:
        assert getattr(message, "alternatives", []) == []
    # Only a confirmed application can be admitted, so its admit form shows.
    application.email_confirmed_at = timezone.now()
    application.save(update_fields=["email_confirmed_at"])
    client.force_login(world.users["hub_a_manager"])
    assert_escaped(page(client, reverse("intake:inspect", args=[application.pk])))
    for url in (reverse("intake:index"), reverse("intake:admit", args=[application.pk])):
        assert_not_raw(page(client, url), where=url)


def test_a_refused_intake_form_keeps_the_markup_escaped(client, world):
    response = client.post(
        reverse("intake_apply"),
        _intake_post(world.objects["hub"], mission=PAYLOAD, contact_phone=PAYLOAD),
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert_escaped(response.content.decode(), where="refused intake form")


def _admit(client, world, name, capture):
    """Apply with ``name``, confirm the email, and have hub A's manager admit it."""
    from django.core import signing

    from incubator.incubation.services.intake import CONFIRM_SALT

    with capture(execute=True):
        send_application(
            client, reverse("intake_apply"), _intake_post(world.objects["hub"], name=name)
        )
    application = IntakeApplication.objects.get(contact_email="new-applicant@example.org")
    assert application.name == name
    token = signing.dumps(application.pk, salt=CONFIRM_SALT)
    assert client.get(reverse("intake_confirm", args=[token])).status_code == 200
    client.force_login(world.users["hub_a_manager"])
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post(
            reverse("intake:admit", args=[application.pk]),
            {"started_on": timezone.localdate().isoformat(), "months": "12"},
        )
    return application, response


def test_markup_in_an_admitted_name_is_escaped_in_notifications(
    client, world, django_capture_on_commit_callbacks
):
    application, response = _admit(client, world, PAYLOAD, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    # Text, not HTML: the subject holds the name as typed, never entity-escaped.
    (message,) = mail.outbox
    assert PAYLOAD in message.subject and "&lt;" not in message.subject
    client.force_login(application.applicant)
    assert_escaped(page(client, reverse("notifications")), where="notifications")
    assert_escaped(page(client, reverse("portal:dashboard")), where="new portal")


def test_a_line_break_in_a_name_never_reaches_an_email_header(
    client, world, django_capture_on_commit_callbacks
):
    """A name typed with CR LF and a header after it: emails still go, to the right people
    only, with the name on the subject line as one line."""
    hostile = "甲机构\r\nBcc: evil@example.org"
    _application, response = _admit(client, world, hostile, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert mail.outbox
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert message.bcc == [] and "evil@example.org" not in message.recipients()
        headers = message.message().as_string().split("\n\n", 1)[0]
        assert not [line for line in headers.splitlines() if line.lower().startswith("bcc")]
