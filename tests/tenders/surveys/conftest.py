"""A contract of a home-care tender with its KPIs and a site, running since
40 days; the bureau's survey questions for
home care, a bureau officer, and a survey of the contract open now."""

from datetime import timedelta

from django.utils import timezone

import pytest

from tenders.models import Contract, SurveyQuestion
from tenders.services.surveys import survey_schedule
from tests.factories import awarded, bureau_officer
from tests.factories.delivery import with_kpis
from tests.factories.sites import service_site

QUESTIONS = ["您对上门服务满意吗？", "您对护理员的态度满意吗？"]


@pytest.fixture
def officer(db):
    return bureau_officer()


@pytest.fixture
def contract(index, officer):
    tender, _bids = awarded(index, prices=("200000.00", "250000.00"))
    # Running since 40 days, so that a survey is open now and the first monthly period is over.
    today = timezone.localdate()
    Contract.objects.filter(tender=tender.tender).update(
        starts_on=today - timedelta(days=40), ends_on=today + timedelta(days=320)
    )
    contract = Contract.objects.select_related("organisation", "tender").get(tender=tender.tender)
    with_kpis(contract, officer)
    return contract


@pytest.fixture
def centre(contract):
    return service_site(contract)


@pytest.fixture
def questions(db):
    return [
        SurveyQuestion.objects.create(category="home_care", text=text, position=number)
        for number, text in enumerate(QUESTIONS, start=1)
    ]


@pytest.fixture
def survey(contract, questions, officer):
    today = timezone.localdate()
    return survey_schedule(
        contract=contract,
        opens_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=5),
        by=officer,
    )


def all_rated(survey, rating: int) -> dict:
    """Every question of ``survey`` rated ``rating``."""
    return {question.pk: rating for question in survey.questions.all()}
