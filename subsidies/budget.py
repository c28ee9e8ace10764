"""Each scheme's budget at a glance: envelope, approved, disbursed, available, applications per
status, a bar chart drawn on the server (with the numbers as text too), and the applications the
user may see, filtered by status and exported to CSV or Excel."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from openpyxl import Workbook

from incubator.incubation.selectors import get_visible_or_404
from incubator.kernel.exports import neutralise
from incubator.kernel.snapshot import one_snapshot
from subsidies.models import Scheme, SubsidyApplication
from subsidies.selectors import applications_visible_to, schemes_visible_to

S = SubsidyApplication.Status
CHART_WIDTH = 600
APPLICATIONS_PER_PAGE = 50


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


def _rows(applications) -> tuple[list[str], list[list]]:
    headers = [
        _("Organisation"),
        _("Hub"),
        _("Status"),
        _("Eligible (RMB)"),
        _("Recommended (RMB)"),
        _("Approved (RMB)"),
        _("Disbursed (RMB)"),
        _("Submitted at"),
    ]
    rows = [
        [
            application.organisation.name,
            application.organisation.hub.name,
            application.get_status_display(),
            application.eligible_total,
            application.proposed_amount,
            application.approved_amount,
            application.disbursed_total,
            timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M")
            if application.submitted_at
            else "",
        ]
        for application in applications
    ]
    return [str(header) for header in headers], rows


def _filename(scheme: Scheme, extension: str) -> str:
    return f"subsidy-scheme-{scheme.pk}-{timezone.localdate():%Y%m%d}.{extension}"


def budget_csv(request, pk: int):
    """The budget's application list as CSV (UTF-8 with a BOM, so Excel reads the Chinese)."""
    scheme = get_visible_or_404(request, schemes_visible_to(request.user), pk=pk)
    applications, _status = _applications(request, scheme)
    headers, rows = _rows(applications)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([neutralise(header) for header in headers])
    for row in rows:
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(scheme, "csv")}"'
    return response


def budget_xlsx(request, pk: int):
    """The budget's application list as an Excel workbook."""
    scheme = get_visible_or_404(request, schemes_visible_to(request.user), pk=pk)
    applications, _status = _applications(request, scheme)
    headers, rows = _rows(applications)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Applications"
    sheet.append([neutralise(header) for header in headers])
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])
    for column in ("D", "E", "F", "G"):
        for cell in sheet[column][1:]:
            cell.number_format = "#,##0.00"
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(
        output.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(scheme, "xlsx")}"'
    return response
