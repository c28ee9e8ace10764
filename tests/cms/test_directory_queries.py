"""The directory's pages cost the same number of queries for three sites as for thirty, with
grades, acceptances and surveys on their contracts."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from tenders.models import ContractAcceptance, Survey, SurveyAnswer, SurveyQuestion
from tests.factories import bureau_officer
from tests.factories.directory import public_sites, published_contract, with_offer

pytestmark = pytest.mark.django_db


def _performance(contract, officer):
    """A published acceptance and a closed survey with answers on ``contract``."""
    ContractAcceptance.objects.create(
        contract=contract,
        number=1,
        kind="interim",
        held_on=contract.starts_on,
        period_starts_on=contract.starts_on,
        period_ends_on=contract.starts_on,
        conclusion="passed",
        signed_off_at=timezone.now(),
        published_at=timezone.now(),
    )
    today = timezone.localdate()
    survey = Survey.objects.create(
        contract=contract,
        opens_on=today - timedelta(days=20),
        closes_on=today - timedelta(days=5),
        created_by=officer,
    )
    question = SurveyQuestion.objects.create(category="elderly_day_care", text="满意吗？")
    survey.questions.set([question])
    for n, rating in enumerate((5, 4, 2)):
        SurveyAnswer.objects.create(survey=survey, question=question, rating=rating, device=f"d{n}")


def _queries(client, url) -> int:
    client.get(url)  # the page cache's entries are built once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _pages(directory, code):
    return [
        directory.url,
        f"{directory.url}?town=城厢镇&kind=day_care",
        f"{directory.url}site/{code}/",
        f"{directory.url}print/城厢镇/东林村/",
    ]


def test_the_directory_costs_the_same_queries_for_three_sites_and_for_thirty(
    client, directory, directory_site
):
    officer = bureau_officer()
    first = published_contract(directory_site[2])
    _performance(first, officer)
    sites = [with_offer(site) for site in public_sites(first, 3)]
    few = [_queries(client, url) for url in _pages(directory, sites[0].code)]
    for n in range(3):
        contract = published_contract(directory_site[2])
        _performance(contract, officer)
        for site in public_sites(contract, 9, town="城厢镇" if n else "沙溪镇", name_prefix=n):
            with_offer(site)
    many = [_queries(client, url) for url in _pages(directory, sites[0].code)]
    assert many == few
    assert max(few) <= 10, few
