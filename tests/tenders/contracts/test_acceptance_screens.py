"""Acceptance on the screens: the bureau records one through the contract's page (findings
prefilled per KPI; a refusal keeps what was typed), signs it off and publishes it; the public
tender page shows its findings and how many service users took part, never their names; the
provider's portal lists it with its letter. Query counts stay the same as acceptances grow."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.models import Letter
from tenders.models import ContractAcceptance
from tenders.services.acceptance import contract_acceptance_publish, contract_acceptance_sign_off
from tenders.services.contracts import contract_publish
from tests.factories import mark_rendered

from .acceptance_scene import record, running

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(signed, officer):
    return running(signed, officer)


def _form(contract, **changes) -> dict:
    today = timezone.localdate()
    kpis = list(contract.kpis.all())
    data = {
        "kind": "interim",
        "held_on": today.isoformat(),
        "period_starts_on": contract.starts_on.isoformat(),
        "period_ends_on": today.isoformat(),
        "summary": "查阅台账。",
        "participants_named": "张秀英",
        "participants_unnamed": "2",
        "conclusion": "",
        "finding-TOTAL_FORMS": str(len(kpis) + 2),
        "finding-INITIAL_FORMS": str(len(kpis)),
        "finding-MIN_NUM_FORMS": "0",
        "finding-MAX_NUM_FORMS": "1000",
    }
    for index, kpi in enumerate(kpis):
        data[f"finding-{index}-kpi"] = str(kpi.pk)
        data[f"finding-{index}-standard"] = kpi.name
        data[f"finding-{index}-result"] = "met"
        data[f"finding-{index}-finding"] = f"{kpi.name}达标。"
    for index in (len(kpis), len(kpis) + 1):
        for name in ("kpi", "standard", "result", "finding"):
            data[f"finding-{index}-{name}"] = ""
    data.update(changes)
    return data


def test_the_form_is_prefilled_with_a_finding_per_kpi(client, live, officer):
    client.force_login(officer)
    html = client.get(reverse("tender_contracts:accept", args=[live.pk])).content.decode()
    assert html.count("data-finding-row") == 6
    assert "服务时长（1200 小时）" in html


def test_an_officer_records_signs_off_and_publishes_through_the_screens(client, live, officer):
    contract_publish(contract=live, by=officer)
    client.force_login(officer)
    data = _form(live, **{"finding-4-standard": "消防设施", "finding-4-result": "partly"})
    response = client.post(reverse("tender_contracts:accept", args=[live.pk]), data)
    assert response.status_code == 302, response.content.decode()
    acceptance = ContractAcceptance.objects.get()
    assert acceptance.items.count() == 5 and acceptance.participant_count == 3
    page = client.get(reverse("tender_contracts:inspect", args=[live.pk])).content.decode()
    assert 'data-record-action="accept"' in page and "消防设施" in page
    assert 'data-acceptance-action="sign_off"' in page
    url = reverse("tender_contracts:acceptance_sign_off", args=[acceptance.pk])
    assert client.post(url, {"conclusion": "passed"}).status_code == 302
    url = reverse("tender_contracts:acceptance_publish", args=[acceptance.pk])
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    acceptance.refresh_from_db()
    assert acceptance.is_signed_off and acceptance.published_at is not None


def test_a_refused_acceptance_shows_on_the_form_and_keeps_what_was_typed(client, live, officer):
    client.force_login(officer)
    data = _form(live, participants_named="王淑珍", held_on="2000-01-01")
    response = client.post(reverse("tender_contracts:accept", args=[live.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "验收不能早于所验收服务的开始日期" in html
    assert "王淑珍" in html and "服务时长达标。" in html
    assert not ContractAcceptance.objects.exists()


def test_a_draft_without_participants_cannot_be_signed_off_on_screen(client, live, officer):
    acceptance = record(live, officer, participants_named="", participants_unnamed=0)
    client.force_login(officer)
    url = reverse("tender_contracts:acceptance_sign_off", args=[acceptance.pk])
    html = client.get(url).content.decode()
    assert "data-blocker" in html and "服务对象" in html
    response = client.post(url, {"conclusion": "passed"})
    assert response.status_code == 200
    acceptance.refresh_from_db()
    assert not acceptance.is_signed_off


def test_a_hub_manager_reads_the_acceptances_but_gets_no_action(client, live, officer, hub_manager):
    acceptance = record(live, officer)
    client.force_login(hub_manager)
    html = client.get(reverse("tender_contracts:inspect", args=[live.pk])).content.decode()
    assert "张秀英" in html and "data-acceptance-action" not in html
    url = reverse("tender_contracts:acceptance_sign_off", args=[acceptance.pk])
    assert client.get(url).status_code == 404


def _signed_off(contract, officer, **kwargs):
    acceptance = record(contract, officer, **kwargs)
    return contract_acceptance_sign_off(acceptance=acceptance, conclusion="passed", by=officer)


def test_the_contract_page_keeps_its_query_count_as_acceptances_grow(client, live, officer):
    _signed_off(live, officer)
    url = reverse("tender_contracts:inspect", args=[live.pk])
    client.force_login(officer)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        _signed_off(live, officer)
    record(live, officer)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count('class="acceptance"') == 5
    assert len(few) == len(many)


def test_the_public_page_counts_the_service_users_and_never_names_them(client, live, officer):
    contract_publish(contract=live, by=officer)
    acceptance = _signed_off(live, officer)
    unpublished = _signed_off(live, officer, summary="不公开。")
    url = live.tender.source_page.url
    assert 'id="acceptances"' not in client.get(url).content.decode()
    contract_acceptance_publish(acceptance=acceptance, by=officer)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        html = client.get(url).content.decode()
    assert 'id="acceptances"' in html and "合格" in html
    assert "抽查台账，与记录一致。" in html
    assert "5名服务对象" in html
    assert "张秀英" not in html and "李桂兰" not in html
    assert "实地查看日间照料中心" not in html  # the summary stays in the back office
    assert f'id="acceptance-{unpublished.number}"' not in html
    for _ in range(3):
        contract_acceptance_publish(acceptance=_signed_off(live, officer), by=officer)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count('class="acceptance"') == 4
    assert len(few) == len(many)


def test_the_provider_reads_its_signed_off_acceptances_and_their_letters(
    client, live, officer, provider
):
    draft = record(live, officer, summary="草稿")
    acceptance = _signed_off(live, officer)
    letter = mark_rendered(Letter.objects.get(kind="contract_acceptance"))
    client.force_login(provider)
    url = reverse("tenders_portal:contract", args=[live.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        html = client.get(url).content.decode()
    assert f'id="acceptance-{acceptance.number}"' in html
    assert f'id="acceptance-{draft.number}"' not in html
    assert reverse("files:letter", args=[letter.pk]) in html
    assert "5 service users took part." in html
    _signed_off(live, officer)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count('class="acceptance"') == 2
    assert len(few) == len(many)
