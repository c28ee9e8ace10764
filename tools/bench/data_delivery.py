"""Bulk builder of contract delivery for the bench (see ``data_contracts``): each contract's
monthly reports in the state their place in time gives them, the filed reports' KPI actuals,
the payment tranches (most released ones paid) and, rarely, an amendment."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from incubator.kernel.services.dates import add_months
from tenders.models import (
    Contract,
    ContractAmendment,
    ContractKpi,
    ContractReport,
    ContractReportActual,
    ContractTranche,
    TenderBid,
)
from tenders.services.scoring import grade_for
from tools.bench.data import BATCH

TRANCHE_EVERY = 3  # a tranche on every third monthly report
RETURN_REASON = "请补充本月签到表扫描件。"
Status = ContractReport.Status


@dataclass
class Plan:
    """One contract to make: its tender, winning bid and dates."""

    tender_id: int
    bid: TenderBid
    number: int
    months: int
    starts_on: date
    heavy: bool


def at(day: date, hour: int = 10) -> datetime:
    """``day`` at ``hour`` o'clock, China Standard Time."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def reports(plans, rows, today: date) -> list[ContractReport]:
    """One report a month for each contract, in the state its place in time gives it."""
    built = []
    for plan, contract in zip(plans, rows, strict=True):
        periods = []
        for number in range(1, plan.months + 1):
            starts_on = add_months(plan.starts_on, number - 1)
            ends_on = add_months(plan.starts_on, number) - timedelta(days=1)
            periods.append((number, starts_on, ends_on, ends_on + timedelta(days=14)))
        late = [number for number, _, _, due_on in periods if due_on < today]
        last = late[-1] if late else None
        for number, starts_on, ends_on, due_on in periods:
            status = _status(plan, number, last)
            built.append(_report(contract, number, starts_on, ends_on, due_on, status, today))
    return ContractReport.objects.bulk_create(built, batch_size=BATCH)


def _status(plan: Plan, number: int, last: int | None) -> str:
    """Every report past its due day is accepted except the last one or two: overdue,
    submitted or returned by the contract's turn; later reports are still due."""
    if last is None or number > last:
        return Status.DRAFT
    turn = 0 if plan.heavy else plan.number % 5
    if number == last:
        return {0: Status.DRAFT, 1: Status.SUBMITTED, 2: Status.RETURNED}.get(turn, Status.ACCEPTED)
    if number == last - 1 and turn == 0:
        return Status.SUBMITTED
    return Status.ACCEPTED


def _report(contract, number, starts_on, ends_on, due_on, status, today) -> ContractReport:
    filed = status != Status.DRAFT
    decided = status in (Status.ACCEPTED, Status.RETURNED)
    score = Decimal(72 + (contract.pk * 7 + number * 3) % 28) if status == Status.ACCEPTED else None
    return ContractReport(
        contract_id=contract.pk,
        number=number,
        period_starts_on=starts_on,
        period_ends_on=ends_on,
        due_on=due_on,
        status=status,
        narrative="本月按计划开展上门服务和集中活动，无安全事故。" if filed else "",
        submitted_at=at(ends_on + timedelta(days=5)) if filed else None,
        decided_at=at(min(ends_on + timedelta(days=9), today), 15) if decided else None,
        return_reason=RETURN_REASON if status == Status.RETURNED else "",
        score=score,
        grade=grade_for(score) if score is not None else "",
    )


def actuals(reports: list[ContractReport], kpis: list[ContractKpi]) -> None:
    """Each filed report's figure for each KPI of its contract (between 80 % and 110 % of the
    target)."""
    by_contract = {}
    for kpi in kpis:
        by_contract.setdefault(kpi.contract_id, []).append(kpi)
    rows = (
        ContractReportActual(
            report_id=report.pk,
            kpi_id=kpi.pk,
            value=(kpi.target * Decimal(80 + (report.pk + kpi.position) % 31) / 100).quantize(
                Decimal("0.01")
            ),
        )
        for report in reports
        if report.status != Status.DRAFT
        for kpi in by_contract[report.contract_id]
    )
    ContractReportActual.objects.bulk_create(rows, batch_size=BATCH)


def tranches(rows: list[Contract], reports: list[ContractReport], today: date) -> None:
    """A tranche on every third report, the value shared equally; paid a week after its
    report was accepted, except the latest released one of every fourth contract (payable
    or late)."""
    officer = get_user_model().objects.filter(username="bureau").first()
    by_contract = {}
    for report in reports:
        by_contract.setdefault(report.contract_id, []).append(report)
    tranches, paid = [], {}
    for contract in rows:
        releasing = [r for r in by_contract[contract.pk] if r.number % TRANCHE_EVERY == 0]
        share = (contract.value / len(releasing)).quantize(Decimal("0.01"), ROUND_DOWN)
        accepted = [r.number for r in releasing if r.status == Status.ACCEPTED]
        for number, report in enumerate(releasing, start=1):
            amount = share if number < len(releasing) else contract.value - share * (number - 1)
            paid_on = None
            if report.status == Status.ACCEPTED:
                paid_on = min(timezone.localdate(report.decided_at) + timedelta(days=7), today)
                if contract.pk % 4 == 0 and report.number == accepted[-1]:
                    paid_on = None
            if paid_on is not None:
                paid[contract.pk] = paid.get(contract.pk, Decimal(0)) + amount
            tranches.append(
                ContractTranche(
                    contract_id=contract.pk,
                    number=number,
                    amount=amount,
                    report_id=report.pk,
                    paid_on=paid_on,
                    paid_by=officer if paid_on else None,
                    paid_reference=f"太民财付〔{paid_on:%Y}〕{report.pk:05d}号" if paid_on else "",
                    created_by=officer,
                )
            )
    ContractTranche.objects.bulk_create(tranches, batch_size=BATCH)
    for contract_id, total in paid.items():
        Contract.objects.filter(pk=contract_id).update(paid_total=total)


def amendments(plans, rows: list[Contract], now) -> None:
    """One contract in ten, signed a quarter ago or more, had its value raised by 5 %."""
    amendments = []
    for plan, contract in zip(plans, rows, strict=True):
        decided_at = at(plan.starts_on + timedelta(days=90))
        if plan.number % 10 != 7 or contract.signed_on is None or decided_at > now:
            continue
        change = (contract.value * Decimal("0.05")).quantize(Decimal("0.01"))
        amendments.append(
            ContractAmendment(
                contract_id=contract.pk,
                number=1,
                reason="服务对象增加，相应增加服务时长。",
                value_change=change,
                value_after=contract.value + change,
                decided_at=decided_at,
            )
        )
    ContractAmendment.objects.bulk_create(amendments, batch_size=BATCH)
    for amendment in amendments:
        Contract.objects.filter(pk=amendment.contract_id).update(value=amendment.value_after)
