"""The tender pipeline panel of the Wagtail admin home, for bureau officers: how many tenders
stand at each status, as bars with the numbers as text, each linking to the filtered tender
list (the tenders waiting for evaluators and the questions waiting for an answer are items of
the officer's task list). One query whatever the number of tenders. And, while a year's
working-day calendar waits for an officer's confirmation (this year, or from 1 November next
year), a panel that asks for it."""

from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from incubator.incubation.admin.dashboard import admin_list_url
from incubator.kernel.calendar import confirmed_years
from tenders.dashboard_contracts import ContractsAtRiskPanel
from tenders.duties import open_duties
from tenders.models import Tender, TenderStatus
from tenders.selectors import calendar_user_may_confirm, is_tender_officer

BAR_WIDTH = 200


@dataclass(frozen=True)
class StatusBar:
    status: str
    label: str
    count: int
    url: str
    width: int


class TenderPipelinePanel(Component):
    """Tenders by status."""

    name = "tender_pipeline"
    order = 48
    template_name = "tenders/admin/dashboard/pipeline.html"

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        # Counted over the tenders themselves: one row each, whatever its languages.
        tenders = Tender.objects.with_state()
        conditions = Tender.objects.status_conditions(now)
        counts = tenders.aggregate(
            **{status: Count("pk", filter=condition) for status, condition in conditions.items()}
        )
        widest = max(counts.values(), default=0) or 1
        bars = [
            StatusBar(
                status=status.value,
                label=status.label,
                count=counts[status.value],
                url=admin_list_url("tenders_admin:index", status=status.value),
                width=round(BAR_WIDTH * counts[status.value] / widest),
            )
            for status in TenderStatus
        ]
        return {
            "bars": bars,
            "total": sum(bar.count for bar in bars),
            "bar_width": BAR_WIDTH,
            "list_url": admin_list_url("tenders_admin:index"),
        }


# From this day of the year on, the bureau is asked to confirm next year's calendar (the
# State Council publishes its notice in October or November).
ASK_FROM = (11, 1)


def years_to_confirm(today) -> list[int]:
    """This year if nobody has confirmed it; from 1 November next year as well."""
    years = [today.year]
    if (today.month, today.day) >= ASK_FROM:
        years.append(today.year + 1)
    confirmed = confirmed_years()
    return [year for year in years if year not in confirmed]


class CalendarConfirmationPanel(Component):
    """Asks bureau officers to confirm a year's working-day calendar against the State
    Council's notice. No query of its own: the confirmed years come from the cache."""

    name = "calendar_confirmation"
    order = 47
    template_name = "tenders/admin/dashboard/calendar.html"

    def __init__(self, years: list[int]):
        self.years = years

    def get_context_data(self, parent_context=None):
        return {
            "years": [
                (year, f"{reverse('tender_calendar_years:add')}?year={year}") for year in self.years
            ]
        }


# How far ahead "Our deadlines" looks; later duties are counted, not listed.
DUTIES_AHEAD_DAYS = 7
# Duties of each list (late, due within a week) shown on the home page; the rest are on the
# deadlines page (``tenders_admin:duties``).
DUTIES_SHOWN = 8


class BureauDutiesPanel(Component):
    """ "Our deadlines": the bureau's own duties after awards (sign, publish, answer a
    challenge, pay a tranche), the late ones first, then those due within a week, each linking
    to its record; at most ``DUTIES_SHOWN`` of each, with a link to the deadlines page for
    the rest. Three queries (``tenders.duties.open_duties``)."""

    name = "bureau_duties"
    heading = _("Our deadlines")
    lazy = True
    order = 49
    template_name = "tenders/admin/dashboard/duties.html"

    def get_context_data(self, parent_context=None):
        duties = open_duties(today=timezone.localdate())
        late = [duty for duty in duties if duty.state == "overdue"]
        soon = [
            duty for duty in duties if duty.state == "open" and duty.days_left <= DUTIES_AHEAD_DAYS
        ]
        return {
            "heading": self.heading,
            "late": late[:DUTIES_SHOWN],
            "late_more": max(0, len(late) - DUTIES_SHOWN),
            "soon": soon[:DUTIES_SHOWN],
            "soon_more": max(0, len(soon) - DUTIES_SHOWN),
            "later": len(duties) - len(late) - len(soon),
            "all_url": reverse("tenders_admin:duties"),
        }


def dashboard_panels(request) -> list[Component]:
    """The tender panels for bureau officers; none for anyone else."""
    if not is_tender_officer(request.user):
        return []
    panels: list[Component] = [
        TenderPipelinePanel(),
        BureauDutiesPanel(),
        ContractsAtRiskPanel(),
    ]
    if calendar_user_may_confirm(request.user):
        years = years_to_confirm(timezone.localdate())
        if years:
            panels.append(CalendarConfirmationPanel(years))
    return panels
