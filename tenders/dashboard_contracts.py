"""The "contracts at risk" panel of the Wagtail admin home, for bureau tender officers: each
contract in delivery with a late report, a KPI far below its target in the latest accepted
report, or a latest period graded 中 or 差, with the reasons as badges, a sparkline of its
period scores and a link to its page. The database finds the reasons (``at_risk_contracts``);
only the rows shown are read: three queries whatever the number of contracts."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Round
from django.db.models.lookups import LessThan
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.admin.ui.components import Component

from tenders.charts import Sparkline
from tenders.models import Contract, ContractReport, ContractReportActual
from tenders.models.delivery import Grade

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


def low_actuals(share: Decimal = LOW_KPI_BELOW) -> Q:
    """KPI actuals achieving less than ``share`` of their target, as a condition the database
    evaluates: ``achievement`` (the rule the score uses) written in SQL. Higher is better:
    a positive target, and the actual below ``share`` of it. Lower is better (incidents): the
    actual over its target, and the target below ``share`` of the actual. Compared in whole
    cents times whole numbers (0.8 as 4/5), so that SQLite, which multiplies decimals as
    floating point, decides 2.40 against a target of 3 as PostgreSQL and Python do."""
    numerator, denominator = share.as_integer_ratio()
    value = Round(F("value") * 100)
    target = Round(F("kpi__target") * 100)
    higher = Q(kpi__lower_is_better=False, kpi__target__gt=0) & LessThan(
        value * denominator, target * numerator
    )
    lower = Q(kpi__lower_is_better=True, value__gt=F("kpi__target")) & LessThan(
        target * denominator, value * numerator
    )
    return higher | lower


def _one_if(condition: Q) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def at_risk_contracts(*, today=None) -> QuerySet[Contract]:
    """Signed contracts in delivery (still running, or ended with a report not yet accepted)
    with a reason to be at risk, the most reasons first, then by tender reference. Annotated
    with ``late_reports``, ``latest_report_id``, ``latest_grade``, ``low_kpi`` and
    ``reasons``: every contract's reasons are found by the database, whatever their number."""
    today = today or timezone.localdate()
    reports = ContractReport.objects.filter(contract=OuterRef("pk"))
    latest = reports.filter(status=ContractReport.Status.ACCEPTED).order_by("-number")
    unfinished = reports.exclude(status=ContractReport.Status.ACCEPTED)
    late = (
        reports.filter(status__in=ContractReport.OPEN, due_on__lt=today)
        .order_by()
        .values("contract")
        .annotate(count=Count("pk"))
        .values("count")
    )
    low = ContractReportActual.objects.filter(report=OuterRef("latest_report_id")).filter(
        low_actuals()
    )
    return (
        Contract.objects.filter(signed_on__isnull=False)
        .filter(Q(ends_on__gte=today) | Exists(unfinished))
        .annotate(
            late_reports=Coalesce(Subquery(late), 0),
            latest_report_id=Subquery(latest.values("pk")[:1]),
            latest_grade=Subquery(latest.values("grade")[:1]),
            low_kpi=Exists(low),
        )
        .annotate(
            reasons=_one_if(Q(late_reports__gt=0))
            + _one_if(Q(low_kpi=True))
            + _one_if(Q(latest_grade__in=RISKY_GRADES))
        )
        .filter(reasons__gt=0)
        .order_by("-reasons", "tender__reference", "pk")
    )


def _plain(value) -> str:
    """1200.00 → 1200, 95.50 → 95.5."""
    return f"{value.normalize():f}"


def _rows(contracts: list[Contract]) -> list[AtRisk]:
    """``contracts`` (from ``at_risk_contracts``) with their reasons; their low KPIs, the
    figure against its target as the provider reported it ("0" of a target of no incidents,
    not "0 %"), read in one query."""
    latest = {c.latest_report_id: c.pk for c in contracts if c.low_kpi}
    low: dict[int, list] = {}
    if latest:
        actuals = (
            ContractReportActual.objects.filter(report_id__in=list(latest))
            .filter(low_actuals())
            .select_related("kpi")
            .order_by("kpi__position", "kpi__pk")
        )
        for actual in actuals:
            kpi = actual.kpi
            low.setdefault(latest[actual.report_id], []).append(
                (kpi.name, _plain(actual.value), _plain(kpi.target), kpi.unit)
            )
    return [
        AtRisk(
            contract=contract,
            late_reports=contract.late_reports,
            low_kpis=low.get(contract.pk, []),
            grade=contract.latest_grade or "",
        )
        for contract in contracts
    ]


def contracts_at_risk(*, today=None) -> list[AtRisk]:
    """Every contract in delivery at risk, the most reasons first. Two queries."""
    contracts = at_risk_contracts(today=today).select_related("tender", "organisation")
    return _rows(list(contracts))


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
    Three queries: the first rows with the number of all, their low KPIs, their sparklines."""

    name = "contracts_at_risk"
    heading = gettext_lazy("Contracts at risk")
    lazy = True
    order = 50
    template_name = "tenders/admin/dashboard/at_risk.html"

    def get_context_data(self, parent_context=None):
        # Every contract's reasons are computed to find the first rows: the window counts
        # them in the same pass (a separate count would compute them all twice).
        contracts = list(
            at_risk_contracts()
            .select_related("tender", "organisation")
            .annotate(total=Window(Count("pk")))[:MAX_ROWS]
        )
        total = contracts[0].total if contracts else 0
        shown = _rows(contracts)
        if shown:
            attach_sparklines(shown)
        return {
            "heading": self.heading,
            "rows": shown,
            "more": total - len(shown),
            "list_url": reverse("tender_contracts:index") + "?at_risk=true",
            "low_kpi_percent": int(LOW_KPI_BELOW * 100),
        }
