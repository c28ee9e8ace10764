"""Panels of the Wagtail admin home for the incubation domain: organisations by stage per hub,
occupancy per hub over the last twelve months, and overdue milestones. Bureau officers see
every hub, hub managers their own hubs, and what awaits their review (intake applications and
milestone evidence); others see none of these panels. Every panel costs a
fixed number of queries whatever the number of hubs, organisations or allocations, and links
to the filtered admin list behind it."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.admin.ui.components import Component

from incubator.incubation.availability import MonthOccupancy, last_months, occupancy_by_hub
from incubator.incubation.selectors import (
    hubs_user_may_manage,
    hubs_visible_to,
    manages_any_hub,
    milestones_visible_to,
)
from incubator.incubation.services.milestones import overdue
from incubator.models import Hub, IntakeApplication, Milestone, Organisation

OVERDUE_SHOWN = 5
BAR_WIDTH = 300  # pixels of the widest bar of organisations per hub
OCCUPANCY_BAR = 14  # pixels per month in the occupancy chart
OCCUPANCY_HEIGHT = 40


def admin_list_url(name: str, **filters) -> str:
    """The URL of an admin listing with ``filters`` in its query string."""
    url = reverse(name)
    return f"{url}?{urlencode(filters)}" if filters else url


def dashboard_hubs(request) -> list[Hub]:
    """The hubs the dashboard covers for the user, read once per request: every hub for bureau
    officers, their own for hub managers, none for anyone else."""
    if not hasattr(request, "_dashboard_hubs"):
        request._dashboard_hubs = list(hubs_visible_to(request.user).order_by("name", "pk"))
    return request._dashboard_hubs


class DashboardPanel(Component):
    """A panel of the admin home about the hubs in ``hubs``."""

    order = 50

    def __init__(self, request, hubs: list[Hub]):
        self.request = request
        self.hubs = hubs
        self.hub_ids = [hub.pk for hub in hubs]


@dataclass(frozen=True)
class StageCount:
    label: str
    count: int
    url: str
    css: str
    width: int
    x: int


@dataclass(frozen=True)
class HubStages:
    hub: Hub
    url: str
    total: int
    stages: list[StageCount]


class OrganisationsByStagePanel(DashboardPanel):
    """How many organisations each hub has at each stage, with a stacked bar per hub."""

    name = "organisations_by_stage"
    order = 60
    template_name = "incubator/admin/dashboard/organisations_by_stage.html"

    def get_context_data(self, parent_context=None):
        counts: dict[tuple[int, str], int] = {
            (hub_id, stage): count
            for hub_id, stage, count in Organisation.objects.filter(hub_id__in=self.hub_ids)
            .order_by()
            .values("hub_id", "stage")
            .annotate(count=Count("pk"))
            .values_list("hub_id", "stage", "count")
        }
        totals = {
            hub.pk: sum(counts.get((hub.pk, stage), 0) for stage in Organisation.Stage.values)
            for hub in self.hubs
        }
        widest = max(totals.values(), default=0) or 1
        rows = []
        for hub in self.hubs:
            stages, x = [], 0
            for stage in Organisation.Stage:
                count = counts.get((hub.pk, stage.value), 0)
                width = round(BAR_WIDTH * count / widest)
                stages.append(
                    StageCount(
                        label=stage.label,
                        count=count,
                        url=admin_list_url("organisations:index", hub=hub.pk, stage=stage.value),
                        css=stage.value,
                        width=width,
                        x=x,
                    )
                )
                x += width
            rows.append(
                HubStages(
                    hub=hub,
                    url=admin_list_url("organisations:index", hub=hub.pk),
                    total=totals[hub.pk],
                    stages=stages,
                )
            )
        return {
            "rows": rows,
            "stages": Organisation.Stage.choices,
            "list_url": admin_list_url("organisations:index"),
            "bar_width": BAR_WIDTH,
        }


@dataclass(frozen=True)
class OccupancyBar:
    month: MonthOccupancy
    label: str
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class HubOccupancy:
    hub: Hub
    url: str
    bars: list[OccupancyBar]
    latest: MonthOccupancy


class OccupancyPanel(DashboardPanel):
    """Occupancy of each hub in each of the last twelve months, as small bar charts with the
    percentages as text."""

    name = "occupancy"
    order = 70
    template_name = "incubator/admin/dashboard/occupancy.html"

    def get_context_data(self, parent_context=None):
        months = last_months(timezone.localdate())
        occupancy = occupancy_by_hub(hub_ids=self.hub_ids, months=months)
        rows = []
        for hub in self.hubs:
            bars = []
            for index, month in enumerate(occupancy[hub.pk]):
                height = round(OCCUPANCY_HEIGHT * min(month.percent or 0, 100) / 100)
                bars.append(
                    OccupancyBar(
                        month=month,
                        label=date_format(month.month, "YEAR_MONTH_FORMAT"),
                        x=index * OCCUPANCY_BAR,
                        y=OCCUPANCY_HEIGHT - height,
                        height=height,
                    )
                )
            rows.append(
                HubOccupancy(
                    hub=hub,
                    url=reverse("incubator_availability", args=[hub.pk]),
                    bars=bars,
                    latest=occupancy[hub.pk][-1],
                )
            )
        return {
            "rows": rows,
            "chart_width": OCCUPANCY_BAR * len(months),
            "chart_height": OCCUPANCY_HEIGHT,
            "bar_width": OCCUPANCY_BAR - 2,
            "first": date_format(months[0], "YEAR_MONTH_FORMAT"),
            "last": date_format(months[-1], "YEAR_MONTH_FORMAT"),
            "list_url": reverse("incubator_availability_index"),
        }


class OverdueMilestonesPanel(DashboardPanel):
    """How many milestones of the hubs' organisations are overdue, and the oldest few."""

    name = "overdue_milestones"
    order = 80
    template_name = "incubator/admin/dashboard/overdue_milestones.html"

    def get_context_data(self, parent_context=None):
        late = overdue(
            milestones_visible_to(self.request.user).filter(organisation__hub_id__in=self.hub_ids)
        )
        count = late.count()
        first = list(late.select_related("organisation").order_by("due_on", "pk")[:OVERDUE_SHOWN])
        return {
            "count": count,
            "milestones": first,
            "list_url": admin_list_url("milestones:index", overdue="true"),
        }


class AwaitingReviewPanel(Component):
    """What waits for a hub manager's decision in their hubs: intake applications whose
    address is confirmed, and submitted milestone evidence; the oldest few of each."""

    name = "awaiting_review"
    order = 44
    template_name = "incubator/admin/dashboard/awaiting_review.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        hubs = hubs_user_may_manage(self.request.user).values("pk")
        applications = IntakeApplication.objects.filter(
            hub__in=hubs,
            status=IntakeApplication.Status.SUBMITTED,
            email_confirmed_at__isnull=False,
        )
        evidence = Milestone.objects.filter(
            organisation__hub__in=hubs, status=Milestone.Status.SUBMITTED
        )
        return {
            "application_count": applications.count(),
            "applications": list(
                applications.select_related("hub").order_by("submitted_at", "pk")[:OVERDUE_SHOWN]
            ),
            "applications_url": admin_list_url(
                "intake:index", status=IntakeApplication.Status.SUBMITTED
            ),
            "evidence_count": evidence.count(),
            "evidence": list(
                evidence.select_related("organisation").order_by("submitted_at", "pk")[
                    :OVERDUE_SHOWN
                ]
            ),
            "evidence_url": admin_list_url("milestones:index", status=Milestone.Status.SUBMITTED),
        }


def dashboard_panels(request) -> list[Component]:
    """The incubation panels for the user of ``request``: none without any hub in scope;
    hub managers also see what awaits their review."""
    hubs = dashboard_hubs(request)
    if not hubs:
        return []
    panels = [
        OrganisationsByStagePanel(request, hubs),
        OccupancyPanel(request, hubs),
        OverdueMilestonesPanel(request, hubs),
    ]
    if manages_any_hub(request.user):
        panels.insert(0, AwaitingReviewPanel(request))
    return panels
