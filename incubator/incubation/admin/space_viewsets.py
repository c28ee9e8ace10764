"""Admin viewsets of office space: spaces, and the listings of allocations and of the waitlist.
Nobody adds or edits allocations or requests through a generic form: allocations come from
``space_allocate`` (the organisation's 'Allocate space' and the waitlist's 'Serve'), requests
from 'Add to waitlist'. Each viewset carries its scopes."""

from django.db.models import Case, Count, OuterRef, Q, Subquery, When
from django.forms import modelform_factory
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn
from wagtail.admin.views.generic.models import IndexView

import django_filters

from incubator.incubation.admin.spaces import EndAllocation, SpaceEditView, SpaceForm
from incubator.incubation.admin.waitlist import CancelRequest, ServeRequest
from incubator.incubation.selectors import (
    allocations_user_may_end,
    allocations_visible_to,
    hubs_visible_to,
    manages_any_hub,
    spaces_user_may_manage,
    spaces_visible_to,
    waitlist_user_may_manage,
    waitlist_visible_to,
)
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.record_actions import SERIOUS, RecordAction
from incubator.kernel.viewsets import ScopedModelViewSet
from incubator.models import Space, SpaceAllocation, WaitlistEntry


def _not_over(allocation) -> bool:
    return allocation.ends_on > timezone.localdate()


def _waiting(entry) -> bool:
    return entry.status == WaitlistEntry.Status.WAITING


def _hubs(request):
    return hubs_visible_to(request.user)


def _spaces(request):
    return spaces_visible_to(request.user).select_related("hub")


class AllocationFilterSet(WagtailFilterSet):
    """Filters offering only the hubs and spaces the user may see."""

    hub = django_filters.ModelChoiceFilter(label=_("hub"), field_name="space__hub", queryset=_hubs)
    space = django_filters.ModelChoiceFilter(label=_("space"), queryset=_spaces)

    class Meta:
        model = SpaceAllocation
        fields = ["hub", "space"]


class AllocationIndexView(IndexView):
    filterset_class = AllocationFilterSet


class AllocationViewSet(ScopedModelViewSet):
    """Allocations: hub managers see their hubs', bureau officers all; managers end them early."""

    model = SpaceAllocation
    scopes = {"view": allocations_visible_to}
    scope_holder = manages_any_hub
    icon = "date"
    menu_label = _("Allocations")
    menu_name = "allocations"
    menu_order = 216
    add_to_admin_menu = True
    menu_hook = MENU_HOOKS["office_space"]
    index_view_class = AllocationIndexView
    inspect_view_enabled = True
    record_actions = (
        RecordAction(
            _("End early"), "allocations:end", allocations_user_may_end, when=_not_over, icon="date"
        ),
    )
    list_display = ["organisation", "space", "seats", "starts_on", "ends_on"]
    search_fields = ["organisation__name", "space__code"]
    list_select_related = ("organisation", "space__hub")
    ordering = ["-starts_on", "pk"]
    list_export = ["organisation", "space.hub", "space", "seats", "starts_on", "ends_on"]
    export_headings = {"space.hub": _("Hub")}
    export_filename = "allocations"
    form_fields = ["seats"]  # never offered: nobody holds the add or change permission

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("end/<int:pk>/", EndAllocation.as_view(), name="end"),
        ]


class WaitlistFilterSet(WagtailFilterSet):
    hub = django_filters.ModelChoiceFilter(label=_("hub"), queryset=_hubs)

    class Meta:
        model = WaitlistEntry
        fields = ["status", "hub"]


class WaitlistIndexView(IndexView):
    """The waitlist in the order requests were made, with each waiting request's place in its
    hub's line (one subquery, not one query per row)."""

    filterset_class = WaitlistFilterSet

    def get_base_queryset(self):
        ahead = (
            WaitlistEntry.objects.filter(hub=OuterRef("hub"), status=WaitlistEntry.Status.WAITING)
            .filter(
                Q(requested_at__lt=OuterRef("requested_at"))
                | Q(requested_at=OuterRef("requested_at"), pk__lte=OuterRef("pk"))
            )
            .order_by()
            .values("hub")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_base_queryset()
            .annotate(
                position=Case(
                    When(status=WaitlistEntry.Status.WAITING, then=Subquery(ahead)),
                    default=None,
                )
            )
        )


def _position(entry) -> str:
    return "" if entry.position is None else str(entry.position)


class WaitlistViewSet(ScopedModelViewSet):
    """The waitlist: hub managers see their hubs' requests, bureau officers all."""

    model = WaitlistEntry
    scopes = {"view": waitlist_visible_to}
    scope_holder = manages_any_hub
    icon = "time"
    menu_label = _("Waitlist")
    menu_name = "waitlist"
    menu_order = 217
    add_to_admin_menu = True
    menu_hook = MENU_HOOKS["office_space"]
    index_view_class = WaitlistIndexView
    inspect_view_enabled = True
    record_actions = (
        RecordAction(
            _("Serve"), "waitlist:serve", waitlist_user_may_manage, when=_waiting, icon="check"
        ),
        RecordAction(
            _("Cancel request"),
            "waitlist:cancel",
            waitlist_user_may_manage,
            when=_waiting,
            icon="cross",
            kind=SERIOUS,
        ),
    )
    list_display = [
        "organisation",
        Column("position", label=_("Place in line"), accessor=_position),
        "hub",
        "seats_wanted",
        "wanted_from",
        "kind",
        StatusTagColumn(
            "status",
            accessor="get_status_display",
            label=_("Status"),
            sort_key="status",
            # Wagtail's plain tag for the settled; its marked (hatched) one for what awaits
            # a decision, so the rows to act on stand out.
            primary=lambda record: not _waiting(record),
        ),
        "requested_at",
    ]
    search_fields = ["organisation__name"]
    list_select_related = ("organisation", "hub")
    ordering = ["requested_at", "pk"]
    form_fields = ["note"]  # never offered: nobody holds the add or change permission

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("serve/<int:pk>/", ServeRequest.as_view(), name="serve"),
            path("cancel/<int:pk>/", CancelRequest.as_view(), name="cancel"),
        ]


class SpaceViewSet(ScopedModelViewSet):
    """Spaces of the hubs: bureau officers manage them all, hub managers those of their hubs."""

    model = Space
    scopes = {
        "view": spaces_visible_to,
        "add": spaces_user_may_manage,
        "change": spaces_user_may_manage,
    }
    scope_holder = manages_any_hub
    icon = "table"
    menu_label = _("Spaces")
    menu_name = "spaces"
    menu_order = 215
    add_to_admin_menu = True
    menu_hook = MENU_HOOKS["office_space"]
    list_display = ["code", "hub", "kind", "seats", "floor", BooleanColumn("is_active")]
    list_filter = ["hub", "kind", "is_active"]
    search_fields = ["code"]
    form_fields = ["hub", "code", "kind", "seats", "floor", "area_m2", "is_active"]
    inspect_view_enabled = True
    list_select_related = ("hub",)
    edit_view_class = SpaceEditView

    def get_form_class(self, for_update=False):
        return modelform_factory(
            Space,
            form=SpaceForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.form_fields,
        )
