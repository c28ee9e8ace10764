"""Bulk builder of what follows an award for the bench (see ``data``): about one in three
closed bench tenders is awarded (as in the demo world), each award final with its contract,
four KPIs, a monthly reporting schedule (most past reports accepted with their actuals, some
submitted, returned or overdue), quarterly payment tranches (most released ones paid) and,
rarely, an amendment.

An awarded tender's dates are moved back before its contract's start, and its bids before
its deadline, so that a contract can have a year of reports behind it. The portal user's
organisation gets the first contract of each growth step: 18 months at the first step (more
reports than any 12-month contract, the demo's included), then 36 (the longest a contract may
run), so the portal and the contract page have a heavy contract to show and a heavier one at
full size."""

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
    Tender,
    TenderAward,
    TenderBid,
    TenderPage,
)
from tenders.services.scoring import grade_for
from tools.bench.data import BATCH

AWARD_ONE_IN = 3
# (name, unit, target, group, lower is better, weight)
KPIS = [
    ("服务时长", "小时", Decimal("1200"), "outputs", False, 40),
    ("服务人数", "人", Decimal("60"), "outputs", False, 30),
    ("服务对象满意度", "%", Decimal("90"), "satisfaction", False, 20),
    ("预算执行率", "%", Decimal("90"), "budget_execution", False, 10),
]
TRANCHE_EVERY = 3  # a tranche on every third monthly report
RETURN_REASON = "请补充本月签到表扫描件。"
Status = ContractReport.Status


@dataclass
class _Plan:
    """One contract to make: its tender, winning bid and dates."""

    tender_id: int
    bid: TenderBid
    number: int
    months: int
    starts_on: date
    heavy: bool


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def contracts(*, portal_user: str | None = None) -> None:
    """Award one in three closed bench tenders that have a bid and no award yet, and build
    each contract's delivery and payments."""
    now, today = timezone.now(), timezone.localdate()
    closed = list(
        TenderPage.objects.filter(reference__startswith="BENCH-", deadline__lt=now)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    awarded = set(TenderAward.objects.values_list("tender_id", flat=True))
    chosen = [pk for i, pk in enumerate(closed) if i % AWARD_ONE_IN == 0 and pk not in awarded]
    bids = {}
    for bid in TenderBid.objects.filter(tender_id__in=chosen).order_by("tender_id", "pk"):
        bids.setdefault(bid.tender_id, bid)
    chosen = [pk for pk in chosen if pk in bids]
    if not chosen:
        return
    first = Contract.objects.filter(tender__reference__startswith="BENCH-").count()
    plans = [_plan(pk, bids[pk], first + n, today) for n, pk in enumerate(chosen)]
    portal = _portal_organisation(portal_user)
    if portal is not None:
        _make_heavy(plans[0], portal, today)
    _move_tenders(plans)
    awards = TenderAward.objects.bulk_create((_award(plan) for plan in plans), batch_size=BATCH)
    rows = Contract.objects.bulk_create(
        (_contract(plan, award, today) for plan, award in zip(plans, awards, strict=True)),
        batch_size=BATCH,
    )
    kpis = ContractKpi.objects.bulk_create(
        (_kpi(contract, position, spec) for contract in rows for position, spec in enumerate(KPIS)),
        batch_size=BATCH,
    )
    reports = _reports(plans, rows, today)
    _actuals(reports, kpis)
    _tranches(rows, reports, today)
    _amendments(plans, rows, now)


def _plan(tender_id: int, bid: TenderBid, number: int, today: date) -> _Plan:
    """A 12-month contract that started 1 to 16 months ago (some over), or, one in twelve,
    starts next month and is not signed yet."""
    ago = -1 if number % 12 == 11 else 1 + (number * 5) % 16
    starts_on = add_months(today.replace(day=1), -ago)
    return _Plan(tender_id, bid, number, 12, starts_on, heavy=False)


def _portal_organisation(username: str | None):
    from incubator.models import OrganisationMembership

    if not username:
        return None
    membership = (
        OrganisationMembership.objects.filter(user__username=username, ended_at__isnull=True)
        .order_by("pk")
        .first()
    )
    return membership.organisation_id if membership else None


def _make_heavy(plan: _Plan, organisation_id: int, today: date) -> None:
    """The portal organisation's contract of this step: its bid wins (one of the tender's bids
    becomes its own if it has none there); 18 months at the first step, 36 after."""
    before = Contract.objects.filter(
        organisation=organisation_id, tender__reference__startswith="BENCH-"
    ).count()
    own = TenderBid.objects.filter(tender_id=plan.tender_id, organisation_id=organisation_id)
    bid = own.first()
    if bid is None:
        TenderBid.objects.filter(pk=plan.bid.pk).update(organisation_id=organisation_id)
        plan.bid.organisation_id = organisation_id
    else:
        plan.bid = bid
    plan.months = 18 if before == 0 else 36
    plan.starts_on = add_months(today.replace(day=1), -(plan.months - 2))
    plan.heavy = True


def _move_tenders(plans: list[_Plan]) -> None:
    """Each awarded tender closed two months before its contract starts, and its bids came in
    before its deadline."""
    deadlines = {}
    for plan in plans:
        deadline = _at(plan.starts_on - timedelta(days=60), 17)
        deadlines[plan.tender_id] = deadline
        opens_at = deadline - timedelta(days=30)
        Tender.objects.filter(pk=plan.tender_id).update(opens_at=opens_at, deadline=deadline)
        TenderPage.objects.filter(pk=plan.tender_id).update(opens_at=opens_at, deadline=deadline)
    late = TenderBid.objects.filter(tender_id__in=deadlines).values_list("pk", "tender_id")
    moved = [
        TenderBid(pk=pk, submitted_at=deadlines[tender_id] - timedelta(days=2))
        for pk, tender_id in late
    ]
    TenderBid.objects.bulk_update(moved, ["submitted_at"], batch_size=BATCH)


def _award(plan: _Plan) -> TenderAward:
    deadline = plan.starts_on - timedelta(days=60)
    decided_on = deadline + timedelta(days=10)
    notice_ends_on = decided_on + timedelta(days=7)
    challenge_ends_on = notice_ends_on + timedelta(days=14)
    long = plan.months > 12
    return TenderAward(
        tender_id=plan.tender_id,
        bid_id=plan.bid.pk,
        status=TenderAward.Status.FINAL,
        amount=plan.bid.price,
        rationale="综合得分最高：服务方案完整，人员配置充分，报价在预算以内。",
        contract_starts_on=plan.starts_on,
        contract_months=plan.months,
        long_contract_reason="服务对象需要长期稳定的照护关系。" if long else "",
        deliverables="每月服务报告；每季度满意度调查；年度服务评估报告。",
        decided_at=_at(decided_on),
        notice_ends_on=notice_ends_on,
        challenge_ends_on=challenge_ends_on,
        finalised_at=_at(challenge_ends_on + timedelta(days=1), 2),
    )


def _contract(plan: _Plan, award: TenderAward, today: date) -> Contract:
    signed_on = plan.starts_on - timedelta(days=10)
    signed = signed_on <= today
    return Contract(
        award_id=award.pk,
        tender_id=plan.tender_id,
        organisation_id=plan.bid.organisation_id,
        value=award.amount,
        original_value=award.amount,
        signed_on=signed_on if signed else None,
        published_at=_at(signed_on + timedelta(days=1)) if signed else None,
        starts_on=plan.starts_on,
        ends_on=add_months(plan.starts_on, plan.months) - timedelta(days=1),
        deliverables=award.deliverables,
        long_contract_reason=award.long_contract_reason,
        reporting_frequency="monthly",
    )


def _kpi(contract: Contract, position: int, spec) -> ContractKpi:
    name, unit, target, group, lower, weight = spec
    return ContractKpi(
        contract_id=contract.pk,
        name=name,
        unit=unit,
        method="按服务台账和签到表统计。",
        weight=weight,
        group=group,
        lower_is_better=lower,
        position=position,
        target=target,
    )


def _reports(plans, rows, today: date) -> list[ContractReport]:
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


def _status(plan: _Plan, number: int, last: int | None) -> str:
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
        submitted_at=_at(ends_on + timedelta(days=5)) if filed else None,
        decided_at=_at(min(ends_on + timedelta(days=9), today), 15) if decided else None,
        return_reason=RETURN_REASON if status == Status.RETURNED else "",
        score=score,
        grade=grade_for(score) if score is not None else "",
    )


def _actuals(reports: list[ContractReport], kpis: list[ContractKpi]) -> None:
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


def _tranches(rows: list[Contract], reports: list[ContractReport], today: date) -> None:
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


def _amendments(plans, rows: list[Contract], now) -> None:
    """One contract in ten, signed a quarter ago or more, had its value raised by 5 %."""
    amendments = []
    for plan, contract in zip(plans, rows, strict=True):
        decided_at = _at(plan.starts_on + timedelta(days=90))
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


def counts() -> dict[str, int]:
    """How many contracts and reports the database holds."""
    return {
        "contracts": Contract.objects.count(),
        "contract_reports": ContractReport.objects.count(),
    }
