"""The past-performance criterion: scored, not judged, from the graded contract periods the
bureau accepted. Each bidder's history is read as it stood at the tender's deadline (reports
accepted by then, for periods ended in the ``PAST_PERFORMANCE_YEARS`` before it), so grades
accepted later change neither a running nor a closed ranking, as bid prices do not."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from tenders.models import ContractReport
from tenders.rules import PAST_PERFORMANCE_NEUTRAL_PERCENT, PAST_PERFORMANCE_YEARS
from tenders.services.eligibility import years_before

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class History:
    """An organisation's graded periods that count: their number and their mean score."""

    periods: int
    mean: Decimal


def past_performance_histories(*, organisation_ids, deadline) -> dict[int, History]:
    """The history that counts for each of ``organisation_ids`` against a tender closing at
    ``deadline``: accepted, graded reports decided by the deadline whose period ended in the
    ``PAST_PERFORMANCE_YEARS`` years up to the deadline's day. Organisations without any are
    left out. One query for any number of organisations."""
    until = timezone.localdate(deadline)
    rows = (
        ContractReport.objects.filter(
            contract__organisation_id__in=list(organisation_ids),
            status=ContractReport.Status.ACCEPTED,
            score__isnull=False,
            decided_at__lte=deadline,
            period_ends_on__gt=years_before(until, PAST_PERFORMANCE_YEARS),
            period_ends_on__lte=until,
        )
        .exclude(grade="")
        .values("contract__organisation_id")
        .annotate(total=Sum("score"), periods=Count("pk"))
        .order_by()
    )
    return {
        row["contract__organisation_id"]: History(row["periods"], row["total"] / row["periods"])
        for row in rows
    }


def past_performance_score(*, history: History | None, weight: int) -> Decimal:
    """Weight × mean period score ÷ 100, to 2 places (rounded as the price score is). No
    history scores ``PAST_PERFORMANCE_NEUTRAL_PERCENT`` per cent of the weight: the lowest
    score of a Fair (中) grade, so a newcomer is neither barred nor ranked as a good provider."""
    mean = history.mean if history is not None else Decimal(PAST_PERFORMANCE_NEUTRAL_PERCENT)
    return (Decimal(weight) * mean / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def past_performance_by_bid(*, bids, criterion, deadline) -> dict[int, tuple[Decimal, int]]:
    """Each bid's past-performance score and the number of graded periods behind it (0 for
    the neutral score), from one query for all bidders; empty without such a ``criterion``."""
    if criterion is None or not bids:
        return {}
    histories = past_performance_histories(
        organisation_ids={bid.organisation_id for bid in bids}, deadline=deadline
    )
    scores = {}
    for bid in bids:
        history = histories.get(bid.organisation_id)
        scores[bid.pk] = (
            past_performance_score(history=history, weight=criterion.weight),
            history.periods if history else 0,
        )
    return scores
