"""Seat availability in the back office: each hub's spaces, day by day over a year."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail.admin.menu import MenuItem

from incubator.incubation.availability import hub_availability
from incubator.incubation.selectors import hubs_visible_to, manages_any_hub
from incubator.kernel.permissions import get_visible_or_404


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def availability_index(request):
    """The hubs whose availability the user may see."""
    hubs = list(hubs_visible_to(request.user).order_by("name"))
    if not hubs:
        raise Http404
    return TemplateResponse(request, "incubator/admin/availability_index.html", {"hubs": hubs})


CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 600, 160, 10


def availability_view(request, pk: int):
    """Free seats per space and month of one hub and year, and the hub's monthly occupancy
    as a bar chart drawn on the server (with the same numbers as a table)."""
    hub = get_visible_or_404(request, hubs_visible_to(request.user), pk=pk)
    year = _year(request)
    availability = hub_availability(hub=hub, year=year)
    bar_width = CHART_WIDTH // 12
    bars = []
    for index, month in enumerate(availability.occupancy):
        height = round(CHART_HEIGHT * (month.percent or 0) / 100)
        bars.append(
            {
                "month": month,
                "x": index * bar_width + BAR_GAP // 2,
                "y": CHART_HEIGHT - height,
                "width": bar_width - BAR_GAP,
                "height": height,
                "label_x": index * bar_width + bar_width // 2,
            }
        )
    return TemplateResponse(
        request,
        "incubator/admin/availability.html",
        {
            "availability": availability,
            "hub": hub,
            "year": year,
            "bars": bars,
            "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT + 40, "base": CHART_HEIGHT},
            "previous_year": year - 1,
            "next_year": year + 1,
        },
    )


class AvailabilityMenuItem(MenuItem):
    """Shown to those who may see some hub."""

    def is_shown(self, request):
        # Bureau officers see every hub; hub managers their own (remembered per request).
        user = request.user
        return user.has_perm("incubator.view_hub") or manages_any_hub(user)
