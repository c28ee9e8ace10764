"""After the award, the tender's public page says whether the bureau met each of its
deadlines, in both languages, and once published shows the contract with its amendments; the
provider's portal lists the amendments and their letters. Fixed query counts."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.models import Letter
from tenders.models import TenderAward
from tenders.services.contracts import contract_amend, contract_publish, contract_sign
from tests.factories import tender_index, tender_page

pytestmark = pytest.mark.django_db


def _published(contract, officer, *, decided_days_ago=10, signed_days_ago=0):
    TenderAward.objects.filter(pk=contract.award_id).update(
        decided_at=timezone.now() - timedelta(days=decided_days_ago)
    )
    contract.award.refresh_from_db()
    today = timezone.localdate()
    contract_sign(contract=contract, signed_on=today - timedelta(days=signed_days_ago), by=officer)
    contract_publish(contract=contract, by=officer)
    return contract


def _amend(contract, officer, change, reason="增加服务人数。"):
    return contract_amend(
        contract=contract, reason=reason, value_change=Decimal(change), by=officer
    )


def _page(client, contract) -> str:
    response = client.get(contract.tender.source_page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_before_publication_the_page_shows_the_signing_deadline_only(client, contract):
    html = _page(client, contract)
    assert "采购人履职时限" in html and "签订合同" in html
    due = timezone.localdate(contract.award.decided_at) + timedelta(days=30)
    assert f'期限<time class="nobr" datetime="{due.isoformat()}">' in html
    assert 'id="contract"' not in html


def test_the_published_contract_and_the_duties_met_show_on_the_page(client, contract, officer):
    _published(contract, officer)
    _amend(contract, officer, "-5000.00", reason="服务对象减少。")
    html = _page(client, contract)
    assert 'id="contract"' in html
    assert contract.organisation.name in html and "太仓市民政局" in html
    assert "¥195,000.00" in html and "原为¥200,000.00" in html
    assert "服务对象减少。" in html and "−¥5,000.00" in html
    assert html.count("按时") == 2  # signed and published on time
    assert "逾期" not in html


def test_a_late_publication_is_shown_late_by_its_days_in_english(client, site, contract, officer):
    _published(contract, officer, decided_days_ago=40, signed_days_ago=20)
    source = contract.tender.source_page
    english = tender_page(
        tender_index(site.home_en), source=source, title="Home care for older people"
    )
    html = client.get(english.url).content.decode()
    assert "Sign the contract" in html and "on time" in html  # day 20 of 30
    assert "Publish the contract" in html and "days late" in html
    assert 'id="contract"' in html and "Parties" in html


def test_the_page_keeps_its_query_count_with_more_amendments(client, contract, officer):
    _published(contract, officer)
    _amend(contract, officer, "1000.00")
    url = contract.tender.source_page.url
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        _amend(contract, officer, "1000.00")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert "+¥1,000.00" in html
    assert len(few) == len(many)


def test_the_provider_reads_its_amendments_and_their_letters(client, signed, officer, provider):
    amendment = _amend(signed, officer, "2000.00")
    client.force_login(provider)
    url = reverse("tenders_portal:contract", args=[signed.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        html = client.get(url).content.decode()
    assert "增加服务人数。" in html and "+¥2,000.00" in html
    letter = Letter.objects.get(kind="contract_amendment")
    assert letter.subject == amendment and letter.title in html
    _amend(signed, officer, "2000.00")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count("补充协议通知") == 2
    assert len(few) == len(many)
