"""The graded score of a period: weighted achievements, capped, lower-is-better KPIs."""

from decimal import Decimal

import pytest

from tenders.models import Grade
from tenders.services.scoring import KpiResult, achievement, grade_for, period_score

D = Decimal


@pytest.mark.parametrize(
    ("target", "actual", "lower", "expected"),
    [
        ("100", "50", False, D("0.5")),
        ("100", "150", False, D(1)),
        ("0", "0", False, D(1)),
        ("0", "3", True, D(0)),
        ("0", "0", True, D(1)),
        ("2", "1", True, D(1)),
        ("2", "4", True, D("0.5")),
    ],
)
def test_achievement(target, actual, lower, expected):
    assert achievement(D(target), D(actual), lower_is_better=lower) == expected


def test_the_score_weighs_each_kpi_and_caps_overachievement():
    results = [
        KpiResult(D("100"), D("200"), 40),  # capped at 1 → 40
        KpiResult(D("60"), D("30"), 30),  # 0.5 → 15
        KpiResult(D("90"), D("90"), 20),  # 1 → 20
        KpiResult(D("0"), D("1"), 10, lower_is_better=True),  # 0 → 0
    ]
    assert period_score(results) == D("75.00")


def test_the_score_is_normalised_to_the_total_weight():
    assert period_score([KpiResult(D(10), D(5), 3), KpiResult(D(10), D(10), 1)]) == D("62.50")


def test_no_kpis_score_zero():
    assert period_score([]) == D("0.00")


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("100", Grade.EXCELLENT),
        ("90", Grade.EXCELLENT),
        ("89.99", Grade.GOOD),
        ("80", Grade.GOOD),
        ("79.99", Grade.FAIR),
        ("60", Grade.FAIR),
        ("59.99", Grade.POOR),
        ("0", Grade.POOR),
    ],
)
def test_grades(score, grade):
    assert grade_for(D(score)) == grade
