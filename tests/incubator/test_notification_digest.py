"""How notifications reach people by email: one email each, straight away, with the full
address of the item in every language of the email; or, for those who chose it, one summary a
day, in their language, sent once however often the summary runs."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command

import pytest

from incubator.incubation.services.milestones import milestone_submit_evidence
from incubator.kernel.services.digests import digests_send
from incubator.kernel.services.notifications import notify
from incubator.models import Notification, NotificationSettings, OutgoingEmail
from tests.factories import OrganisationFactory, manager_of, member_of, milestone_for

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
DAILY = NotificationSettings.Frequency.DAILY


def _submit(organisation, title="建立财务制度"):
    milestone = milestone_for(organisation, title=title)
    milestone_submit_evidence(
        milestone=milestone, note="制度文本", files=[], by=member_of(organisation)
    )
    return milestone


def _manager(organisation, *, language="", frequency="immediate"):
    manager = manager_of(organisation.hub, email="manager@example.org")
    NotificationSettings.objects.create(
        user=manager, email_language=language, email_frequency=frequency
    )
    Notification.objects.all().delete()  # "You now manage ..."
    OutgoingEmail.objects.all().delete()
    mail.outbox.clear()
    return manager


def test_an_immediate_email_links_straight_to_the_item_in_both_languages():
    organisation = OrganisationFactory()
    _manager(organisation)
    milestone = _submit(organisation)
    email = OutgoingEmail.objects.get(recipient="manager@example.org")
    link = f"http://testserver/admin/milestones/inspect/{milestone.pk}/"
    assert "点击办理或查看：" + link in email.body
    assert "Open it here: " + link in email.body


@pytest.mark.parametrize(
    ("language", "prefix"), [("en", "/en/"), ("zh-hans", "/zh-hans/")], ids=["en", "zh"]
)
def test_the_link_follows_the_language_of_the_email(language, prefix):
    organisation = OrganisationFactory()
    admin = member_of(organisation, "admin", email="admin@example.org")
    NotificationSettings.objects.create(user=admin, email_language=language)
    milestone = milestone_for(organisation)
    notify(
        users=[admin],
        template="milestone_verified",
        context={"milestone": milestone},
        link=("portal:milestone", [milestone.pk]),
    )
    body = OutgoingEmail.objects.get(recipient="admin@example.org").body
    assert f"http://testserver{prefix}portal/milestones/{milestone.pk}/" in body


def test_an_email_without_a_link_leads_to_the_notifications(settings):
    settings.SITE_BASE_URL = "https://incubator.example.gov.cn/"
    user = member_of(OrganisationFactory(), "admin", email="admin@example.org")
    NotificationSettings.objects.create(user=user, email_language="en")
    notify(users=[user], template="milestone_verified", context={"milestone": None})
    body = OutgoingEmail.objects.get().body
    assert "Your notifications: https://incubator.example.gov.cn/en/accounts/notifications/" in body


def test_with_the_daily_summary_the_notification_is_kept_and_no_email_is_queued():
    organisation = OrganisationFactory()
    manager = _manager(organisation, frequency=DAILY)
    _submit(organisation)
    notification = Notification.objects.get(user=manager)
    assert notification.digest_pending is True
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_the_summary_lists_the_notifications_once_a_day_with_their_links():
    organisation = OrganisationFactory(name="太仓市沙溪镇乐龄服务社")
    manager = _manager(organisation, language="en", frequency=DAILY)
    first = _submit(organisation, "建立财务制度")
    second = _submit(organisation, "完善理事会制度")
    now = datetime.now(SHANGHAI) + timedelta(minutes=1)
    assert digests_send(now) == 1
    assert digests_send(now) == 0
    assert digests_send(now + timedelta(hours=2)) == 0
    email = OutgoingEmail.objects.get()
    assert email.recipient == "manager@example.org"
    assert email.language == "en"
    assert email.subject == "Your daily summary: 2 notifications"
    assert "Evidence to review: 太仓市沙溪镇乐龄服务社, “建立财务制度”" in email.body
    for milestone in (first, second):
        assert f"http://testserver/admin/milestones/inspect/{milestone.pk}/" in email.body
    assert "http://testserver/en/accounts/notifications/" in email.body
    assert "待审核" not in email.body  # English only
    assert not Notification.objects.filter(user=manager, digest_pending=True).exists()


def test_the_next_days_summary_lists_only_what_came_since():
    organisation = OrganisationFactory()
    _manager(organisation, language="zh-hans", frequency=DAILY)
    _submit(organisation, "建立财务制度")
    today = datetime.now(SHANGHAI) + timedelta(minutes=1)
    assert digests_send(today) == 1
    _submit(organisation, "完善理事会制度")
    assert digests_send(today + timedelta(days=1)) == 1
    latest = OutgoingEmail.objects.order_by("-pk").first()
    assert latest.subject == "每日通知汇总：共1条"
    assert "完善理事会制度" in latest.body and "建立财务制度" not in latest.body


def test_a_summary_without_a_chosen_language_is_in_both_and_the_command_sends_it():
    organisation = OrganisationFactory()
    _manager(organisation, frequency=DAILY)
    _submit(organisation)
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    body = OutgoingEmail.objects.get().body
    assert "自上次汇总以来" in body and "Since your last summary" in body
    assert len(mail.outbox) == 1


def test_a_handled_item_leaves_the_summary():
    from incubator.incubation.services.milestones import milestone_verify

    organisation = OrganisationFactory()
    manager = _manager(organisation, frequency=DAILY)
    milestone = _submit(organisation)
    milestone_verify(milestone=milestone, by=manager)
    assert digests_send(datetime.now(SHANGHAI) + timedelta(minutes=1)) == 0
    assert OutgoingEmail.objects.filter(recipient="manager@example.org").count() == 0
