"""Demo data of payments: the day-care contract's payment schedule, a tenth of its value on
each of its first three reports; the first two (accepted) paid a week after acceptance, the
third waiting for its report to be accepted."""

from datetime import timedelta
from decimal import ROUND_DOWN, Decimal

from django.utils import timezone

from tools.demo.seeding import SeedLog, demo_step


@demo_step(order=87)
def seed_contract_payments(log: SeedLog) -> None:
    """Three tranches on the day-care contract, on reports 2, 4 and 6: two paid, one waiting
    for its report's decision."""
    from django.contrib.auth import get_user_model

    from tenders.models import Contract
    from tenders.services.payments import contract_tranche_pay, contract_tranches_set

    contract = Contract.objects.filter(tender__reference="TCMZ-2026-005").first()
    if contract is None or contract.tranches.exists():
        return
    if not contract.reports.filter(number=6, submitted_at__isnull=False).exists():
        return
    bureau = get_user_model().objects.get(username="bureau")
    share = (contract.value / 10).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    contract_tranches_set(
        contract=contract,
        tranches=[{"amount": share, "report": number} for number in (2, 4, 6)],
        by=bureau,
    )
    today = timezone.localdate()
    for tranche in contract.tranches.select_related("report").order_by("number"):
        released_on = tranche.released_on
        if released_on is None:
            continue
        contract_tranche_pay(
            tranche=tranche,
            paid_on=min(released_on + timedelta(days=7), today),
            reference=f"太民财付〔{released_on:%Y}〕{tranche.number:03d}号",
            by=bureau,
        )
    log.add("TCMZ-2026-005 payment schedule: two tranches paid, one waiting")
