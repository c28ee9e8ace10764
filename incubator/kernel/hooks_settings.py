"""Back-office hooks of the shared kernel: the outbox of emails, the admin home's panels that
load after the page, the signed-in person's notifications, the audit action types of email
and two-factor login, and the back office's few additions to Wagtail's look."""

from django.templatetags.static import static
from django.urls import path, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from incubator.kernel.admin_outbox import OutgoingEmailViewSet
from incubator.kernel.audit import AuditAction, register_audit_actions
from incubator.kernel.dashboard import dashboard_panel, defer_lazy_panels

AUDIT_ACTIONS = [
    AuditAction(
        "incubator.email.send_again",
        _("Email sent again"),
        _("Message to %(recipient)s queued again"),
    ),
    AuditAction(
        "incubator.two_factor.set_up",
        _("Two-factor login set up"),
        _("An authenticator app and new recovery codes were set up"),
    ),
]


@hooks.register("register_log_actions")
def register_kernel_actions(actions):
    register_audit_actions(actions, AUDIT_ACTIONS)


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutgoingEmailViewSet("outbox")


# After every app's panels: the lazy ones become placeholders the browser fills.
hooks.register("construct_homepage_panels", defer_lazy_panels, order=1000)


@hooks.register("register_admin_urls")
def register_dashboard_panel_url():
    """Each lazy panel of the admin home at its own address (``incubator.kernel.dashboard``)."""
    return [path("dashboard/panels/<slug:name>/", dashboard_panel, name="dashboard_panel")]


@hooks.register("register_admin_menu_item")
def register_notifications_menu_item():
    """The signed-in person's notifications (reminders, decisions on their work)."""
    return MenuItem(
        _("Notifications"),
        reverse_lazy("notifications"),
        name="notifications",
        icon_name="mail",
        order=10000,
    )


@hooks.register("insert_global_admin_css")
def admin_look():
    """The few rules the back office adds to Wagtail's look (``static/css/admin.css``)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
