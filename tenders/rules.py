"""Rules of tender pages that both the model and the editor's form apply."""

from django.utils.translation import gettext_lazy as _

MIN_PRICE_WEIGHT = 10
WEIGHTS_MUST_SUM = _(
    "The weights of the evaluation criteria add up to %(total)s; they must add up to 100."
)
PRICE_CRITERION_REQUIRED = _(
    "A service tender needs exactly one price criterion, weighted at least %(minimum)s."
)


def criteria_problems(criteria) -> list:
    """Why a set of criteria (objects or dicts with ``weight`` and ``is_price``) cannot be
    published: weights must sum to 100 and exactly one price criterion weighs at least 10."""
    rows = [
        (c.get("weight"), c.get("is_price")) if isinstance(c, dict) else (c.weight, c.is_price)
        for c in criteria
    ]
    problems = []
    total = sum(weight or 0 for weight, _is_price in rows)
    if total != 100:
        problems.append(WEIGHTS_MUST_SUM % {"total": total})
    prices = [weight or 0 for weight, is_price in rows if is_price]
    if len(prices) != 1 or prices[0] < MIN_PRICE_WEIGHT:
        problems.append(PRICE_CRITERION_REQUIRED % {"minimum": MIN_PRICE_WEIGHT})
    return problems
