"""Back-office hooks of the incubator app, one module per area; importing them registers their
hooks with Wagtail (which imports this module for the app):

- ``incubator.incubation.admin.hooks_incubation``: hubs, intake, organisations, milestones,
  the dashboard panels and the audit action types of incubation;
- ``incubator.incubation.admin.hooks_spaces``: spaces, allocations, the waitlist, availability;
- ``incubator.incubation.admin.hooks_letters``: letters;
- ``incubator.kernel.hooks_settings``: the outbox, notifications, kernel audit action types.

Each viewset carries its own scopes (``ScopedModelViewSet.scopes``), which register its
model's permission policy."""

from incubator.incubation.admin import (  # noqa: F401
    hooks_incubation,
    hooks_letters,
    hooks_spaces,
)
from incubator.kernel import hooks_settings  # noqa: F401
