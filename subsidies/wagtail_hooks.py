"""Back-office screens of subsidies, registered with the Wagtail admin, and the audit action
types of subsidies."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from incubator.incubation.selectors import manages_any_hub
from incubator.kernel.audit import register_audit_actions
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.viewsets import ReadableColumn, ScopedModelViewSet
from subsidies.admin_anomalies import AnomalyViewSet
from subsidies.admin_claims import ClaimViewSet
from subsidies.admin_views import (
    Approve,
    Disburse,
    Recommend,
    Reject,
    Return,
    StatusColumn,
    SubsidyApplicationIndexView,
    SubsidyApplicationInspectView,
)
from subsidies.admin_vouchers import (
    CommunityViewSet,
    CreditRunViewSet,
    VoucherHolderViewSet,
    VoucherSchemeViewSet,
)
from subsidies.audit import AUDIT_ACTIONS
from subsidies.budget import BudgetExportView, budget
from subsidies.dashboard import dashboard_panels
from subsidies.forms import SchemeForm
from subsidies.models import Scheme, SubsidyApplication
from subsidies.selectors import applications_visible_to, schemes_visible_to


@hooks.register("register_log_actions")
def register_subsidy_actions(actions):
    register_audit_actions(actions, AUDIT_ACTIONS)


class SchemeViewSet(ScopedModelViewSet):
    """Subsidy schemes: bureau officers add and edit them; hub managers see those open to their
    hubs. Each has a budget page with exports."""

    model = Scheme
    scopes = {"view": schemes_visible_to}
    scope_holder = manages_any_hub
    icon = "table"
    menu_label = _("Subsidy schemes")
    menu_name = "subsidy_schemes"
    menu_order = 230
    menu_hook = MENU_HOOKS["subsidies"]
    list_display = [
        "name",
        "year",
        "envelope",
        "approved_total",
        "disbursed_total",
        "opens_at",
        "closes_at",
    ]
    list_filter = ["year"]
    search_fields = ["name"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "year",
        "envelope",
        "approved_total",
        "disbursed_total",
        "opens_at",
        "closes_at",
        "period_starts_on",
        "period_months",
        "share",
        "monthly_cap",
        "cap_assistant_social_worker",
        "cap_social_worker",
        "cap_senior_social_worker",
        "max_months",
        "max_lines",
        "eligible_stages",
        "hubs",
        "rules_locked_at",
    ]

    def get_form_class(self, for_update=False):
        return SchemeForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("budget/<int:pk>/", budget, name="budget"),
            path(
                "budget/<int:pk>/csv/",
                BudgetExportView.as_view(export_format=BudgetExportView.FORMAT_CSV),
                name="budget_csv",
            ),
            path(
                "budget/<int:pk>/xlsx/",
                BudgetExportView.as_view(export_format=BudgetExportView.FORMAT_XLSX),
                name="budget_xlsx",
            ),
        ]


def _field(name):
    return SubsidyApplication._meta.get_field(name)


class SubsidyApplicationViewSet(ScopedModelViewSet):
    """Subsidy applications: bureau officers see all and decide; hub managers see and review
    those of their hubs' organisations. They change only through the actions."""

    model = SubsidyApplication
    scopes = {"view": applications_visible_to}
    scope_holder = manages_any_hub
    icon = "form"
    menu_label = _("Subsidy applications")
    menu_name = "subsidy_applications"
    menu_order = 231
    menu_hook = MENU_HOOKS["subsidies"]
    list_display = [
        "organisation",
        "scheme",
        StatusColumn("status", label=_("Status"), sort_key="status"),
        ReadableColumn(
            "eligible_total",
            label=_("Eligible (RMB)"),
            field=_field("eligible_total"),
        ),
        ReadableColumn(
            "approved_amount",
            label=_("Approved (RMB)"),
            field=_field("approved_amount"),
        ),
        ReadableColumn(
            "disbursed_total",
            label=_("Disbursed (RMB)"),
            field=_field("disbursed_total"),
        ),
        "submitted_at",
    ]
    list_filter = ["status", "scheme"]
    search_fields = ["organisation__name", "scheme__name"]
    list_select_related = ("organisation__hub", "scheme")
    list_export = [
        "organisation",
        "organisation.hub",
        "scheme",
        "get_status_display",
        "eligible_total",
        "proposed_amount",
        "approved_amount",
        "disbursed_total",
        "submitted_at",
        "decided_at",
    ]
    export_headings = {"organisation.hub": _("Hub")}
    export_filename = "subsidy-applications"
    index_view_class = SubsidyApplicationIndexView
    inspect_view_enabled = True
    inspect_view_class = SubsidyApplicationInspectView
    inspect_view_fields = [
        "organisation",
        "scheme",
        "status",
        "eligible_total",
        "proposed_amount",
        "recommendation_note",
        "approved_amount",
        "disbursed_total",
        "conditions",
        "return_reason",
        "rejection_reason",
        "submitted_at",
        "recommended_at",
        "decided_at",
        "completed_at",
    ]
    form_fields = ["conditions"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("recommend/<int:pk>/", Recommend.as_view(), name="recommend"),
            path("return/<int:pk>/", Return.as_view(), name="return"),
            path("approve/<int:pk>/", Approve.as_view(), name="approve"),
            path("reject/<int:pk>/", Reject.as_view(), name="reject"),
            path("disburse/<int:pk>/", Disburse.as_view(), name="disburse"),
        ]


@hooks.register("register_admin_viewset")
def register_subsidy_viewsets():
    return [
        SchemeViewSet("schemes"),
        SubsidyApplicationViewSet("subsidy_applications"),
        VoucherHolderViewSet("voucher_holders", url_prefix="voucher-holders"),
        VoucherSchemeViewSet("voucher_schemes", url_prefix="voucher-schemes"),
        CommunityViewSet("communities"),
        CreditRunViewSet("voucher_credit_runs", url_prefix="credit-runs"),
        ClaimViewSet("voucher_claims", url_prefix="voucher-claims"),
        AnomalyViewSet("voucher_anomalies", url_prefix="voucher-anomalies"),
    ]


@hooks.register("insert_global_admin_css")
def subsidy_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/subsidies-admin.css"))


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.extend(dashboard_panels(request))
