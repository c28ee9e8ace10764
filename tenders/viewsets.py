"""Admin listings of bids and contracts, with CSV and Excel exports of the rows the filters
show. Nobody edits either through a generic form: bids change in the portal and through the
evaluation screens, contracts come from final awards. Bids list only once their tender's
deadline has passed (sealed until then, for bureau officers too); contracts list for bureau
officers, and for hub managers those of their hubs' organisations."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView

import django_filters

from incubator.incubation.selectors import hubs_visible_to
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.money import format_rmb
from incubator.kernel.record_actions import SECONDARY, RecordAction
from incubator.kernel.viewsets import ScopedModelViewSet
from tenders.admin_acceptance import (
    ChangeAcceptance,
    PublishAcceptance,
    RecordAcceptance,
    SignOffAcceptance,
)
from tenders.admin_contracts import (
    AmendContract,
    ContractInspectView,
    PublishContract,
    SignContract,
    may_amend,
    may_publish,
    may_sign,
)
from tenders.admin_kpis import SetKpis
from tenders.admin_payments import PayTranche, SetTranches
from tenders.admin_surveys import ScheduleSurvey
from tenders.choosers import tender_chooser_viewset
from tenders.dashboard_contracts import at_risk_contracts
from tenders.models import Contract, TenderBid, contract_stage
from tenders.selectors import (
    bids_user_may_open,
    contracts_user_may_accept,
    contracts_user_may_amend,
    contracts_user_may_publish,
    contracts_user_may_schedule_payments,
    contracts_user_may_set_kpis,
    contracts_user_may_sign,
    contracts_visible_to,
    is_tender_officer,
    reads_contracts_in_back_office,
    tenders_user_may_manage,
)
from tenders.survey_selectors import contracts_user_may_schedule_surveys


def _tenders(request):
    return tenders_user_may_manage(request.user)


def _hubs(request):
    return hubs_visible_to(request.user)


class BidFilterSet(WagtailFilterSet):
    """Filters offering only the tenders the user manages. The tender is picked in a chooser
    (searched and paged), never from a list of every tender; an id outside the user's
    tenders is an invalid choice, as it was in the list."""

    tender = django_filters.ModelChoiceFilter(
        label=_("tender"), queryset=_tenders, widget=tender_chooser_viewset.widget_class
    )

    class Meta:
        model = TenderBid
        fields = ["tender", "status"]


class BidIndexView(IndexView):
    """Bids link to the evaluation screen's bid page, which shows content and scores."""

    filterset_class = BidFilterSet

    def get_inspect_url(self, instance):
        return reverse("tenders_admin:bid", args=[instance.pk])

    def get_edit_url(self, instance):
        return None  # a row opens the bid's page, never a form (superusers included)


class BidViewSet(ScopedModelViewSet):
    """The bids that reached their deadline, for those who may open them."""

    model = TenderBid
    # Model-wide rights count for nothing here: bureau officers hold "view bid" model-wide, yet
    # a bid stays sealed until its deadline; and nobody edits bids through these screens.
    scopes = {"view": bids_user_may_open}
    scope_holder = is_tender_officer
    model_wide = False
    icon = "doc-full"
    menu_label = _("Bids")
    menu_name = "tender_bids"
    menu_order = 241
    menu_hook = MENU_HOOKS["tenders"]
    index_view_class = BidIndexView
    list_display = [
        "organisation",
        Column("tender", label=_("Tender"), accessor="tender.reference"),
        "status",
        Column("price", label=_("Price (RMB)"), accessor=lambda bid: format_rmb(bid.price)),
        "submitted_at",
    ]
    search_fields = ["organisation__name", "tender__reference"]
    list_select_related = ("organisation", "tender")
    ordering = ["-tender__deadline", "price", "pk"]
    list_export = [
        "tender.reference",
        "tender.title",
        "organisation",
        "organisation.credit_code",
        "get_status_display",
        "price",
        "submitted_at",
        "disqualification_reason",
    ]
    export_headings = {
        "tender.reference": _("Tender reference"),
        "tender.title": _("Tender"),
        "organisation.credit_code": _("Unified social credit code"),
    }
    export_filename = "tender-bids"
    form_fields = ["price"]  # never offered: nobody holds the add or change permission


class ContractFilterSet(WagtailFilterSet):
    """Filters offering only the tenders and hubs the user may see, and the contracts at risk
    (those of the home page's panel: late report, low KPI, latest grade 中 or 差)."""

    hub = django_filters.ModelChoiceFilter(
        label=_("hub"), field_name="organisation__hub", queryset=_hubs
    )
    at_risk = django_filters.BooleanFilter(label=_("at risk"), method="filter_at_risk")

    class Meta:
        model = Contract
        fields = ["hub", "at_risk"]

    def filter_at_risk(self, queryset, name, value):
        if value is None:
            return queryset
        at_risk = at_risk_contracts().values("pk")
        return queryset.filter(pk__in=at_risk) if value else queryset.exclude(pk__in=at_risk)


class ContractIndexView(IndexView):
    """Rows open the contract's page: contracts come from final awards, not from a form."""

    filterset_class = ContractFilterSet

    def get_edit_url(self, instance):
        return None


class ContractViewSet(ScopedModelViewSet):
    """Service contracts that followed final awards."""

    model = Contract
    scopes = {"view": contracts_visible_to}
    scope_holder = reads_contracts_in_back_office
    model_wide = False
    icon = "clipboard-list"
    menu_label = _("Contracts")
    menu_name = "tender_contracts"
    menu_order = 242
    menu_hook = MENU_HOOKS["tenders"]
    index_view_class = ContractIndexView
    inspect_view_enabled = True
    inspect_view_class = ContractInspectView
    record_actions = (
        RecordAction(
            _("Record the signing"),
            "tender_contracts:sign",
            contracts_user_may_sign,
            when=may_sign,
            icon="edit",
        ),
        RecordAction(
            _("Publish the contract"),
            "tender_contracts:publish",
            contracts_user_may_publish,
            when=may_publish,
            icon="globe",
        ),
        RecordAction(
            _("Amend the contract"),
            "tender_contracts:amend",
            contracts_user_may_amend,
            when=may_amend,
            icon="edit",
            kind=SECONDARY,
        ),
        RecordAction(
            _("Record an acceptance"),
            "tender_contracts:accept",
            contracts_user_may_accept,
            when=may_amend,
            icon="tasks",
            kind=SECONDARY,
        ),
        RecordAction(
            _("Set KPIs and reporting"),
            "tender_contracts:kpis",
            contracts_user_may_set_kpis,
            when=lambda contract: not contract.reports.exclude(status="draft").exists(),
            icon="list-ol",
        ),
        RecordAction(
            _("Schedule a survey"),
            "tender_contracts:survey",
            contracts_user_may_schedule_surveys,
            icon="help",
            kind=SECONDARY,
        ),
        RecordAction(
            _("Set payment schedule"),
            "tender_contracts:tranches",
            contracts_user_may_schedule_payments,
            icon="doc-full",
            kind=SECONDARY,
        ),
    )
    list_display = [
        "organisation",
        Column("tender", label=_("Tender"), accessor="tender.reference"),
        Column(
            "value", label=_("Value (RMB)"), accessor=lambda contract: format_rmb(contract.value)
        ),
        "starts_on",
        "ends_on",
        Column("stage", label=_("Stage"), accessor=lambda contract: contract_stage(contract).label),
    ]
    search_fields = ["organisation__name", "tender__reference"]
    list_select_related = ("organisation__hub", "tender")
    ordering = ["-starts_on", "pk"]
    list_export = [
        "tender.reference",
        "tender.title",
        "organisation",
        "organisation.credit_code",
        "organisation.hub",
        "value",
        "starts_on",
        "ends_on",
        "deliverables",
    ]
    export_headings = {
        "tender.reference": _("Tender reference"),
        "tender.title": _("Tender"),
        "organisation.credit_code": _("Unified social credit code"),
        "organisation.hub": _("Hub"),
    }
    export_filename = "tender-contracts"
    inspect_view_fields = [
        "tender",
        "organisation",
        "value",
        "original_value",
        "paid_total",
        "starts_on",
        "ends_on",
        "deliverables",
        "long_contract_reason",
        "signed_on",
        "published_at",
        "created_at",
        "reporting_frequency",
    ]
    form_fields = ["deliverables"]  # never offered: nobody holds the add or change permission

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("kpis/<int:pk>/", SetKpis.as_view(), name="kpis"),
            path("survey/<int:pk>/", ScheduleSurvey.as_view(), name="survey"),
            path("sign/<int:pk>/", SignContract.as_view(), name="sign"),
            path("publish/<int:pk>/", PublishContract.as_view(), name="publish"),
            path("amend/<int:pk>/", AmendContract.as_view(), name="amend"),
            path("accept/<int:pk>/", RecordAcceptance.as_view(), name="accept"),
            path(
                "acceptance/<int:pk>/change/",
                ChangeAcceptance.as_view(),
                name="acceptance_change",
            ),
            path(
                "acceptance/<int:pk>/sign-off/",
                SignOffAcceptance.as_view(),
                name="acceptance_sign_off",
            ),
            path(
                "acceptance/<int:pk>/publish/",
                PublishAcceptance.as_view(),
                name="acceptance_publish",
            ),
            path("tranches/<int:pk>/", SetTranches.as_view(), name="tranches"),
            path("pay/<int:pk>/", PayTranche.as_view(), name="pay"),
        ]
