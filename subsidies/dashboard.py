"""The subsidy panels of the Wagtail admin home: the budget of each recent scheme for bureau
officers, in a fixed number of queries, linking to each scheme's budget; the open care-voucher
anomalies for the officers who resolve them (one query). The applications
waiting for someone's step are in that person's task list (``subsidies.todo``)."""

from django.urls import reverse

from wagtail.admin.ui.components import Component

from incubator.kernel.todo import first_with_total
from subsidies.anomaly_selectors import anomalies_user_may_resolve, user_may_resolve_anomalies
from subsidies.budget import budget_bars
from subsidies.models import Scheme, VoucherAnomaly

SCHEMES_SHOWN = 4
ANOMALIES_SHOWN = 5
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


class AnomaliesPanel(Component):
    """How many care-voucher anomalies are open, and the latest few, linking to each."""

    name = "voucher_anomalies"
    order = 45
    template_name = "subsidies/admin/dashboard/anomalies.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        open_ = anomalies_user_may_resolve(self.user).filter(status=VoucherAnomaly.Status.OPEN)
        latest, count = first_with_total(
            open_.select_related("organisation").order_by("-raised_at", "-pk"), ANOMALIES_SHOWN
        )
        return {
            "open_count": count,
            "latest": latest,
            "list_url": reverse("voucher_anomalies:index") + "?status=open",
        }


def dashboard_panels(request) -> list[Component]:
    """The subsidy panels for the user of ``request``: the budgets for bureau officers, the open
    anomalies for those who resolve them. What waits for a user's decision, recommendation or
    payment is in their task list."""
    panels: list[Component] = []
    if request.user.has_perm("subsidies.view_scheme"):
        panels.append(BudgetsPanel())
    if user_may_resolve_anomalies(request.user):
        panels.append(AnomaliesPanel(request.user))
    return panels
