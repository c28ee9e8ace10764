"""Tender items of the back office. Evaluators: conflict declarations to make and bids to score
in the tenders assigned to them, and those still open for bids. Bureau officers: tenders closed
with nobody to evaluate them, evaluations under way, questions to answer, challenges to resolve,
award notices running, and a working-day calendar to confirm."""

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.incubation.admin.dashboard import admin_list_url
from incubator.kernel.todo import (
    SHOWN,
    Kind,
    TodoItem,
    TodoRequest,
    capped,
    first_with_total,
    local_date,
)
from tenders.choices import TenderStatus
from tenders.dashboard import years_to_confirm
from tenders.models import EvaluatorDeclaration, Tender, TenderAward, TenderBid
from tenders.selectors import (
    awards_user_may_resolve_challenge,
    bids_user_may_open,
    bids_user_may_score,
    calendar_user_may_confirm,
    clarifications_user_may_answer,
    is_tender_officer,
    tenders_user_may_declare,
    tenders_user_may_evaluate,
)
from tenders.todo.common import titled, with_titles
from tenders.todo.evaluation import evaluations_finished

TENDER_LIST = "tenders_admin:index"


def _standing_awards():
    return TenderAward.objects.exclude(status=TenderAward.Status.SET_ASIDE)


def evaluator_items(todo: TodoRequest) -> list:
    """Declarations and scores the user owes in the tenders assigned to them."""
    user, now = todo.user, todo.now
    list_url = admin_list_url(TENDER_LIST)
    awarded = _standing_awards().values("tender")
    undeclared = (
        tenders_user_may_declare(user)
        .filter(deadline__lte=now, cancelled_at__isnull=True)
        .exclude(pk__in=EvaluatorDeclaration.objects.filter(evaluator=user).values("tender"))
        .exclude(pk__in=awarded)
    )
    rows, total = first_with_total(with_titles(undeclared).order_by("deadline", "pk"))
    entries = capped(
        rows,
        total,
        kind=Kind.NOW,
        url=list_url,
        label=_("All your tenders"),
        build=lambda tender: TodoItem(
            title=str(_("Declare any conflict of interest for %(tender)s"))
            % {"tender": tender.title},
            url=reverse("tenders_admin:declare", args=[tender.pk]),
            kind=Kind.NOW,
            status_label=str(TenderStatus.UNDER_EVALUATION.label),
            due_on=None,
            detail=tender.reference,
        ),
    )
    to_score = (
        (bids_user_may_open(user, now=now) & bids_user_may_score(user))
        .filter(status=TenderBid.Status.SUBMITTED)
        .exclude(tender__in=awarded)
        .exclude(scores__evaluator=user)
    )
    rows, total = first_with_total(
        with_titles(to_score.select_related("tender", "organisation"), "tender__pages").order_by(
            "tender__deadline", "pk"
        )
    )
    entries += capped(
        rows,
        total,
        kind=Kind.NOW,
        url=list_url,
        label=_("All your tenders"),
        build=lambda bid: TodoItem(
            title=str(_("Score the bid of %(organisation)s for %(tender)s"))
            % {"organisation": bid.organisation.name, "tender": bid.tender.title},
            url=reverse("tenders_admin:score", args=[bid.pk]),
            kind=Kind.NOW,
            status_label=str(_("Not scored yet")),
            detail=bid.tender.reference,
        ),
    )
    still_open = tenders_user_may_evaluate(user).filter(deadline__gt=now, cancelled_at__isnull=True)
    rows, total = first_with_total(with_titles(still_open).order_by("deadline", "pk"))
    entries += capped(
        rows,
        total,
        kind=Kind.COMING,
        url=list_url,
        label=_("All your tenders"),
        build=lambda tender: TodoItem(
            title=str(_("Evaluate %(tender)s after its deadline")) % {"tender": tender.title},
            url=reverse("tenders_admin:tender", args=[tender.pk]),
            kind=Kind.COMING,
            status_label=str(TenderStatus(tender.status(now)).label),
            due_on=local_date(tender.deadline),
            detail=tender.reference,
        ),
    )
    return entries


def _closed_and_evaluating(now) -> dict[str, tuple[list, int]]:
    """The first few tenders closed without evaluators and under evaluation, oldest deadline
    first, and how many there are of each: one query over the tenders themselves (narrow rows,
    one per tender; their titles come with the officer's other items, ``_titled``)."""
    conditions = Tender.objects.status_conditions(now)
    closed = conditions[TenderStatus.CLOSED]
    evaluating = conditions[TenderStatus.UNDER_EVALUATION]
    rows = list(
        Tender.objects.with_state()
        .filter(closed | evaluating)
        .annotate(
            todo_rank=Window(
                RowNumber(), partition_by=[F("_evaluating")], order_by=[F("deadline"), F("pk")]
            ),
            # Counted over the rows the ranking reads anyway (a few thousand tenders at most).
            todo_total=Window(Count("pk"), partition_by=[F("_evaluating")]),
        )
        .filter(todo_rank__lte=SHOWN)
        .order_by("deadline", "pk")
    )
    closed_rows = [tender for tender in rows if not tender._evaluating]
    evaluating_rows = [tender for tender in rows if tender._evaluating]
    return {
        TenderStatus.CLOSED: (closed_rows, closed_rows[0].todo_total if closed_rows else 0),
        TenderStatus.UNDER_EVALUATION: (
            evaluating_rows,
            evaluating_rows[0].todo_total if evaluating_rows else 0,
        ),
    }


def officer_items(todo: TodoRequest) -> list:
    """What the bureau's tender process waits for from its officers. The tenders of every list
    get their titles in one query (``titled``) once all the lists are read."""
    now = todo.now
    process = _closed_and_evaluating(now)
    questions = clarifications_user_may_answer(todo.user).filter(
        answered_at__isnull=True, tender__deadline__gt=now, tender__cancelled_at__isnull=True
    )
    question_rows, question_total = first_with_total(
        questions.select_related("tender").order_by("tender__deadline", "pk")
    )
    awards = awards_user_may_resolve_challenge(todo.user).filter(
        status__in=(TenderAward.Status.CHALLENGED, TenderAward.Status.PENDING)
    )
    award_rows, award_total = first_with_total(
        awards.select_related("tender").order_by("challenge_ends_on", "pk")
    )
    titled(
        [
            *process[TenderStatus.CLOSED][0],
            *process[TenderStatus.UNDER_EVALUATION][0],
            *(question.tender for question in question_rows),
            *(award.tender for award in award_rows),
        ]
    )
    rows, total = process[TenderStatus.CLOSED]
    entries = capped(
        rows,
        total,
        kind=Kind.NOW,
        url=admin_list_url(TENDER_LIST, status=TenderStatus.CLOSED.value),
        label=_("All tenders waiting for evaluators"),
        build=lambda tender: TodoItem(
            title=str(_("Assign evaluators to %(tender)s")) % {"tender": tender.title},
            url=reverse("tenders_admin:assign", args=[tender.pk]),
            kind=Kind.NOW,
            status_label=str(TenderStatus.CLOSED.label),
            due_on=None,
            detail=tender.reference,
        ),
    )
    rows, total = process[TenderStatus.UNDER_EVALUATION]
    finished = evaluations_finished([tender.pk for tender in rows])
    entries += capped(
        rows,
        total,
        kind=Kind.WAITING,
        url=admin_list_url(TENDER_LIST, status=TenderStatus.UNDER_EVALUATION.value),
        label=_("All tenders under evaluation"),
        build=lambda tender: _evaluation_item(tender, finished=tender.pk in finished),
    )
    entries += capped(
        question_rows,
        question_total,
        kind=Kind.NOW,
        url=admin_list_url(TENDER_LIST, status=TenderStatus.OPEN.value),
        label=_("All open tenders"),
        build=lambda question: TodoItem(
            title=str(_("Answer a question on %(tender)s")) % {"tender": question.tender.title},
            url=reverse("tenders_admin:answer", args=[question.pk]),
            kind=Kind.NOW,
            status_label=str(_("Not answered yet")),
            due_on=local_date(question.tender.deadline),
            detail=question.tender.reference,
        ),
    )
    entries += capped(
        award_rows,
        award_total,
        kind=Kind.WAITING,
        url=admin_list_url(TENDER_LIST, status=TenderStatus.AWARDED.value),
        label=_("All awarded tenders"),
        build=_award_item,
    )
    if calendar_user_may_confirm(todo.user):
        for year in years_to_confirm(timezone.localdate(now)):
            entries.append(
                TodoItem(
                    title=str(_("Confirm the working-day calendar of %(year)s")) % {"year": year},
                    url=f"{reverse('tender_calendar_years:add')}?year={year}",
                    kind=Kind.NOW,
                    status_label=str(_("Not confirmed")),
                )
            )
    return entries


def _evaluation_item(tender: Tender, *, finished: bool) -> TodoItem:
    """A finished evaluation waits for the officer's award; an unfinished one for its
    evaluators."""
    if finished:
        return TodoItem(
            title=str(_("Award %(tender)s: every evaluator has scored")) % {"tender": tender.title},
            url=reverse("tenders_admin:award", args=[tender.pk]),
            kind=Kind.NOW,
            status_label=str(_("Evaluation finished")),
            detail=tender.reference,
        )
    return TodoItem(
        title=str(_("Evaluation of %(tender)s; award it once every score is in"))
        % {"tender": tender.title},
        url=reverse("tenders_admin:tender", args=[tender.pk]),
        kind=Kind.WAITING,
        status_label=str(TenderStatus.UNDER_EVALUATION.label),
        detail=tender.reference,
    )


def _award_item(award: TenderAward) -> TodoItem:
    """A challenged award needs the officer now; an award in its notice period waits for its
    challenge window to end."""
    if award.status == TenderAward.Status.CHALLENGED:
        return TodoItem(
            title=str(_("Resolve the challenge to the award of %(tender)s"))
            % {"tender": award.tender.title},
            url=reverse("tenders_admin:resolve", args=[award.pk]),
            kind=Kind.NOW,
            status_label=str(award.get_status_display()),
            detail=award.tender.reference,
        )
    return TodoItem(
        title=str(_("Challenge window of the award of %(tender)s"))
        % {"tender": award.tender.title},
        url=reverse("tenders_admin:tender", args=[award.tender_id]),
        kind=Kind.WAITING,
        status_label=str(award.get_status_display()),
        due_on=award.challenge_ends_on,
        detail=award.tender.reference,
    )


def staff_items(todo: TodoRequest) -> list:
    """The evaluator's items for everyone assigned a tender; the officer's for officers."""
    # Whether the user evaluates anything at all, asked once: most officers never do.
    assigned = tenders_user_may_evaluate(todo.user).exists()
    entries = evaluator_items(todo) if assigned else []
    if is_tender_officer(todo.user):
        entries += officer_items(todo)
    return entries
