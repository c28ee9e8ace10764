"""After the award, the portal says what became of each bid (won, not won) with the award
notice and the letter; the winner reads its contract, and nobody else does."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from incubator.models import Letter
from tenders.models import Contract, TenderAward
from tenders.services.awards import award_finalise
from tests.factories import HubFactory, OrganisationFactory, manager_of, member_of
from tests.tenders.test_awards import _award, evaluated  # noqa: F401

pytestmark = pytest.mark.django_db


def _bids_page(client, user):
    client.force_login(user)
    return client.get(reverse("tenders_portal:bids")).content.decode()


@pytest.fixture
def awarded_scene(evaluated):  # noqa: F811
    tender, officer, bids = evaluated
    award = _award(tender, officer, bids[0])
    winner = member_of(bids[0].organisation)
    loser = member_of(bids[1].organisation)
    return tender, award, bids, winner, loser


def test_before_the_award_a_bid_shows_only_its_status(client, evaluated):  # noqa: F811
    _, _, bids = evaluated
    html = _bids_page(client, member_of(bids[0].organisation))
    assert "badge--submitted" in html
    assert "badge--won" not in html and "badge--lost" not in html
    assert "#award-notice" not in html


def test_the_winner_sees_won_with_the_notice_and_the_award_letter(client, awarded_scene):
    tender, award, bids, winner, _ = awarded_scene
    html = _bids_page(client, winner)
    assert 'class="badge badge--won">Won<' in html
    assert "badge--submitted" not in html and "badge--lost" not in html
    assert f"{tender.url}#award-notice" in html
    letter = Letter.objects.get(kind="tender_award", recipient=bids[0].organisation)
    assert reverse("files:letter", args=[letter.pk]) in html
    bid_page = client.get(reverse("tenders_portal:bid", args=[tender.pk])).content.decode()
    assert "badge--won" in bid_page


def test_the_other_bidder_sees_not_won_with_its_regret_letter(client, awarded_scene):
    tender, _, bids, _, loser = awarded_scene
    html = _bids_page(client, loser)
    assert 'class="badge badge--lost">Not won<' in html
    assert "badge--won" not in html
    letter = Letter.objects.get(kind="tender_regret", recipient=bids[1].organisation)
    assert reverse("files:letter", args=[letter.pk]) in html
    award_letter = Letter.objects.get(kind="tender_award")
    assert reverse("files:letter", args=[award_letter.pk]) not in html


@pytest.fixture
def contract(awarded_scene):
    _, award, _, _, _ = awarded_scene
    return award_finalise(award=award, today=date(2026, 6, 1))


def test_the_winner_reads_its_contract_with_value_period_and_letter(
    client, awarded_scene, contract
):
    _, _, bids, winner, _ = awarded_scene
    client.force_login(winner)
    listing = client.get(reverse("tenders_portal:contracts")).content.decode()
    url = reverse("tenders_portal:contract", args=[contract.pk])
    assert url in listing
    html = client.get(url).content.decode()
    assert "¥200,000.00" in html
    assert "每月上门服务不少于八次。" in html
    assert "June 1, 2026" in html and "May 31, 2027" in html
    letter = Letter.objects.get(kind="tender_award", recipient=bids[0].organisation)
    assert reverse("files:letter", args=[letter.pk]) in html


def test_the_winners_bid_page_links_its_contract(client, awarded_scene, contract):
    tender, _, _, winner, _ = awarded_scene
    client.force_login(winner)
    html = client.get(reverse("tenders_portal:bid", args=[tender.pk])).content.decode()
    assert reverse("tenders_portal:contract", args=[contract.pk]) in html


def test_another_organisation_does_not_see_the_contract(client, awarded_scene, contract):
    _, _, _, _, loser = awarded_scene
    stranger = member_of(OrganisationFactory())
    for user in (loser, stranger):
        client.force_login(user)
        assert client.get(reverse("tenders_portal:contract", args=[contract.pk])).status_code == 404
        listing = client.get(reverse("tenders_portal:contracts")).content.decode()
        assert reverse("tenders_portal:contract", args=[contract.pk]) not in listing


def test_a_manager_of_another_hub_gets_404(client, contract):
    client.force_login(manager_of(HubFactory()))
    assert client.get(reverse("tenders_portal:contract", args=[contract.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, contract):
    response = client.get(reverse("tenders_portal:contract", args=[contract.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    response = client.get(reverse("tenders_portal:contracts"))
    assert response.status_code == 302 and "login" in response["Location"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_contracts_list_reads_as_many_queries_for_three_as_for_one(
    client, awarded_scene, contract
):
    _, award, bids, winner, _ = awarded_scene
    client.force_login(winner)
    url = reverse("tenders_portal:contracts")
    client.get(url)
    one = _queries(client, url)
    fields = {f.attname: getattr(award, f.attname) for f in award._meta.concrete_fields}
    for n in range(2):
        earlier = TenderAward.objects.create(**{**fields, "id": None, "status": "set_aside"})
        Contract.objects.create(
            award=earlier,
            tender_id=award.tender_id,
            organisation=bids[0].organisation,
            value=1000 + n,
            starts_on=contract.starts_on,
            ends_on=contract.ends_on,
            deliverables="x",
        )
    assert _queries(client, url) == one
