"""KPI charts drawn on the server: each KPI's actual in every accepted report, against its
target, as inline SVG that a template draws (``tenders/includes/kpi_charts.html``). No
script and no inline style, so the strict Content Security Policy of the portal lets it
through; the figures are also given as a table for screen readers. Geometry only here, in
Decimal (the figures are decimals); one query whatever the number of periods."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from tenders.models import ContractReport, ContractReportActual
from tenders.services.scoring import achievement

# The drawing's own units (viewBox): it scales to the width of its box, a 375 px phone too.
WIDTH = 320
HEIGHT = 160
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 28
# A sparkline of period scores on the admin home.
SPARK_WIDTH, SPARK_HEIGHT = 96, 24
TENTH = Decimal("0.1")
# The top of a chart's scale is one of these times a power of ten.
STEPS = tuple(
    Decimal(step) for step in ("1", "1.2", "1.5", "2", "2.5", "3", "4", "5", "6", "8", "10")
)
HUNDRED = Decimal(100)


def _coord(value: Decimal) -> Decimal:
    return Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP)


def _plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form (2000, not 2E+3)."""
    return Decimal(format(Decimal(value).normalize(), "f"))


def _top_of_scale(highest: Decimal) -> Decimal:
    """A round number a little above ``highest``: one of ``STEPS`` times a power of ten."""
    if highest <= 0:
        return Decimal(1)
    highest = highest * Decimal("1.1")
    power = Decimal(10) ** (highest.adjusted())
    for step in STEPS:
        if power * step >= highest:
            return _plain(power * step)
    return highest  # not reached: 10 × power is always above


def _xs(count: int, left: int, width: int) -> list[Decimal]:
    """Evenly spaced x positions across ``width`` from ``left``; one point in the middle."""
    if count == 1:
        return [_coord(Decimal(left) + Decimal(width) / 2)]
    return [_coord(Decimal(left) + Decimal(width) * i / (count - 1)) for i in range(count)]


@dataclass(frozen=True)
class ChartPoint:
    """One accepted period of a KPI: its report, the actual and where it is drawn."""

    number: int
    period_starts_on: object
    period_ends_on: object
    value: Decimal
    achievement: Decimal
    x: Decimal
    y: Decimal

    @property
    def met(self) -> bool:
        return self.achievement >= 1

    @property
    def percent(self) -> int:
        # Rounded down: a period short of its target never reads as 100 %.
        return int((self.achievement * HUNDRED).quantize(Decimal(1), rounding=ROUND_DOWN))


@dataclass(frozen=True)
class KpiChart:
    """One KPI's chart: its points left to right by period, the target line and the scale."""

    kpi: object
    points: list[ChartPoint]
    target_y: Decimal
    top: Decimal

    width = WIDTH
    height = HEIGHT
    left = LEFT
    right_edge = WIDTH - RIGHT
    top_edge = TOP
    bottom_edge = HEIGHT - BOTTOM

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)

    @property
    def mid_y(self) -> Decimal:
        return _coord((Decimal(TOP) + Decimal(HEIGHT - BOTTOM)) / 2)

    @property
    def mid(self) -> Decimal:
        return _plain(self.top / 2)

    @property
    def label_y(self) -> int:
        return HEIGHT - 8


def kpi_chart(kpi, reports_with_values: list[tuple]) -> KpiChart:
    """The chart of ``kpi`` from ``(report, value)`` pairs in period order."""
    target = Decimal(kpi.target)
    values = [Decimal(value) for _report, value in reports_with_values]
    top = _top_of_scale(max([target, *values]))
    plot_height = Decimal(HEIGHT - TOP - BOTTOM)

    def y(value: Decimal) -> Decimal:
        return _coord(Decimal(HEIGHT - BOTTOM) - plot_height * Decimal(value) / top)

    xs = _xs(len(values), LEFT + 12, WIDTH - LEFT - RIGHT - 24)
    points = [
        ChartPoint(
            number=report.number,
            period_starts_on=report.period_starts_on,
            period_ends_on=report.period_ends_on,
            value=value,
            achievement=achievement(target, value, lower_is_better=kpi.lower_is_better),
            x=x,
            y=y(value),
        )
        for (report, _raw), value, x in zip(reports_with_values, values, xs, strict=True)
    ]
    return KpiChart(kpi=kpi, points=points, target_y=y(target), top=top)


def contract_kpi_charts(contract, kpis) -> list[KpiChart]:
    """A chart for each of ``kpis`` (the contract's, already read) over the contract's
    accepted reports, oldest first; none while no report is accepted. One query."""
    actuals = (
        ContractReportActual.objects.filter(
            report__contract=contract, report__status=ContractReport.Status.ACCEPTED
        )
        .select_related("report")
        .order_by("report__number", "pk")
    )
    by_kpi: dict[int, list[tuple]] = {}
    for actual in actuals:
        by_kpi.setdefault(actual.kpi_id, []).append((actual.report, actual.value))
    return [kpi_chart(kpi, by_kpi[kpi.pk]) for kpi in kpis if by_kpi.get(kpi.pk)]


@dataclass(frozen=True)
class Sparkline:
    """Period scores (0 to 100) as a small line, with the 80-point floor of 良 dashed."""

    scores: list[Decimal]

    width = SPARK_WIDTH
    height = SPARK_HEIGHT

    def _y(self, score: Decimal) -> Decimal:
        return _coord(Decimal(SPARK_HEIGHT - 2) - Decimal(SPARK_HEIGHT - 4) * score / HUNDRED)

    @property
    def polyline(self) -> str:
        xs = _xs(len(self.scores), 3, SPARK_WIDTH - 6)
        return " ".join(f"{x},{self._y(score)}" for x, score in zip(xs, self.scores, strict=True))

    @property
    def floor_y(self) -> Decimal:
        return self._y(Decimal(80))

    @property
    def last(self) -> tuple:
        xs = _xs(len(self.scores), 3, SPARK_WIDTH - 6)
        return xs[-1], self._y(self.scores[-1])
