"""The bureau's duty to pay a released tranche within its days (timed from the day of
acceptance in China Standard Time, shown, reminded); the contract's page lists the tranches
and records the schedule and payments; the provider's portal shows what is paid, what waits
and why; the pages keep their query counts as tranches grow."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.incubation.reminders import send_reminders
from incubator.models import Notification
from tenders.duties import contract_duties, open_duties
from tenders.services.payments import contract_tranche_pay, contract_tranches_set
from tests.factories.delivery import with_kpis
from tests.factories.payments import acceptance, accepted_report, tranche_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(signed, officer):
    """¥50,000.00 on report 1 (paid within 10 days), ¥50,000.00 on report 2."""
    contract = with_kpis(signed, officer)
    rows = tranche_rows(("50000.00", "report", 1), ("50000.00", "report", 2))
    rows[0]["pay_within_days"] = 10
    contract_tranches_set(contract=contract, tranches=rows, by=officer)
    return contract


def _pay_duties(contract, today=None):
    return [duty for duty in contract_duties(contract, today) if duty.kind == "pay"]


def test_paying_is_due_the_tranches_days_after_its_report_is_accepted(scheduled, officer, provider):
    assert _pay_duties(scheduled) == []
    accepted_report(scheduled, 1, provider=provider, officer=officer)
    (duty,) = _pay_duties(scheduled)
    today = timezone.localdate()
    assert duty.due_on == today + timedelta(days=10) and duty.state == "open"
    assert duty.label == "Pay tranche 1"
    assert duty.admin_url == reverse("tender_contracts:inspect", args=[scheduled.pk])
    late = _pay_duties(scheduled, today + timedelta(days=13))[0]
    assert late.state == "overdue" and late.days_late == 3
    assert [d.kind for d in open_duties() if d.record.__class__.__name__ == "ContractTranche"] == [
        "pay"
    ]
    contract_tranche_pay(tranche=duty.record, paid_on=today, reference="付-1", by=officer)
    (paid,) = _pay_duties(scheduled)
    assert paid.state == "met" and paid.done_on == today
    assert not [d for d in open_duties() if d.kind == "pay"]


def test_an_acceptance_releases_on_its_sign_off_day_in_china_standard_time(signed, officer):
    # 20:00 UTC on 1 March is 04:00 on 2 March in Beijing.
    signed_off_at = datetime(2026, 3, 1, 20, 0, tzinfo=ZoneInfo("UTC"))
    release = acceptance(signed, 1, signed_off_at=signed_off_at)
    contract_tranches_set(
        contract=signed, tranches=tranche_rows(("1000.00", "acceptance", 1)), by=officer
    )
    tranche = signed.tranches.get()
    assert tranche.acceptance == release
    assert tranche.released_on == datetime(2026, 3, 2).date()
    assert tranche.due_on == datetime(2026, 3, 17).date()


def test_a_failed_acceptance_sets_no_duty(signed, officer):
    draft = acceptance(signed, 1, signed_off_at=None)
    contract_tranches_set(
        contract=signed, tranches=tranche_rows(("1000.00", "acceptance", 1)), by=officer
    )
    draft.conclusion, draft.signed_off_at = "failed", timezone.now()
    draft.save()
    assert _pay_duties(signed) == [] and not [d for d in open_duties() if d.kind == "pay"]


def test_officers_are_reminded_to_pay_before_the_deadline_and_when_late(
    scheduled, officer, provider
):
    accepted_report(scheduled, 1, provider=provider, officer=officer)
    Notification.objects.all().delete()
    now = timezone.now()
    pay = Notification.objects.filter(
        user=officer, kind="tenders/email/duty_due", title_en__contains="tranche 1"
    )
    # Other duties of the fresh contract (publishing it, its reports) may remind on some
    # weekdays; only the payment's reminders are counted here.
    send_reminders(now)
    assert not pay.exists()  # ten days left
    soon = now + timedelta(days=8)
    send_reminders(soon)
    assert pay.count() == 1
    send_reminders(soon)
    assert pay.count() == 1
    send_reminders(now + timedelta(days=12))
    assert pay.count() == 2
    contract_tranche_pay(
        tranche=scheduled.tranches.get(number=1),
        paid_on=timezone.localdate(),
        reference="付-1",
        by=officer,
    )
    assert not pay.filter(done_at__isnull=True).exists()


def test_the_contract_page_lists_the_tranches_and_an_officer_records_a_payment(
    client, scheduled, officer, provider
):
    accepted_report(scheduled, 1, provider=provider, officer=officer)
    client.force_login(officer)
    url = reverse("tender_contracts:inspect", args=[scheduled.pk])
    html = client.get(url).content.decode()
    assert 'id="payments"' in html and "¥50,000.00" in html
    tranche = scheduled.tranches.get(number=1)
    pay_url = reverse("tender_contracts:pay", args=[tranche.pk])
    assert pay_url in html and reverse("tender_contracts:tranches", args=[scheduled.pk]) in html
    assert "tranche--payable" in html and "tranche--waiting" in html
    response = client.post(pay_url, {"paid_on": timezone.localdate(), "reference": "付-7"})
    assert response.status_code == 302
    tranche.refresh_from_db()
    assert tranche.paid_reference == "付-7"
    html = client.get(url).content.decode()
    assert "付-7" in html and pay_url not in html


def test_a_hub_manager_sees_the_tranches_but_no_action(client, scheduled, hub_manager):
    client.force_login(hub_manager)
    html = client.get(reverse("tender_contracts:inspect", args=[scheduled.pk])).content.decode()
    assert "¥50,000.00" in html
    assert reverse("tender_contracts:tranches", args=[scheduled.pk]) not in html


def test_the_schedule_form_sets_tranches_and_shows_a_refusal_keeping_what_was_typed(
    client, scheduled, officer
):
    client.force_login(officer)
    url = reverse("tender_contracts:tranches", args=[scheduled.pk])
    assert "report:1" in client.get(url).content.decode()
    data = {
        "tranche-TOTAL_FORMS": "2",
        "tranche-INITIAL_FORMS": "0",
        "tranche-0-amount": "150000.00",
        "tranche-0-release": "report:3",
        "tranche-0-pay_within_days": "15",
        "tranche-1-amount": "60000.00",
        "tranche-1-release": "report:4",
        "tranche-1-pay_within_days": "15",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "¥210,000.00" in html and "¥200,000.00" in html  # the refusal, amounts in it
    assert 'value="150000.00"' in html
    data["tranche-1-amount"] = "50000.00"
    assert client.post(url, data).status_code == 302
    assert list(scheduled.tranches.values_list("amount", "report__number")) == [
        (Decimal("150000.00"), 3),
        (Decimal("50000.00"), 4),
    ]


def test_the_contract_pages_keep_their_query_counts_as_tranches_grow(
    client, scheduled, officer, provider
):
    accepted_report(scheduled, 1, provider=provider, officer=officer)
    admin_url = reverse("tender_contracts:inspect", args=[scheduled.pk])
    portal_url = reverse("tenders_portal:contract", args=[scheduled.pk])

    def counts():
        result = []
        for user, url in ((officer, admin_url), (provider, portal_url)):
            client.force_login(user)
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    few = counts()
    rows = [{"amount": "1000.00", "report": number} for number in range(1, 10)]
    contract_tranches_set(contract=scheduled, tranches=rows, by=officer)
    assert counts() == few


def test_the_portal_shows_what_is_paid_what_waits_and_why(client, scheduled, officer, provider):
    accepted_report(scheduled, 1, provider=provider, officer=officer)
    contract_tranche_pay(
        tranche=scheduled.tranches.get(number=1),
        paid_on=timezone.localdate(),
        reference="付-1",
        by=officer,
    )
    client.force_login(provider)
    html = client.get(reverse("tenders_portal:contract", args=[scheduled.pk])).content.decode()
    assert "¥50,000.00" in html and "¥200,000.00" in html and "付-1" in html
    assert "status-paid" in html and "status-waiting" in html
