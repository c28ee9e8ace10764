"""Notifications: each change that concerns a user lands in their in-app list and in an email in
their language; reminders go out once however often they run, and can be kept out of email."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from incubator.incubation.reminders import send_reminders, working_days_before
from incubator.incubation.services.milestones import milestone_return, milestone_submit_evidence
from incubator.models import Milestone, Notification, NotificationSettings, ReminderSent
from tests.factories import OrganisationFactory, manager_of, member_of, milestone_for

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%%EOF\n"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_returned_milestone_notifies_the_admin_in_their_language(
    client, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    admin = member_of(organisation, "admin", email="admin@example.org")
    NotificationSettings.objects.create(user=admin, email_language="en")
    milestone = milestone_for(organisation, title="完善理事会制度")
    milestone_submit_evidence(
        milestone=milestone, note="纪要", files=[SimpleUploadedFile("m.pdf", PDF)], by=admin
    )
    with django_capture_on_commit_callbacks(execute=True):
        milestone_return(milestone=milestone, reason="缺少签名", by=manager_of(organisation.hub))
    message = mail.outbox[-1]
    assert message.to == ["admin@example.org"]
    assert message.subject.startswith("Evidence returned")
    assert "缺少签名" in message.body and "佐证" not in message.body  # English only
    notification = Notification.objects.get(user=admin)
    assert notification.title_zh.startswith("佐证材料已退回")

    client.force_login(admin)
    page = client.get("/zh-hans/portal/").content.decode()
    assert '<span class="count"' in page
    response = client.get(f"/zh-hans/accounts/notifications/{notification.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/zh-hans/portal/milestones/{milestone.pk}/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert '<span class="count"' not in client.get("/zh-hans/portal/").content.decode()


def test_without_a_chosen_language_the_email_is_in_both(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    admin = member_of(organisation, "admin", email="admin@example.org")
    milestone = milestone_for(organisation)
    milestone_submit_evidence(milestone=milestone, note="纪要", files=[], by=admin)
    manager = manager_of(organisation.hub)
    with django_capture_on_commit_callbacks(execute=True):
        milestone_return(milestone=milestone, reason="缺少签名", by=manager)
    body = mail.outbox[-1].body
    assert "退回" in body and "returned" in body


def test_reminders_go_out_once(settings):
    organisation = OrganisationFactory()
    admin = member_of(organisation, "admin", email="admin@example.org")
    now = datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)
    milestone_for(organisation, title="下周到期", due_on=date(2026, 11, 30))
    milestone_for(organisation, title="已经逾期", due_on=date(2026, 10, 1))
    milestone_for(organisation, title="还早", due_on=date(2027, 3, 1))
    assert send_reminders(now) == 2
    assert send_reminders(now) == 0
    assert send_reminders(now + timedelta(hours=1)) == 0
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 2
    assert any("下周到期" in subject for subject in subjects)
    assert any("已经逾期" in subject for subject in subjects)
    assert Notification.objects.filter(user=admin, is_reminder=True).count() == 2
    assert ReminderSent.objects.count() == 2


def test_reminder_emails_can_be_turned_off():
    organisation = OrganisationFactory()
    admin = member_of(organisation, "admin", email="admin@example.org")
    NotificationSettings.objects.create(user=admin, reminder_emails=False)
    milestone_for(organisation, due_on=date(2026, 10, 1))
    assert send_reminders(datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)) == 1
    assert mail.outbox == []
    assert Notification.objects.filter(user=admin, is_reminder=True).count() == 1


def test_evidence_waiting_five_working_days_reminds_the_hub_manager():
    organisation = OrganisationFactory()
    manager_of(organisation.hub, email="manager@example.org")
    milestone = milestone_for(organisation, due_on=date(2027, 3, 1))
    Milestone.objects.filter(pk=milestone.pk).update(
        status="submitted", submitted_at=datetime(2026, 11, 18, 9, 0, tzinfo=SHANGHAI)
    )
    # Wednesday 18th + 5 working days: waiting "over" five from Thursday 26th on.
    assert send_reminders(datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI)) == 0
    assert send_reminders(datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)) == 1
    assert mail.outbox[-1].to == ["manager@example.org"]


def test_working_days_skip_weekends_and_the_calendars_holidays():
    from tenders.models import CalendarDay

    assert working_days_before(date(2026, 11, 30), 1) == date(2026, 11, 27)  # Monday → Friday
    assert working_days_before(date(2026, 11, 26), 5) == date(2026, 11, 19)
    # National Day week: 1–7 October off, Saturday 10 October a make-up working day.
    for day in range(1, 8):
        CalendarDay.objects.create(date=date(2026, 10, day), kind=CalendarDay.Kind.HOLIDAY)
    CalendarDay.objects.create(date=date(2026, 10, 10), kind=CalendarDay.Kind.WORKING_DAY)
    assert working_days_before(date(2026, 10, 8), 1) == date(2026, 9, 30)
    assert working_days_before(date(2026, 10, 12), 2) == date(2026, 10, 9)  # Sat 10th counts


def test_the_settings_form_keeps_the_choice(client):
    user = member_of(OrganisationFactory(), "member")
    client.force_login(user)
    response = client.post(
        "/en/accounts/notifications/",
        {"email_language": "en", "email_frequency": "daily", "reminder_emails": ""},
    )
    assert response.status_code == 302
    settings = NotificationSettings.objects.get(user=user)
    assert settings.email_language == "en" and settings.reminder_emails is False
    assert settings.email_frequency == NotificationSettings.Frequency.DAILY


def test_a_declined_applicant_hears_in_the_language_they_applied_in(
    client, django_capture_on_commit_callbacks
):
    from django.utils import translation

    from incubator.incubation.services.intake import intake_decline
    from tests.factories import HubFactory
    from tests.factories.intake import intake_application

    hub = HubFactory()
    with translation.override("en"):
        application = intake_application(hub, email="gu@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        intake_decline(application=application, reason="服务区域不在本基地", by=manager_of(hub))
    message = mail.outbox[-1]
    assert message.to == ["gu@example.org"]
    assert message.subject.startswith("Your application for")
    assert "服务区域不在本基地" in message.body and "原因" not in message.body
    assert Notification.objects.filter(user=application.applicant).count() == 1
