"""The care voucher's whole journey in the browser, in Chinese, at desktop width and at 375 px:
last month a community worker enrols a resident, the bureau credits the month, the day-care
centre's staff record a lunch against the card and PIN and the resident's daughter reads the
statement on her phone; this month the centre's admin claims last month, and the bureau draws
the sample, records the call to the resident, approves and pays, which issues the settlement
letter anyone can verify. On the portal and the residents' pages nothing scrolls sideways."""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

import pytest

from incubator.kernel.services.dates import add_months
from incubator.models import Letter
from subsidies.models import Claim, EntryKind, Redemption, Resident
from tests.e2e.test_incubation_journey import _admin_login
from tests.factories import bureau_officer
from tests.factories.claims import provider_admin
from tests.factories.letters import letterhead_settings
from tests.factories.pages import build_public_site
from tests.factories.redemptions import provider_contract, provider_staff, voucher_site
from tests.factories.vouchers import citizen_id, community, community_worker, voucher_scheme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHANGHAI = ZoneInfo("Asia/Shanghai")
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "correct-horse-battery"
PIN = "802604"


def _last_month_weekday_noon() -> datetime:
    """A Tuesday of last month at 11:30 China Standard Time, when the centre serves lunch."""
    first = add_months(timezone.localdate().replace(day=1), -1)
    day = first + timedelta(days=10)
    while day.weekday() != 1:
        day += timedelta(days=1)
    return datetime.combine(day, time(11, 30), tzinfo=SHANGHAI)


@pytest.fixture
def clock(monkeypatch):
    """The application's clock (``django.utils.timezone.now``, which the server thread reads
    too) set to a moment; ``clock(None)`` gives back the real one."""
    real = timezone.now

    def set_to(moment):
        if moment is None:
            monkeypatch.setattr(timezone, "now", real)
        else:
            offset = moment - real()
            monkeypatch.setattr(timezone, "now", lambda: real() + offset)

    return set_to


def _sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def _button(page, href: str) -> None:
    """Follow the claim page's button to its next step."""
    page.locator(f"main a.button[href$='{href}']").click()
    page.wait_for_load_state()


def _portal_login(page, base: str, username: str) -> None:
    page.goto(base + "/zh-hans/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/zh-hans/portal/$"))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_enrol_credit_redeem_read_claim_check_and_pay(
    live_server, browser, screenshot, clock, viewport
):
    width = viewport["width"]
    build_public_site(guidance_count=0)
    letterhead_settings()
    voucher_scheme()
    village = community()
    community_worker(village, username="worker")
    bureau_officer(username="bureau")
    contract = provider_contract()
    centre = voucher_site(contract, name="东林村日间照料中心")
    provider_staff(contract, username="centre_staff")
    provider_admin(contract, username="centre_admin")
    served = _last_month_weekday_noon()
    month = served.date().replace(day=1)
    clock(served.replace(hour=9, minute=0) - timedelta(days=7))

    def tab(locale="zh-CN", size=viewport):
        return browser.new_context(locale=locale, viewport=size).new_page()

    # Last month: the community worker enrols the resident (the back office, in Chinese).
    worker = tab(size=DESKTOP)
    _admin_login(worker, live_server.url, "worker")
    worker.goto(live_server.url + "/admin/voucher-holders/new/")
    worker.locator("#id_family_name").fill("顾")
    worker.locator("#id_given_name").fill("秀英")
    worker.locator("#id_citizen_id").fill(citizen_id(date(1940, 3, 15)))
    worker.locator("#id_community").select_option(str(village.pk))
    worker.locator("#id_address").fill("东林路8号")
    worker.locator("#id_guardian_name").fill("陆芳")
    worker.locator("#id_guardian_relation").fill("女儿")
    worker.locator("#id_pin").fill(PIN)
    worker.locator("#id_pin_again").fill(PIN)
    worker.locator("#id_purpose_explained").check()
    screenshot(worker, f"vouchers-{width}-0-enrol")
    worker.locator("main form button[type=submit]").first.click()
    worker.wait_for_url(re.compile(r".*/admin/voucher-holders/inspect/\d+/$"))
    resident = Resident.objects.get()
    assert resident.card_number in worker.content()
    assert "顾秀英 已登记" in worker.content()
    worker.context.close()

    # The bureau credits the month.
    officer = tab(size=DESKTOP)
    _admin_login(officer, live_server.url, "bureau")
    officer.goto(live_server.url + "/admin/credit-runs/")
    officer.locator("a[href$='/admin/credit-runs/run/']").first.click()
    officer.locator("#id_month").fill(month.isoformat())
    officer.locator("main form button[type=submit]").click()
    officer.wait_for_url(re.compile(r".*/admin/credit-runs/$"))
    assert "1" in officer.locator(".messages").inner_text()
    resident.refresh_from_db()
    assert resident.balance == 80
    officer.context.close()

    # Lunch at the centre, the card and the PIN typed at the counter.
    clock(served + timedelta(hours=1))
    staff = tab()
    _portal_login(staff, live_server.url, "centre_staff")
    staff.goto(live_server.url + "/zh-hans/portal/subsidies/vouchers/record/")
    lunch = centre.services.get(name="午餐")
    staff.locator("#id_service").select_option(str(lunch.pk))
    staff.locator("#id_served_on").fill(served.date().isoformat())
    staff.locator("#id_served_time").fill("11:30")
    staff.locator("#id_card_number").fill(resident.card_number)
    staff.locator("#id_pin").fill(PIN)
    assert not _sideways(staff)
    screenshot(staff, f"vouchers-{width}-1-record")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url(re.compile(r".*/portal/subsidies/vouchers/receipts/\d+/$"))
    redemption = Redemption.objects.get()
    assert redemption.amount == 8 and redemption.site == centre
    receipt = staff.content()
    assert "¥8.00" in receipt and "¥72.00" in receipt
    assert "顾*英" in receipt and "顾秀英" not in receipt
    assert not _sideways(staff)
    screenshot(staff, f"vouchers-{width}-2-receipt")
    staff.context.close()

    # The daughter reads the statement on her phone: balance, the credit and the lunch.
    family = tab()
    family.goto(live_server.url + "/zh-hans/vouchers/")
    family.locator("#id_card_number").fill(resident.card_number)
    family.locator("#id_pin").fill(PIN)
    family.locator("#id_month").select_option(month.isoformat())
    family.get_by_role("button", name="查看余额").click()
    family.wait_for_load_state()
    statement = family.locator(".voucher-statement").inner_text()
    assert "¥72.00" in statement and "午餐" in statement and "东林村日间照料中心" in statement
    assert "¥80.00" in statement and "-¥8.00" in statement.replace("−", "-")
    assert not _sideways(family)
    screenshot(family, f"vouchers-{width}-3-statement")
    family.context.close()

    # This month: the centre's admin claims last month.
    clock(None)
    admin = tab()
    _portal_login(admin, live_server.url, "centre_admin")
    admin.goto(live_server.url + "/zh-hans/portal/subsidies/vouchers/claims/")
    assert not _sideways(admin)
    screenshot(admin, f"vouchers-{width}-4-claims")
    admin.get_by_role("link", name="申请本月结算").first.click()
    admin.wait_for_load_state()
    assert "¥8.00" in admin.content() and "捌元整" in admin.content()
    assert not _sideways(admin)
    admin.locator("main form button[type=submit]").click()
    admin.wait_for_url(re.compile(r".*/portal/subsidies/vouchers/claims/\d+/$"))
    claim = Claim.objects.get()
    assert claim.total == 8 and claim.month == month
    assert not _sideways(admin)

    # The bureau draws the sample, records the call, approves and pays.
    officer = tab(size=DESKTOP)
    _admin_login(officer, live_server.url, "bureau")
    officer.goto(live_server.url + f"/admin/voucher-claims/inspect/{claim.pk}/")
    _button(officer, f"/admin/voucher-claims/sample/{claim.pk}/")
    officer.locator("main form button[type=submit]").click()
    officer.wait_for_url(re.compile(rf".*/admin/voucher-claims/inspect/{claim.pk}/$"))
    item = claim.sample.get()
    officer.locator(f"a[href$='/admin/voucher-claims/check/{item.pk}/']").click()
    officer.get_by_label("确认属实：老人接受了服务").check()
    officer.locator("#id_note").fill("电话回访顾秀英的女儿陆芳，确认当天在中心用午餐。")
    officer.locator("main form button[type=submit]").click()
    officer.wait_for_url(re.compile(rf".*/admin/voucher-claims/inspect/{claim.pk}/$"))
    _button(officer, f"/admin/voucher-claims/approve/{claim.pk}/")
    officer.locator("main form button[type=submit]").click()
    officer.wait_for_url(re.compile(rf".*/admin/voucher-claims/inspect/{claim.pk}/$"))
    _button(officer, f"/admin/voucher-claims/pay/{claim.pk}/")
    officer.locator("#id_paid_on").fill(timezone.localdate().isoformat())
    officer.locator("#id_payment_reference").fill("国库集中支付 2026-118")
    screenshot(officer, f"vouchers-{width}-5-pay")
    officer.locator("main form button[type=submit]").click()
    officer.wait_for_url(re.compile(rf".*/admin/voucher-claims/inspect/{claim.pk}/$"))
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PAID
    letter = Letter.objects.get(pk=claim.settlement_letter_id)
    assert letter.reference.startswith("太民养结")
    assert letter.render_status == Letter.RenderStatus.READY
    officer.context.close()

    # The centre sees its claim paid; anyone verifies the settlement letter.
    admin.reload()
    assert "已支付" in admin.content() and letter.reference in admin.content()
    screenshot(admin, f"vouchers-{width}-6-paid")
    admin.context.close()
    visitor = tab()
    visitor.goto(live_server.url + f"/zh-hans/letters/verify/{letter.verification_code}/")
    assert "真实有效" in visitor.content()
    assert not _sideways(visitor)
    visitor.context.close()
    assert resident.entries.filter(kind=EntryKind.DEBIT).count() == 1
