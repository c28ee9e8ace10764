"""Demo data of the bureau's oversight of care vouchers: the detection run over the demo's three
months of services, then two holders served at the day-care centre recorded as having died or
moved away on the day of their last service, which flags that day's services. The bureau
officer checked the death with the family and resolved its flags as valid; the move waits for
the bureau (left open). Every step goes through the services as the bureau would take it."""

from django.utils import timezone

from tools.demo.seeding import SeedLog, demo_step
from tools.demo.vouchers import _months_back

# The demo holder whose PIN the guides quote for the balance page keeps an open account.
GUIDE_PIN = "258013"
DEATH_REASON = "社区上报：老人于当日晚间去世"
MOVE_REASON = "社区上报：老人随子女迁往苏州市区"
CONFIRMED = "电话联系家属，确认老人当天上午仍在日间照料中心接受服务，当晚去世，服务属实。"


@demo_step(order=95)
def seed_anomalies(log: SeedLog) -> None:
    """Detect the demo's anomalies; flag a death and a move; resolve the death's flags."""
    from django.contrib.auth import get_user_model

    from subsidies.models import (
        AnomalyKind,
        AnomalyOutcome,
        Redemption,
        ResidentStatus,
        VoucherAnomaly,
    )
    from subsidies.services.anomalies import anomaly_resolve, detect_anomalies
    from subsidies.services.vouchers import resident_by_card, resident_record_status

    bureau = get_user_model().objects.filter(username="bureau").first()
    if bureau is None or VoucherAnomaly.objects.filter(kind=AnomalyKind.AFTER_CLOSURE).exists():
        return
    for month in _months_back(timezone.localdate(), 3):
        detect_anomalies(month=month)
    latest = Redemption.objects.filter(
        method="card_pin", resident__status=ResidentStatus.ACTIVE
    ).order_by("-served_at", "-pk")
    chosen, seen = [], set()
    for redemption in latest.select_related("resident").iterator(chunk_size=200):
        resident = redemption.resident
        if resident.pk in seen or resident_by_card(resident.card_number, GUIDE_PIN):
            continue
        seen.add(resident.pk)
        chosen.append(redemption)
        if len(chosen) == 2:
            break
    if len(chosen) < 2:
        return
    for redemption, status, reason in (
        (chosen[0], ResidentStatus.DECEASED, DEATH_REASON),
        (chosen[1], ResidentStatus.MOVED_AWAY, MOVE_REASON),
    ):
        resident_record_status(
            resident=redemption.resident,
            status=status,
            on=timezone.localtime(redemption.served_at).date(),
            by=bureau,
            reason=reason,
        )
    death_flags = VoucherAnomaly.objects.filter(
        kind=AnomalyKind.AFTER_CLOSURE, resident=chosen[0].resident
    )
    for flag in death_flags:
        anomaly_resolve(
            anomaly=flag, outcome=AnomalyOutcome.CONFIRMED_VALID, note=CONFIRMED, by=bureau
        )
    open_count = VoucherAnomaly.objects.filter(status=VoucherAnomaly.Status.OPEN).count()
    log.add(f"{len(death_flags)} anomalies resolved by the bureau, {open_count} open")
