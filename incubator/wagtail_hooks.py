"""Back-office hooks of the incubator app, one module per area; importing them registers their
hooks with Wagtail (which imports this module for the app):

- ``incubator.incubation.admin.hooks_incubation``: hubs, intake, organisations, milestones,
  the dashboard panels and the audit action types of incubation (menu group Incubation);
- ``incubator.incubation.admin.hooks_spaces``: spaces, allocations, the waitlist, availability
  (menu group Office space);
- ``incubator.incubation.admin.hooks_letters``: letters (menu group Letters);
- ``incubator.kernel.hooks_settings``: the outbox (Settings), notifications, the kernel's audit
  action types.

Here: the menu groups themselves (``incubator.kernel.menu``). Each viewset carries its own
scopes (``ScopedModelViewSet.scopes``), which register its model's permission policy."""

from wagtail import hooks

from incubator.incubation.admin import (  # noqa: F401 - importing registers their hooks
    hooks_incubation,
    hooks_letters,
    hooks_spaces,
)
from incubator.kernel import hooks_settings  # noqa: F401 - importing registers its hooks
from incubator.kernel.menu import menu_groups


@hooks.register("register_admin_viewset")
def register_menu_groups():
    """The grouped back-office menu (``incubator.kernel.menu``)."""
    return menu_groups()
