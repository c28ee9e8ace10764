"""Care-voucher services: enrolling a resident (the identity number checked, encrypted and
audited), recording a death or a move, the PIN, revealing the full identity number (audited),
the monthly credit run (idempotent and resumable) and the two primitives every movement of
money goes through: ``ledger_debit`` (a conditional update that never takes a balance below
zero) and ``_credit`` (inside the credit run). An entry and the balance change commit together."""

import hmac
import re
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Case, DecimalField, F, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.money import to_amount
from incubator.kernel.personal_data import decrypt_personal, encrypt_personal, personal_digest
from incubator.kernel.ratelimit import attempt_failed, attempts_blocked
from incubator.kernel.services.dates import add_months
from incubator.kernel.validators import (
    citizen_id_birth_date,
    mask_citizen_id,
    normalise_citizen_id,
    validate_citizen_id,
)
from subsidies.models import (
    Community,
    CreditRun,
    EntryKind,
    FirstMonth,
    LedgerEntry,
    Resident,
    ResidentStatus,
    VoucherScheme,
)
from subsidies.services.anomalies import anomalies_check_resident
from subsidies.voucher_selectors import (
    communities_user_may_enrol_in,
    residents_visible_to,
    user_may_reveal_citizen_id,
    user_may_run_credits,
)

NOT_ALLOWED = _("You may not do this for residents of this community.")
NOT_ALLOWED_RUN = _("Only bureau officers start a credit run.")
ALREADY_ENROLLED = _(
    "A resident with this identity number is already enrolled (card ending %(card)s)."
)
PIN_SHAPE = _("The PIN is 6 digits.")
PIN_TOO_SIMPLE = _("Choose a PIN that is not one digit repeated or a run such as 123456.")
PURPOSE_NOT_EXPLAINED = _(
    "Tell the resident (or guardian) that the identity number is collected only to pay care "
    "vouchers, and tick the box once they agree."
)
REASON_REQUIRED = _("Say why you need to see the full identity number.")
STATUS_DATE_FUTURE = _("The date cannot be in the future.")
STATUS_NOT_ACTIVE = _("This voucher holder is already recorded as %(status)s.")
BALANCE_TOO_SMALL = _("The balance of ¥%(balance)s is less than ¥%(amount)s.")
AMOUNT_POSITIVE = _("The amount must be more than zero.")
MONTH_OUTSIDE_SCHEME = _("%(month)s lies outside the months %(scheme)s credits.")
MONTH_IN_FUTURE = _("A month is credited from its first day, not before.")

PIN_LENGTH = 6


def _pin_digest(card_number: str, pin: str) -> str:
    return personal_digest(f"voucher-pin:{card_number}:{pin}")


def check_pin(pin: str) -> str:
    """The PIN if it is acceptable; ``ServiceError`` otherwise."""
    pin = (pin or "").strip()
    if not re.fullmatch(rf"\d{{{PIN_LENGTH}}}", pin):
        raise ServiceError(PIN_SHAPE, code="pin_shape")
    digits = [int(char) for char in pin]
    steps = {b - a for a, b in zip(digits, digits[1:], strict=False)}
    if len(set(digits)) == 1 or steps in ({1}, {-1}):
        raise ServiceError(PIN_TOO_SIMPLE, code="pin_simple")
    return pin


def _month(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def resident_enrol(
    *,
    by,
    community: Community,
    family_name: str,
    given_name: str,
    citizen_id: str,
    pin: str,
    purpose_explained: bool,
    address: str = "",
    phone: str = "",
    guardian_name: str = "",
    guardian_relation: str = "",
    guardian_phone: str = "",
    enrolled_on: date | None = None,
) -> Resident:
    """Enrol a resident of ``community`` (the identity number validated with its check
    character, the birth date taken from it, the number stored encrypted and masked) with a new
    card and the PIN the resident chose. Refused for a community the user may not enrol in, for
    a number already enrolled, or when the purpose was not explained."""
    if not communities_user_may_enrol_in(by).filter(pk=community.pk).exists():
        raise ServiceError(NOT_ALLOWED, code="not_allowed")
    if not purpose_explained:
        raise ServiceError(PURPOSE_NOT_EXPLAINED, code="purpose")
    number = normalise_citizen_id(citizen_id)
    validate_citizen_id(number)
    pin = check_pin(pin)
    digest = personal_digest(number)
    existing = Resident.objects.filter(citizen_id_digest=digest).only("card_number").first()
    if existing is not None:
        raise ServiceError(
            ALREADY_ENROLLED % {"card": existing.card_number[-4:]}, code="already_enrolled"
        )
    resident = Resident(
        family_name=family_name.strip(),
        given_name=given_name.strip(),
        citizen_id_token=encrypt_personal(number),
        citizen_id_digest=digest,
        citizen_id_masked=mask_citizen_id(number),
        birth_date=citizen_id_birth_date(number),
        community=community,
        address=address.strip(),
        phone=phone.strip(),
        guardian_name=guardian_name.strip(),
        guardian_relation=guardian_relation.strip(),
        guardian_phone=guardian_phone.strip(),
        enrolled_on=enrolled_on or timezone.localdate(),
        enrolled_by=by,
        purpose_explained=True,
    )
    resident.pin_digest = _pin_digest(resident.card_number, pin)
    try:
        with transaction.atomic():
            resident.save()
    except IntegrityError as error:
        # Two enrolments of the same number at once: the unique digest lets one through.
        raise ServiceError(ALREADY_ENROLLED % {"card": "…"}, code="already_enrolled") from error
    audit_log(
        instance=resident,
        action="subsidies.resident.enrol",
        user=by,
        data={"community": str(community), "card": resident.card_number},
    )
    return resident


def _visible_or_refuse(resident: Resident, by) -> None:
    if not residents_visible_to(by).filter(pk=resident.pk).exists():
        raise ServiceError(NOT_ALLOWED, code="not_allowed")


def resident_reveal_citizen_id(*, resident: Resident, by, reason: str) -> str:
    """The holder's full identity number, for a user allowed to see it and a stated reason;
    the view is audited (who, when, why)."""
    if not user_may_reveal_citizen_id(by, resident):
        raise ServiceError(NOT_ALLOWED, code="not_allowed")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(REASON_REQUIRED, code="reason")
    audit_log(
        instance=resident, action="subsidies.resident.reveal_id", user=by, data={"reason": reason}
    )
    return decrypt_personal(resident.citizen_id_token)


@transaction.atomic
def resident_record_status(*, resident: Resident, status: str, on: date, by, reason: str = ""):
    """Record that the holder died or moved away on ``on``: no credit for the months that start
    after it, and any service paid after it is flagged."""
    _visible_or_refuse(resident, by)
    if status not in (ResidentStatus.DECEASED, ResidentStatus.MOVED_AWAY):
        raise ServiceError(NOT_ALLOWED, code="bad_status")
    if on > timezone.localdate():
        raise ServiceError(STATUS_DATE_FUTURE, code="future")
    locked = Resident.objects.select_for_update().get(pk=resident.pk)
    if locked.status != ResidentStatus.ACTIVE:
        raise ServiceError(
            STATUS_NOT_ACTIVE % {"status": locked.get_status_display()}, code="not_active"
        )
    locked.status, locked.status_on = status, on
    locked.save(update_fields=["status", "status_on"])
    audit_log(
        instance=locked,
        action="subsidies.resident.status",
        user=by,
        reason=reason,
        data={"status": locked.get_status_display(), "since": date_format(on, "DATE_FORMAT")},
    )
    resident.status, resident.status_on = status, on
    anomalies_check_resident(locked)
    return locked


@transaction.atomic
def resident_reset_pin(*, resident: Resident, pin: str, by) -> None:
    """Set a new PIN the resident chose (the old one is forgotten)."""
    _visible_or_refuse(resident, by)
    pin = check_pin(pin)
    Resident.objects.filter(pk=resident.pk).update(
        pin_digest=_pin_digest(resident.card_number, pin)
    )
    audit_log(
        instance=resident,
        action="subsidies.resident.reset_pin",
        user=by,
        data={"card": resident.card_number},
    )


def resident_by_card(card_number: str, pin: str) -> Resident | None:
    """The holder of the card if the PIN is right, else ``None`` (the caller throttles)."""
    card_number = re.sub(r"\s", "", card_number or "")
    resident = Resident.objects.filter(card_number=card_number).first()
    expected = _pin_digest(card_number, (pin or "").strip())
    if resident is None or not hmac.compare_digest(resident.pin_digest, expected):
        return None
    return resident


def ledger_debit(*, resident_id: int, amount: Decimal, by, note: str = "") -> LedgerEntry:
    """Take ``amount`` from the account: one conditional update that succeeds only while the
    balance covers it (so concurrent debits can never take it below zero), then the entry.
    Runs inside the caller's transaction (the caller decides whether the account may pay, e.g.
    refuses a service dated after the holder's death); refused with the balance when too small."""
    amount = to_amount(amount)
    if amount <= 0:
        raise ServiceError(AMOUNT_POSITIVE, code="amount")
    taken = Resident.objects.filter(pk=resident_id, balance__gte=amount).update(
        balance=F("balance") - amount
    )
    if not taken:
        balance = Resident.objects.values_list("balance", flat=True).get(pk=resident_id)
        raise ServiceError(
            BALANCE_TOO_SMALL % {"balance": balance, "amount": amount}, code="balance"
        )
    return LedgerEntry.objects.create(
        resident_id=resident_id, kind=EntryKind.DEBIT, amount=-amount, note=note, created_by=by
    )


def _reference_day(scheme: VoucherScheme, month: date) -> date:
    """The day whose age decides a month's band: the month's last day when a resident is
    credited from the month of the birthday, its first day when from the month after."""
    if scheme.first_month == FirstMonth.BIRTHDAY_MONTH:
        return add_months(month, 1) - timedelta(days=1)
    return month


def _born_by(day: date, years: int) -> date:
    """The latest birth date of someone at least ``years`` old on ``day``."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _amount_case(scheme: VoucherScheme, month: date) -> tuple[Case, date] | tuple[None, None]:
    bands = sorted(scheme.bands.all(), key=lambda band: band.min_age, reverse=True)
    if not bands:
        return None, None
    day = _reference_day(scheme, month)
    whens = [
        When(birth_date__lte=_born_by(day, band.min_age), then=Value(band.monthly_amount))
        for band in bands
    ]
    field = DecimalField(max_digits=12, decimal_places=2)
    return Case(*whens, default=None, output_field=field), _born_by(day, bands[-1].min_age)


def _eligible(scheme: VoucherScheme, month: date):
    """Holders a month's credit is due to (before checking who already has it): enrolled by
    the month's end, living in the city at its start, and old enough on the reference day."""
    amount, oldest_cutoff = _amount_case(scheme, month)
    if amount is None:
        return Resident.objects.none(), None
    month_end = add_months(month, 1) - timedelta(days=1)
    residents = Resident.objects.filter(
        Q(status=ResidentStatus.ACTIVE) | Q(status_on__gte=month),
        enrolled_on__lte=month_end,
        birth_date__lte=oldest_cutoff,
    )
    return residents, amount


def credit_run(
    *, scheme: VoucherScheme, month: date, by, batch_size: int = 1000, now: date | None = None
) -> CreditRun:
    """A month's credit run started by a bureau officer (see ``scheduled_credit_run``)."""
    if not user_may_run_credits(by):
        raise ServiceError(NOT_ALLOWED_RUN, code="not_allowed")
    return _run(scheme=scheme, month=month, by=by, batch_size=batch_size, now=now)


def scheduled_credit_run(*, scheme: VoucherScheme, month: date) -> CreditRun:
    """The month's credit run as the scheduler starts it (``manage.py credit_vouchers``)."""
    return _run(scheme=scheme, month=month, by=None)


def _run(*, scheme, month, by, batch_size: int = 1000, now: date | None = None) -> CreditRun:
    """Credit every holder the scheme gives an amount for ``month``. Idempotent (a holder's
    credit for a month is unique, checked under the holders' row locks and enforced by the
    database) and resumable: each batch commits with the run's cursor, so a run stopped half
    way continues where it stopped, and running it again credits only holders enrolled since."""
    month = _month(month)
    today = now or timezone.localdate()
    if month > today:
        raise ServiceError(MONTH_IN_FUTURE, code="future_month")
    if month < _month(scheme.starts_on) or (scheme.ends_on and month > _month(scheme.ends_on)):
        raise ServiceError(
            MONTH_OUTSIDE_SCHEME
            % {"month": date_format(month, "YEAR_MONTH_FORMAT"), "scheme": scheme.name},
            code="outside_scheme",
        )
    run, _created = CreditRun.objects.get_or_create(
        scheme=scheme, month=month, defaults={"started_by": by}
    )
    if run.finished_at is not None:
        # Run again (new enrolments): from the first holder; the credited ones are skipped.
        CreditRun.objects.filter(pk=run.pk).update(last_resident_id=0, finished_at=None)
    expires_on = scheme.expires_on(month)
    residents, amount = _eligible(scheme, month)
    while amount is not None:
        if not _credit_batch(run, scheme, month, expires_on, residents, amount, by, batch_size):
            break
    CreditRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    run.refresh_from_db()
    audit_log(
        instance=run,
        action="subsidies.credit_run.run",
        user=by,
        data={
            "month": date_format(month, "YEAR_MONTH_FORMAT"),
            "count": run.residents_credited,
            "amount": run.amount_credited,
        },
    )
    return run


@transaction.atomic
def _credit_batch(run, scheme, month, expires_on, residents, amount, by, batch_size) -> bool:
    """One batch of the run, in its own transaction: lock the next holders after the cursor (in
    id order, so concurrent runs and debits never deadlock), credit those without this month's
    credit, move the cursor. False when no holder is left."""
    cursor = CreditRun.objects.select_for_update().get(pk=run.pk).last_resident_id
    batch = list(
        residents.filter(pk__gt=cursor)
        .order_by("pk")
        .select_for_update(of=("self",))
        .annotate(amount=amount)
        .values_list("pk", "amount")[:batch_size]
    )
    if not batch:
        return False
    ids = [pk for pk, _amount in batch]
    credited = set(
        LedgerEntry.objects.filter(
            resident_id__in=ids, kind=EntryKind.CREDIT, month=month
        ).values_list("resident_id", flat=True)
    )
    due = [(pk, value) for pk, value in batch if pk not in credited and value]
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                resident_id=pk,
                kind=EntryKind.CREDIT,
                amount=value,
                month=month,
                expires_on=expires_on,
                scheme=scheme,
                created_by=by,
            )
            for pk, value in due
        ]
    )
    by_amount: dict[Decimal, list[int]] = {}
    for pk, value in due:
        by_amount.setdefault(value, []).append(pk)
    for value, pks in by_amount.items():
        Resident.objects.filter(pk__in=pks).update(balance=F("balance") + value)
    CreditRun.objects.filter(pk=run.pk).update(
        last_resident_id=ids[-1],
        residents_credited=F("residents_credited") + len(due),
        amount_credited=F("amount_credited") + sum((value for _pk, value in due), Decimal("0")),
    )
    return True


CARD_OR_PIN_WRONG = _("The card number or the PIN is not right. Check both and try again.")
TOO_MANY_PINS = _("Too many wrong PINs for this card: try again in %(minutes)s minutes.")


def resident_open_by_card(*, card_number: str, pin: str) -> Resident:
    """The holder whose own page opens with this card and PIN (a resident or a family member,
    no account). Wrong PINs count against the card (``RATE_LIMITS["voucher_pin"]``, shared
    with the point of service), so guessing from many addresses gains nothing; an unknown
    card and a wrong PIN get the same answer."""
    card = re.sub(r"[\s-]", "", card_number or "")
    minutes = attempts_blocked("voucher_pin", card)
    if minutes:
        raise ServiceError(TOO_MANY_PINS % {"minutes": minutes}, code="throttled")
    resident = resident_by_card(card, pin)
    if resident is None:
        attempt_failed("voucher_pin", card)
        raise ServiceError(CARD_OR_PIN_WRONG, code="card_or_pin")
    return resident
