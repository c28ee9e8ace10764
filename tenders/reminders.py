"""Tender reminders (see ``incubator.incubation.reminders``): an organisation with a draft bid on
a tender whose deadline is within three days is reminded to submit it, once per tender and deadline
(a moved deadline is a new reminder); a tender's evaluators hear once its bids have closed that
they can be scored (done once the tender is awarded); bureau officers hear of their own
deadlines after an award (``tenders.duties``)."""

from datetime import timedelta

from django.utils import timezone

from incubator.incubation.reminders import Reminder, reminder_source
from incubator.incubation.services.notifications import organisation_admins
from incubator.kernel.services.notifications import bureau_officers
from tenders.duties import DUE_SOON_DAYS as DUE_SOON_DAYS_OF_DUTIES
from tenders.duties import open_duties
from tenders.models import Tender, TenderAward, TenderBid, TenderPage
from tenders.services.evaluation import evaluators_of

DEADLINE_SOON_DAYS = 3
# Tenders closed longer ago than this are not announced to their evaluators any more (the first
# run after an upgrade must not announce every past tender).
CLOSED_RECENTLY_DAYS = 7


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


@reminder_source
def tender_closed_reminders(now):
    """Tenders whose bids closed within the last week and that are not awarded yet, to their
    assigned evaluators: the bids can now be opened and scored."""
    standing = TenderAward.objects.exclude(status=TenderAward.Status.SET_ASIDE).values("tender")
    closed = (
        Tender.objects.filter(
            pk__in=TenderPage.objects.live().values("tender"),
            cancelled_at__isnull=True,
            deadline__lte=now,
            deadline__gt=now - timedelta(days=CLOSED_RECENTLY_DAYS),
        )
        .exclude(pk__in=standing)
        .order_by("deadline", "pk")
    )
    for tender in closed:
        yield Reminder(
            key=f"tender-closed:{tender.pk}:{tender.deadline:%Y%m%d%H%M%S}",
            users=list(evaluators_of(tender)),
            template="tenders/email/queue_evaluate",
            context={"tender": tender},
            link=("tenders_admin:tender", [tender.pk]),
            item=tender,
        )


@reminder_source
def bureau_duty_reminders(now):
    """The bureau's own deadlines (``tenders.duties``), to its officers: once when one falls
    due within three days, and once more when it is late. Answering a challenge marks the
    notifications about its award done; signing and publishing those about the contract."""
    today = timezone.localdate(now)
    officers = None
    for duty in open_duties(today=today):
        if duty.state == "open" and duty.days_left > DUE_SOON_DAYS_OF_DUTIES:
            continue
        officers = bureau_officers() if officers is None else officers
        record = duty.record
        yield Reminder(
            key=f"bureau-duty:{duty.kind}:{record.pk}:{duty.due_on:%Y%m%d}:{duty.state}",
            users=officers,
            template="tenders/email/duty_due",
            context={"duty": duty, "tender": duty.tender},
            link=(
                ("tenders_admin:tender", [duty.tender.pk])
                if duty.kind == "answer"
                else ("tender_contracts:inspect", [record.pk])
            ),
            item=record.award if duty.kind == "answer" else record,
        )
