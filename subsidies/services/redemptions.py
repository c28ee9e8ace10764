"""Redeeming care vouchers at the point of service: the provider's staff record a service of a
site's voucher price list against a resident's card (card and PIN, or a signed receipt
photographed for a home visit). The debit of the ledger, the redemption and the receipt's
one-time feedback code commit together or not at all."""

import re
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.ratelimit import attempt_failed, attempts_blocked
from incubator.kernel.uploads import file_extension, validate_private_upload
from subsidies.models import Redemption, RedemptionMethod, Resident, ResidentStatus
from subsidies.models.redemptions import DURATION_MAX_MINUTES
from subsidies.services.anomalies import anomalies_check_redemption
from subsidies.services.expiry import expiry_restore
from subsidies.services.vouchers import ledger_debit, resident_by_card
from subsidies.voucher_selectors import scheme_in_force
from tenders.voucher_api import (
    ServiceSite,
    ServiceUnit,
    SiteService,
    receipt_feedback_code,
    sites_of_user_provider,
)

NOT_ALLOWED = _("Only the staff of the organisation that runs this site record its services.")
NOT_ACCEPTING = _("%(site)s does not take care vouchers.")
NOT_ON_PRICE_LIST = _(
    "This service is not on the site's price list with a voucher price: choose one of the list."
)
NO_SCHEME = _("No care-voucher scheme is in force: services cannot be paid with vouchers.")
NOT_ELIGIBLE = _("The care-voucher scheme does not pay for %(type)s.")
SERVED_AT_NAIVE = _("Give the date and time of the service.")
SERVED_IN_FUTURE = _("The service cannot be recorded before it takes place.")
SERVED_TOO_LONG_AGO = _(
    "Services are recorded within %(days)s days; this one is older. Ask the bureau."
)
BAD_DURATION = _("The length of the service is between 1 and %(max)s minutes.")
PIN_OR_RECEIPT = _(
    "Have the resident enter the PIN, or for a home visit attach the photo of the receipt "
    "they signed (not both)."
)
RECEIPT_TYPES = ("jpg", "jpeg", "png", "pdf")
RECEIPT_TYPE = _("The photo of the receipt is a JPEG, PNG or PDF file.")
CARD_OR_PIN = _("The card number or the PIN is not right. Check both and try again.")
CARD_UNKNOWN = _("No voucher card has this number. Check it and try again.")
THROTTLED = _(
    "Too many wrong PINs: this card or this account may try again in %(minutes)s minutes."
)
ACCOUNT_CLOSED = _(
    "This voucher account was closed on %(date)s (%(status)s): later services cannot be paid "
    "with it."
)
OVERLAP = _(
    "This resident was already served from %(start)s to %(end)s that day: two services at "
    "the same time cannot both be paid."
)

CENT = Decimal("0.01")


def _card(number: str) -> str:
    return re.sub(r"[\s-]", "", number or "")


def _refuse_throttled(card: str, by) -> None:
    minutes = attempts_blocked("voucher_pin", card) or attempts_blocked(
        "voucher_pin_user", str(by.pk)
    )
    if minutes:
        raise ServiceError(THROTTLED % {"minutes": minutes}, code="throttled")


def _failed(card: str, by) -> None:
    attempt_failed("voucher_pin", card)
    attempt_failed("voucher_pin_user", str(by.pk))


def _holder(card: str, pin: str | None, receipt_photo, by) -> tuple[Resident, str]:
    """The card's holder and how the service was confirmed; refusals throttled per card and
    per user, with one message for an unknown card and a wrong PIN."""
    if (pin is None or pin == "") == (receipt_photo is None):
        raise ServiceError(PIN_OR_RECEIPT, code="pin_or_receipt")
    _refuse_throttled(card, by)
    if receipt_photo is None:
        resident = resident_by_card(card, pin)
        if resident is None:
            _failed(card, by)
            raise ServiceError(CARD_OR_PIN, code="card_or_pin")
        return resident, RedemptionMethod.CARD_PIN
    if file_extension(receipt_photo.name) not in RECEIPT_TYPES:
        raise ServiceError(RECEIPT_TYPE, code="receipt_type")
    try:
        validate_private_upload(receipt_photo)
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages), code="receipt_file") from error
    resident = Resident.objects.filter(card_number=card).first()
    if resident is None:
        _failed(card, by)
        raise ServiceError(CARD_UNKNOWN, code="card_or_pin")
    return resident, RedemptionMethod.SIGNED_RECEIPT


def _check_time(served_at: datetime, duration_minutes: int, now: datetime) -> None:
    if not isinstance(served_at, datetime) or timezone.is_naive(served_at):
        raise ServiceError(SERVED_AT_NAIVE, code="served_at")
    if served_at > now:
        raise ServiceError(SERVED_IN_FUTURE, code="future")
    days = settings.VOUCHER_REDEMPTION_MAX_DAYS
    if served_at < now - timedelta(days=days):
        raise ServiceError(SERVED_TOO_LONG_AGO % {"days": days}, code="too_old")
    if (
        not isinstance(duration_minutes, int)
        or isinstance(duration_minutes, bool)
        or not 1 <= duration_minutes <= DURATION_MAX_MINUTES
    ):
        raise ServiceError(BAD_DURATION % {"max": DURATION_MAX_MINUTES}, code="duration")


def _price(service, duration_minutes: int) -> tuple[Decimal, Decimal]:
    """The quantity paid (one unit; the hours of a service priced per hour) and the amount."""
    quantity = Decimal(1)
    if service.unit == ServiceUnit.HOUR:
        quantity = (Decimal(duration_minutes) / 60).quantize(CENT, rounding=ROUND_HALF_UP)
    amount = (service.voucher_price * quantity).quantize(CENT, rounding=ROUND_HALF_UP)
    return quantity, amount


def _clock(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "H:i")


@transaction.atomic
def redemption_record(
    *,
    by,
    site,
    service,
    resident_card: str,
    pin: str | None = None,
    receipt_photo=None,
    served_at: datetime,
    duration_minutes: int,
    now: datetime | None = None,
) -> Redemption:
    """Record a service paid with a care voucher at ``site``. Before: ``by`` is a live member of
    the organisation whose contract runs the site; the site takes vouchers; the service is on
    its active price list with a voucher price and of a type the scheme in force pays for;
    ``served_at`` is not in the future nor older than ``VOUCHER_REDEMPTION_MAX_DAYS``; the card
    and its PIN are right (or, for a home visit, the photo of the signed receipt is attached);
    the account was open on that day; the resident was not served at an overlapping time at
    any site; the balance covers the amount (voucher price, times the hours for a service
    priced per hour). After: for a service recorded late, the credit it was paid with that
    has lapsed since restored (``expiry_restore``); one debit of the ledger, the redemption
    with what was served copied, a one-time feedback code of the site for the receipt, and
    the audit entry.

    A service at a time the site is closed (``open_at`` false) is not refused: a provider may
    serve outside its posted hours (a home visit in the evening). It is flagged for the
    bureau in the same transaction (``anomalies_check_redemption``, which never refuses).

    The resident's row is locked before the overlap check, so two services of one resident
    recorded at the same moment cannot both pass it."""
    if by is None or not sites_of_user_provider(by).filter(pk=site.pk).exists():
        raise ServiceError(NOT_ALLOWED, code="not_allowed")
    now = now or timezone.now()
    site = ServiceSite.objects.get(pk=site.pk)
    if not site.accepts_vouchers:
        raise ServiceError(NOT_ACCEPTING % {"site": site.name}, code="not_accepting")
    service = (
        SiteService.objects.payable_by_voucher()
        .filter(pk=getattr(service, "pk", service), site=site)
        .first()
    )
    if service is None:
        raise ServiceError(NOT_ON_PRICE_LIST, code="not_on_price_list")
    scheme = scheme_in_force()
    if scheme is None:
        raise ServiceError(NO_SCHEME, code="no_scheme")
    if service.service_type not in (scheme.eligible_service_types or []):
        raise ServiceError(
            NOT_ELIGIBLE % {"type": service.get_service_type_display()}, code="not_eligible"
        )
    _check_time(served_at, duration_minutes, now)
    card = _card(resident_card)
    resident, method = _holder(card, pin, receipt_photo, by)

    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    served_on = timezone.localtime(served_at).date()
    if resident.status != ResidentStatus.ACTIVE and served_on > resident.status_on:
        raise ServiceError(
            ACCOUNT_CLOSED
            % {
                "date": date_format(resident.status_on, "DATE_FORMAT"),
                "status": resident.get_status_display(),
            },
            code="account_closed",
        )
    ends_at = served_at + timedelta(minutes=duration_minutes)
    overlapping = (
        Redemption.objects.filter(resident=resident, served_at__lt=ends_at, ends_at__gt=served_at)
        .order_by("served_at")
        .first()
    )
    if overlapping is not None:
        raise ServiceError(
            OVERLAP % {"start": _clock(overlapping.served_at), "end": _clock(overlapping.ends_at)},
            code="overlap",
        )
    quantity, amount = _price(service, duration_minutes)
    expiry_restore(
        resident_id=resident.pk,
        served_on=served_on,
        amount=amount,
        today=timezone.localdate(now),
        note=f"{site.name} · {service.name} · {served_on.isoformat()}",
    )
    debit = ledger_debit(
        resident_id=resident.pk, amount=amount, by=by, note=f"{site.name} · {service.name}"
    )
    redemption = Redemption(
        resident=resident,
        site=site,
        service=service,
        service_type=service.service_type,
        service_name=service.name,
        unit=service.unit,
        unit_price=service.voucher_price,
        quantity=quantity,
        amount=amount,
        served_at=served_at,
        duration_minutes=duration_minutes,
        ends_at=ends_at,
        method=method,
        debit=debit,
        feedback_code=receipt_feedback_code(site=site),
        recorded_by=by,
    )
    if receipt_photo is not None:
        redemption.receipt_photo = receipt_photo
    redemption.save()
    audit_log(
        instance=redemption,
        action="subsidies.redemption.record",
        user=by,
        data={
            "service": service.name,
            "site": site.name,
            "amount": amount,
            "card": resident.card_number[-4:],
            "served_at": date_format(timezone.localtime(served_at), "DATETIME_FORMAT"),
            "method": redemption.get_method_display(),
        },
    )
    anomalies_check_redemption(redemption, now=now)
    return redemption
