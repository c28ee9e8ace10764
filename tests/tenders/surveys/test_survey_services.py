"""Scheduling a survey (bureau officers; no overlap, in order, within the contract, questions
needed), answering it (open, every question 1–5, one device once) and its result."""

from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError
from django.utils import timezone

import pytest

from incubator.kernel.errors import ServiceError
from tenders.models import Survey, SurveyAnswer, SurveyQuestion
from tenders.services.surveys import survey_answer, survey_result, survey_schedule
from tests.factories import manager_of, member_of
from tests.factories.sites import service_site

from .conftest import all_rated

pytestmark = pytest.mark.django_db


def _schedule(contract, by, opens, closes):
    today = timezone.localdate()
    return survey_schedule(
        contract=contract,
        opens_on=today + timedelta(days=opens),
        closes_on=today + timedelta(days=closes),
        by=by,
    )


def test_a_survey_asks_the_questions_of_the_tender_category(contract, questions, officer):
    SurveyQuestion.objects.create(category="elderly_day_care", text="别的类别的问题")
    survey = _schedule(contract, officer, 0, 7)
    assert set(survey.questions.all()) == set(questions)
    # Questions added later do not change a scheduled survey.
    SurveyQuestion.objects.create(category="home_care", text="后来加的问题")
    assert survey.questions.count() == 2


@pytest.mark.parametrize(
    ("opens", "closes", "code"),
    [
        (5, 4, "closes_before_opening"),
        (3, 9, "overlaps"),
        (-9, -1, "overlaps"),
        (-60, -30, "outside_contract"),
        (300, 400, "outside_contract"),
    ],
)
def test_scheduling_refusals(survey, contract, officer, opens, closes, code):
    with pytest.raises(ServiceError) as refused:
        _schedule(contract, officer, opens, closes)
    assert refused.value.code == code
    assert Survey.objects.count() == 1


def test_a_survey_right_after_another_is_fine(survey, contract, officer):
    assert _schedule(contract, officer, 6, 10).pk != survey.pk


def test_a_category_without_questions_is_refused_naming_it(contract, officer):
    with pytest.raises(ServiceError) as refused:
        _schedule(contract, officer, 0, 7)
    assert refused.value.code == "no_questions"
    assert "“Home care”" in str(refused.value.message)


def test_hub_managers_and_providers_may_not_schedule(contract, questions):
    for outsider in (manager_of(contract.organisation.hub), member_of(contract.organisation)):
        with pytest.raises(ServiceError) as refused:
            _schedule(contract, outsider, 0, 7)
        assert refused.value.code == "not_allowed"
    assert not Survey.objects.exists()


def test_the_database_keeps_the_dates_in_order(survey):
    with pytest.raises(IntegrityError):
        Survey.objects.filter(pk=survey.pk).update(closes_on=survey.opens_on - timedelta(days=1))


def test_one_device_answers_once(survey, centre):
    survey_answer(survey=survey, ratings=all_rated(survey, 5), device_token="phone", site=centre)
    with pytest.raises(ServiceError) as refused:
        survey_answer(survey=survey, ratings=all_rated(survey, 1), device_token="phone")
    assert refused.value.code == "already_answered"
    survey_answer(survey=survey, ratings=all_rated(survey, 1), device_token="another")
    assert SurveyAnswer.objects.count() == 4


@pytest.mark.parametrize("rating", [0, 6, "5", None])
def test_every_question_needs_a_rating_of_one_to_five(survey, rating):
    ratings = all_rated(survey, 3)
    ratings[next(iter(ratings))] = rating
    with pytest.raises(ServiceError) as refused:
        survey_answer(survey=survey, ratings=ratings, device_token="phone")
    assert refused.value.code == "answer_every_question"


def test_a_missing_question_is_refused(survey):
    ratings = all_rated(survey, 3)
    ratings.pop(next(iter(ratings)))
    with pytest.raises(ServiceError) as refused:
        survey_answer(survey=survey, ratings=ratings, device_token="phone")
    assert refused.value.code == "answer_every_question"
    assert not SurveyAnswer.objects.exists()


def test_answers_only_while_open(survey):
    after = timezone.now() + timedelta(days=6)
    with pytest.raises(ServiceError) as refused:
        survey_answer(survey=survey, ratings=all_rated(survey, 4), device_token="p", now=after)
    assert refused.value.code == "survey_closed"


def test_another_contracts_site_is_refused(survey, index, contract):
    from tenders.models import Contract
    from tests.factories import awarded

    tender, _bids = awarded(index)
    other = service_site(Contract.objects.get(tender=tender.tender), name="别处")
    with pytest.raises(ServiceError) as refused:
        survey_answer(survey=survey, ratings=all_rated(survey, 4), device_token="p", site=other)
    assert refused.value.code == "wrong_site"


def test_the_result_is_the_share_of_fours_and_fives_among_all_ratings(survey):
    first, second = (question.pk for question in survey.questions.order_by("position"))
    survey_answer(survey=survey, ratings={first: 5, second: 4}, device_token="a")
    survey_answer(survey=survey, ratings={first: 3, second: 4}, device_token="b")
    survey_answer(survey=survey, ratings={first: 1, second: 2}, device_token="c")
    result = survey_result(survey)
    # 3 of the 6 ratings are 4 or 5.
    assert (result.respondents, result.ratings, result.rate) == (3, 6, Decimal("50.00"))


def test_a_survey_without_answers_has_no_rate(survey):
    result = survey_result(survey)
    assert (result.respondents, result.rate) == (0, None)
