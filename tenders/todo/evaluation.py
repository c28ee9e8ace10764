"""Which evaluations are finished, for many tenders at once: the bulk counterpart of
``EvaluationResults.finished`` (``tenders.services.evaluation.evaluation_results``), which the
task list cannot call per tender without a query per row. Five queries for any number of
tenders: assignments, declarations, scorable bids, scored criteria and scores."""

from collections import Counter, defaultdict

from django.db.models import Count

from tenders.models import BidScore, EvaluatorDeclaration, TenderBid, TenderCriterion
from tenders.models.object_permissions import TenderUserObjectPermission


def _scorable(tender_ids):
    return TenderBid.objects.filter(
        tender_id__in=tender_ids, status=TenderBid.Status.SUBMITTED, price__isnull=False
    )


def evaluations_finished(tender_ids: list[int]) -> set[int]:
    """The tenders of ``tender_ids`` whose every assigned, unrecused evaluator (at least one)
    has declared and scored every non-price criterion of every compliant bid."""
    if not tender_ids:
        return set()
    assigned = defaultdict(set)
    for tender_id, user_id in TenderUserObjectPermission.objects.filter(
        content_object_id__in=tender_ids, permission__codename="evaluate_tender"
    ).values_list("content_object_id", "user_id"):
        assigned[tender_id].add(user_id)
    declared = {
        (tender_id, user_id): recused
        for tender_id, user_id, recused in EvaluatorDeclaration.objects.filter(
            tender_id__in=tender_ids
        ).values_list("tender_id", "evaluator_id", "recused")
    }
    bids = Counter(
        dict(
            _scorable(tender_ids)
            .order_by()
            .values("tender_id")
            .annotate(n=Count("pk"))
            .values_list("tender_id", "n")
        )
    )
    # The criteria scored are those of the source page, whose id is the tender's.
    criteria = Counter(
        dict(
            TenderCriterion.objects.filter(page_id__in=tender_ids, is_price=False)
            .order_by()
            .values("page_id")
            .annotate(n=Count("pk"))
            .values_list("page_id", "n")
        )
    )
    scores = Counter(
        {
            (tender_id, user_id): n
            for tender_id, user_id, n in BidScore.objects.filter(
                bid__in=_scorable(tender_ids), criterion__is_price=False
            )
            .order_by()
            .values("bid__tender_id", "evaluator_id")
            .annotate(n=Count("pk"))
            .values_list("bid__tender_id", "evaluator_id", "n")
        }
    )
    finished = set()
    for tender_id in tender_ids:
        scoring = [user for user in assigned[tender_id] if declared.get((tender_id, user)) is False]
        undeclared = [user for user in assigned[tender_id] if (tender_id, user) not in declared]
        needed = bids[tender_id] * criteria[tender_id]
        complete = all(scores[(tender_id, user)] == needed for user in scoring)
        if scoring and not undeclared and bids[tender_id] and complete:
            finished.add(tender_id)
    return finished
