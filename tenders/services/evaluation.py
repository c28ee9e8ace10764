"""Evaluation: the bureau assigns evaluators; each declares conflicts against every bidder
before seeing any bid (a conflict recuses them from the whole tender); unrecused evaluators
score the judged criteria; price scores follow by formula and past performance from accepted
grades; totals and ranking appear once every assigned, unrecused evaluator has finished."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guardian.shortcuts import assign_perm, get_users_with_perms

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import require_allowed
from incubator.kernel.roles import Role, user_has_role
from incubator.kernel.services.notifications import notify_on_commit
from tenders.models import (
    BidScore,
    ConflictGround,
    ConflictLine,
    EvaluatorDeclaration,
    Tender,
    TenderBid,
    TenderPage,
)
from tenders.selectors import (
    bids_user_may_score,
    tenders_user_may_assign_evaluators,
    tenders_user_may_declare,
)
from tenders.services import NOT_ALLOWED
from tenders.services.past_performance import past_performance_by_bid

CENT = Decimal("0.01")
NOT_AN_EVALUATOR = _("%(name)s is neither an evaluator nor a bureau officer.")
ALREADY_ASSIGNED = _("%(name)s is already assigned to this tender.")
BEFORE_DEADLINE = _("Bidders are known only after the deadline; declare then.")
DECLARED_ALREADY = _("You have already declared for this tender; a declaration never changes.")
DECLARE_EVERY_BIDDER = _("Declare your relationship with every bidder.")
DETAILS_REQUIRED = _("Describe the relationship with %(organisation)s.")
NOT_CLEARED = _("Only assigned evaluators who declared no conflict may score this bid.")
SCORE_OUT_OF_RANGE = _("The score for “%(criterion)s” must be between 0 and %(weight)s.")
COMMENT_REQUIRED = _("Give a comment for “%(criterion)s”.")
SCORE_EVERY_CRITERION = _("Score every criterion.")
NOT_SCORABLE = _("Only submitted bids are scored.")
AWARDED_ALREADY = _("The tender has been awarded; scores no longer change.")


def evaluators_of(tender: TenderPage):
    """The users assigned to evaluate the tender."""
    return get_users_with_perms(
        Tender.of(tender),
        only_with_perms_in=["evaluate_tender"],
        with_superusers=False,
        with_group_users=False,
    )


@transaction.atomic
def evaluator_assign(*, tender: TenderPage, user, by) -> None:
    """Give ``user`` (an evaluator or bureau officer) the evaluation of ``tender``."""
    tender = Tender.of(tender)
    require_allowed(tenders_user_may_assign_evaluators, by, tender, message=NOT_ALLOWED)
    name = user.get_full_name() or user.get_username()
    if not (user_has_role(user, Role.EVALUATOR) or user_has_role(user, Role.BUREAU_OFFICER)):
        raise ServiceError(NOT_AN_EVALUATOR % {"name": name}, code="not_an_evaluator")
    if evaluators_of(tender).filter(pk=user.pk).exists():
        raise ServiceError(ALREADY_ASSIGNED % {"name": name}, code="already_assigned")
    assign_perm("tenders.evaluate_tender", user, tender)
    audit_log(
        instance=tender.source_page,
        action="tenders.evaluator.assign",
        user=by,
        data={"evaluator": name},
    )
    notify_on_commit(
        users=[user],
        template="tenders/email/evaluator_assigned",
        context={"tender": tender},
        link=("tenders_admin:tender", [tender.pk]),
        item=tender,
    )


def sealed_bids(tender: TenderPage):
    """The bids that reached the deadline (submitted or since disqualified)."""
    return (
        TenderBid.objects.filter(tender=Tender.of(tender), status__in=TenderBid.SEALED)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


@transaction.atomic
def conflicts_declare(*, tender: TenderPage, lines: dict, by, now=None) -> EvaluatorDeclaration:
    """An assigned evaluator (``by``) declares, for every bidder, a ground of conflict or none.
    ``lines`` maps a bid's pk to ``(ground, details)``. Any conflict recuses the evaluator
    from the whole tender. Before: past the deadline, not declared yet."""
    tender = Tender.of(tender)
    require_allowed(tenders_user_may_declare, by, tender, message=NOT_ALLOWED)
    now = now or timezone.now()
    tender = Tender.objects.get(pk=tender.pk)
    if now < tender.deadline:
        raise ServiceError(BEFORE_DEADLINE, code="before_deadline")
    if EvaluatorDeclaration.objects.filter(tender=tender, evaluator=by).exists():
        raise ServiceError(DECLARED_ALREADY, code="declared")
    bids = list(sealed_bids(tender))
    if {bid.pk for bid in bids} != set(lines):
        raise ServiceError(DECLARE_EVERY_BIDDER, code="incomplete")
    recused = False
    for bid in bids:
        ground, details = lines[bid.pk]
        if ground not in ConflictGround.values:
            raise ServiceError(DECLARE_EVERY_BIDDER, code="incomplete")
        if ground != ConflictGround.NONE:
            recused = True
            if ground == ConflictGround.OTHER and not (details or "").strip():
                raise ServiceError(
                    DETAILS_REQUIRED % {"organisation": bid.organisation.name},
                    code="details_required",
                )
    declaration = EvaluatorDeclaration.objects.create(
        tender=tender, evaluator=by, declared_at=now, recused=recused
    )
    ConflictLine.objects.bulk_create(
        ConflictLine(
            declaration=declaration,
            bid=bid,
            ground=lines[bid.pk][0],
            details=(lines[bid.pk][1] or "").strip(),
        )
        for bid in bids
    )
    audit_log(
        instance=declaration,
        action="tenders.evaluator.declare",
        user=by,
        data={"tender": tender.reference, "recused": recused},
    )
    return declaration


def is_cleared(tender: TenderPage, user) -> bool:
    """Assigned, declared and not recused."""
    tender = Tender.of(tender)
    return (
        evaluators_of(tender).filter(pk=user.pk).exists()
        and EvaluatorDeclaration.objects.filter(
            tender=tender, evaluator=user, recused=False
        ).exists()
    )


@transaction.atomic
def bid_score(*, bid: TenderBid, scores: dict, by, now=None) -> list[BidScore]:
    """An unrecused evaluator (``by``) scores every judged criterion of a submitted bid.
    ``scores`` maps a criterion's pk to ``(score, comment)``; each score lies in 0..weight.
    Scores may be changed until the tender is awarded."""
    require_allowed(bids_user_may_score, by, bid, message=NOT_ALLOWED)
    now = now or timezone.now()
    bid = TenderBid.objects.select_for_update().select_related("tender").get(pk=bid.pk)
    tender = bid.tender
    if now < tender.deadline:
        raise ServiceError(NOT_CLEARED, code="not_cleared")
    if bid.status != TenderBid.Status.SUBMITTED:
        raise ServiceError(NOT_SCORABLE, code="not_scorable")
    if tender.standing_award() is not None:
        raise ServiceError(AWARDED_ALREADY, code="awarded")
    criteria = [c for c in tender.criteria.all() if c.is_judged]
    if {c.pk for c in criteria} != set(scores):
        raise ServiceError(SCORE_EVERY_CRITERION, code="incomplete")
    saved = []
    for criterion in criteria:
        value, comment = scores[criterion.pk]
        value = Decimal(value)
        if not 0 <= value <= criterion.weight:
            raise ServiceError(
                SCORE_OUT_OF_RANGE % {"criterion": criterion.name, "weight": criterion.weight},
                code="out_of_range",
            )
        if not (comment or "").strip():
            raise ServiceError(COMMENT_REQUIRED % {"criterion": criterion.name}, code="comment")
        score, _created = BidScore.objects.update_or_create(
            bid=bid,
            criterion=criterion,
            evaluator=by,
            defaults={"score": value, "comment": comment.strip(), "scored_at": now},
        )
        saved.append(score)
    audit_log(
        instance=bid,
        action="tenders.bid.score",
        user=by,
        data={"organisation": bid.organisation.name},
    )
    return saved


def price_score(*, lowest: Decimal, price: Decimal, weight: int) -> Decimal:
    """Lowest compliant price / bid price × price weight, to 2 places."""
    if not price:
        return Decimal(weight).quantize(CENT)
    return (Decimal(lowest) / Decimal(price) * weight).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class BidResult:
    bid: TenderBid
    technical: Decimal
    price: Decimal
    total: Decimal
    rank: int = 0
    past_performance: Decimal = Decimal("0.00")
    # Graded periods behind the past-performance score; 0 means the neutral score.
    past_periods: int = 0


@dataclass
class EvaluationResults:
    """Where an evaluation stands, and the ranking once every evaluator has finished."""

    evaluators: list = field(default_factory=list)
    recused: list = field(default_factory=list)
    pending: list = field(default_factory=list)
    rows: list[BidResult] = field(default_factory=list)
    past_performance: bool = False  # the tender has a past-performance criterion

    @property
    def finished(self) -> bool:
        return bool(self.evaluators) and not self.pending


def evaluation_results(*, tender: TenderPage) -> EvaluationResults:
    """Scores per compliant bid: the technical score averaged over unrecused evaluators, the
    price score by formula, the past-performance score from the bidders' histories at the
    deadline (one query for all), the total, and the rank. Rows only once every assigned,
    unrecused evaluator has declared and scored every compliant bid."""
    tender = Tender.of(tender)
    assigned = list(evaluators_of(tender).order_by("pk"))
    declarations = {d.evaluator_id: d for d in EvaluatorDeclaration.objects.filter(tender=tender)}
    results = EvaluationResults()
    bids = [
        bid
        for bid in sealed_bids(tender)
        if bid.status == TenderBid.Status.SUBMITTED and bid.price is not None
    ]
    all_criteria = list(tender.criteria.all())
    criteria = [c for c in all_criteria if c.is_judged]
    price_criterion = next((c for c in all_criteria if c.is_price), None)
    past_criterion = next((c for c in all_criteria if c.is_past_performance), None)
    results.past_performance = past_criterion is not None
    scores = {}
    for row in BidScore.objects.filter(bid__in=bids, criterion__in=criteria):
        scores.setdefault((row.evaluator_id, row.bid_id), {})[row.criterion_id] = row.score
    for user in assigned:
        declaration = declarations.get(user.pk)
        if declaration is not None and declaration.recused:
            results.recused.append(user)
            continue
        results.evaluators.append(user)
        complete = declaration is not None and all(
            len(scores.get((user.pk, bid.pk), {})) == len(criteria) for bid in bids
        )
        if not complete:
            results.pending.append(user)
    if not results.finished or not bids:
        return results
    lowest = min(bid.price for bid in bids)
    weight = price_criterion.weight if price_criterion else 0
    past = past_performance_by_bid(bids=bids, criterion=past_criterion, deadline=tender.deadline)
    for bid in bids:
        per_evaluator = [
            sum(scores[(user.pk, bid.pk)].values(), Decimal(0)) for user in results.evaluators
        ]
        technical = (sum(per_evaluator, Decimal(0)) / len(per_evaluator)).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
        price = price_score(lowest=lowest, price=bid.price, weight=weight)
        past_score, periods = past.get(bid.pk, (Decimal("0.00"), 0))
        total = technical + price + past_score
        results.rows.append(BidResult(bid, technical, price, total, 0, past_score, periods))
    results.rows.sort(key=lambda row: (-row.total, row.bid.price, row.bid.submitted_at))
    for position, row in enumerate(results.rows, start=1):
        row.rank = position
    return results


def users_who_may_evaluate():
    """Candidates for assignment: evaluators and bureau officers."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.EVALUATOR, Role.BUREAU_OFFICER])
        .distinct()
        .order_by("username")
    )
