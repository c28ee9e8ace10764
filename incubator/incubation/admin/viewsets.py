"""The incubation domain's back-office viewsets: hubs, intake and organisations (the milestone
ones are in ``milestone_viewsets``). Each carries its scopes (what a user may see and change, from
``incubator.incubation.selectors``); the hooks in ``hooks_incubation`` register them."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import BooleanColumn, StatusTagColumn

from incubator.incubation.admin.intake import Admit, Decline, IntakeInspectView
from incubator.incubation.admin.milestones import ExitIncubation, Graduate
from incubator.incubation.admin.organisations import (
    AllocateSpace,
    InviteFirstAdmin,
    OrganisationInspectView,
)
from incubator.incubation.admin.spaces import HubInspectView
from incubator.incubation.admin.waitlist import WaitlistAdd
from incubator.incubation.selectors import (
    hubs_visible_to,
    intake_applications_visible_to,
    manages_any_hub,
    organisations_user_may_end_incubation,
    organisations_user_may_give_space,
    organisations_user_may_manage,
    organisations_visible_to,
)
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.record_actions import SECONDARY, SERIOUS, RecordAction
from incubator.kernel.viewsets import ScopedModelViewSet
from incubator.models import (
    Hub,
    IntakeApplication,
    Organisation,
    OrganisationMembership,
)


def _incubating(organisation) -> bool:
    return organisation.stage == Organisation.Stage.INCUBATING


def _without_admin(organisation) -> bool:
    return not organisation.memberships.filter(
        role=OrganisationMembership.Role.ADMIN, ended_at__isnull=True
    ).exists()


class HubViewSet(ScopedModelViewSet):
    """Hubs: bureau officers see and edit all; a hub manager sees the hubs they manage."""

    model = Hub
    scopes = {"view": hubs_visible_to}
    scope_holder = manages_any_hub
    icon = "home"
    menu_label = _("Hubs")
    menu_name = "hubs"  # stable, whatever the language of the label
    menu_order = 200
    add_to_admin_menu = True
    menu_hook = MENU_HOOKS["incubation"]
    list_display = ["name", "name_en", "district", "operator", BooleanColumn("is_active")]
    list_filter = ["district", "is_active"]
    search_fields = ["name", "name_en", "district", "operator"]
    form_fields = [
        "name",
        "name_en",
        "slug",
        "district",
        "operator",
        "address",
        "phone",
        "is_active",
    ]
    inspect_view_enabled = True
    inspect_view_class = HubInspectView


class OrganisationViewSet(ScopedModelViewSet):
    """Organisations: bureau officers see all; hub managers those of their hubs."""

    model = Organisation
    scopes = {"view": organisations_visible_to, "change": organisations_user_may_manage}
    scope_holder = manages_any_hub
    icon = "group"
    menu_label = _("Organisations")
    menu_name = "organisations"
    menu_order = 210
    add_to_admin_menu = True
    menu_hook = MENU_HOOKS["incubation"]
    list_display = ["name", "credit_code", "hub", "stage", "legal_form"]
    list_filter = ["stage", "hub", "legal_form", "registration_status"]
    search_fields = ["name", "name_en", "credit_code", "contact_name"]
    form_fields = [
        "name",
        "name_en",
        "credit_code",
        "legal_form",
        "registration_status",
        "service_areas",
        "founded_on",
        "contact_name",
        "contact_phone",
        "contact_email",
    ]
    inspect_view_enabled = True
    inspect_view_class = OrganisationInspectView
    record_actions = (
        RecordAction(
            _("Graduate"),
            "organisations:graduate",
            organisations_user_may_end_incubation,
            when=_incubating,
            icon="success",
        ),
        RecordAction(
            _("Allocate space"),
            "organisations:allocate",
            organisations_user_may_give_space,
            icon="home",
            kind=SECONDARY,
        ),
        RecordAction(
            _("Add to waitlist"),
            "organisations:waitlist_add",
            organisations_user_may_give_space,
            icon="time",
            kind=SECONDARY,
        ),
        RecordAction(
            _("Invite first administrator"),
            "organisations:invite_admin",
            organisations_user_may_manage,
            when=_without_admin,
            icon="mail",
            kind=SECONDARY,
        ),
        RecordAction(
            _("End the incubation"),
            "organisations:exit",
            organisations_user_may_end_incubation,
            when=_incubating,
            icon="cross",
            kind=SERIOUS,
        ),
    )
    inspect_view_fields = [
        "name",
        "name_en",
        "credit_code",
        "legal_form",
        "registration_status",
        "service_areas",
        "founded_on",
        "stage",
        "hub",
        "contact_name",
        "contact_phone",
        "contact_email",
    ]
    list_select_related = ("hub",)
    list_export = [
        "name",
        "name_en",
        "credit_code",
        "hub",
        "get_stage_display",
        "get_legal_form_display",
        "get_registration_status_display",
        "founded_on",
        "contact_name",
        "contact_phone",
        "contact_email",
    ]
    export_filename = "organisations"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("invite/<int:pk>/", InviteFirstAdmin.as_view(), name="invite_admin"),
            path("allocate/<int:pk>/", AllocateSpace.as_view(), name="allocate"),
            path("graduate/<int:pk>/", Graduate.as_view(), name="graduate"),
            path("exit/<int:pk>/", ExitIncubation.as_view(), name="exit"),
            path("waitlist/<int:pk>/", WaitlistAdd.as_view(), name="waitlist_add"),
        ]


class IntakeViewSet(ScopedModelViewSet):
    """Intake applications: hub managers review those to their hubs; bureau officers see all."""

    model = IntakeApplication
    scopes = {"view": intake_applications_visible_to}
    scope_holder = manages_any_hub
    icon = "form"
    menu_label = _("Intake")
    menu_name = "intake"
    menu_order = 205
    add_to_admin_menu = True
    menu_hook = MENU_HOOKS["incubation"]
    list_display = [
        "name",
        "hub",
        "contact_name",
        "status",
        StatusTagColumn(
            "email_confirmed_at",
            accessor="get_email_status_display",
            label=_("Email"),
            primary=lambda application: not application.email_confirmed,
        ),
        "submitted_at",
    ]
    list_filter = ["status", "hub"]
    search_fields = ["name", "contact_name", "contact_email"]
    inspect_view_enabled = True
    inspect_view_class = IntakeInspectView
    list_select_related = ("hub",)
    form_fields = ["name"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("admit/<int:pk>/", Admit.as_view(), name="admit"),
            path("decline/<int:pk>/", Decline.as_view(), name="decline"),
        ]
