"""Redeeming a care voucher at a site: a service of the site's voucher price list, recorded by
the provider's staff against the card and its PIN (or a signed receipt's photo), debits the
holder's ledger once, copies what was served and issues a one-time feedback code for the
receipt; each refusal says why and changes nothing."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from wagtail.models import ModelLogEntry

import pytest

from incubator.kernel.errors import ServiceError
from subsidies.models import EntryKind, LedgerEntry, Redemption, ResidentStatus
from subsidies.services.redemptions import redemption_record
from subsidies.voucher_selectors import ledger_sum
from tenders.models import FeedbackCode, SiteService
from tests.factories.redemptions import (
    credited_holder,
    cst,
    provider_contract,
    receipt_photo,
    service_of,
    voucher_site,
)
from tests.factories.vouchers import PIN

pytestmark = pytest.mark.django_db
NOW = cst(2026, 12, 4, 18, 0)  # a Friday evening
MORNING = cst(2026, 12, 4, 8, 30)


def _record(staff, site, service, holder, **overrides):
    values = {
        "by": staff,
        "site": site,
        "service": service,
        "resident_card": holder.card_number,
        "pin": PIN,
        "served_at": MORNING,
        "duration_minutes": service.duration_minutes,
        "now": NOW,
    }
    values.update(overrides)
    return redemption_record(**values)


def _state():
    return (
        Redemption.objects.count(),
        LedgerEntry.objects.count(),
        FeedbackCode.objects.count(),
        ModelLogEntry.objects.filter(action="subsidies.redemption.record").count(),
        sorted(LedgerEntry.objects.values_list("resident_id", "amount")),
    )


def _refused(staff, site, service, holder, **overrides) -> ServiceError:
    before = _state()
    with pytest.raises(ServiceError) as refused, transaction.atomic():
        _record(staff, site, service, holder, **overrides)
    assert _state() == before
    return refused.value


def _balance(holder) -> Decimal:
    holder.refresh_from_db()
    assert holder.balance == ledger_sum(holder)
    return holder.balance


def test_a_redemption_debits_the_ledger_once_and_copies_what_was_served(centre, staff, holder):
    day = service_of(centre, "日间照料（全天）")
    redemption = _record(staff, centre, day, holder)
    assert _balance(holder) == Decimal("60.00")
    debit = redemption.debit
    assert (debit.kind, debit.amount, debit.resident_id) == (
        EntryKind.DEBIT,
        Decimal("-20.00"),
        holder.pk,
    )
    assert (redemption.service_type, redemption.service_name, redemption.unit) == (
        "day_care",
        "日间照料（全天）",
        "day",
    )
    assert (redemption.unit_price, redemption.quantity, redemption.amount) == (
        Decimal("20.00"),
        Decimal("1"),
        Decimal("20.00"),
    )
    assert redemption.ends_at == MORNING + timedelta(minutes=480)
    assert (redemption.method, redemption.recorded_by) == ("card_pin", staff)
    assert not redemption.receipt_photo
    code = redemption.feedback_code
    assert (code.site, code.used_at, code.batch) == (centre, None, 0)
    log = ModelLogEntry.objects.get(action="subsidies.redemption.record")
    assert log.user_id == staff.pk
    assert log.data["amount"] == "20.00"


def test_a_later_price_change_does_not_rewrite_the_redemption(centre, staff, holder):
    lunch = service_of(centre, "午餐")
    redemption = _record(staff, centre, lunch, holder)
    SiteService.objects.filter(pk=lunch.pk).update(voucher_price=Decimal("9.00"), name="午饭")
    redemption.refresh_from_db()
    assert (redemption.service_name, redemption.amount) == ("午餐", Decimal("8.00"))


def test_a_service_priced_per_hour_is_paid_for_its_hours(centre, staff, holder):
    home = service_of(centre, "上门照护")
    redemption = _record(staff, centre, home, holder, duration_minutes=90)
    assert (redemption.quantity, redemption.amount) == (Decimal("1.50"), Decimal("45.00"))
    assert _balance(holder) == Decimal("35.00")


def test_a_service_while_the_site_is_closed_is_recorded_for_the_anomalies_to_flag(
    centre, staff, holder
):
    sunday = cst(2026, 11, 29, 19, 0)
    redemption = _record(staff, centre, service_of(centre, "午餐"), holder, served_at=sunday)
    assert redemption.served_at == sunday


def test_only_the_provider_staff_record_services(centre, holder, scheme):
    other = provider_contract()
    outsider = other.organisation.memberships.get(role="admin").user
    lunch = service_of(centre, "午餐")
    for person in (outsider, None):
        error = _refused(person, centre, lunch, holder)
        assert error.code == "not_allowed"


def test_refused_where_the_site_takes_no_vouchers(centre, staff, holder):
    type(centre).objects.filter(pk=centre.pk).update(accepts_vouchers=False)
    error = _refused(staff, centre, service_of(centre, "午餐"), holder)
    assert error.code == "not_accepting"
    assert str(error) == "城厢镇日间照料中心 does not take care vouchers."


def test_refused_for_a_service_off_the_voucher_price_list(centre, staff, holder, contract):
    no_voucher = service_of(centre, "健康监测")
    assert _refused(staff, centre, no_voucher, holder).code == "not_on_price_list"
    lunch = service_of(centre, "午餐")
    SiteService.objects.filter(pk=lunch.pk).update(active=False)
    assert _refused(staff, centre, lunch, holder).code == "not_on_price_list"
    canteen = voucher_site(contract, name="东林食堂")
    elsewhere = service_of(canteen, "日间照料（全天）")
    assert _refused(staff, centre, elsewhere, holder).code == "not_on_price_list"


def test_refused_for_a_type_of_service_the_scheme_does_not_pay_for(centre, staff, holder):
    error = _refused(staff, centre, service_of(centre, "康复理疗"), holder)
    assert error.code == "not_eligible"
    assert str(error) == "The care-voucher scheme does not pay for Rehabilitation care."


def test_refused_when_no_scheme_is_in_force(centre, staff, holder, scheme):
    type(scheme).objects.filter(pk=scheme.pk).update(active=False)
    assert _refused(staff, centre, service_of(centre, "午餐"), holder).code == "no_scheme"


def test_a_wrong_pin_and_an_unknown_card_get_the_same_message(centre, staff, holder):
    lunch = service_of(centre, "午餐")
    wrong_pin = _refused(staff, centre, lunch, holder, pin="802604")
    holder.card_number = "000000000000"
    unknown = _refused(staff, centre, lunch, holder)
    assert wrong_pin.code == unknown.code == "card_or_pin"
    assert str(wrong_pin) == str(unknown)


def test_a_card_is_locked_after_five_wrong_pins(centre, staff, holder, contract):
    lunch = service_of(centre, "午餐")
    for _attempt in range(5):
        assert _refused(staff, centre, lunch, holder, pin="802604").code == "card_or_pin"
    locked = _refused(staff, centre, lunch, holder)  # even the right PIN, for a while
    assert locked.code == "throttled"
    assert "may try again in" in str(locked)
    # Another colleague cannot go on guessing the same card.
    colleague = contract.organisation.memberships.get(role="admin").user
    assert _refused(colleague, centre, lunch, holder).code == "throttled"


def test_a_user_is_locked_after_too_many_wrong_pins_on_any_cards(centre, staff, scheme, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "voucher_pin_user": (3, 900)}
    lunch = service_of(centre, "午餐")
    holders = [credited_holder(scheme, given_name=f"秀{n}") for n in range(4)]
    for holder in holders[:3]:
        assert _refused(staff, centre, lunch, holder, pin="802604").code == "card_or_pin"
    assert _refused(staff, centre, lunch, holders[3]).code == "throttled"


def test_refused_after_the_account_was_closed(centre, staff, holder):
    type(holder).objects.filter(pk=holder.pk).update(
        status=ResidentStatus.DECEASED, status_on=MORNING.date() - timedelta(days=1)
    )
    error = _refused(staff, centre, service_of(centre, "午餐"), holder)
    assert error.code == "account_closed"
    assert "closed on" in str(error)


def test_a_service_on_the_day_the_account_closed_is_still_paid(centre, staff, holder):
    type(holder).objects.filter(pk=holder.pk).update(
        status=ResidentStatus.MOVED_AWAY, status_on=MORNING.date()
    )
    assert _record(staff, centre, service_of(centre, "午餐"), holder).amount == Decimal("8.00")


def test_refused_in_the_future_and_long_after(centre, staff, holder, settings):
    lunch = service_of(centre, "午餐")
    future = _refused(staff, centre, lunch, holder, served_at=NOW + timedelta(minutes=5))
    assert future.code == "future"
    settings.VOUCHER_REDEMPTION_MAX_DAYS = 31
    old = _refused(staff, centre, lunch, holder, served_at=NOW - timedelta(days=31, minutes=1))
    assert old.code == "too_old"
    assert "31 days" in str(old)
    assert _record(staff, centre, lunch, holder, served_at=NOW - timedelta(days=30)).pk


@pytest.mark.parametrize("minutes", [0, -5, 24 * 60 + 1])
def test_refused_for_a_length_out_of_range(centre, staff, holder, minutes):
    lunch = service_of(centre, "午餐")
    assert _refused(staff, centre, lunch, holder, duration_minutes=minutes).code == "duration"


def test_refused_when_served_at_an_overlapping_time_anywhere(centre, staff, holder):
    day = service_of(centre, "日间照料（全天）")
    _record(staff, centre, day, holder)  # 08:30 to 16:30
    # Another provider's canteen, at lunch time.
    other = provider_contract()
    canteen = voucher_site(other, name="沙溪镇老年食堂")
    other_staff = other.organisation.memberships.get(role="admin").user
    lunch = service_of(canteen, "午餐")
    error = _refused(other_staff, canteen, lunch, holder, served_at=cst(2026, 12, 4, 11, 30))
    assert error.code == "overlap"
    assert "08:30 to 16:30" in str(error)
    assert "日间照料" not in str(error)  # what and where stay with the provider that served
    # Right after it ends is not an overlap.
    after = _record(other_staff, canteen, lunch, holder, served_at=cst(2026, 12, 4, 16, 30))
    assert after.amount == Decimal("8.00")


def test_refused_when_the_balance_is_too_small_naming_it(centre, staff, holder):
    home = service_of(centre, "上门照护")
    error = _refused(staff, centre, home, holder, duration_minutes=180)  # ¥90 of ¥80
    assert error.code == "balance"
    assert str(error) == "The balance of ¥80.00 is less than ¥90.00."
    assert _balance(holder) == Decimal("80.00")


def test_a_home_visit_with_a_signed_receipt_keeps_its_photo(centre, staff, holder):
    home = service_of(centre, "上门照护")
    redemption = _record(staff, centre, home, holder, pin=None, receipt_photo=receipt_photo())
    assert redemption.method == "signed_receipt"
    assert redemption.receipt_photo.name.startswith("voucher-receipts/")
    assert redemption.receipt_photo.name.endswith(".jpg")
    assert _balance(holder) == Decimal("50.00")


@pytest.mark.parametrize(
    ("photo", "code"),
    [
        (lambda: receipt_photo("receipt.jpg", b"not an image at all"), "receipt_file"),
        (lambda: receipt_photo("receipt.docx", b"PK\x03\x04"), "receipt_type"),
        (lambda: receipt_photo("receipt.jpg", b""), "receipt_file"),
    ],
)
def test_a_receipt_photo_is_checked_from_its_content(centre, staff, holder, photo, code):
    home = service_of(centre, "上门照护")
    error = _refused(staff, centre, home, holder, pin=None, receipt_photo=photo())
    assert error.code == code


def test_either_the_pin_or_the_receipt(centre, staff, holder):
    home = service_of(centre, "上门照护")
    neither = _refused(staff, centre, home, holder, pin="")
    both = _refused(staff, centre, home, holder, receipt_photo=receipt_photo())
    assert neither.code == both.code == "pin_or_receipt"


def test_a_receipt_for_an_unknown_card_is_refused(centre, staff, holder):
    home = service_of(centre, "上门照护")
    holder.card_number = "000000000000"
    error = _refused(staff, centre, home, holder, pin=None, receipt_photo=receipt_photo())
    assert error.code == "card_or_pin"


def test_the_ledger_sums_to_the_balance_after_several_services(centre, staff, holder):
    lunch, home = service_of(centre, "午餐"), service_of(centre, "上门照护")
    for day in (1, 2, 3):
        _record(staff, centre, lunch, holder, served_at=cst(2026, 12, day, 11, 30))
    _record(staff, centre, home, holder, served_at=cst(2026, 12, 3, 15, 0), duration_minutes=30)
    assert _balance(holder) == Decimal("80.00") - 3 * Decimal("8.00") - Decimal("15.00")
    assert holder.redemptions.count() == 4


def test_the_receipt_code_makes_one_verified_answer_about_the_site(centre, staff, holder):
    from tenders.services.feedback import feedback_submit

    redemption = _record(staff, centre, service_of(centre, "午餐"), holder)
    code = redemption.feedback_code
    answer = feedback_submit(
        site=centre, rating=5, device_token="phone", code=code.display, now=NOW
    )
    code.refresh_from_db()
    assert answer.verified and code.used_at is not None
    with pytest.raises(ServiceError) as again:
        feedback_submit(site=centre, rating=1, device_token="other", code=code.display, now=NOW)
    assert again.value.code == "bad_code"
