"""Panels of the Wagtail admin home for the incubation domain: organisations by stage per hub,
occupancy per hub over the last twelve months, and overdue milestones. Bureau officers see
every hub, hub managers their own hubs, and what awaits their review (intake applications and
milestone evidence); others see none of these panels. Every panel costs a
fixed number of queries whatever the number of hubs, organisations or allocations, and links
to the filtered admin list behind it."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from incubator.incubation.availability import MonthOccupancy, last_months, occupancy_by_hub
from incubator.incubation.selectors import (
    hubs_visible_to,
    milestones_visible_to,
)
from incubator.incubation.services.milestones import overdue
from incubator.kernel.todo import first_with_total
from incubator.models import Hub, Organisation

OVERDUE_SHOWN = 5
# Hubs drawn in the per-hub charts; a city of a hundred hubs shows the busiest, and links to
# the rest (a hundred charts is more than anyone reads on a home page, and costs a second).
HUBS_SHOWN = 10
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


def hubs_with_stage_counts(user) -> list[Hub]:
    """The hubs of ``dashboard_hubs``, each with its organisations counted by stage
    (``stage_counts``): a count per hub and stage from the (hub, stage) index, not a join of
    every organisation of the city grouped by hub. One query."""
    counts = {
        f"stage_{stage}": Coalesce(
            Subquery(
                Organisation.objects.filter(hub=OuterRef("pk"), stage=stage)
                .order_by()
                .values("hub")
                .annotate(count=Count("*"))
                .values("count")
            ),
            0,
        )
        for stage in Organisation.Stage.values
    }
    return list(hubs_visible_to(user).annotate(**counts).order_by("name", "pk"))


def stage_counts(hub: Hub) -> dict[str, int]:
    """The organisations of a hub of ``hubs_with_stage_counts`` by stage."""
    return {stage: getattr(hub, f"stage_{stage}") for stage in Organisation.Stage.values}


class DashboardPanel(Component):
    """A panel of the admin home about the hubs the user covers (``dashboard_hubs``), read
    when the panel is drawn: building the panels reads nothing (their figures load after the
    page, ``incubator.kernel.dashboard``)."""

    order = 50

    def __init__(self, request):
        self.request = request

    @property
    def hubs(self) -> list[Hub]:
        return dashboard_hubs(self.request)

    @property
    def hub_ids(self) -> list[int]:
        return [hub.pk for hub in self.hubs]


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
    """How many organisations each hub has at each stage, with a stacked bar per hub (the
    ``HUBS_SHOWN`` hubs with the most organisations)."""

    name = "organisations_by_stage"
    heading = _("Organisations by stage")
    lazy = True
    order = 60
    template_name = "incubator/admin/dashboard/organisations_by_stage.html"

    def get_context_data(self, parent_context=None):
        hubs = hubs_with_stage_counts(self.request.user)
        counts = {
            (hub.pk, stage): count for hub in hubs for stage, count in stage_counts(hub).items()
        }
        totals = {hub.pk: sum(stage_counts(hub).values()) for hub in hubs}
        shown = sorted(hubs, key=lambda hub: -totals[hub.pk])[:HUBS_SHOWN]
        widest = max(totals.values(), default=0) or 1
        rows = []
        for hub in shown:
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
            "heading": self.heading,
            "rows": rows,
            "hub_count": len(hubs),
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
    percentages as text (the ``HUBS_SHOWN`` fullest hubs this month)."""

    name = "occupancy"
    heading = _("Occupancy over the last 12 months")
    lazy = True
    order = 70
    template_name = "incubator/admin/dashboard/occupancy.html"

    def get_context_data(self, parent_context=None):
        months = last_months(timezone.localdate())
        occupancy = occupancy_by_hub(hub_ids=self.hub_ids, months=months)
        # The fullest hubs this month first: those are the ones a manager acts on.
        shown = sorted(self.hubs, key=lambda hub: -(occupancy[hub.pk][-1].percent or 0))
        rows = []
        for hub in shown[:HUBS_SHOWN]:
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
            "heading": self.heading,
            "rows": rows,
            "chart_width": OCCUPANCY_BAR * len(months),
            "chart_height": OCCUPANCY_HEIGHT,
            "bar_width": OCCUPANCY_BAR - 2,
            "first": date_format(months[0], "YEAR_MONTH_FORMAT"),
            "last": date_format(months[-1], "YEAR_MONTH_FORMAT"),
            "hub_count": len(self.hubs),
            "list_url": reverse("incubator_availability_index"),
        }


class OverdueMilestonesPanel(DashboardPanel):
    """How many milestones of the hubs' organisations are overdue, and the oldest few."""

    name = "overdue_milestones"
    heading = _("Overdue milestones")
    lazy = True
    order = 80
    template_name = "incubator/admin/dashboard/overdue_milestones.html"

    def get_context_data(self, parent_context=None):
        visible = milestones_visible_to(self.request.user)
        if visible.query.where:  # not every milestone: those of the hubs the panel covers
            visible = visible.filter(organisation__hub_id__in=self.hub_ids)
        late = overdue(visible)
        first, count = first_with_total(
            late.select_related("organisation").order_by("due_on", "pk"), OVERDUE_SHOWN
        )
        return {
            "heading": self.heading,
            "count": count,
            "milestones": first,
            "list_url": admin_list_url("milestones:index", overdue="true"),
        }


def dashboard_panels(request) -> list[Component]:
    """The incubation panels for the user of ``request``: none without any hub in scope.
    What awaits a hub manager's review is in their task list (``TodoPanel``)."""
    if not dashboard_hubs(request):
        return []
    return [
        OrganisationsByStagePanel(request),
        OccupancyPanel(request),
        OverdueMilestonesPanel(request),
    ]
