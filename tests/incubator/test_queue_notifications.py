"""Staff hear when an item enters their queue (an intake application with a confirmed address,
evidence to review), and that notification is done, and no longer counted as unread, once
the item is handled by whoever handles it."""

from datetime import date

from django.core import signing

import pytest

from incubator.incubation.services.intake import (
    CONFIRM_SALT,
    intake_admit,
    intake_confirm_email,
    intake_decline,
)
from incubator.incubation.services.milestones import (
    milestone_return,
    milestone_submit_evidence,
    milestone_verify,
)
from incubator.kernel.services.notifications import item_key, notifications_done
from incubator.models import Notification
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    bureau_officer,
    intake_application,
    letterhead_settings,
    manager_of,
    member_of,
    milestone_for,
)

pytestmark = pytest.mark.django_db


def queue(user, kind: str):
    return Notification.objects.filter(user=user, kind__endswith=kind)


def _confirmed(hub):
    application = intake_application(hub, confirmed=False)
    intake_confirm_email(token=signing.dumps(application.pk, salt=CONFIRM_SALT))
    return application


def test_a_confirmed_application_reaches_its_hubs_managers_only():
    hub = HubFactory()
    manager = manager_of(hub)
    other_manager = manager_of(HubFactory())
    officer = bureau_officer()
    application = intake_application(hub, confirmed=False)
    assert not queue(manager, "intake_waiting").exists()  # not before the address is confirmed
    token = signing.dumps(application.pk, salt=CONFIRM_SALT)
    intake_confirm_email(token=token)
    intake_confirm_email(token=token)  # the link opened twice tells them once
    notification = queue(manager, "intake_waiting").get()
    assert notification.item_key == f"incubator.intakeapplication:{application.pk}"
    assert notification.title_en == f"Application to review: {application.name}"
    assert notification.url == f"/admin/intake/inspect/{application.pk}/"
    assert not queue(other_manager, "intake_waiting").exists()
    assert not queue(officer, "intake_waiting").exists()


def test_declining_an_application_marks_its_notifications_done():
    hub = HubFactory()
    manager, colleague = manager_of(hub), manager_of(hub)
    application = _confirmed(hub)
    intake_decline(application=application, reason="不在服务范围", by=colleague)
    for user in (manager, colleague):
        notification = queue(user, "intake_waiting").get()
        assert notification.done_at is not None and notification.read_at is not None


def test_admitting_an_application_marks_its_notification_done(monkeypatch):
    letterhead_settings()
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)
    hub = HubFactory()
    manager = manager_of(hub)
    application = _confirmed(hub)
    intake_admit(application=application, started_on=date(2026, 3, 1), months=12, by=manager)
    assert queue(manager, "intake_waiting").get().done_at is not None


@pytest.mark.parametrize("decision", ["verify", "return"])
def test_deciding_on_evidence_marks_the_managers_notification_done(decision):
    organisation = OrganisationFactory()
    manager = manager_of(organisation.hub)
    milestone = milestone_for(organisation)
    milestone_submit_evidence(
        milestone=milestone, note="制度文本", files=[], by=member_of(organisation)
    )
    waiting = queue(manager, "milestone_submitted").get()
    assert waiting.item_key == item_key(milestone) and waiting.done_at is None
    if decision == "verify":
        milestone_verify(milestone=milestone, by=manager)
    else:
        milestone_return(milestone=milestone, reason="缺少签名", by=manager)
    waiting.refresh_from_db()
    assert waiting.done_at is not None


def test_only_the_given_kinds_are_marked_done():
    organisation = OrganisationFactory()
    manager = manager_of(organisation.hub)
    milestone = milestone_for(organisation)
    milestone_submit_evidence(
        milestone=milestone, note="制度文本", files=[], by=member_of(organisation)
    )
    assert notifications_done(item=milestone, kinds=["milestone_verified"]) == 0
    assert notifications_done(item=milestone, kinds=["milestone_submitted"]) == 1
    assert notifications_done(item=milestone) == 0  # already done
    assert queue(manager, "milestone_submitted").get().done_at is not None


def test_a_handled_item_is_not_counted_unread_and_shows_as_handled(client):
    organisation = OrganisationFactory()
    manager = manager_of(organisation.hub)
    Notification.objects.all().delete()
    milestone = milestone_for(organisation)
    milestone_submit_evidence(
        milestone=milestone, note="制度文本", files=[], by=member_of(organisation)
    )
    client.force_login(manager)
    page = client.get("/en/accounts/notifications/").content.decode()
    assert '<span class="count" aria-label="1 unread">1</span>' in page
    assert "notification--unread" in page and "Handled" not in page

    milestone_verify(milestone=milestone, by=manager_of(organisation.hub))
    page = client.get("/en/accounts/notifications/").content.decode()
    assert '<span class="count"' not in page
    assert "notification--done" in page and "Handled" in page
    assert "notification--unread" not in page
    assert "已办结" in client.get("/zh-hans/accounts/notifications/").content.decode()
