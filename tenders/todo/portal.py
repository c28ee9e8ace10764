"""An organisation's tender items: its draft bids to submit before the deadline, open tenders
it may bid for, and submitted bids waiting for the award. Five queries, whatever the data."""

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.kernel.todo import (
    SHOWN,
    Kind,
    TodoItem,
    TodoRequest,
    capped,
    first_with_total,
    local_date,
)
from tenders.choices import TenderStatus
from tenders.models import Tender, TenderAward, TenderBid, TenderPage
from tenders.selectors import bids_of_own_organisation
from tenders.services.eligibility import tender_eligibility
from tenders.todo.common import with_titles

# Open tenders read to find the ones the organisation may bid for (eligibility is checked in
# Python, as the bid page does); a city has a few tens open at a time.
OPEN_TENDERS_READ = 50


def _bid_url(tender: Tender) -> str:
    return reverse("tenders_portal:bid", args=[tender.page.pk])


def organisation_items(todo: TodoRequest) -> list:
    """Draft bids to submit, open tenders to consider, submitted bids waiting for a result."""
    organisation = todo.membership.organisation
    now = todo.now
    own = bids_of_own_organisation(todo.user)
    list_url = reverse("tenders_portal:bids")
    drafts, total = first_with_total(
        with_titles(
            own.filter(
                status=TenderBid.Status.DRAFT,
                tender__deadline__gt=now,
                tender__cancelled_at__isnull=True,
            ).select_related("tender"),
            "tender__pages",
        ).order_by("tender__deadline", "pk")
    )
    entries = capped(
        drafts,
        total,
        kind=Kind.NOW,
        url=list_url,
        label=_("All your bids"),
        build=lambda bid: TodoItem(
            title=str(_("Submit your bid for %(tender)s")) % {"tender": bid.tender.title},
            url=_bid_url(bid.tender),
            kind=Kind.NOW,
            status_label=str(bid.get_status_display()),
            due_on=local_date(bid.tender.deadline),
        ),
    )
    waiting, total = first_with_total(
        with_titles(
            own.filter(status=TenderBid.Status.SUBMITTED, tender__cancelled_at__isnull=True)
            .exclude(
                tender__in=TenderAward.objects.exclude(status=TenderAward.Status.SET_ASIDE).values(
                    "tender"
                )
            )
            .select_related("tender"),
            "tender__pages",
        ).order_by("tender__deadline", "pk")
    )
    entries += capped(
        waiting,
        total,
        kind=Kind.WAITING,
        url=list_url,
        label=_("All your bids"),
        build=lambda bid: TodoItem(
            title=str(_("Result of your bid for %(tender)s")) % {"tender": bid.tender.title},
            url=_bid_url(bid.tender),
            kind=Kind.WAITING,
            status_label=str(
                bid.get_status_display() if bid.tender.deadline > now else _("Being evaluated")
            ),
            due_on=local_date(bid.tender.deadline),
        ),
    )
    # Open tenders without a live bid of the organisation, that it may bid for.
    open_tenders = with_titles(
        Tender.objects.filter(
            opens_at__lte=now,
            deadline__gt=now,
            cancelled_at__isnull=True,
            pk__in=TenderPage.objects.live().values("tender"),
        )
        .exclude(pk__in=own.filter(status__in=TenderBid.LIVE).values("tender"))
        .order_by("deadline", "pk")
    )[:OPEN_TENDERS_READ]
    # Eligibility counts the months of incubation: read them once for every tender.
    prefetch_related_objects([organisation], "incubations")
    eligible = [
        tender
        for tender in open_tenders
        if not tender_eligibility(tender=tender, organisation=organisation, today=todo.today)
    ]
    for tender in eligible[:SHOWN]:
        entries.append(
            TodoItem(
                title=str(_("Open tender: %(tender)s")) % {"tender": tender.title},
                url=_bid_url(tender),
                kind=Kind.COMING,
                status_label=str(TenderStatus.OPEN.label),
                due_on=local_date(tender.deadline),
            )
        )
    return entries
