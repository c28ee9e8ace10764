"""Bulk builder of what follows an award for the bench (see ``data``): about one in three
closed bench tenders is awarded (as in the demo world), each award final with its contract,
four KPIs and its delivery (``data_delivery``): a monthly reporting schedule (most past
reports accepted with their actuals, some submitted, returned or overdue), quarterly payment
tranches (most released ones paid) and, rarely, an amendment.

An awarded tender's dates are moved back before its contract's start, and its bids before
its deadline, so that a contract can have a year of reports behind it. The portal user's
organisation gets the first contract of each growth step: 18 months at the first step (more
reports than any 12-month contract, the demo's included), then 36 (the longest a contract may
run), so the portal and the contract page have a heavy contract to show and a heavier one at
full size."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from incubator.kernel.services.dates import add_months
from tenders.models import (
    Contract,
    ContractKpi,
    ContractReport,
    Tender,
    TenderAward,
    TenderBid,
    TenderPage,
)
from tools.bench.data import BATCH
from tools.bench.data_delivery import Plan, actuals, amendments, at, reports, tranches

AWARD_ONE_IN = 3
# (name, unit, target, group, lower is better, weight)
KPIS = [
    ("服务时长", "小时", Decimal("1200"), "outputs", False, 40),
    ("服务人数", "人", Decimal("60"), "outputs", False, 30),
    ("服务对象满意度", "%", Decimal("90"), "satisfaction", False, 20),
    ("预算执行率", "%", Decimal("90"), "budget_execution", False, 10),
]


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
    built = reports(plans, rows, today)
    actuals(built, kpis)
    tranches(rows, built, today)
    amendments(plans, rows, now)


def _plan(tender_id: int, bid: TenderBid, number: int, today: date) -> Plan:
    """A 12-month contract that started 1 to 16 months ago (some over), or, one in twelve,
    starts next month and is not signed yet."""
    ago = -1 if number % 12 == 11 else 1 + (number * 5) % 16
    starts_on = add_months(today.replace(day=1), -ago)
    return Plan(tender_id, bid, number, 12, starts_on, heavy=False)


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


def _make_heavy(plan: Plan, organisation_id: int, today: date) -> None:
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


def _move_tenders(plans: list[Plan]) -> None:
    """Each awarded tender closed two months before its contract starts, and its bids came in
    before its deadline."""
    deadlines = {}
    for plan in plans:
        deadline = at(plan.starts_on - timedelta(days=60), 17)
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


def _award(plan: Plan) -> TenderAward:
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
        decided_at=at(decided_on),
        notice_ends_on=notice_ends_on,
        challenge_ends_on=challenge_ends_on,
        finalised_at=at(challenge_ends_on + timedelta(days=1), 2),
    )


def _contract(plan: Plan, award: TenderAward, today: date) -> Contract:
    signed_on = plan.starts_on - timedelta(days=10)
    signed = signed_on <= today
    return Contract(
        award_id=award.pk,
        tender_id=plan.tender_id,
        organisation_id=plan.bid.organisation_id,
        value=award.amount,
        original_value=award.amount,
        signed_on=signed_on if signed else None,
        published_at=at(signed_on + timedelta(days=1)) if signed else None,
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


def counts() -> dict[str, int]:
    """How many contracts and reports the database holds."""
    return {
        "contracts": Contract.objects.count(),
        "contract_reports": ContractReport.objects.count(),
    }
