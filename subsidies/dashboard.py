"""The subsidy panel of the Wagtail admin home: the budget of each recent scheme for bureau
officers, in a fixed number of queries, linking to each scheme's budget. The applications
waiting for someone's step are in that person's task list (``subsidies.todo``)."""

from django.urls import reverse

from wagtail.admin.ui.components import Component

from subsidies.budget import budget_bars
from subsidies.models import Scheme

SCHEMES_SHOWN = 4
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


def dashboard_panels(request) -> list[Component]:
    """The subsidy panels for the user of ``request``: the budgets for bureau officers. What
    waits for a user's decision, recommendation or payment is in their task list."""
    if request.user.has_perm("subsidies.view_scheme"):
        return [BudgetsPanel()]
    return []
