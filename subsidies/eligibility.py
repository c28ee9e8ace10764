"""The arithmetic of eligibility, kept pure (no database, no settings) so that it can be tested
on its own and read by an auditor: Decimal only, rounded to the fen, half up."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")


def monthly_eligible(*, monthly_salary: Decimal, share: Decimal, cap: Decimal) -> Decimal:
    """The subsidy for one month: the share of the salary, at most the cap, rounded to the fen
    half up (4567.89 × 0.50 = 2283.945 → 2283.95)."""
    for value in (monthly_salary, share, cap):
        if not isinstance(value, Decimal):
            raise TypeError(f"Money is computed with Decimal only, not {type(value).__name__}")
    return min(monthly_salary * share, cap).quantize(FEN, rounding=ROUND_HALF_UP)


def line_eligible(*, monthly_salary: Decimal, months: int, share: Decimal, cap: Decimal) -> Decimal:
    """The subsidy for one staff line: the month's subsidy times the months."""
    if isinstance(months, bool) or not isinstance(months, int) or months < 0:
        raise ValueError(f"Not a number of months: {months!r}")
    return monthly_eligible(monthly_salary=monthly_salary, share=share, cap=cap) * months


def total_eligible(amounts: Iterable[Decimal]) -> Decimal:
    """The application's eligible total: the sum of its lines."""
    return sum(amounts, Decimal("0.00")).quantize(FEN)
