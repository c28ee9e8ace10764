"""Reminders of tender deadlines: a draft bid on a tender closing within three days reminds the
organisation's admins, once per tender and deadline."""

from datetime import timedelta
from decimal import Decimal

from django.core import mail
from django.utils import timezone

import pytest

from incubator.incubation.reminders import send_reminders
from incubator.models import Notification
from tenders.services.bids import bid_save_draft
from tests.factories import (
    OrganisationFactory,
    incubation_for,
    member_of,
    submitted_bid,
    tender_page,
)

pytestmark = pytest.mark.django_db


def draft(tender, organisation, by):
    return bid_save_draft(
        tender=tender,
        organisation=organisation,
        fields={"method_statement": "草稿。", "price": Decimal("200000.00")},
        by=by,
    )


def test_a_draft_bid_near_the_deadline_is_reminded_once(index, organisation, org_admin):
    now = timezone.now()
    member = member_of(organisation, "member", email="member@example.org")
    closing = tender_page(index, deadline=now + timedelta(days=2))
    later = tender_page(index, deadline=now + timedelta(days=10))
    draft(closing, organisation, org_admin)
    draft(later, organisation, org_admin)
    other = OrganisationFactory()
    incubation_for(other)
    other_admin = member_of(other, "admin", email="other@example.org")
    submitted_bid(closing, other, other_admin)  # submitted: nothing to remind
    mail.outbox.clear()  # what the setup sent (emails now leave with their change, not on commit)
    Notification.objects.all().delete()

    assert send_reminders(now) == 1
    assert send_reminders(now) == 0
    assert send_reminders(now + timedelta(hours=1)) == 0
    [message] = mail.outbox
    assert message.to == ["admin@example.org"]
    assert closing.reference in message.subject
    assert closing.title in message.body
    assert Notification.objects.filter(user=org_admin, is_reminder=True).count() == 1
    assert not Notification.objects.filter(user__in=[member, other_admin]).exists()

    # A moved deadline is a new reminder.
    closing.deadline = now + timedelta(days=1)
    closing.save_revision().publish()
    assert send_reminders(now) == 1
