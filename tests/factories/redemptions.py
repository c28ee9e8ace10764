"""Care-voucher redemption test data: a provider's day-care centre taking vouchers (open on
weekdays, with a voucher price list), its staff, and a holder with a month's credit."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from subsidies.services.redemptions import redemption_record
from subsidies.services.vouchers import credit_run
from tenders.models import Contract
from tests.factories.organisations import bureau_officer, member_of
from tests.factories.sites import price, service_site, weekday_hours
from tests.factories.tenders import awarded
from tests.factories.vouchers import PIN, enrolled

SHANGHAI = ZoneInfo("Asia/Shanghai")
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def provider_contract(index=None) -> Contract:
    """A contract from a final award; its provider is the first bidder's organisation."""
    tender, _bids = awarded(index, prices=("200000.00", "250000.00"))
    return Contract.objects.select_related("organisation").get(tender=tender.tender)


def voucher_site(contract: Contract, *, name: str = "城厢镇日间照料中心", **fields):
    """A day-care centre of ``contract`` taking vouchers, open weekdays, with a full day (¥20
    by voucher), lunch (¥8), home care per hour (¥30 an hour), rehabilitation (¥25, a type the
    test scheme does not pay for) and a health check without a voucher price."""
    site = service_site(contract, name=name, accepts_vouchers=True, **fields)
    weekday_hours(site)
    price(site, "日间照料（全天）", "30.00", "20.00")
    price(site, "午餐", "12.00", "8.00", service_type="meals", unit="meal", duration_minutes=30)
    price(
        site,
        "上门照护",
        "45.00",
        "30.00",
        service_type="home_care",
        unit="hour",
        duration_minutes=60,
    )
    price(
        site,
        "康复理疗",
        "35.00",
        "25.00",
        service_type="rehabilitation",
        unit="visit",
        duration_minutes=45,
    )
    price(
        site,
        "健康监测",
        "5.00",
        None,
        service_type="health_check",
        unit="visit",
        duration_minutes=15,
    )
    return site


def service_of(site, name: str):
    return site.services.get(name=name)


def provider_staff(contract: Contract, role: str = "member", **fields):
    """A (new) member of the contract's provider organisation."""
    return member_of(contract.organisation, role, **fields)


def credited_holder(scheme, *, months=(date(2026, 11, 1),), **fields):
    """An enrolled holder with the scheme's credit for ``months`` (¥80 each)."""
    holder = enrolled(**fields)
    officer = bureau_officer()
    for month in months:
        credit_run(scheme=scheme, month=month, by=officer, now=max(month, timezone.localdate()))
    holder.refresh_from_db()
    return holder


def cst(*args) -> datetime:
    """A moment on the Shanghai clock."""
    return datetime(*args, tzinfo=SHANGHAI)


def hours_ago(hours: float) -> datetime:
    return timezone.now() - timedelta(hours=hours)


def receipt_photo(name: str = "receipt.jpg", content: bytes = JPEG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def redeemed(
    *, by, site, service, holder, served_at=None, duration_minutes=None, pin=PIN, now=None
):
    """A redemption recorded through the service with the card and PIN (at ``now``)."""
    return redemption_record(
        by=by,
        site=site,
        service=service,
        resident_card=holder.card_number,
        pin=pin,
        served_at=served_at or hours_ago(3),
        duration_minutes=duration_minutes or service.duration_minutes,
        now=now,
    )
