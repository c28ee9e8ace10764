"""The graded performance of one reporting period, from the contract's weighted KPIs and the
report's actuals. Pure functions: no database, no clock."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tenders.models.delivery import Grade

ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# The lowest score of each grade, best first (优 ≥ 90, 良 80–89, 中 60–79, 差 < 60).
GRADE_FLOORS = (
    (Decimal(90), Grade.EXCELLENT),
    (Decimal(80), Grade.GOOD),
    (Decimal(60), Grade.FAIR),
)


@dataclass(frozen=True)
class KpiResult:
    """One KPI's target, weight and direction, and the figure the period achieved."""

    target: Decimal
    actual: Decimal
    weight: int
    lower_is_better: bool = False


def achievement(target: Decimal, actual: Decimal, *, lower_is_better: bool = False) -> Decimal:
    """How far a KPI met its target, from 0 to 1. Higher is better: actual / target, capped at
    1 (a zero target is met by anything). Lower is better (incidents): 1 at or below the
    target, else target / actual; a zero target is met only by zero."""
    target, actual = Decimal(target), Decimal(actual)
    if lower_is_better:
        if actual <= target:
            return ONE
        return target / actual  # actual > target >= 0, so actual > 0
    if target <= 0:
        return ONE
    return min(max(actual, Decimal(0)) / target, ONE)


def period_score(results: Iterable[KpiResult]) -> Decimal:
    """The period's score from 0 to 100 (two places): each KPI's achievement times its
    weight, over the total weight. No KPIs (or no weight) scores 0."""
    results = list(results)
    total = sum((Decimal(result.weight) for result in results), Decimal(0))
    if total <= 0:
        return Decimal("0.00")
    earned = sum(
        (
            achievement(result.target, result.actual, lower_is_better=result.lower_is_better)
            * result.weight
            for result in results
        ),
        Decimal(0),
    )
    return (earned / total * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def grade_for(score: Decimal) -> Grade:
    """优 from 90, 良 from 80, 中 from 60, 差 below."""
    for floor, grade in GRADE_FLOORS:
        if score >= floor:
            return grade
    return Grade.POOR
