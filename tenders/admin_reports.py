"""Back-office screens of provider reports: the list (overdue ones first, and filterable),
each report's page with its KPI actuals, evidence and graded score, and Accept and Return
(the viewset's ``record_actions``) for bureau officers. Hub managers read their hubs' reports."""

from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic.models import IndexView, InspectView

import django_filters

from incubator.incubation.selectors import hubs_visible_to
from incubator.kernel.actions import ActionView
from incubator.kernel.forms import ReasonForm
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.record_actions import SECONDARY, RecordAction
from incubator.kernel.viewsets import ScopedModelViewSet
from tenders.models import ContractReport
from tenders.selectors import (
    contract_reports_user_may_review,
    contract_reports_visible_to,
    reads_contracts_in_back_office,
    report_kpi_rows,
)
from tenders.services.reports import (
    contract_report_accept,
    contract_report_return,
    report_score,
)
from tenders.services.scoring import grade_for


def _overdue(queryset, today=None):
    today = today or timezone.localdate()
    return queryset.filter(status__in=ContractReport.OPEN, due_on__lt=today)


def _hubs(request):
    return hubs_visible_to(request.user)


class ReportFilterSet(WagtailFilterSet):
    """Overdue first of all, then status and hub."""

    overdue = django_filters.BooleanFilter(label=gettext_lazy("Overdue"), method="filter_overdue")
    hub = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Hub"), field_name="contract__organisation__hub", queryset=_hubs
    )

    class Meta:
        model = ContractReport
        fields = ["status", "grade"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = _overdue(queryset).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)


class ReportIndexView(IndexView):
    """Reports, overdue ones first, then by due date; ``?overdue=true`` lists only those."""

    def get_page_title(self):
        if self.request.GET.get("overdue") == "true":
            return _("Overdue contract reports")
        return super().get_page_title()

    def order_queryset(self, queryset):
        if "ordering" in self.request.GET:
            return super().order_queryset(queryset)
        late = Q(status__in=ContractReport.OPEN, due_on__lt=timezone.localdate())
        rank = Case(When(late, then=Value(0)), default=Value(1), output_field=IntegerField())
        return queryset.annotate(overdue_rank=rank).order_by("overdue_rank", "due_on", "pk")

    def get_edit_url(self, instance):
        return None  # reports change through the portal and the Accept and Return actions


class ReportInspectView(InspectView):
    """A report: the KPIs with targets and actuals, the narrative, evidence and decision."""

    template_name = "tenders/admin/report_inspect.html"

    @cached_property
    def header_more_buttons(self):
        return [b for b in super().header_more_buttons if b.url != self.get_edit_url()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context["kpi_rows"] = report_kpi_rows(report)
        context["evidence"] = report.evidence.all()
        context["overdue"] = report.is_overdue(timezone.localdate())
        return context


def _submitted(report) -> bool:
    return report.status == ContractReport.Status.SUBMITTED


class _Decide(ActionView):
    selector = staticmethod(contract_reports_user_may_review)
    select_related = ("contract__organisation", "contract__tender")
    icon = "doc-full"

    def back_url(self, report):
        return reverse("contract_reports:inspect", args=[report.pk])

    def subtitle(self, report):
        return str(report)

    def blockers(self, report):
        if _submitted(report):
            return []
        return [
            _("This report is %(status)s; only a submitted report is decided.")
            % {"status": report.get_status_display()}
        ]


class AcceptReport(_Decide):
    """Accept a submitted report: the period is scored and graded."""

    heading = gettext_lazy("Accept the report")

    def intro(self, report):
        if not _submitted(report):
            return ""
        score = report_score(report)
        return _(
            "The period will score %(score)s out of 100: %(grade)s. The provider is told by email."
        ) % {"score": score, "grade": grade_for(score).label}

    def act(self, report, data):
        report = contract_report_accept(report=report, by=self.request.user)
        return _("Report %(number)s is accepted: %(score)s, %(grade)s.") % {
            "number": report.number,
            "score": report.score,
            "grade": report.get_grade_display(),
        }


class ReturnReport(_Decide):
    """Return a submitted report with a reason; the provider files it again."""

    form_class = ReasonForm
    heading = gettext_lazy("Return the report")

    def get_form_kwargs(self, report):
        return {"help_text": _("The provider receives this by email and files the report again.")}

    def act(self, report, data):
        contract_report_return(report=report, reason=data["reason"], by=self.request.user)
        return _("Report %(number)s was returned to the provider.") % {"number": report.number}


def _period(report) -> str:
    return f"{report.period_starts_on:%Y-%m-%d} – {report.period_ends_on:%Y-%m-%d}"


def _overdue_label(report) -> str:
    return _("Overdue") if report.is_overdue(timezone.localdate()) else ""


def _score(report) -> str:
    if report.score is None:
        return "—"
    return f"{report.score} · {report.get_grade_display()}"


class ContractReportViewSet(ScopedModelViewSet):
    """Providers' reports on their contracts: bureau officers decide; hub managers read their
    hubs' organisations' reports."""

    model = ContractReport
    scopes = {"view": contract_reports_visible_to}
    scope_holder = reads_contracts_in_back_office
    model_wide = False
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Contract reports")
    menu_name = "contract_reports"
    menu_order = 243
    menu_hook = MENU_HOOKS["tenders"]
    index_view_class = ReportIndexView
    inspect_view_class = ReportInspectView
    inspect_view_enabled = True
    filterset_class = ReportFilterSet
    list_display = [
        "contract",
        Column("number", label=pgettext_lazy("report number", "No."), accessor="number"),
        Column("period", label=gettext_lazy("Period"), accessor=_period),
        "due_on",
        StatusTagColumn(
            "status",
            accessor="get_status_display",
            label=gettext_lazy("Status"),
            sort_key="status",
            primary=lambda report: not _submitted(report),
        ),
        Column("overdue", label=gettext_lazy("Overdue"), accessor=_overdue_label),
        Column("score", label=gettext_lazy("Score"), accessor=_score),
    ]
    search_fields = ["contract__organisation__name", "contract__tender__reference"]
    list_select_related = ("contract__organisation", "contract__tender")
    list_export = [
        "contract.tender.reference",
        "contract.organisation",
        "number",
        "period_starts_on",
        "period_ends_on",
        "due_on",
        "get_status_display",
        "submitted_at",
        "decided_at",
        "score",
        "get_grade_display",
    ]
    export_headings = {
        "contract.tender.reference": gettext_lazy("Tender reference"),
        "contract.organisation": gettext_lazy("Organisation"),
    }
    export_filename = "contract-reports"
    inspect_view_fields = [
        "contract",
        "number",
        "period_starts_on",
        "period_ends_on",
        "due_on",
        "status",
        "submitted_at",
        "narrative",
        "decided_at",
        "return_reason",
        "score",
        "grade",
    ]
    record_actions = (
        RecordAction(
            pgettext_lazy("contract report", "Accept"),
            "contract_reports:accept",
            contract_reports_user_may_review,
            when=_submitted,
            icon="check",
        ),
        RecordAction(
            gettext_lazy("Return"),
            "contract_reports:return",
            contract_reports_user_may_review,
            when=_submitted,
            icon="undo",
            kind=SECONDARY,
        ),
    )
    form_fields = ["narrative"]  # never offered: nobody holds the add or change permission

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("accept/<int:pk>/", AcceptReport.as_view(), name="accept"),
            path("return/<int:pk>/", ReturnReport.as_view(), name="return"),
        ]
