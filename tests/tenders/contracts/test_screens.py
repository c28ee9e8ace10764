"""The contract's page in the back office offers the bureau's actions to bureau officers
only; the forms sign, publish and amend; refusals show on the form with nothing changed. The
home page's "Our deadlines" lists what is late and due soon; reminders go out once."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.incubation.reminders import send_reminders
from incubator.models import Notification
from tenders.dashboard import BureauDutiesPanel
from tenders.models import Contract, ContractAmendment, TenderAward
from tests.admin_home import admin_home
from tests.factories import awarded

pytestmark = pytest.mark.django_db


def _page(client, user, contract) -> str:
    client.force_login(user)
    response = client.get(reverse("tender_contracts:inspect", args=[contract.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_officer_sees_record_the_signing_and_a_hub_manager_no_action(
    client, contract, officer, hub_manager
):
    html = _page(client, officer, contract)
    assert 'data-record-action="sign"' in html
    assert 'data-record-action="publish"' not in html
    assert "采购人履职时限" in html  # the back office speaks the officers' Chinese
    html = _page(client, hub_manager, contract)
    assert "data-record-action" not in html
    response = client.get(reverse("tender_contracts:sign", args=[contract.pk]))
    assert response.status_code == 404


def test_an_officer_signs_publishes_and_amends_through_the_forms(client, contract, officer):
    client.force_login(officer)
    today = timezone.localdate()
    response = client.post(
        reverse("tender_contracts:sign", args=[contract.pk]), {"signed_on": today.isoformat()}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("tender_contracts:publish", args=[contract.pk]), {"confirmed": "1"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("tender_contracts:amend", args=[contract.pk]),
        {"reason": "增加服务人数。", "value_change": "20000.00", "ends_on": ""},
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.signed_on == today and contract.published_at is not None
    assert contract.value == Decimal("220000.00")
    html = _page(client, officer, contract)
    assert "增加服务人数。" in html and "+¥20,000.00" in html


def test_an_amendment_over_the_limit_shows_on_the_form_and_keeps_what_was_typed(
    client, signed, officer
):
    client.force_login(officer)
    response = client.post(
        reverse("tender_contracts:amend", args=[signed.pk]),
        {"reason": "大幅增加。", "value_change": "20000.01", "ends_on": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "相差超过10%" in html and "大幅增加。" in html
    assert not ContractAmendment.objects.exists()


def test_our_deadlines_lists_late_and_due_soon_duties_with_links(client, index, contract, officer):
    TenderAward.objects.filter(pk=contract.award_id).update(
        decided_at=timezone.now() - timedelta(days=35)
    )
    tender, _ = awarded(index)
    soon = Contract.objects.get(tender=tender.tender)
    TenderAward.objects.filter(pk=soon.award_id).update(
        decided_at=timezone.now() - timedelta(days=27)
    )
    awarded(index)  # due in 30 days: counted, not listed
    client.force_login(officer)
    html = admin_home(client)
    assert 'id="dashboard-bureau-duties' in html
    late, _, rest = html.partition("bureau-duties--soon")
    assert reverse("tender_contracts:inspect", args=[contract.pk]) in late
    assert "已逾期5天" in late
    assert reverse("tender_contracts:inspect", args=[soon.pk]) in rest
    assert "另有1项稍后到期。" in html


def test_the_panel_shows_the_first_late_duties_and_the_deadlines_page_all(
    client, index, contract, officer, hub_manager, monkeypatch
):
    """Hundreds of late payments would bury the home page: it shows the first few of each
    list and links to the deadlines page, which lists every open duty with its provider, the
    late first, a page at a time."""
    monkeypatch.setattr("tenders.dashboard.DUTIES_SHOWN", 2)
    monkeypatch.setattr("tenders.admin_views.DUTIES_PER_PAGE", 2)
    late = [contract]
    for _ in range(2):
        tender, _bids = awarded(index)
        late.append(Contract.objects.get(tender=tender.tender))
    for days, late_contract in zip((40, 36, 33), late, strict=True):
        TenderAward.objects.filter(pk=late_contract.award_id).update(
            decided_at=timezone.now() - timedelta(days=days)
        )
    client.force_login(officer)
    html = admin_home(client)
    panel = html.split('id="dashboard-bureau-duties', 1)[1].split('<section class="w-panel')[0]
    assert panel.count("bureau-duties--late") == 1 and panel.count("<li>") == 2
    assert reverse("tender_contracts:inspect", args=[late[0].pk]) in panel  # most late first
    assert reverse("tender_contracts:inspect", args=[late[2].pk]) not in panel
    assert "另有1项逾期" in panel and reverse("tenders_admin:duties") in panel

    first = client.get(reverse("tenders_admin:duties")).content.decode()
    second = client.get(reverse("tenders_admin:duties"), {"p": 2}).content.decode()
    assert "<h1" in first and "本局时限" in first
    assert reverse("tender_contracts:inspect", args=[late[0].pk]) in first
    assert reverse("tender_contracts:inspect", args=[late[2].pk]) in second
    assert late[2].organisation.name in second and "已逾期3天" in second
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("tenders_admin:duties"))
    tender, _bids = awarded(index)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("tenders_admin:duties"))
    assert len(few) == len(many)

    client.force_login(hub_manager)
    assert client.get(reverse("tenders_admin:duties")).status_code == 404


def test_our_deadlines_costs_at_most_three_queries(index, contract):
    for _ in range(3):
        awarded(index)
    panel = BureauDutiesPanel()
    panel.get_context_data()
    with CaptureQueriesContext(connection) as queries:
        panel.get_context_data()
    assert len(queries) <= 3


def test_hub_managers_see_no_deadlines_panel(client, contract, hub_manager):
    client.force_login(hub_manager)
    assert "dashboard-bureau-duties" not in admin_home(client)


def test_officers_are_reminded_once_before_the_deadline_and_once_when_late(contract, officer):
    Notification.objects.all().delete()
    TenderAward.objects.filter(pk=contract.award_id).update(
        decided_at=timezone.now() - timedelta(days=28)
    )
    now = timezone.now()
    assert send_reminders(now) == 1
    assert send_reminders(now) == 0
    late = now + timedelta(days=5)
    assert send_reminders(late) == 1
    assert send_reminders(late) == 0
    titles = list(
        Notification.objects.filter(user=officer).order_by("pk").values_list("title_en", flat=True)
    )
    assert titles[0].startswith("Due soon: Sign the contract")
    assert titles[1].startswith("Late: Sign the contract")


def test_the_contract_page_keeps_its_query_count_with_more_amendments(client, signed, officer):
    from tenders.services.contracts import contract_amend

    def amend():
        contract_amend(contract=signed, reason="增加。", value_change=Decimal("100.00"), by=officer)

    amend()
    url = reverse("tender_contracts:inspect", args=[signed.pk])
    client.force_login(officer)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        amend()
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count("增加。") == 5
    assert len(few) == len(many)
