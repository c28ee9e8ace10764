"""Each scheme's budget at a glance: envelope, approved, disbursed, available, applications per
status, a bar chart drawn on the server (with the numbers as text too), and the applications the
user may see, filtered by status and exported to CSV or Excel through Wagtail's spreadsheet
export."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from incubator.kernel.exports import SafeExportMixin
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.snapshot import one_snapshot
from subsidies.models import Scheme, SubsidyApplication
from subsidies.selectors import applications_visible_to, schemes_visible_to

S = SubsidyApplication.Status
CHART_WIDTH = 600
APPLICATIONS_PER_PAGE = 50
AMOUNT_FORMAT = "#,##0.00"


@dataclass(frozen=True)
class Bar:
    """One bar of the chart: its label, amount and width in pixels."""

    label: str
    amount: Decimal
    width: int
    y: int
    css: str


def budget_bars(scheme: Scheme, *, width: int = CHART_WIDTH) -> list[Bar]:
    """The four bars of a scheme's budget chart, the envelope ``width`` pixels wide."""
    rows = [
        (_("Envelope"), scheme.envelope, "envelope"),
        (_("Approved"), scheme.approved_total, "approved"),
        (_("Disbursed"), scheme.disbursed_total, "disbursed"),
        (_("Available"), scheme.available, "available"),
    ]
    scale = scheme.envelope or Decimal(1)
    return [
        Bar(str(label), amount, int(width * amount / scale), 10 + index * 40, css)
        for index, (label, amount, css) in enumerate(rows)
    ]


def _applications(request, scheme: Scheme) -> tuple[QuerySet, str]:
    applications = (
        applications_visible_to(request.user)
        .filter(scheme=scheme)
        .select_related("organisation", "organisation__hub")
        .order_by("organisation__name", "pk")
    )
    status = request.GET.get("status", "")
    if status in S.values:
        applications = applications.filter(status=status)
    else:
        status = ""
    return applications, status


def budget(request, pk: int):
    """The budget of a scheme the user may see. Its figures, the counts per status and the
    page of applications are read in one snapshot, so they agree even while approvals are
    being committed (the template renders only what was read inside it)."""
    with one_snapshot():
        scheme = get_visible_or_404(request, schemes_visible_to(request.user), pk=pk)
        applications, status = _applications(request, scheme)
        counts = dict(
            applications_visible_to(request.user)
            .filter(scheme=scheme)
            .order_by()
            .values_list("status")
            .annotate(count=Count("pk"))
        )
        # A page of applications at a time: a city's scheme has thousands (the exports all).
        paginator = Paginator(applications, APPLICATIONS_PER_PAGE)
        page = paginator.get_page(request.GET.get("p"))
        page.object_list = list(page.object_list)
        elided_page_range = list(paginator.get_elided_page_range(page.number))
    return TemplateResponse(
        request,
        "subsidies/admin/budget.html",
        {
            "scheme": scheme,
            "bars": budget_bars(scheme),
            "chart_width": CHART_WIDTH,
            "counts": [(choice, counts.get(choice.value, 0)) for choice in S],
            "applications": page,
            "elided_page_range": elided_page_range,
            "status": status,
            "statuses": S.choices,
        },
    )


class BudgetExportView(SafeExportMixin, SpreadsheetExportMixin, View):
    """The budget's application list, with the page's status filter, through Wagtail's
    spreadsheet export like every listing of the back office (``SafeExportMixin``: formulas
    made harmless, local times, a CSV that Excel opens with its Chinese intact); the amounts
    are numbers shown with thousands separators in the workbook."""

    export_format = SpreadsheetExportMixin.FORMAT_CSV  # or FORMAT_XLSX, given by the URL
    list_export = [
        "organisation.name",
        "organisation.hub.name",
        "get_status_display",
        "eligible_total",
        "proposed_amount",
        "approved_amount",
        "disbursed_total",
        "submitted_at",
    ]
    export_headings = {
        "organisation.name": gettext_lazy("Organisation"),
        "organisation.hub.name": gettext_lazy("Hub"),
        "get_status_display": gettext_lazy("Status"),
        "eligible_total": gettext_lazy("Eligible (RMB)"),
        "proposed_amount": gettext_lazy("Recommended (RMB)"),
        "approved_amount": gettext_lazy("Approved (RMB)"),
        "disbursed_total": gettext_lazy("Disbursed (RMB)"),
        "submitted_at": gettext_lazy("Submitted at"),
    }

    def get(self, request, pk: int):
        scheme = get_visible_or_404(request, schemes_visible_to(request.user), pk=pk)
        applications, _status = _applications(request, scheme)
        self.export_filename = f"subsidy-scheme-{scheme.pk}"
        return self.as_spreadsheet(applications, self.export_format)

    def xlsx_number_format(self, field, value):
        if isinstance(value, Decimal):
            return AMOUNT_FORMAT
        return super().xlsx_number_format(field, value)
