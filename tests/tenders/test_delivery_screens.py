"""The contract delivery screens: Set KPIs (prefilled, errors keep what was typed), the
report list in constant queries, Accept and Return, the provider's report page."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.incubation.reminders import send_reminders
from incubator.models import Notification
from tenders.models import Contract, ContractReport
from tests.factories import awarded, bureau_officer
from tests.factories.delivery import PDF, file_report, with_kpis

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(index):
    tender, _bids = awarded(index)
    page = tender.tender.source_page
    page.category = "elderly_day_care"
    page.save()
    return Contract.objects.get(tender=tender.tender)


@pytest.fixture
def officer(db):
    return bureau_officer()


def _kpi_post(rows, reporting="monthly", initial=0):
    data = {
        "reporting": reporting,
        "kpi-TOTAL_FORMS": str(len(rows)),
        "kpi-INITIAL_FORMS": str(initial),
        "kpi-MIN_NUM_FORMS": "0",
        "kpi-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"kpi-{n}-{key}": value for key, value in row.items()})
    return data


def _row(name, weight="10", target="100"):
    return {
        "name": name,
        "unit": "人",
        "target": target,
        "method": "按台账统计。",
        "frequency": "monthly",
        "weight": weight,
        "group": "outputs",
    }


def test_the_kpi_form_is_prefilled_from_the_categorys_template(client, contract, officer):
    client.force_login(officer)
    html = client.get(reverse("tender_contracts:kpis", args=[contract.pk])).content.decode()
    assert "日间照料服务时长" in html and "安全事故" in html


def test_a_bad_weight_is_refused_and_nothing_typed_is_lost(client, contract, officer):
    client.force_login(officer)
    url = reverse("tender_contracts:kpis", args=[contract.pk])
    rows = [_row("送餐人次", weight="0"), _row("活动场次"), _row("志愿者人数")]
    response = client.post(url, _kpi_post(rows), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "送餐人次" in html and "活动场次" in html and "志愿者人数" in html
    assert "greater than or equal to 1" in html
    assert not contract.kpis.exists()


def test_fewer_than_three_kpis_are_refused(client, contract, officer):
    client.force_login(officer)
    url = reverse("tender_contracts:kpis", args=[contract.pk])
    response = client.post(
        url, _kpi_post([_row("送餐人次"), _row("活动场次")]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "A contract needs at least 3 KPIs." in response.content.decode()
    assert not contract.reports.exists()


def test_setting_kpis_schedules_the_reports(client, contract, officer):
    client.force_login(officer)
    url = reverse("tender_contracts:kpis", args=[contract.pk])
    rows = [_row("送餐人次"), _row("活动场次"), _row("志愿者人数")]
    response = client.post(url, _kpi_post(rows, reporting="quarterly"))
    assert response.status_code == 302
    assert contract.kpis.count() == 3 and contract.reports.count() == 4
    page = client.get(reverse("tender_contracts:inspect", args=[contract.pk])).content.decode()
    assert (
        "送餐人次" in page
        and reverse("contract_reports:inspect", args=[contract.reports.first().pk]) in page
    )


def _list_queries(client, django_assert_max_num_queries, officer):
    client.force_login(officer)
    url = reverse("contract_reports:index")
    client.get(url)  # warm per-user caches
    with django_assert_max_num_queries(30) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_report_list_costs_the_same_with_more_rows(
    client, index, officer, django_assert_max_num_queries
):
    first, _bids = awarded(index)
    with_kpis(Contract.objects.get(tender=first.tender), officer, reporting="quarterly")
    few = _list_queries(client, django_assert_max_num_queries, officer)
    for _n in range(2):
        tender, _bids = awarded(index)
        with_kpis(Contract.objects.get(tender=tender.tender), officer)
    assert _list_queries(client, django_assert_max_num_queries, officer) == few


def test_overdue_reports_come_first_and_filter(client, contract, officer):
    with_kpis(contract, officer)
    late = contract.reports.get(number=2)
    late.due_on = timezone.localdate() - timezone.timedelta(days=1)
    late.period_ends_on = late.due_on - timezone.timedelta(days=14)
    late.period_starts_on = late.period_ends_on - timezone.timedelta(days=20)
    late.save()
    client.force_login(officer)
    html = client.get(reverse("contract_reports:index")).content.decode()
    first_link = html.index(reverse("contract_reports:inspect", args=[late.pk]))
    other = reverse("contract_reports:inspect", args=[contract.reports.get(number=1).pk])
    assert first_link < html.index(other)
    only = client.get(
        reverse("contract_reports:index"), {"overdue": "true"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert other not in only and "Overdue contract reports" in only


def test_accept_and_return_from_the_reports_page(client, contract, officer, org_admin_of_contract):
    with_kpis(contract, officer)
    report = file_report(contract.reports.get(number=1), org_admin_of_contract)
    client.force_login(officer)
    page = client.get(reverse("contract_reports:inspect", args=[report.pk])).content.decode()
    assert reverse("contract_reports:accept", args=[report.pk]) in page
    refused = client.post(reverse("contract_reports:return", args=[report.pk]), {"reason": ""})
    assert refused.status_code == 200
    response = client.post(reverse("contract_reports:accept", args=[report.pk]), {})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ContractReport.Status.ACCEPTED and report.grade == "excellent"
    page = client.get(
        reverse("contract_reports:inspect", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Period score 100.00 out of 100: Excellent" in page


def test_the_provider_files_a_report_and_keeps_what_was_typed(
    client, contract, officer, org_admin_of_contract
):
    with_kpis(contract, officer)
    report = contract.reports.get(number=1)
    report.period_starts_on = timezone.localdate() - timezone.timedelta(days=30)
    report.period_ends_on = timezone.localdate()
    report.save()
    client.force_login(org_admin_of_contract)
    url = reverse("tenders_portal:report", args=[report.pk])
    kpis = list(contract.kpis.all())
    data = {"narrative": "本月开展活动十二场。", f"kpi_{kpis[0].pk}": "1100"}
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "本月开展活动十二场。" in html and 'value="1100"' in html
    report.refresh_from_db()
    assert report.status == ContractReport.Status.DRAFT
    data.update({f"kpi_{kpi.pk}": "1" for kpi in kpis[1:]})
    data["files"] = [SimpleUploadedFile("签到表.pdf", PDF)]
    assert client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.status == ContractReport.Status.SUBMITTED
    contract_page = client.get(reverse("tenders_portal:contract", args=[contract.pk]))
    assert url in contract_page.content.decode()


def test_the_contract_page_costs_the_same_with_more_reports(
    client, contract, officer, org_admin_of_contract, django_assert_max_num_queries
):
    client.force_login(org_admin_of_contract)
    url = reverse("tenders_portal:contract", args=[contract.pk])
    with_kpis(contract, officer, reporting="quarterly")
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    with_kpis(contract, officer, reporting="monthly")
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_reminders_go_once_before_the_due_date(contract, officer, org_admin_of_contract):
    with_kpis(contract, officer)
    report = contract.reports.get(number=1)
    due = timezone.make_aware(
        timezone.datetime.combine(report.due_on, timezone.datetime.min.time())
    )
    send_reminders(due)
    send_reminders(due)
    assert (
        Notification.objects.filter(
            user=org_admin_of_contract, kind="tenders/email/reminder_report_due"
        ).count()
        == 1
    )
