from django.core.management import call_command

from wagtail.models import WorkflowPage

import pytest

from tenders.models import CalendarDay, CalendarYear, TenderIndexPage, TenderPage, TenderStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_bilingual_tenders_and_the_2026_calendar(demo, settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    # The package carries the 2026 notice; the officer confirmed it, no override needed.
    assert CalendarDay.objects.count() == 0
    assert list(CalendarYear.objects.values_list("year", "confirmed_by__username")) == [
        (2026, "bureau")
    ]
    assert TenderIndexPage.objects.live().count() == 2
    assert WorkflowPage.objects.filter(page__in=TenderIndexPage.objects.all()).count() == 2
    tenders = TenderPage.objects.live()
    assert tenders.filter(locale__language_code="zh-hans").count() == 5
    assert tenders.filter(locale__language_code="en").count() == 5
    statuses = {tender.status() for tender in tenders}
    assert statuses == {
        TenderStatus.OPEN,
        TenderStatus.UPCOMING,
        TenderStatus.UNDER_EVALUATION,
        TenderStatus.AWARDED,
    }
    for tender in tenders:
        assert client.get(tender.url).status_code == 200


def test_the_demo_contract_was_signed_and_published_on_time_after_an_answered_challenge(
    demo, settings, client
):
    from tenders.duties import award_delivery
    from tenders.models import AwardChallenge, Contract

    settings.DEBUG = True
    call_command("seed_demo")
    contract = Contract.objects.select_related("award__tender").get(
        tender__reference="TCMZ-2026-005"
    )
    assert contract.signed_on is not None and contract.published_at is not None
    challenge = AwardChallenge.objects.get(award=contract.award)
    assert challenge.answered_on is not None
    duties = award_delivery(contract.award)["duties"]
    assert [duty.kind for duty in duties] == ["answer", "sign", "publish"]
    assert {duty.state for duty in duties} == {"met"}
    page = TenderPage.objects.get(reference="TCMZ-2026-005", locale__language_code="zh-hans")
    html = client.get(page.url).content.decode()
    assert 'id="contract"' in html and html.count("按时") == 3
