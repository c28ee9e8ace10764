"""Residents' satisfaction surveys: the bureau schedules one per contract with the questions
of the tender's service category; residents answer every question from one to five on a
site's public page, without an account, one device once; the result (the share of ratings of
4 or 5) becomes the satisfaction KPI actual of the report whose period the survey closes in
(``tenders.survey_selectors.satisfaction_actual``)."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import require_allowed
from tenders.models import (
    Contract,
    ServiceCategory,
    ServiceSite,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
)
from tenders.models.feedback import RATING_MAX, RATING_MIN
from tenders.services import NOT_ALLOWED
from tenders.services.feedback import device_mark
from tenders.survey_selectors import (
    contracts_user_may_schedule_surveys,
    satisfaction_rate,
    surveys_with_results,
)

CLOSES_BEFORE_OPENING = _("A survey cannot close before it opens.")
OUTSIDE_CONTRACT = _("A survey must run within the contract's term, %(starts)s to %(ends)s.")
OVERLAPS = _(
    "This contract already has a survey from %(opens)s to %(closes)s; surveys of one contract "
    "cannot overlap."
)
NO_QUESTIONS = _(
    "The bureau has set no survey questions for the service category “%(category)s”. Add "
    "them under Survey questions first."
)
SURVEY_CLOSED = _("This survey is not open at the moment.")
ANSWER_EVERY_QUESTION = _("Answer every question: choose one of the five answers for each.")
WRONG_SITE = _("This site is not one of the contract's sites.")
ALREADY_ANSWERED = _("Thank you: this survey was already answered from this phone.")


def _category(contract: Contract) -> str:
    page = contract.tender.source_page
    return getattr(page, "category", "") if page is not None else ""


@transaction.atomic
def survey_schedule(*, contract: Contract, opens_on: date, closes_on: date, by) -> Survey:
    """A bureau officer schedules a residents' survey of ``contract``. Before: it closes on or
    after the day it opens, within the contract's term, overlapping none of the contract's
    surveys; the tender's service category has questions. After: the survey, asking those
    questions (fixed now; later changes to the questions do not touch it)."""
    require_allowed(contracts_user_may_schedule_surveys, by, contract, message=NOT_ALLOWED)
    # Serialise the contract's scheduling so two officers cannot add overlapping surveys.
    contract = Contract.objects.select_for_update().select_related("tender").get(pk=contract.pk)
    if closes_on < opens_on:
        raise ServiceError(CLOSES_BEFORE_OPENING, code="closes_before_opening")
    if opens_on < contract.starts_on or closes_on > contract.ends_on:
        raise ServiceError(
            OUTSIDE_CONTRACT
            % {"starts": contract.starts_on.isoformat(), "ends": contract.ends_on.isoformat()},
            code="outside_contract",
        )
    overlapping = contract.surveys.filter(opens_on__lte=closes_on, closes_on__gte=opens_on).first()
    if overlapping is not None:
        raise ServiceError(
            OVERLAPS
            % {
                "opens": overlapping.opens_on.isoformat(),
                "closes": overlapping.closes_on.isoformat(),
            },
            code="overlaps",
        )
    category = _category(contract)
    questions = list(SurveyQuestion.objects.filter(category=category))
    if not questions:
        label = dict(ServiceCategory.choices).get(category, category)
        raise ServiceError(NO_QUESTIONS % {"category": label}, code="no_questions")
    survey = Survey(contract=contract, opens_on=opens_on, closes_on=closes_on, created_by=by)
    survey.full_clean()
    survey.save()
    survey.questions.set(questions)
    audit_log(
        instance=contract,
        action="tenders.survey.schedule",
        user=by,
        data={
            "opens_on": opens_on.isoformat(),
            "closes_on": closes_on.isoformat(),
            "questions": [question.text for question in questions],
        },
    )
    return survey


def survey_answer(
    *,
    survey: Survey,
    ratings: dict,
    device_token: str,
    site: ServiceSite | None = None,
    now: datetime | None = None,
) -> list[SurveyAnswer]:
    """Record one resident's answers (no account). Before: the survey is open today (China
    Standard Time); every question of the survey rated one to five, nothing else; the site,
    if given, is the contract's; this device has not answered the survey. After: one answer
    per question, with the device's keyed mark."""
    now = now or timezone.now()
    if not survey.is_open(timezone.localdate(now)):
        raise ServiceError(SURVEY_CLOSED, code="survey_closed")
    if site is not None and site.contract_id != survey.contract_id:
        raise ServiceError(WRONG_SITE, code="wrong_site")
    questions = {question.pk: question for question in survey.questions.all()}
    if set(ratings) != set(questions) or not all(
        isinstance(rating, int) and RATING_MIN <= rating <= RATING_MAX
        for rating in ratings.values()
    ):
        raise ServiceError(ANSWER_EVERY_QUESTION, code="answer_every_question")
    mark = device_mark(device_token)
    with transaction.atomic():
        # Serialise the survey's answers so two quick taps from one phone count once.
        Survey.objects.select_for_update().filter(pk=survey.pk).first()
        if survey.answers.filter(device=mark).exists():
            raise ServiceError(ALREADY_ANSWERED, code="already_answered")
        rows = [
            SurveyAnswer(
                survey=survey,
                question=questions[pk],
                site=site,
                rating=rating,
                device=mark,
                submitted_at=now,
            )
            for pk, rating in ratings.items()
        ]
        try:
            with transaction.atomic():
                return SurveyAnswer.objects.bulk_create(rows)
        except IntegrityError as error:  # the constraint, should a race slip past the lock
            raise ServiceError(ALREADY_ANSWERED, code="already_answered") from error


@dataclass(frozen=True)
class SurveyResult:
    """A survey's result: respondents (devices that answered), ratings given, and the
    satisfaction rate (None before any answer)."""

    respondents: int
    ratings: int
    rate: Decimal | None


def survey_result(survey: Survey) -> SurveyResult:
    """The survey's satisfaction rate in percent: the share of ratings of 4 or 5 among all its
    ratings (every question of every respondent counts once), with the number of
    respondents."""
    counted = surveys_with_results(Survey.objects.filter(pk=survey.pk)).get()
    return SurveyResult(
        respondents=counted.respondents,
        ratings=counted.ratings,
        rate=satisfaction_rate(counted.satisfied, counted.ratings),
    )
