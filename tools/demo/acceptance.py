"""Demo data of acceptance (验收): the day-care contract's first quarter was accepted with
residents taking part (two named, four who asked not to be), signed off with conditions, its
letter issued, and published on the tender's public page."""

from datetime import timedelta

from django.utils import timezone

from tools.demo.seeding import SeedLog, demo_step

# Findings per KPI of the day-care template, in its order; others get a plain "met".
FINDINGS = [
    ("met", "抽查签到表和服务台账，服务时长与月报一致。"),
    ("met", "现场核对在册服务对象名单，人数达到合同约定。"),
    ("met", "查看助餐记录和留样台账，供餐正常。"),
    ("met", "随机访谈服务对象六人，满意度与测评结果一致。"),
    ("partly", "发生一起轻微跌倒，已及时处置；防滑措施需加强。"),
    ("met", "查阅财务凭证，资金按预算执行。"),
]
PARTICIPANTS = "陆阿婆（服务对象）\n周建国（服务对象家属）"


@demo_step(order=87)
def seed_contract_acceptance(log: SeedLog) -> None:
    """An interim acceptance of the day-care contract's first quarter, signed off and
    published (once; a contract with an acceptance is left as it is)."""
    from django.contrib.auth import get_user_model

    from tenders.models import Contract
    from tenders.services.acceptance import (
        contract_acceptance_publish,
        contract_acceptance_record,
        contract_acceptance_sign_off,
    )

    contract = Contract.objects.filter(tender__reference="TCMZ-2026-005").first()
    bureau = get_user_model().objects.filter(username="bureau").first()
    if contract is None or bureau is None or contract.published_at is None:
        return
    if contract.acceptances.exists():
        return
    today = timezone.localdate()
    quarter = contract.reports.filter(period_ends_on__lt=today).order_by("number")[2:3].first()
    if quarter is None:
        return
    items = []
    for index, kpi in enumerate(contract.kpis.all()):
        result, finding = FINDINGS[index] if index < len(FINDINGS) else ("met", "符合合同约定。")
        items.append({"kpi": kpi.pk, "standard": "", "result": result, "finding": finding})
    items.append(
        {
            "kpi": None,
            "standard": "消防与食品安全",
            "result": "met",
            "finding": "消防器材在有效期内，食品留样规范。",
        }
    )
    acceptance = contract_acceptance_record(
        contract=contract,
        kind="interim",
        held_on=min(quarter.period_ends_on + timedelta(days=10), today),
        period_starts_on=contract.starts_on,
        period_ends_on=quarter.period_ends_on,
        items=items,
        summary="实地查看日间照料中心，查阅签到表、助餐和财务台账，访谈服务对象及家属。",
        participants_named=PARTICIPANTS,
        participants_unnamed=4,
        by=bureau,
    )
    acceptance = contract_acceptance_sign_off(
        acceptance=acceptance, conclusion="conditional", by=bureau
    )
    contract_acceptance_publish(acceptance=acceptance, by=bureau)
    log.add("TCMZ-2026-005 interim acceptance signed off and published")
