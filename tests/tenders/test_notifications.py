"""Tender notifications: a question reaches the bureau officers, its answer the organisation
that asked, a disqualification the bidder's administrators; each in the app and by email in
the recipient's language."""

from django.core import mail
from django.utils import translation

import pytest

from incubator.models import Notification, NotificationSettings
from tenders.services.bids import bid_disqualify
from tenders.services.clarifications import clarification_answer, clarification_ask
from tests.factories import OrganisationFactory, bureau_officer, member_of, submitted_bid

pytestmark = pytest.mark.django_db


def test_a_question_reaches_the_officers_and_its_answer_the_organisation_that_asked(
    open_tender, organisation, org_admin, django_capture_on_commit_callbacks
):
    officer = bureau_officer(email="officer@example.org")
    member = member_of(organisation, "member", email="member@example.org")
    NotificationSettings.objects.create(user=member, email_language="en")
    bystander = member_of(OrganisationFactory(), "admin", email="other@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        question = clarification_ask(
            tender=open_tender, organisation=organisation, question="周末是否服务？", by=member
        )
    [to_officer] = Notification.objects.filter(user=officer)
    assert open_tender.reference in to_officer.title_en
    assert to_officer.link_name == "tenders_admin:tender"
    assert not Notification.objects.filter(user__in=[member, org_admin, bystander]).exists()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        clarification_answer(clarification=question, answer="需要，每日四小时。", by=officer)
    told = set(
        Notification.objects.filter(title_en__contains="answered").values_list("user", flat=True)
    )
    assert told == {member.pk, org_admin.pk}
    to_member = next(message for message in mail.outbox if message.to == ["member@example.org"])
    assert to_member.subject.startswith("Your question about tender")
    assert "需要，每日四小时。" in to_member.body and "您的提问" not in to_member.body
    assert not any(message.to == ["other@example.org"] for message in mail.outbox)


def test_a_disqualified_bidder_hears_why(
    closed_tender, organisation, org_admin, django_capture_on_commit_callbacks
):
    with translation.override("zh-hans"):
        bid = submitted_bid(closed_tender, organisation, org_admin, now=closed_tender.opens_at)
    Notification.objects.filter(user=org_admin).delete()  # the bid's receipt
    with django_capture_on_commit_callbacks(execute=True):
        bid_disqualify(bid=bid, reason="缺少资质证明", by=bureau_officer())
    [notification] = Notification.objects.filter(user=org_admin)
    assert notification.title_zh.startswith("您对")
    assert notification.link_args == [closed_tender.pk]
    assert "缺少资质证明" in mail.outbox[-1].body
