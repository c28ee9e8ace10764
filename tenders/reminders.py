"""Tender reminders (see ``incubator.incubation.reminders``): an organisation with a draft bid on
a tender whose deadline is within three days is reminded to submit it, once per tender and deadline
(a moved deadline is a new reminder); a tender's evaluators hear once its bids have closed that
they can be scored (done once the tender is awarded); a provider hears three working days before
a contract report is due, and again once it is overdue (both counted on the working-day
calendar; a new due date or a return is a new reminder); the bureau's officers hear of a
submitted report still waiting for their decision after five working days, and of their own
deadlines after an award (``tenders.duties``); residents' complaints remind the provider
before their answer is due and the bureau once they are late."""

from datetime import timedelta

from django.utils import timezone

from incubator.incubation.reminders import DECISION_WAITS_WORKING_DAYS, Reminder, reminder_source
from incubator.incubation.services.notifications import organisation_admins
from incubator.kernel.calendar import add_working_days, working_days_before
from incubator.kernel.permissions import users_allowed
from incubator.kernel.services.notifications import bureau_officers
from tenders.duties import DUE_SOON_DAYS as DUE_SOON_DAYS_OF_DUTIES
from tenders.duties import open_duties
from tenders.models import Complaint, ContractReport, Tender, TenderAward, TenderBid, TenderPage
from tenders.selectors import contract_reports_user_may_review
from tenders.services.evaluation import evaluators_of

DEADLINE_SOON_DAYS = 3
# Tenders closed longer ago than this are not announced to their evaluators any more (the first
# run after an upgrade must not announce every past tender).
CLOSED_RECENTLY_DAYS = 7
REPORT_DUE_SOON_WORKING_DAYS = 3
COMPLAINT_DUE_SOON_WORKING_DAYS = 1
COMPLAINTS_RECENT_DAYS = 365


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


def _report_key(kind: str, report: ContractReport) -> str:
    # A return starts the report's round again: a returned report is reminded anew.
    round_ = f"{report.decided_at:%Y%m%d%H%M%S}" if report.decided_at else "first"
    return f"contract-report-{kind}:{report.pk}:{report.due_on:%Y%m%d}:{round_}"


@reminder_source
def contract_report_reminders(now):
    """Contract reports still to file (due or returned), to the provider's admins: those due
    within three working days, and those past their due date."""
    today = timezone.localdate(now)
    open_ = ContractReport.objects.filter(status__in=ContractReport.OPEN).select_related(
        "contract__organisation", "contract__tender"
    )
    soon = open_.filter(
        due_on__gte=today,
        due_on__lte=add_working_days(today, REPORT_DUE_SOON_WORKING_DAYS),
        period_ends_on__lte=today,
    )
    for kind, template, reports in (
        ("due", "tenders/email/reminder_report_due", soon),
        ("overdue", "tenders/email/reminder_report_overdue", open_.filter(due_on__lt=today)),
    ):
        for report in reports.order_by("due_on", "pk"):
            yield Reminder(
                key=_report_key(kind, report),
                users=organisation_admins(report.contract.organisation),
                template=template,
                context={"report": report, "tender": report.contract.tender},
                link=("tenders_portal:report", [report.pk]),
            )


@reminder_source
def contract_report_decision_reminders(now):
    """Reports submitted more than five working days ago and not decided, to the officers."""
    cutoff = working_days_before(timezone.localdate(now), DECISION_WAITS_WORKING_DAYS)
    waiting = (
        ContractReport.objects.filter(
            status=ContractReport.Status.SUBMITTED, submitted_at__date__lt=cutoff
        )
        .select_related("contract__organisation", "contract__tender")
        .order_by("submitted_at", "pk")
    )
    for report in waiting:
        yield Reminder(
            key=f"contract-report-review:{report.pk}:{report.submitted_at:%Y%m%d%H%M%S}",
            users=users_allowed(contract_reports_user_may_review, report),
            template="reminder_decision_waiting",
            context={
                "what": str(report),
                "organisation": report.contract.organisation,
                "since": report.submitted_at,
            },
            link=("contract_reports:inspect", [report.pk]),
            item=report,
        )


@reminder_source
def bureau_duty_reminders(now):
    """The bureau's own deadlines (``tenders.duties``), to its officers: once when one falls
    due within three days, and once more when it is late. Answering a challenge marks the
    notifications about its award done; signing and publishing those about the contract;
    paying a tranche those about the tranche."""
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
                else ("tender_contracts:inspect", [duty.contract_pk])
            ),
            item=record.award if duty.kind == "answer" else record,
        )


@reminder_source
def complaint_reminders(now):
    """Residents' complaints: the provider's admins hear one working day before an answer is
    due; the bureau's officers hear once a complaint is late (it has come to them). Answering
    marks both done. Complaints filed more than a year ago are never announced."""
    today = timezone.localdate(now)
    unanswered = (
        Complaint.objects.filter(
            answered_at__isnull=True, filed_at__gte=now - timedelta(days=COMPLAINTS_RECENT_DAYS)
        )
        .select_related("site__contract__organisation")
        .order_by("answer_due_on", "pk")
    )
    soon = unanswered.filter(
        answer_due_on__gte=today,
        answer_due_on__lte=add_working_days(today, COMPLAINT_DUE_SOON_WORKING_DAYS),
    )
    for complaint in soon:
        yield Reminder(
            key=f"complaint-due:{complaint.pk}:{complaint.answer_due_on:%Y%m%d}",
            users=organisation_admins(complaint.site.contract.organisation),
            template="tenders/email/complaint_due",
            context={"complaint": complaint, "site": complaint.site},
            link=("tenders_portal:complaint", [complaint.pk]),
            item=complaint,
        )
    officers = None
    for complaint in unanswered.filter(answer_due_on__lt=today):
        officers = bureau_officers() if officers is None else officers
        yield Reminder(
            key=f"complaint-late:{complaint.pk}:{complaint.answer_due_on:%Y%m%d}",
            users=officers,
            template="tenders/email/complaint_late",
            context={"complaint": complaint, "site": complaint.site},
            link=("site_complaints:inspect", [complaint.pk]),
            item=complaint,
        )
