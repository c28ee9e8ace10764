"""The eligibility arithmetic: share of the salary, capped by qualification, rounded to the fen
half up per month, times the months; Decimal only."""

from datetime import date
from decimal import Decimal

import pytest

from subsidies.eligibility import line_eligible, monthly_eligible, total_eligible
from subsidies.models import Qualification, Scheme

D = Decimal
RULES = Scheme(
    share=D("0.50"),
    monthly_cap=D("3000.00"),
    cap_assistant_social_worker=D("3500.00"),
    cap_social_worker=D("4000.00"),
    cap_senior_social_worker=D("5000.00"),
    period_starts_on=date(2026, 1, 1),
    period_months=12,
)


@pytest.mark.parametrize(
    ("qualification", "salary", "monthly"),
    [
        # Under the cap: half the salary.
        (Qualification.NONE, D("5000.00"), D("2500.00")),
        (Qualification.ASSISTANT_SOCIAL_WORKER, D("6000.00"), D("3000.00")),
        (Qualification.SOCIAL_WORKER, D("7000.00"), D("3500.00")),
        (Qualification.SENIOR_SOCIAL_WORKER, D("9000.00"), D("4500.00")),
        # Exactly at the cap.
        (Qualification.NONE, D("6000.00"), D("3000.00")),
        (Qualification.ASSISTANT_SOCIAL_WORKER, D("7000.00"), D("3500.00")),
        (Qualification.SOCIAL_WORKER, D("8000.00"), D("4000.00")),
        (Qualification.SENIOR_SOCIAL_WORKER, D("10000.00"), D("5000.00")),
        # Over the cap: the cap of the qualification.
        (Qualification.NONE, D("12000.00"), D("3000.00")),
        (Qualification.ASSISTANT_SOCIAL_WORKER, D("12000.00"), D("3500.00")),
        (Qualification.SOCIAL_WORKER, D("12000.00"), D("4000.00")),
        (Qualification.SENIOR_SOCIAL_WORKER, D("12000.00"), D("5000.00")),
    ],
)
def test_monthly_subsidy_is_the_share_capped_by_qualification(qualification, salary, monthly):
    cap = RULES.cap_for(qualification)
    assert monthly_eligible(monthly_salary=salary, share=RULES.share, cap=cap) == monthly
    assert line_eligible(monthly_salary=salary, months=7, share=RULES.share, cap=cap) == monthly * 7


@pytest.mark.parametrize(
    ("salary", "share", "monthly"),
    [
        (D("4567.89"), D("0.50"), D("2283.95")),  # 2283.945: half up
        (D("4567.87"), D("0.50"), D("2283.94")),  # 2283.935: half up, not to even
        (D("4567.85"), D("0.50"), D("2283.93")),  # 2283.925
        (D("4567.83"), D("0.50"), D("2283.92")),  # 2283.915
        (D("3333.33"), D("0.33"), D("1100.00")),  # 1099.9989
        (D("0.01"), D("0.50"), D("0.01")),  # 0.005 rounds up to one fen
        (D("2000.01"), D("0.75"), D("1500.01")),  # 1500.0075
    ],
)
def test_monthly_subsidy_rounds_to_the_fen_half_up(salary, share, monthly):
    assert monthly_eligible(monthly_salary=salary, share=share, cap=D("3000.00")) == monthly


def test_the_line_is_the_rounded_month_times_the_months():
    amount = line_eligible(
        monthly_salary=D("4567.89"), months=12, share=D("0.50"), cap=D("3000.00")
    )
    assert amount == D("27407.40")  # 2283.95 × 12, not 2283.945 × 12 = 27407.34
    assert amount.as_tuple().exponent == -2


def test_the_total_is_the_sum_of_the_lines():
    assert total_eligible([D("27407.40"), D("36000.00"), D("0.01")]) == D("63407.41")
    assert total_eligible([]) == D("0.00")


@pytest.mark.parametrize("bad", [4567.89, 4567, "4567.89"])
def test_only_decimals_are_money(bad):
    with pytest.raises(TypeError):
        monthly_eligible(monthly_salary=bad, share=D("0.5"), cap=D("3000"))


@pytest.mark.parametrize("months", [-1, 1.5, True])
def test_months_are_a_whole_number(months):
    with pytest.raises(ValueError):
        line_eligible(monthly_salary=D("1"), months=months, share=D("0.5"), cap=D("3000"))
