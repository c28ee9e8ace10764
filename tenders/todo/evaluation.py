"""Which evaluations are finished, for many tenders at once: the bulk counterpart of
``EvaluationResults.finished`` (``tenders.services.evaluation.evaluation_results``), which the
task list cannot call per tender without a query per row. One query for any number of
tenders: a row per assigned evaluator, with their declaration, their scores, and the bids and
criteria of the tender counted beside it."""

from collections import defaultdict

from django.db.models import OuterRef, Subquery

from incubator.kernel.todo import CountOf
from tenders.models import BidScore, EvaluatorDeclaration, TenderBid, TenderCriterion
from tenders.models.object_permissions import TenderUserObjectPermission

TENDER = OuterRef("content_object_id")


def _scorable():
    return TenderBid.objects.filter(
        tender_id=TENDER, status=TenderBid.Status.SUBMITTED, price__isnull=False
    )


def evaluations_finished(tender_ids: list[int]) -> set[int]:
    """The tenders of ``tender_ids`` whose every assigned, unrecused evaluator (at least one)
    has declared and scored every judged criterion (neither price nor past performance) of
    every compliant bid."""
    if not tender_ids:
        return set()
    declaration = EvaluatorDeclaration.objects.filter(
        tender_id=TENDER, evaluator_id=OuterRef("user_id")
    )
    assignments = (
        TenderUserObjectPermission.objects.filter(
            content_object_id__in=tender_ids, permission__codename="evaluate_tender"
        )
        .annotate(
            # None: not declared yet; True: recused; False: declared free to score.
            recused=Subquery(declaration.values("recused")[:1]),
            scores=CountOf(
                BidScore.objects.filter(
                    bid__tender_id=TENDER,
                    bid__status=TenderBid.Status.SUBMITTED,
                    bid__price__isnull=False,
                    evaluator_id=OuterRef("user_id"),
                    criterion__is_price=False,
                    criterion__is_past_performance=False,
                ).values("pk")
            ),
            bids=CountOf(_scorable().values("pk")),
            # The criteria scored are those of the source page, whose id is the tender's;
            # price and past performance are computed, never scored by evaluators.
            criteria=CountOf(
                TenderCriterion.objects.filter(
                    page_id=TENDER, is_price=False, is_past_performance=False
                ).values("pk")
            ),
        )
        .values_list("content_object_id", "recused", "scores", "bids", "criteria")
    )
    evaluators = defaultdict(list)
    for tender_id, recused, scores, bids, criteria in assignments:
        evaluators[tender_id].append((recused, scores, bids * criteria, bids))
    finished = set()
    for tender_id, rows in evaluators.items():
        scoring = [row for row in rows if row[0] is False]
        undeclared = any(row[0] is None for row in rows)
        has_bids = rows[0][3] > 0
        complete = all(scores == needed for _, scores, needed, _ in scoring)
        if scoring and not undeclared and has_bids and complete:
            finished.add(int(tender_id))
    return finished
