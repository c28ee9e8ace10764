"""Rules of tender pages that both the model and the editor's form apply."""

from django.utils.translation import gettext_lazy as _

MIN_PRICE_WEIGHT = 10
# Past performance is scored from the contract periods graded and accepted in these years
# before the deadline; a bidder without any scores this share (per cent) of the weight: the
# lowest score of a Fair (中) grade, so no history counts as adequate, never as good.
PAST_PERFORMANCE_YEARS = 2
PAST_PERFORMANCE_NEUTRAL_PERCENT = 60
WEIGHTS_MUST_SUM = _(
    "The weights of the evaluation criteria add up to %(total)s; they must add up to 100."
)
PRICE_CRITERION_REQUIRED = _(
    "A service tender needs exactly one price criterion, weighted at least %(minimum)s."
)
ONE_PAST_PERFORMANCE_CRITERION = _("A tender can have at most one past-performance criterion.")
PRICE_OR_PAST_PERFORMANCE = _(
    "The criterion “%(name)s” cannot be both the price criterion and the past-performance "
    "criterion."
)
PAST_PERFORMANCE_RULE = _(
    "Scored, not judged: weight × the mean score of the bidder's contract periods graded and "
    "accepted by the deadline, for periods ended in the %(years)s years before it, ÷ 100. A "
    "bidder with no such period scores %(neutral)s%% of the weight."
)


def past_performance_rule() -> str:
    """How the past-performance criterion is scored, as the tender page and OCDS say it."""
    return PAST_PERFORMANCE_RULE % {
        "years": PAST_PERFORMANCE_YEARS,
        "neutral": PAST_PERFORMANCE_NEUTRAL_PERCENT,
    }


def _row(criterion) -> tuple:
    if isinstance(criterion, dict):
        return (
            criterion.get("name") or "",
            criterion.get("weight"),
            bool(criterion.get("is_price")),
            bool(criterion.get("is_past_performance")),
        )
    return (
        criterion.name,
        criterion.weight,
        criterion.is_price,
        getattr(criterion, "is_past_performance", False),
    )


def criteria_problems(criteria) -> list:
    """Why a set of criteria (objects or dicts with ``weight``, ``is_price`` and optionally
    ``is_past_performance``) cannot be published: weights must sum to 100, exactly one price
    criterion weighs at least 10, at most one criterion is past performance, and none is both."""
    rows = [_row(c) for c in criteria]
    problems = []
    total = sum(weight or 0 for _name, weight, _price, _past in rows)
    if total != 100:
        problems.append(WEIGHTS_MUST_SUM % {"total": total})
    prices = [weight or 0 for _name, weight, is_price, _past in rows if is_price]
    if len(prices) != 1 or prices[0] < MIN_PRICE_WEIGHT:
        problems.append(PRICE_CRITERION_REQUIRED % {"minimum": MIN_PRICE_WEIGHT})
    if sum(1 for *_rest, is_past in rows if is_past) > 1:
        problems.append(ONE_PAST_PERFORMANCE_CRITERION)
    for name, _weight, is_price, is_past in rows:
        if is_price and is_past:
            problems.append(PRICE_OR_PAST_PERFORMANCE % {"name": name})
    return problems
