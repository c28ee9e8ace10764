"""The "contracts at risk" panel of the Wagtail admin home, for bureau tender officers: each
contract in delivery with a late report, a KPI far below its target in the latest accepted
report, or a latest period graded 中 or 差, with the reasons as badges, a sparkline of its
period scores and a link to its page. Three queries whatever the number of contracts."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.admin.ui.components import Component

from tenders.charts import Sparkline
from tenders.models import Contract, ContractReport, ContractReportActual
from tenders.models.delivery import Grade
from tenders.services.scoring import achievement

# A KPI is low when its latest accepted actual achieves less than this share of its target.
LOW_KPI_BELOW = Decimal("0.8")
RISKY_GRADES = (Grade.FAIR, Grade.POOR)
# Rows listed on the admin home; the rest are counted.
MAX_ROWS = 8


@dataclass
class AtRisk:
    """A contract in delivery and why it is at risk (no reasons: it is not)."""

    contract: Contract
    late_reports: int = 0
    low_kpis: list = field(default_factory=list)
    grade: str = ""
    sparkline: Sparkline | None = None

    @property
    def risky_grade(self) -> bool:
        return self.grade in RISKY_GRADES

    @property
    def reasons(self) -> int:
        return bool(self.late_reports) + bool(self.low_kpis) + self.risky_grade

    @property
    def badges(self) -> list[tuple[str, str]]:
        """(modifier, text) of each reason, translated."""
        badges = []
        if self.late_reports:
            badges.append(
                (
                    "late",
                    ngettext("%(count)s late report", "%(count)s late reports", self.late_reports)
                    % {"count": self.late_reports},
                )
            )
        for name, actual, target, unit in self.low_kpis:
            badges.append(
                (
                    "kpi",
                    _("Low KPI: %(kpi)s %(actual)s %(unit)s (target %(target)s %(unit)s)")
                    % {"kpi": name, "actual": actual, "target": target, "unit": unit},
                )
            )
        if self.risky_grade:
            badges.append(("grade", _("Grade %(grade)s") % {"grade": Grade(self.grade).label}))
        return badges

    @property
    def admin_url(self) -> str:
        return reverse("tender_contracts:inspect", args=[self.contract.pk])


def _contracts_in_delivery(today):
    """Signed contracts still running, or ended with a report not yet accepted; with the
    number of late reports and the latest accepted report (its id and grade)."""
    reports = ContractReport.objects.filter(contract=OuterRef("pk"))
    latest = reports.filter(status=ContractReport.Status.ACCEPTED).order_by("-number")
    unfinished = reports.exclude(status=ContractReport.Status.ACCEPTED)
    return (
        Contract.objects.filter(signed_on__isnull=False)
        .filter(Q(ends_on__gte=today) | Exists(unfinished))
        .annotate(
            late_reports=Count(
                "reports",
                filter=Q(reports__status__in=ContractReport.OPEN, reports__due_on__lt=today),
            ),
            latest_report_id=Subquery(latest.values("pk")[:1]),
            latest_grade=Subquery(latest.values("grade")[:1]),
        )
        .select_related("tender", "organisation")
        .order_by("tender__reference", "pk")
    )


def _plain(value) -> str:
    """1200.00 → 1200, 95.50 → 95.5."""
    return f"{value.normalize():f}"


def contracts_at_risk(*, today=None) -> list[AtRisk]:
    """Every contract in delivery at risk, the most reasons first. Two queries: the contracts
    with their late reports and latest grade, and the KPI actuals of their latest accepted
    reports (read in Python through ``achievement``, the rule the score uses)."""
    today = today or timezone.localdate()
    contracts = list(_contracts_in_delivery(today))
    latest = {c.latest_report_id: c.pk for c in contracts if c.latest_report_id is not None}
    low: dict[int, list] = {}
    actuals = (
        ContractReportActual.objects.filter(report_id__in=list(latest))
        .select_related("kpi")
        .order_by("kpi__position", "kpi__pk")
    )
    for actual in actuals:
        kpi = actual.kpi
        share = achievement(kpi.target, actual.value, lower_is_better=kpi.lower_is_better)
        if share < LOW_KPI_BELOW:
            # The figure against its target, as the provider reported it: "0 %" of a target
            # of no incidents would say nothing.
            low.setdefault(latest[actual.report_id], []).append(
                (kpi.name, _plain(actual.value), _plain(kpi.target), kpi.unit)
            )
    rows = [
        AtRisk(
            contract=contract,
            late_reports=contract.late_reports,
            low_kpis=low.get(contract.pk, []),
            grade=contract.latest_grade or "",
        )
        for contract in contracts
    ]
    rows = [row for row in rows if row.reasons]
    return sorted(rows, key=lambda row: -row.reasons)  # stable: by reference within


def attach_sparklines(rows: list[AtRisk]) -> None:
    """The scores of each row's accepted reports, oldest first, as its sparkline. One query."""
    scores: dict[int, list] = {}
    accepted = (
        ContractReport.objects.filter(
            contract__in=[row.contract.pk for row in rows],
            status=ContractReport.Status.ACCEPTED,
        )
        .order_by("contract", "number")
        .values_list("contract", "score")
    )
    for contract_id, score in accepted:
        scores.setdefault(contract_id, []).append(score)
    for row in rows:
        if scores.get(row.contract.pk):
            row.sparkline = Sparkline(scores=scores[row.contract.pk])


class ContractsAtRiskPanel(Component):
    """Contracts in delivery at risk: late reports, low KPIs, a latest grade of 中 or 差.
    Three queries (``contracts_at_risk`` and the sparklines of the rows shown)."""

    name = "contracts_at_risk"
    order = 50
    template_name = "tenders/admin/dashboard/at_risk.html"

    def get_context_data(self, parent_context=None):
        rows = contracts_at_risk()
        shown = rows[:MAX_ROWS]
        if shown:
            attach_sparklines(shown)
        return {
            "rows": shown,
            "more": len(rows) - len(shown),
            "list_url": reverse("tender_contracts:index") + "?at_risk=true",
            "low_kpi_percent": int(LOW_KPI_BELOW * 100),
        }
