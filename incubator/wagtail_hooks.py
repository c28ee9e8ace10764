"""Back-office screens of the incubation domain, registered with the Wagtail admin, and the
audit action types of the incubator."""

from django.forms import modelform_factory
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, StatusTagColumn
from wagtail.permissions import register_permission_policy

from incubator.incubation.admin.dashboard import dashboard_panels
from incubator.incubation.admin.milestones import (
    MilestoneFilterSet,
    MilestoneIndexView,
    MilestoneInspectView,
    MilestoneTemplateForm,
    exit_incubation,
    graduate,
    return_evidence,
    verify,
)
from incubator.incubation.admin.space_viewsets import AllocationViewSet, WaitlistViewSet
from incubator.incubation.admin.spaces import (
    AvailabilityMenuItem,
    HubInspectView,
    SpaceEditView,
    SpaceForm,
    availability_index,
    availability_view,
    waitlist_add_view,
)
from incubator.incubation.admin.views import (
    IntakeInspectView,
    LetterInspectView,
    OrganisationInspectView,
    admit,
    allocate_space,
    decline,
    invite_first_admin,
    reissue_letter,
)
from incubator.incubation.selectors import (
    allocations_visible_to,
    hubs_visible_to,
    intake_applications_for,
    letters_visible_to,
    manages_any_hub,
    milestone_templates_managed_by,
    milestone_templates_visible_to,
    milestones_visible_to,
    organisations_managed_by,
    organisations_visible_to,
    spaces_managed_by,
    spaces_visible_to,
    waitlist_visible_to,
)
from incubator.kernel.admin_outbox import OutgoingEmailViewSet, render_again
from incubator.kernel.audit import AuditAction, register_audit_actions
from incubator.kernel.letters import letter_kinds
from incubator.kernel.menu import menu_groups
from incubator.kernel.permissions import ScopedPermissionPolicy
from incubator.kernel.viewsets import ScopedModelViewSet
from incubator.models import (
    Hub,
    IntakeApplication,
    Letter,
    Milestone,
    MilestoneTemplate,
    Organisation,
    OrganisationDocument,
    OrganisationMembership,
    Space,
    SpaceAllocation,
    WaitlistEntry,
)

AUDIT_ACTIONS = [
    AuditAction(
        "incubator.membership.create",
        _("Member added"),
        _("%(member)s joined as %(role)s"),
        choices={"role": OrganisationMembership.Role},
    ),
    AuditAction(
        "incubator.membership.end",
        _("Member removed"),
        _("%(member)s (%(role)s) left the organisation"),
        choices={"role": OrganisationMembership.Role},
    ),
    AuditAction(
        "incubator.hub_manager.assign",
        _("Hub manager assigned"),
        _("%(manager)s now manages this hub"),
    ),
    AuditAction(
        "incubator.hub_manager.unassign",
        _("Hub manager unassigned"),
        _("%(manager)s no longer manages this hub"),
    ),
    AuditAction(
        "incubator.invitation.create",
        _("Invitation sent"),
        _("Invited %(email)s as %(role)s"),
        choices={"role": OrganisationMembership.Role},
    ),
    AuditAction(
        "incubator.invitation.accept",
        _("Invitation accepted"),
        _("%(email)s accepted the invitation"),
    ),
    AuditAction(
        "incubator.invitation.revoke",
        _("Invitation withdrawn"),
        _("The invitation to %(email)s was withdrawn"),
    ),
    AuditAction(
        "incubator.document.upload",
        _("Document uploaded"),
        _("Uploaded “%(title)s” (%(kind)s)"),
        choices={"kind": OrganisationDocument.Kind},
    ),
    AuditAction(
        "incubator.letter.issue",
        _("Letter issued"),
        _("Letter %(reference)s issued (%(kind)s)"),
        choices={"kind": letter_kinds},
    ),
    AuditAction(
        "incubator.letter.render_again",
        _("Letter rendered again"),
        _("Letter %(reference)s sent to be rendered again"),
    ),
    AuditAction(
        "incubator.email.send_again",
        _("Email sent again"),
        _("Message to %(recipient)s queued again"),
    ),
    AuditAction(
        "incubator.letter.revoke",
        _("Letter revoked"),
        _("Letter %(reference)s revoked"),
    ),
    AuditAction(
        "incubator.space.allocate",
        _("Space allocated"),
        _("%(seats)s seats of %(space)s from %(starts_on)s to %(ends_on)s"),
    ),
    AuditAction(
        "incubator.space.change",
        _("Space changed"),
        _("The space's details were changed"),
    ),
    AuditAction(
        "incubator.space.end",
        _("Allocation ended early"),
        _("%(seats)s seats of %(space)s now end on %(ends_on)s instead of %(was)s"),
    ),
    AuditAction(
        "incubator.space.withdraw",
        _("Allocation withdrawn"),
        _("%(seats)s seats of %(space)s from %(starts_on)s to %(ends_on)s were withdrawn"),
    ),
    AuditAction(
        "incubator.waitlist.add",
        _("Added to the waitlist"),
        _("Waiting for %(seats)s seats from %(wanted_from)s"),
    ),
    AuditAction(
        "incubator.waitlist.serve",
        _("Waitlist request served"),
        _("The request of %(requested_at)s for %(seats)s seats was served with %(space)s"),
    ),
    AuditAction(
        "incubator.waitlist.cancel",
        _("Waitlist request cancelled"),
        _("The request of %(requested_at)s for %(seats)s seats was cancelled"),
    ),
    AuditAction(
        "incubator.intake.admit",
        _("Admitted"),
        _("Admitted to %(hub)s; admission letter %(reference)s"),
    ),
    AuditAction(
        "incubator.intake.decline",
        _("Application declined"),
        _("The application of %(name)s was declined"),
    ),
    AuditAction(
        "incubator.document.delete",
        _("Document deleted"),
        _("Deleted “%(title)s”"),
    ),
    AuditAction(
        "incubator.two_factor.set_up",
        _("Two-factor login set up"),
        _("An authenticator app and new recovery codes were set up"),
    ),
    AuditAction(
        "incubator.milestone.submit",
        _("Evidence submitted"),
        _("Evidence submitted for “%(title)s”"),
    ),
    AuditAction(
        "incubator.milestone.verify",
        _("Milestone verified"),
        _("“%(title)s” verified"),
    ),
    AuditAction(
        "incubator.milestone.return",
        _("Evidence returned"),
        _("The evidence for “%(title)s” was returned"),
    ),
    AuditAction(
        "incubator.incubation.graduate",
        _("Graduated"),
        _("Graduated from %(hub)s on %(on)s"),
    ),
    AuditAction(
        "incubator.incubation.exit",
        _("Incubation ended"),
        _("Left %(hub)s on %(on)s"),
    ),
    AuditAction(
        "incubator.organisation.update_profile",
        _("Profile updated"),
        _("%(fields)s fields of the profile changed"),
    ),
]


@hooks.register("register_log_actions")
def register_incubator_actions(actions):
    register_audit_actions(actions, AUDIT_ACTIONS)


register_permission_policy(
    IntakeApplication,
    ScopedPermissionPolicy(
        IntakeApplication, scopes={"view": intake_applications_for}, scope_holder=manages_any_hub
    ),
)
register_permission_policy(
    Space,
    ScopedPermissionPolicy(
        Space,
        scopes={
            "view": spaces_visible_to,
            "add": spaces_managed_by,
            "change": spaces_managed_by,
        },
        scope_holder=manages_any_hub,
    ),
)
register_permission_policy(
    SpaceAllocation,
    ScopedPermissionPolicy(
        SpaceAllocation, scopes={"view": allocations_visible_to}, scope_holder=manages_any_hub
    ),
)
register_permission_policy(
    WaitlistEntry,
    ScopedPermissionPolicy(
        WaitlistEntry, scopes={"view": waitlist_visible_to}, scope_holder=manages_any_hub
    ),
)
register_permission_policy(
    Letter,
    ScopedPermissionPolicy(
        Letter,
        scopes={"view": letters_visible_to},
        scope_holder=manages_any_hub,
    ),
)
register_permission_policy(
    Hub,
    ScopedPermissionPolicy(Hub, scopes={"view": hubs_visible_to}, scope_holder=manages_any_hub),
)
register_permission_policy(
    Organisation,
    ScopedPermissionPolicy(
        Organisation,
        scopes={"view": organisations_visible_to, "change": organisations_managed_by},
        scope_holder=manages_any_hub,
    ),
)

register_permission_policy(
    MilestoneTemplate,
    ScopedPermissionPolicy(
        MilestoneTemplate,
        scopes={
            "view": milestone_templates_visible_to,
            "add": milestone_templates_managed_by,
            "change": milestone_templates_managed_by,
            "delete": milestone_templates_managed_by,
        },
        scope_holder=manages_any_hub,
    ),
)
register_permission_policy(
    Milestone,
    ScopedPermissionPolicy(
        Milestone, scopes={"view": milestones_visible_to}, scope_holder=manages_any_hub
    ),
)


class HubViewSet(ScopedModelViewSet):
    """Hubs: bureau officers see and edit all; a hub manager sees the hubs they manage."""

    model = Hub
    icon = "home"
    menu_label = _("Hubs")
    menu_name = "hubs"  # stable, whatever the language of the label
    menu_order = 200
    add_to_admin_menu = True
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
    icon = "group"
    menu_label = _("Organisations")
    menu_name = "organisations"
    menu_order = 210
    add_to_admin_menu = True
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
            path("invite/<int:pk>/", invite_first_admin, name="invite_admin"),
            path("allocate/<int:pk>/", allocate_space, name="allocate"),
            path("graduate/<int:pk>/", graduate, name="graduate"),
            path("exit/<int:pk>/", exit_incubation, name="exit"),
            path("waitlist/<int:pk>/", waitlist_add_view, name="waitlist_add"),
        ]


class SpaceViewSet(ScopedModelViewSet):
    """Spaces of the hubs: bureau officers manage them all, hub managers those of their hubs."""

    model = Space
    icon = "table"
    menu_label = _("Spaces")
    menu_name = "spaces"
    menu_order = 215
    add_to_admin_menu = True
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


class LetterViewSet(ScopedModelViewSet):
    """Issued letters: bureau officers see all, hub managers those to their hubs' organisations.
    Letters never change: nobody holds the add, change or delete permission."""

    model = Letter
    icon = "doc-full-inverse"
    menu_label = _("Letters")
    menu_name = "letters"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["reference", "title", "recipient", "kind", "render_status", "issued_at"]
    list_filter = ["kind", "render_status", "year"]
    search_fields = ["reference", "title", "recipient__name"]
    inspect_view_enabled = True
    inspect_view_class = LetterInspectView
    # What the letter is about is its title and details; the generic key behind it is internal.
    inspect_view_fields_exclude = ["subject_type", "subject_id"]
    list_select_related = ("recipient",)
    form_fields = ["title"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("reissue/<int:pk>/", reissue_letter, name="reissue"),
            path("render-again/<int:pk>/", render_again, name="render_again"),
        ]


class IntakeViewSet(ScopedModelViewSet):
    """Intake applications: hub managers review those to their hubs; bureau officers see all."""

    model = IntakeApplication
    icon = "form"
    menu_label = _("Intake")
    menu_name = "intake"
    menu_order = 205
    add_to_admin_menu = True
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
            path("admit/<int:pk>/", admit, name="admit"),
            path("decline/<int:pk>/", decline, name="decline"),
        ]


class MilestoneTemplateViewSet(ScopedModelViewSet):
    """Each hub's milestone framework: its managers keep it; bureau officers read it."""

    model = MilestoneTemplate
    icon = "list-ul"
    menu_label = _("Milestone framework")
    menu_name = "milestone_templates"
    menu_order = 225
    add_to_admin_menu = True
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
    icon = "tasks"
    menu_label = _("Milestones")
    menu_name = "milestones"
    menu_order = 226
    add_to_admin_menu = True
    list_display = ["title", "organisation", "area", "due_on", "status"]
    filterset_class = MilestoneFilterSet
    search_fields = ["title", "organisation__name"]
    list_select_related = ("organisation__hub",)
    inspect_view_enabled = True
    index_view_class = MilestoneIndexView
    inspect_view_class = MilestoneInspectView
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
            path("verify/<int:pk>/", verify, name="verify"),
            path("return/<int:pk>/", return_evidence, name="return"),
        ]


@hooks.register("register_admin_viewset")
def register_incubator_viewsets():
    return [
        HubViewSet("hubs"),
        IntakeViewSet("intake"),
        OrganisationViewSet("organisations"),
        SpaceViewSet("spaces"),
        AllocationViewSet("allocations"),
        WaitlistViewSet("waitlist"),
        LetterViewSet("letters"),
        MilestoneTemplateViewSet("milestone_templates"),
        MilestoneViewSet("milestones"),
        OutgoingEmailViewSet("outbox"),
    ]


@hooks.register("register_admin_urls")
def register_availability_urls():
    return [
        path("availability/", availability_index, name="incubator_availability_index"),
        path("availability/<int:pk>/", availability_view, name="incubator_availability"),
    ]


@hooks.register("register_admin_menu_item")
def register_availability_menu_item() -> MenuItem:
    return AvailabilityMenuItem(
        _("Availability"),
        reverse_lazy("incubator_availability_index"),
        name="availability",
        icon_name="date",
        order=218,
    )


@hooks.register("register_admin_menu_item")
def register_notifications_menu_item():
    """The signed-in person's notifications (reminders, decisions on their work)."""
    return MenuItem(
        _("Notifications"), reverse_lazy("notifications"), icon_name="mail", order=10000
    )


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.extend(dashboard_panels(request))


@hooks.register("register_admin_viewset")
def register_menu_groups():
    """The grouped back-office menu (``incubator.kernel.menu``)."""
    return menu_groups()
