"""The contract's page lists its residents' surveys with their results; bureau officers
schedule one with "Schedule a survey"; hub managers and the provider may not."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from tenders.models import Survey
from tenders.services.surveys import survey_answer
from tests.factories import manager_of

from .conftest import all_rated

pytestmark = pytest.mark.django_db


def _dates(opens, closes):
    today = timezone.localdate()
    return {
        "opens_on": (today + timedelta(days=opens)).isoformat(),
        "closes_on": (today + timedelta(days=closes)).isoformat(),
    }


def test_the_contract_page_lists_surveys_with_their_results(client, contract, survey, officer):
    survey_answer(survey=survey, ratings=all_rated(survey, 5), device_token="a")
    survey_answer(survey=survey, ratings=all_rated(survey, 2), device_token="b")
    client.force_login(officer)
    html = client.get(reverse("tender_contracts:inspect", args=[contract.pk])).content.decode()
    surveys = html.split('id="surveys"', 1)[1].split("</table>", 1)[0]
    # The back office speaks Chinese: "open now", and the rate explained.
    assert "<td>2</td>" in surveys and "50.00 %" in surveys and "进行中" in surveys
    assert "4 分或 5 分" in html
    assert reverse("tender_contracts:survey", args=[contract.pk]) in html


def test_an_officer_schedules_a_survey(client, contract, questions, officer):
    client.force_login(officer)
    url = reverse("tender_contracts:survey", args=[contract.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _dates(1, 14))
    assert response.status_code == 302
    assert set(Survey.objects.get(contract=contract).questions.all()) == set(questions)


def test_an_overlapping_survey_is_refused_on_the_form(client, contract, survey, officer):
    client.force_login(officer)
    url = reverse("tender_contracts:survey", args=[contract.pk])
    response = client.post(url, _dates(3, 20))
    assert response.status_code == 200
    assert "不能重叠" in response.content.decode()
    assert Survey.objects.count() == 1


def test_hub_managers_and_the_provider_may_not_schedule(
    client, contract, questions, org_admin_of_contract
):
    url = reverse("tender_contracts:survey", args=[contract.pk])
    for user in (manager_of(contract.organisation.hub), org_admin_of_contract):
        client.force_login(user)
        assert client.get(url).status_code in (302, 403, 404)
        assert client.post(url, _dates(1, 14)).status_code in (302, 403, 404)
        page = client.get(reverse("tender_contracts:inspect", args=[contract.pk]))
        assert url not in page.content.decode()
    assert not Survey.objects.exists()
