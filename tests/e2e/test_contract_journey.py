"""The contract loop in the browser, from the award to a graded period and a paid tranche: a
bureau officer records the signature, sets the KPIs (proposed by the day-care template) and a
tranche released by the first report; the provider files that report in the portal; the officer
accepts it, which grades the period and releases the tranche, and records the payment; the
provider's contract page shows the grade and what was paid."""

import re
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from tenders.models import Contract, ContractReport, KpiTemplate
from tests.e2e.test_incubation_journey import _admin_login
from tests.factories import awarded, bureau_officer, letterhead_settings, member_of, tender_index
from tests.factories.delivery import KPIS
from tests.factories.pages import build_public_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
DAY_CARE = "elderly_day_care"


def _day_care_template() -> None:
    # The template is seeded by a migration, which a transactional test's flush removes.
    if KpiTemplate.objects.filter(category=DAY_CARE).exists():
        return
    for position, (name, unit, target, weight, group, lower) in enumerate(KPIS):
        KpiTemplate.objects.create(
            category=DAY_CARE,
            name=name,
            unit=unit,
            default_target=Decimal(target),
            method="按台账统计。",
            frequency="monthly",
            weight=weight,
            group=group,
            lower_is_better=lower,
            position=position,
        )


def _submit(page) -> None:
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _contract_in_delivery():
    """A final award whose contract started three months ago, so its first report is due."""
    site = build_public_site()
    letterhead_settings()
    _day_care_template()
    tender, _bids = awarded(tender_index(site.home_zh), prices=("200000.00", "250000.00"))
    tender.category = DAY_CARE
    tender.save()
    contract = Contract.objects.get(tender=tender.tender)
    starts_on = timezone.localdate() - timedelta(days=95)
    Contract.objects.filter(pk=contract.pk).update(
        starts_on=starts_on, ends_on=starts_on + timedelta(days=364)
    )
    return tender, contract


def test_award_to_graded_period_and_paid_tranche(live_server, browser, screenshot):
    tender, contract = _contract_in_delivery()
    bureau_officer(username="bureau")
    member_of(contract.organisation, "admin", username="orgadmin")
    today = timezone.localdate()

    # The officer records the signature, then sets the KPIs the template proposes.
    officer = browser.new_context(locale="en-GB").new_page()
    _admin_login(officer, live_server.url, "bureau")
    officer.goto(live_server.url + f"/admin/tender_contracts/sign/{contract.pk}/")
    officer.locator("#id_signed_on").fill(f"{today:%Y-%m-%d}")
    _submit(officer)
    officer.goto(live_server.url + f"/admin/tender_contracts/kpis/{contract.pk}/")
    first = KpiTemplate.objects.filter(category=DAY_CARE).order_by("position", "pk").first()
    assert officer.locator("#id_kpi-0-name").input_value() == first.name
    officer.locator("input[name=reporting][value=monthly]").check()
    _submit(officer)
    screenshot(officer, "contract-0-kpis-set")
    contract.refresh_from_db()
    kpis = list(contract.kpis.all())
    assert len(kpis) == KpiTemplate.objects.filter(category=DAY_CARE).count() >= 4
    assert contract.reports.count() == 12

    # Half the value is paid once the first report is accepted, within ten days.
    officer.goto(live_server.url + f"/admin/tender_contracts/tranches/{contract.pk}/")
    officer.locator("#id_tranche-0-amount").fill("100000")
    officer.locator("#id_tranche-0-release").select_option("report:1")
    officer.locator("#id_tranche-0-pay_within_days").fill("10")
    _submit(officer)
    tranche = contract.tranches.get()
    assert tranche.amount == Decimal("100000.00") and tranche.report.number == 1
    screenshot(officer, "contract-1-terms")

    # The provider files the first report: a figure per KPI, a narrative, the ledger.
    portal = browser.new_context(locale="zh-CN").new_page()
    portal.goto(live_server.url + "/zh-hans/accounts/login/")
    portal.locator("#id_username").fill("orgadmin")
    portal.locator("#id_password").fill("correct-horse-battery")
    portal.locator("main form button[type=submit]").click()
    portal.wait_for_url(re.compile(r".*/zh-hans/portal/$"))
    portal.goto(live_server.url + f"/zh-hans/portal/tenders/contracts/{contract.pk}/")
    report = contract.reports.get(number=1)
    portal.locator(f"a[href$='/portal/tenders/contracts/reports/{report.pk}/']").first.click()
    portal.wait_for_load_state()
    for kpi in kpis:  # every target met (an incident count of zero)
        portal.locator(f"#id_kpi_{kpi.pk}").fill(f"{kpi.target:f}")
    portal.locator("#id_narrative").fill("本月按计划开展日间照料服务，助餐和康复活动如期进行。")
    portal.locator("#id_files").set_input_files(
        [{"name": "服务台账.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    portal.locator("main form button[type=submit]").click()
    portal.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == ContractReport.Status.SUBMITTED
    screenshot(portal, "contract-2-report-filed")

    # The officer accepts it: the period is graded and the tranche released.
    officer.goto(live_server.url + f"/admin/contract_reports/accept/{report.pk}/")
    _submit(officer)
    report.refresh_from_db()
    assert report.status == ContractReport.Status.ACCEPTED
    assert report.score >= 90 and report.grade == "excellent"
    tranche.refresh_from_db()
    assert tranche.released_on == today and tranche.due_on == today + timedelta(days=10)

    # The officer records the payment.
    officer.goto(live_server.url + f"/admin/tender_contracts/pay/{tranche.pk}/")
    officer.locator("#id_paid_on").fill(f"{today:%Y-%m-%d}")
    officer.locator("#id_reference").fill("太民财付〔2026〕18号")
    _submit(officer)
    contract.refresh_from_db()
    assert contract.paid_total == Decimal("100000.00")
    officer.goto(live_server.url + f"/admin/tender_contracts/inspect/{contract.pk}/")
    screenshot(officer, "contract-3-inspect")

    # The provider sees the grade and the payment on its contract page.
    portal.goto(live_server.url + f"/zh-hans/portal/tenders/contracts/{contract.pk}/")
    text = portal.locator("main").inner_text()
    assert "优" in text and "¥100,000.00" in text and "太民财付〔2026〕18号" in text
    screenshot(portal, "contract-4-portal")
