"""Panels of the admin home that load after the page.

The home page answers at once with what the user acts on (their task list, the pages to
review); a panel that sums the city (organisations by stage, occupancy, overdue milestones,
contracts at risk, the bureau's deadlines) says ``lazy = True`` and is drawn on the page as a
placeholder with its heading, which the browser fills from the panel's own address
(``static/js/admin/dashboard-panels.js``). At ten times the city the page and each panel
are separate requests, each well under the admin's time limit, and the panels are computed
side by side instead of one after another.

A panel's address builds the user's panels through the same ``construct_homepage_panels``
hooks as the home page (without the hook that turns them into placeholders): a user gets a
panel's figures there exactly when their home page shows that panel, and any other name
answers 404."""

from django.forms import Media
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail import hooks
from wagtail.admin.ui.components import Component

SCRIPT = "js/admin/dashboard-panels.js"


def is_lazy(panel) -> bool:
    """Whether ``panel`` loads after the page."""
    return getattr(panel, "lazy", False)


class LazyPanel(Component):
    """The placeholder of a lazy panel on the home page: its heading (the panel's
    ``heading``, which its template shows too), a line saying it is loading (or that it could
    not be, with a button to try again) and its address."""

    template_name = "incubator/admin/dashboard/lazy_panel.html"

    def __init__(self, panel: Component):
        self.panel = panel
        self.name = panel.name
        self.order = panel.order

    @property
    def media(self) -> Media:
        return self.panel.media + Media(js=[SCRIPT])

    def get_context_data(self, parent_context=None):
        return {
            "name": self.name,
            "heading": getattr(self.panel, "heading", ""),
            "url": reverse("dashboard_panel", args=[self.name]),
            "loading": _("Loading…"),
            "failed": _("This panel could not be loaded."),
            "expired": _("Your session has ended: reload the page to log in again."),
            "retry": _("Try again"),
        }


def defer_lazy_panels(request, panels: list) -> None:
    """The ``construct_homepage_panels`` hook, after every other: each lazy panel becomes
    its placeholder."""
    panels[:] = [LazyPanel(panel) if is_lazy(panel) else panel for panel in panels]


def user_panels(request) -> list[Component]:
    """The panels of the user's home page as the apps' hooks build them, lazy ones
    included as themselves (not Wagtail's own panels, which are never lazy)."""
    panels: list[Component] = []
    for hook in hooks.get_hooks("construct_homepage_panels"):
        if hook is not defer_lazy_panels:
            hook(request, panels)
    return panels


@never_cache
@require_GET
def dashboard_panel(request, name: str) -> HttpResponse:
    """The HTML of the lazy panel ``name`` of the user's home page; 404 for a panel their home
    page does not show."""
    for panel in user_panels(request):
        if is_lazy(panel) and panel.name == name:
            return HttpResponse(panel.render_html())
    raise Http404
