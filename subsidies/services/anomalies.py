"""The bureau's oversight of care vouchers: detecting anomalies among the redemptions and
resolving them.

``detect_anomalies`` is a system service (``manage.py detect_voucher_anomalies``, daily from
cron): set-based queries over a month's redemptions, or those recorded since a moment, never a
query per redemption, so it stays cheap at city scale. It raises a flag once per kind and
subject (a unique constraint; running it again raises nothing twice) for:

- two services of one resident at overlapping times (recording refuses them, but a home visit
  recorded days later from its signed receipt, or an edit in the database, can slip through);
- a service at a moment its site is closed by its opening hours or for a public holiday (not
  refused when recorded: a provider may serve outside its hours, but the bureau looks); home
  care, given in the resident's home, is not judged by the site's hours;
- a service on or after the day the resident was recorded as deceased or moved away (the death
  is often recorded weeks later, back-dated);
- a provider that took at least ``VOUCHER_ANOMALY_PROVIDER_SHARE_PERCENT`` percent (default
  90) of what a resident spent in a month and at least the resident's whole credit of that
  month: one provider taking a whole month's allowance is what a card kept by a provider looks
  like. Residents without a credit in the month are not judged.

Recording a redemption runs the cheap checks of that one redemption in the same transaction
(``anomalies_check_redemption``), and recording a death or a move those of the resident's
services (``anomalies_check_resident``); neither can make the recording fail.

``anomaly_resolve`` is the bureau's resolution: an outcome and a note, once."""

import logging
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import require_allowed
from subsidies.anomaly_selectors import anomalies_user_may_resolve
from subsidies.claim_selectors import month_bounds
from subsidies.models import (
    AnomalyKind,
    AnomalyOutcome,
    EntryKind,
    LedgerEntry,
    Redemption,
    ResidentStatus,
    VoucherAnomaly,
)
from tenders.voucher_api import ServiceSite, ServiceType, open_at

logger = logging.getLogger(__name__)

NOT_ALLOWED = _("Only bureau officers resolve care-voucher anomalies.")
ALREADY_RESOLVED = _("This anomaly was already resolved by %(user)s on %(date)s.")
BAD_OUTCOME = _("Choose how the anomaly was resolved.")
NOTE_REQUIRED = _("Say what was checked and what was decided.")
CHUNK = 500
HOME_CARE = ServiceType.HOME_CARE  # served at home, not at the site


def _local_month(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def _organisation_of(redemption: Redemption):
    return redemption.site.contract.organisation_id


def _raise(candidates: list[VoucherAnomaly], now: datetime) -> int:
    """Store the flags not raised before; how many were new. The unique constraint keeps a
    flag raised concurrently from being stored twice."""
    new = []
    for start in range(0, len(candidates), CHUNK):
        chunk = candidates[start : start + CHUNK]
        raised = set(
            VoucherAnomaly.objects.filter(
                subject__in=[candidate.subject for candidate in chunk]
            ).values_list("kind", "subject")
        )
        new.extend(c for c in chunk if (c.kind, c.subject) not in raised)
    for anomaly in new:
        anomaly.raised_at = now
    VoucherAnomaly.objects.bulk_create(new, batch_size=CHUNK, ignore_conflicts=True)
    return len(new)


def _redemption_facts(redemption: Redemption, prefix: str = "") -> dict:
    return {
        f"{prefix}service": redemption.service_name,
        f"{prefix}site": redemption.site.name,
        f"{prefix}served_at": redemption.served_at.isoformat(),
        f"{prefix}ends_at": redemption.ends_at.isoformat(),
        f"{prefix}amount": str(redemption.amount),
    }


def _with_site(queryset: QuerySet[Redemption]) -> QuerySet[Redemption]:
    return queryset.select_related("site__contract")


def _overlaps(window: QuerySet[Redemption], now: datetime) -> int:
    """Pairs of one resident's services at overlapping times: one self-join on the resident's
    (resident, served_at) index."""
    rows = (
        window.filter(
            Q(resident__redemptions__pk__lt=F("pk")) | Q(resident__redemptions__pk__gt=F("pk")),
            resident__redemptions__served_at__lt=F("ends_at"),
            resident__redemptions__ends_at__gt=F("served_at"),
        )
        .values_list("pk", "resident__redemptions__pk")
        .distinct()
    )
    pairs = {(min(a, b), max(a, b)) for a, b in rows}
    if not pairs:
        return 0
    ids = {pk for pair in pairs for pk in pair}
    loaded = {r.pk: r for r in _with_site(Redemption.objects.filter(pk__in=ids))}
    candidates = []
    for first_pk, later_pk in sorted(pairs):
        first, later = loaded[first_pk], loaded[later_pk]
        candidates.append(
            VoucherAnomaly(
                kind=AnomalyKind.OVERLAP,
                subject=f"{first_pk}-{later_pk}",
                redemption=later,
                other_redemption=first,
                resident_id=later.resident_id,
                organisation_id=_organisation_of(later),
                month=_local_month(later.served_at),
                evidence=_redemption_facts(later) | _redemption_facts(first, "other_"),
            )
        )
    return _raise(candidates, now)


def _site_closed(window: QuerySet[Redemption], now: datetime) -> int:
    """Services at a moment their site is closed: the redemptions not flagged yet are read as
    values in chunks and their sites' hours loaded once (the calendar is cached). Home care is
    given in the resident's home, whatever the hours of the base it is recorded at."""
    rows = (
        window.exclude(anomalies__kind=AnomalyKind.SITE_CLOSED)
        .exclude(service_type=HOME_CARE)
        .values_list("pk", "site_id", "served_at")
    )
    sites = {
        site.pk: site
        for site in ServiceSite.objects.filter(
            pk__in=window.order_by().values("site_id")
        ).prefetch_related("opening_hours")
    }
    closed: list[int] = []
    for pk, site_id, served_at in rows.iterator(chunk_size=2000):
        if not open_at(sites[site_id], served_at):
            closed.append(pk)
    candidates = []
    for start in range(0, len(closed), CHUNK):
        for redemption in _with_site(
            Redemption.objects.filter(pk__in=closed[start : start + CHUNK])
        ):
            candidates.append(
                VoucherAnomaly(
                    kind=AnomalyKind.SITE_CLOSED,
                    subject=str(redemption.pk),
                    redemption=redemption,
                    resident_id=redemption.resident_id,
                    organisation_id=_organisation_of(redemption),
                    month=_local_month(redemption.served_at),
                    evidence=_redemption_facts(redemption),
                )
            )
    return _raise(candidates, now)


def _after_closure(window: QuerySet[Redemption], now: datetime) -> int:
    """Services on or after the day their resident died or moved away (China Standard Time)."""
    found = _with_site(
        window.filter(
            resident__status__in=[ResidentStatus.DECEASED, ResidentStatus.MOVED_AWAY],
        )
        .annotate(served_on=TruncDate("served_at", tzinfo=timezone.get_default_timezone()))
        .filter(served_on__gte=F("resident__status_on"))
        .exclude(anomalies__kind=AnomalyKind.AFTER_CLOSURE)
        .select_related("resident")
    )
    candidates = [
        VoucherAnomaly(
            kind=AnomalyKind.AFTER_CLOSURE,
            subject=str(redemption.pk),
            redemption=redemption,
            resident_id=redemption.resident_id,
            organisation_id=_organisation_of(redemption),
            month=_local_month(redemption.served_at),
            evidence=_redemption_facts(redemption)
            | {
                "status": redemption.resident.status,
                "since": redemption.resident.status_on.isoformat(),
            },
        )
        for redemption in found.iterator(chunk_size=CHUNK)
    ]
    return _raise(candidates, now)


def _provider_share(month: date, now: datetime) -> int:
    """Providers that took at least the configured share of a resident's spend in ``month``
    and at least the resident's credit of that month: one grouped query."""
    percent = settings.VOUCHER_ANOMALY_PROVIDER_SHARE_PERCENT
    start, end = month_bounds(month)
    in_month = Redemption.objects.filter(served_at__gte=start, served_at__lt=end)
    resident_total = (
        in_month.filter(resident=OuterRef("resident_id"))
        .order_by()
        .values("resident_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    credit = LedgerEntry.objects.filter(
        resident=OuterRef("resident_id"), kind=EntryKind.CREDIT, month=month
    ).values("amount")[:1]
    rows = (
        in_month.order_by()
        .values("resident_id", provider=F("site__contract__organisation_id"))
        .annotate(spent=Sum("amount"))
        .annotate(total=Subquery(resident_total), credit=Subquery(credit))
        .annotate(spent_percent=F("spent") * 100, total_percent=F("total") * percent)
        .filter(credit__isnull=False, spent__gte=F("credit"))
        .filter(spent_percent__gte=F("total_percent"))
        .values_list("resident_id", "provider", "spent", "total", "credit")
    )
    candidates = []
    for resident_id, provider, spent, total, credit_amount in rows:
        share = int(Decimal(spent) * 100 / Decimal(total)) if total else 100
        candidates.append(
            VoucherAnomaly(
                kind=AnomalyKind.PROVIDER_SHARE,
                subject=f"{resident_id}-{provider}-{month:%Y-%m}",
                resident_id=resident_id,
                organisation_id=provider,
                month=month,
                evidence={
                    "spent": str(spent),
                    "total": str(total),
                    "credit": str(credit_amount),
                    "share": share,
                },
            )
        )
    return _raise(candidates, now)


def detect_anomalies(
    *, month: date | None = None, since: datetime | None = None, now: datetime | None = None
) -> dict[str, int]:
    """Raise the flags of the redemptions served in ``month`` (China Standard Time), or of
    those recorded at or after ``since`` (and the providers' shares of the months they were
    served in). Before: exactly one of the two. After: each anomaly found is flagged once; the
    new flags counted by kind. A system service: nobody's permission is asked."""
    if (month is None) == (since is None):
        raise ValueError("detect_anomalies needs a month or a moment, not both")
    now = now or timezone.now()
    if month is not None:
        month = month.replace(day=1)
        start, end = month_bounds(month)
        window = Redemption.objects.filter(served_at__gte=start, served_at__lt=end)
        months: Iterable[date] = [month]
    else:
        window = Redemption.objects.filter(recorded_at__gte=since)
        zone = timezone.get_default_timezone()
        months = sorted(
            {
                timezone.localtime(moment).date().replace(day=1)
                if isinstance(moment, datetime)
                else moment
                for moment in window.annotate(m=TruncMonth("served_at", tzinfo=zone))
                .order_by()
                .values_list("m", flat=True)
                .distinct()
            }
        )
    with transaction.atomic():
        found = {
            AnomalyKind.OVERLAP: _overlaps(window, now),
            AnomalyKind.SITE_CLOSED: _site_closed(window, now),
            AnomalyKind.AFTER_CLOSURE: _after_closure(window, now),
            AnomalyKind.PROVIDER_SHARE: sum(_provider_share(m, now) for m in months),
        }
    return {str(kind): count for kind, count in found.items()}


def _quietly(check, *args) -> None:
    """Run a check inside a savepoint: a fault in it is logged, never the caller's failure."""
    try:
        with transaction.atomic():
            check(*args)
    except Exception:
        logger.exception("Checking care-voucher anomalies failed")


def anomalies_check_redemption(redemption: Redemption, now: datetime | None = None) -> None:
    """The cheap checks of one redemption just recorded (overlap, closed site, after closure),
    inside the caller's transaction; never fails the recording."""
    now = now or timezone.now()
    window = Redemption.objects.filter(pk=redemption.pk)
    for check in (_overlaps, _site_closed, _after_closure):
        _quietly(check, window, now)


def anomalies_check_resident(resident, now: datetime | None = None) -> None:
    """The services of a resident just recorded as deceased or moved away that were served on
    or after that day; never fails the recording."""
    _quietly(_after_closure, Redemption.objects.filter(resident=resident), now or timezone.now())


@transaction.atomic
def anomaly_resolve(
    *, anomaly: VoucherAnomaly, outcome: str, note: str, by, now: datetime | None = None
) -> VoucherAnomaly:
    """A bureau officer resolves a flag. Before: ``by`` may resolve anomalies; the flag is
    open; ``outcome`` is one of ``AnomalyOutcome``; a note says what was checked and decided.
    After: the flag resolved with its outcome, note, officer and time; the audit entry."""
    require_allowed(anomalies_user_may_resolve, by, anomaly, message=NOT_ALLOWED)
    if outcome not in AnomalyOutcome.values:
        raise ServiceError(BAD_OUTCOME, code="bad_outcome")
    note = (note or "").strip()
    if not note:
        raise ServiceError(NOTE_REQUIRED, code="note_required")
    locked = (
        VoucherAnomaly.objects.select_for_update(of=("self",))
        .select_related("resolved_by")
        .get(pk=anomaly.pk)
    )
    if locked.status != VoucherAnomaly.Status.OPEN:
        raise ServiceError(
            ALREADY_RESOLVED
            % {
                "user": locked.resolved_by.get_full_name() or locked.resolved_by.get_username()
                if locked.resolved_by
                else "—",
                "date": date_format(timezone.localtime(locked.resolved_at), "DATETIME_FORMAT"),
            },
            code="already_resolved",
        )
    locked.status = VoucherAnomaly.Status.RESOLVED
    locked.outcome = outcome
    locked.resolution_note = note
    locked.resolved_by = by
    locked.resolved_at = now or timezone.now()
    locked.full_clean()
    locked.save(
        update_fields=["status", "outcome", "resolution_note", "resolved_by", "resolved_at"]
    )
    audit_log(
        instance=locked,
        action="subsidies.anomaly.resolve",
        user=by,
        data={
            "kind": locked.get_kind_display(),
            "outcome": locked.get_outcome_display(),
            "note": note,
        },
    )
    return locked
