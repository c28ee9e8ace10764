"""The incubation domain's back-office viewsets of capacity milestones: each hub's framework
and the organisations' milestones, whose page offers Verify and Return to the managers of
their hub. Each carries its scopes; the hooks in ``hooks_incubation`` register them."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import BooleanColumn, StatusTagColumn

from incubator.incubation.admin.milestones import (
    MilestoneFilterSet,
    MilestoneIndexView,
    MilestoneInspectView,
    MilestoneTemplateForm,
    ReturnEvidence,
    Verify,
)
from incubator.incubation.selectors import (
    manages_any_hub,
    milestone_templates_user_may_manage,
    milestone_templates_visible_to,
    milestones_user_may_review,
    milestones_visible_to,
)
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.record_actions import SECONDARY, RecordAction
from incubator.kernel.viewsets import ScopedModelViewSet
from incubator.models import Milestone, MilestoneTemplate


def _submitted(milestone) -> bool:
    return milestone.status == Milestone.Status.SUBMITTED


class MilestoneTemplateViewSet(ScopedModelViewSet):
    """Each hub's milestone framework: its managers keep it; bureau officers read it."""

    model = MilestoneTemplate
    scopes = {
        "view": milestone_templates_visible_to,
        "add": milestone_templates_user_may_manage,
        "change": milestone_templates_user_may_manage,
        "delete": milestone_templates_user_may_manage,
    }
    scope_holder = manages_any_hub
    icon = "list-ul"
    menu_label = _("Milestone framework")
    menu_name = "milestone_templates"
    menu_order = 225
    add_to_admin_menu = True
    menu_hook = MENU_HOOKS["incubation"]
    list_display = ["title", "hub", "area", "due_after_months", BooleanColumn("is_required")]
    list_filter = ["hub", "area", "is_required", "is_active"]
    search_fields = ["title", "description"]
    list_select_related = ("hub",)
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return MilestoneTemplateForm


class MilestoneViewSet(ScopedModelViewSet):
    """Organisations' milestones: hub managers review their hubs'; bureau officers read all.
    Plans are created at admission and change only through evidence and review."""

    model = Milestone
    scopes = {"view": milestones_visible_to}
    scope_holder = manages_any_hub
    icon = "tasks"
    menu_label = _("Milestones")
    menu_name = "milestones"
    menu_order = 226
    add_to_admin_menu = True
    menu_hook = MENU_HOOKS["incubation"]
    list_display = [
        "title",
        "organisation",
        "area",
        "due_on",
        StatusTagColumn(
            "status",
            accessor="get_status_display",
            label=_("Status"),
            sort_key="status",
            # Wagtail's plain tag for the settled; its marked (hatched) one for what awaits
            # a decision, so the rows to act on stand out.
            primary=lambda record: not _submitted(record),
        ),
    ]
    filterset_class = MilestoneFilterSet
    search_fields = ["title", "organisation__name"]
    list_select_related = ("organisation__hub",)
    inspect_view_enabled = True
    index_view_class = MilestoneIndexView
    inspect_view_class = MilestoneInspectView
    record_actions = (
        RecordAction(
            _("Verify"),
            "milestones:verify",
            milestones_user_may_review,
            when=_submitted,
            icon="check",
        ),
        RecordAction(
            _("Return"),
            "milestones:return",
            milestones_user_may_review,
            when=_submitted,
            icon="undo",
            kind=SECONDARY,
        ),
    )
    list_export = [
        "organisation",
        "organisation.hub",
        "get_area_display",
        "title",
        "is_required",
        "due_on",
        "get_status_display",
        "submitted_at",
        "decided_at",
    ]
    export_headings = {"organisation.hub": _("Hub")}
    export_filename = "milestones"
    inspect_view_fields = [
        "organisation",
        "area",
        "title",
        "description",
        "is_required",
        "due_on",
        "status",
        "submitted_at",
        "evidence_note",
        "decided_at",
        "return_reason",
    ]
    form_fields = ["title"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("verify/<int:pk>/", Verify.as_view(), name="verify"),
            path("return/<int:pk>/", ReturnEvidence.as_view(), name="return"),
        ]
