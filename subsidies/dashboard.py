"""Subsidy panels of the Wagtail admin home: the budget of each recent scheme for bureau
officers, and the applications awaiting the user's step: recommended ones awaiting a bureau
officer's decision, submitted ones awaiting a hub manager's recommendation (their hubs' only).
Each panel costs a fixed number of queries and links to the filtered list behind it."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from incubator.incubation.admin.dashboard import admin_list_url
from incubator.incubation.selectors import manages_any_hub
from subsidies.budget import budget_bars
from subsidies.models import Scheme, SubsidyApplication
from subsidies.selectors import applications_user_may_decide, applications_user_may_review

S = SubsidyApplication.Status
SCHEMES_SHOWN = 4
WAITING_SHOWN = 5
DASHBOARD_CHART_WIDTH = 260


class BudgetsPanel(Component):
    """Envelope, approved, disbursed and available of the most recent schemes, as bars with
    the amounts as text."""

    name = "subsidy_budgets"
    order = 40
    template_name = "subsidies/admin/dashboard/budgets.html"

    def get_context_data(self, parent_context=None):
        schemes = list(Scheme.objects.order_by("-year", "-opens_at", "pk")[: SCHEMES_SHOWN + 1])
        return {
            "schemes": [
                {
                    "scheme": scheme,
                    "bars": budget_bars(scheme, width=DASHBOARD_CHART_WIDTH),
                    "url": reverse("schemes:budget", args=[scheme.pk]),
                    "chart_id": f"dashboard-budget-{scheme.pk}",
                }
                for scheme in schemes[:SCHEMES_SHOWN]
            ],
            "more": len(schemes) > SCHEMES_SHOWN,
            "chart_width": DASHBOARD_CHART_WIDTH,
            "list_url": reverse("schemes:index"),
        }


class AwaitingPanel(Component):
    """How many applications wait for the user's step at ``status``, and the oldest few."""

    order = 45
    template_name = "subsidies/admin/dashboard/awaiting.html"

    def __init__(self, *, applications: QuerySet, status: str, heading, name: str):
        self.applications = applications.filter(status=status)
        self.status = status
        self.heading = heading
        self.name = name

    def get_context_data(self, parent_context=None):
        waiting = self.applications
        return {
            "panel_id": f"dashboard-{self.name.replace('_', '-')}",
            "heading": self.heading,
            "count": waiting.count(),
            "applications": list(
                waiting.select_related("organisation", "scheme").order_by("submitted_at", "pk")[
                    :WAITING_SHOWN
                ]
            ),
            "list_url": admin_list_url("subsidy_applications:index", status=self.status),
        }


def dashboard_panels(request) -> list[Component]:
    """The subsidy panels for the user of ``request``: budgets and decisions for bureau
    officers, recommendations for hub managers; none for anyone else."""
    user = request.user
    panels = []
    if user.has_perm("subsidies.view_scheme"):
        panels.append(BudgetsPanel())
    if user.has_perm("subsidies.decide_subsidyapplication"):
        panels.append(
            AwaitingPanel(
                applications=applications_user_may_decide(user),
                status=S.RECOMMENDED,
                heading=_("Subsidy applications awaiting your decision"),
                name="awaiting_decision",
            )
        )
    if manages_any_hub(user):
        panels.append(
            AwaitingPanel(
                applications=applications_user_may_review(user),
                status=S.SUBMITTED,
                heading=_("Subsidy applications awaiting your recommendation"),
                name="awaiting_recommendation",
            )
        )
    return panels
