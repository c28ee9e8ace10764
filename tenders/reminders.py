"""Tender reminders (see ``incubator.incubation.reminders``): an organisation with a draft bid on
a tender whose deadline is within three days is reminded to submit it, once per tender and deadline
(a moved deadline is a new reminder)."""

from datetime import timedelta

from incubator.incubation.reminders import Reminder, reminder_source
from incubator.incubation.services.notifications import organisation_admins
from tenders.models import TenderBid, TenderPage

DEADLINE_SOON_DAYS = 3


@reminder_source
def tender_deadline_reminders(now):
    """Draft bids on open tenders closing within three days, to the organisation's admins."""
    drafts = (
        TenderBid.objects.filter(
            status=TenderBid.Status.DRAFT,
            tender__in=TenderPage.objects.live().values("tender"),
            tender__cancelled_at__isnull=True,
            tender__opens_at__lte=now,
            tender__deadline__gt=now,
            tender__deadline__lte=now + timedelta(days=DEADLINE_SOON_DAYS),
        )
        .select_related("tender", "organisation")
        .order_by("tender__deadline", "pk")
    )
    for bid in drafts:
        tender = bid.tender
        yield Reminder(
            key=(
                f"tender-deadline:{tender.pk}:{tender.deadline:%Y%m%d%H%M%S}"
                f":org:{bid.organisation_id}"
            ),
            users=organisation_admins(bid.organisation),
            template="tenders/email/reminder_deadline",
            context={"tender": tender, "organisation": bid.organisation},
            link=("tenders_portal:bid", [tender.pk]),
        )
