"""The expiry run: credit that passed its ``expires_on`` unspent lapses. Spending uses the oldest
credit first (FIFO), so on day D a holder's expired total is what the credit valid only until
before D leaves after everything spent before D::

    target(D) = max(0, Σ credits with expires_on < D − Σ net spending dated before D)
    due       = min(balance, max(0, target(D) − Σ already expired))

Net spending is the debits less their reversals; a service is dated by the day it was served
(China Standard Time), any other entry by the day it was recorded. Spending on or after D paid
with credit still valid then, so it never rescues credit that lapsed before it. The run writes
one negative ``expiry`` entry per holder with something due and lowers the balance by as much,
in the same transaction, never below zero.

A service may be recorded up to ``VOUCHER_REDEMPTION_MAX_DAYS`` after it was served, so one
served on 30 December can reach the ledger on 3 January, after the year's credit lapsed. It was
paid with that credit (spending before D uses the credit valid then), so recording it restores
first what the rule, counting it, no longer lets lapse (``expiry_restore``: a positive
``restored`` entry, never more than had expired) and then debits the service; the holder's
credit of the new year stays whole.

It is a system service (``manage.py expire_vouchers``, from cron daily; see
``scheduled_expiry_run``). Idempotent: what already expired is subtracted, so a second run of the
same day writes nothing. Resumable: each batch of holders (in id order) commits on its own; a run
stopped half way is simply run again. Concurrent redemptions cannot take a balance below zero:
a batch locks its holders' rows before it reads their balances, and ``ledger_debit``'s
conditional update waits for the lock and then sees the lowered balance."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, DecimalField, Exists, F, Max, OuterRef, Q, Sum, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.kernel.errors import ServiceError
from subsidies.models import EntryKind, LedgerEntry, Resident

ZERO = Decimal("0.00")
# Rows per CASE of the balance update: SQLite limits an expression's size.
_UPDATE_CHUNK = 200
# The scheduled run catches up on expiry dates up to this many days back (a cron that missed a
# few days); older ones need ``manage.py expire_vouchers --as-of``.
CATCH_UP_DAYS = 7

AS_OF_FUTURE = _("Credit expires as of today at the latest, not a day ahead.")


@dataclass(frozen=True)
class ExpiryResult:
    """What one expiry run did: the day it ran as of, holders whose credit lapsed and how much."""

    as_of: date
    holders: int = 0
    amount: Decimal = ZERO


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def _holders_with_credit_past(as_of: date):
    """Holders with money left and some credit valid only until before ``as_of``."""
    past = LedgerEntry.objects.filter(
        resident=OuterRef("pk"), kind=EntryKind.CREDIT, expires_on__lt=as_of
    )
    return Resident.objects.filter(Exists(past), balance__gt=0)


def _positions(as_of: date, ids: list[int]) -> dict[int, tuple[Decimal, Decimal]]:
    """For each holder of ``ids`` with entries: the credit past its date less the net spending
    before ``as_of`` (the rule's target before its floor at zero), and what expired so far net
    of restorations (zero or negative), in one grouped query."""
    since = _start_of(as_of)
    spent_before = Q(kind__in=[EntryKind.DEBIT, EntryKind.REVERSAL]) & (
        Q(redemption__served_at__lt=since) | Q(redemption__isnull=True, created_at__lt=since)
    )
    rows = (
        LedgerEntry.objects.filter(resident_id__in=ids)
        .order_by()
        .values("resident_id")
        .annotate(
            lapsed=Sum("amount", filter=Q(kind=EntryKind.CREDIT, expires_on__lt=as_of)),
            spent=Sum("amount", filter=spent_before),
            expired=Sum("amount", filter=Q(kind__in=[EntryKind.EXPIRY, EntryKind.RESTORED])),
        )
        .values_list("resident_id", "lapsed", "spent", "expired")
    )
    return {
        resident_id: ((lapsed or ZERO) + (spent or ZERO), expired or ZERO)
        for resident_id, lapsed, spent, expired in rows
    }


def _due(as_of: date, ids: list[int]) -> dict[int, Decimal]:
    """For each holder of ``ids``: the amount still to expire as of ``as_of``."""
    due = {}
    for resident_id, (unspent, expired) in _positions(as_of, ids).items():
        amount = max(ZERO, unspent) + expired
        if amount > 0:
            due[resident_id] = amount
    return due


@transaction.atomic
def _expire_batch(as_of: date, cursor: int, batch_size: int) -> tuple[int | None, int, Decimal]:
    """One batch in its own transaction: lock the next holders after ``cursor`` (id order, as the
    credit run, so nothing deadlocks), work out what is due from their ledgers, write the entries
    and lower the balances. The new cursor (``None`` when no holder is left), holders, amount."""
    batch = list(
        _holders_with_credit_past(as_of)
        .filter(pk__gt=cursor)
        .order_by("pk")
        .select_for_update(of=("self",))
        .values_list("pk", "balance")[:batch_size]
    )
    if not batch:
        return None, 0, ZERO
    balances = dict(batch)
    due = {
        pk: min(amount, balances[pk])
        for pk, amount in _due(as_of, list(balances)).items()
        if balances[pk] > 0
    }
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(resident_id=pk, kind=EntryKind.EXPIRY, amount=-amount)
            for pk, amount in sorted(due.items())
        ]
    )
    money = DecimalField(max_digits=12, decimal_places=2)
    pks = sorted(due)
    for start in range(0, len(pks), _UPDATE_CHUNK):
        chunk = pks[start : start + _UPDATE_CHUNK]
        # The rows are locked; the condition still guards the balance should that ever change.
        Resident.objects.filter(pk__in=chunk).update(
            balance=Case(
                *[When(pk=pk, balance__gte=due[pk], then=F("balance") - due[pk]) for pk in chunk],
                default=F("balance"),
                output_field=money,
            )
        )
    return batch[-1][0], len(due), sum(due.values(), ZERO)


def expire_credits(
    *, as_of: date, batch_size: int = 1000, today: date | None = None
) -> ExpiryResult:
    """Let lapse, as of the start of ``as_of``, every holder's credit valid only until before
    it and left unspent (see the module's rule). Before: any ledger. After: each holder's
    expired total equals the rule's, no balance below zero, every balance still the sum of
    its entries. Idempotent and resumable; a system service (no user). Refused for a day after
    today."""
    if as_of > (today or timezone.localdate()):
        raise ServiceError(AS_OF_FUTURE, code="future")
    cursor, holders, amount = 0, 0, ZERO
    while True:
        cursor, count, value = _expire_batch(as_of, cursor, batch_size)
        if cursor is None:
            return ExpiryResult(as_of=as_of, holders=holders, amount=amount)
        holders += count
        amount += value


def expiry_restore(*, resident_id: int, served_on: date, amount: Decimal, today: date, note: str):
    """Before a service of ``amount`` served on ``served_on`` is debited: restore the credit
    that lapsed although this service should have used it. The latest expiry day D (the day
    after the last validity that ended before ``today``) is the one the run has applied; a
    service served before D was spending before D, so the rule's expired total drops by up to
    its amount. Writes one positive ``restored`` entry for the difference between what expired
    and the new total (never more than expired, nothing for a service on or after D or when
    the run has not applied D yet) and raises the balance by as much. The caller holds the
    holder's row lock (``redemption_record`` does); returns the amount restored."""
    last = LedgerEntry.objects.filter(
        resident_id=resident_id, kind=EntryKind.CREDIT, expires_on__lt=today
    ).aggregate(last=Max("expires_on"))["last"]
    if last is None or served_on > last:
        return ZERO
    as_of = last + timedelta(days=1)
    unspent, expired = _positions(as_of, [resident_id]).get(resident_id, (ZERO, ZERO))
    restored = -expired - max(ZERO, unspent - amount)
    if restored <= 0:
        return ZERO
    LedgerEntry.objects.create(
        resident_id=resident_id, kind=EntryKind.RESTORED, amount=restored, note=note[:200]
    )
    Resident.objects.filter(pk=resident_id).update(balance=F("balance") + restored)
    return restored


def expiry_due(today: date) -> bool:
    """Whether the scheduler runs the expiry today: some credit's last valid day was one of the
    last ``CATCH_UP_DAYS`` days (so the run starts on the first day after an expiry date and
    repeats, cheaply, a few days in case a day was missed)."""
    return LedgerEntry.objects.filter(
        kind=EntryKind.CREDIT,
        expires_on__lt=today,
        expires_on__gte=today - timedelta(days=CATCH_UP_DAYS),
    ).exists()


def scheduled_expiry_run(*, today: date | None = None) -> ExpiryResult | None:
    """The expiry run as the scheduler starts it (``manage.py expire_vouchers``, daily): as of
    today, on the days ``expiry_due`` names; ``None`` on the others."""
    today = today or timezone.localdate()
    if not expiry_due(today):
        return None
    return expire_credits(as_of=today, today=today)
