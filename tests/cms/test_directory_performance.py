"""How a site is doing, as its directory page says it: the contract's latest grade, its latest
published acceptance (a draft one is not public) and residents' satisfaction in the latest
closed survey (an open one is not counted yet)."""

from datetime import timedelta

from django.utils import timezone

import pytest

from tenders.models import Survey, SurveyAnswer, SurveyQuestion
from tests.factories import bureau_officer, member_of
from tests.factories.delivery import with_kpis
from tests.factories.payments import acceptance, accepted_report

pytestmark = pytest.mark.django_db


def _survey(contract, officer, ratings, *, closes_days_ago):
    today = timezone.localdate()
    survey = Survey.objects.create(
        contract=contract,
        opens_on=today - timedelta(days=closes_days_ago + 10),
        closes_on=today - timedelta(days=closes_days_ago),
        created_by=officer,
    )
    question = SurveyQuestion.objects.create(category="elderly_day_care", text="满意吗？")
    survey.questions.set([question])
    for n, rating in enumerate(ratings):
        SurveyAnswer.objects.create(
            survey=survey, question=question, rating=rating, device=f"{survey.pk}-{n}"
        )
    return survey


def test_the_site_page_shows_grade_acceptance_and_satisfaction(client, directory, contract, centre):
    officer = bureau_officer()
    with_kpis(contract, officer)
    accepted_report(
        contract, 1, provider=member_of(contract.organisation, "member"), officer=officer
    )
    acceptance(contract, conclusion="conditional")  # signed off, not published: not shown
    published = acceptance(contract, 2, conclusion="passed")
    type(published).objects.filter(pk=published.pk).update(published_at=timezone.now())
    _survey(contract, officer, (5, 4, 2), closes_days_ago=5)
    _survey(contract, officer, (1, 1), closes_days_ago=-3)  # still open
    html = client.get(f"{directory.url}site/{centre.code}/").content.decode()
    assert "民政局最近一次考核等级" in html and "优" in html
    assert "合格" in html and "基本合格" not in html and "终期验收" in html
    assert "67%" in html and "3位居民参与" in html


def test_a_site_with_nothing_yet_says_so(client, directory, centre):
    html = client.get(f"{directory.url}site/{centre.code}/").content.decode()
    assert "尚未考核" in html and "尚未验收" in html and "尚未开展满意度调查" in html
