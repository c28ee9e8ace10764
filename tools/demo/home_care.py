"""Demo data of the second care-voucher provider: home care in 沙溪镇. Its tender
(TCMZ-2026-003, ``tools.demo.tenders``) drew two bids in the spring; the evaluator scored
them, the bureau awarded it to 太仓市沙溪镇银龄居家照护服务中心 (a graduate of the 瑞安 hub),
nobody challenged the award, and its contract was signed and published on time. The provider
runs a home-care base in 松南社区 (its own premises) from which carers visit residents every
day, with a price list that takes vouchers; ``tools.demo.redemptions`` records its visits."""

from datetime import time, timedelta

from django.utils import timezone

from incubator.kernel.calendar import add_working_days
from tools.demo.contracts import _at_ten
from tools.demo.seeding import SeedLog, demo_step
from tools.demo.site_offer import EVERY_DAY, _offer

REFERENCE = "TCMZ-2026-003"
PROVIDER = "太仓市沙溪镇银龄居家照护服务中心"
RUNNER_UP = "太仓市颐和日间照料服务中心"
# (organisation, price, marks for the plan and the team)
BIDS = [(PROVIDER, "228000.00", (41, 22)), (RUNNER_UP, "236000.00", (36, 20))]
SIGNED_AFTER_DAYS = 18

BASE = {
    "name": "沙溪镇银龄居家照护服务站",
    "town": "沙溪镇",
    "community": "松南社区",
    "address": "太仓市沙溪镇松南路56号",
}
BASE_OFFER = {
    "phone": "0512-5321 0981",
    "directions": (
        "乘120路公交车到“沙溪松南社区”站下车，往南步行约100米，社区卫生服务站对面一楼。"
        "护理员上门服务，老人和家属也可以到服务站预约、咨询。"
    ),
    "step_free": True,
    "accessible_toilet": False,
    "lift": False,
    "accessibility_notes": "服务站在一楼，门口有坡道；上门服务不受场地限制。",
    "accepts_vouchers": True,
    "closed_on_public_holidays": False,
    "premises": "operator",
}
# Bookings are taken every day; carers visit from eight to six.
BASE_HOURS = [(EVERY_DAY, time(8, 0), time(18, 0))]
# (type, name, unit, price, voucher price or None, minutes)
BASE_PRICES = [
    ("cleaning", "上门助洁", "hour", "35.00", "25.00", 60),
    ("home_care", "上门照护（生活照料）", "hour", "40.00", "28.00", 60),
    ("bathing", "上门助浴", "visit", "60.00", "45.00", 90),
    ("home_care", "陪同就医", "hour", "40.00", "28.00", 120),
    ("health_check", "上门测量血压、血糖", "visit", "10.00", None, 20),
]
DELIVERABLES = "每月上门服务台账；每季度服务对象满意度回访；年度服务评估报告。"
RATIONALE = "综合得分最高：上门服务方案细致，护理员持证上岗，报价低于另一家投标人。"


@demo_step(order=86)
def seed_home_care_award(log: SeedLog) -> None:
    """Two bids on the 沙溪镇 home-care tender, scored and awarded in the spring; the contract
    signed and published on time."""
    from django.contrib.auth import get_user_model

    from tenders.models import TenderBid, TenderPage
    from tenders.services.awards import award_finalise
    from tenders.services.contracts import contract_publish, contract_sign
    from tools.demo.tenders import _bid, evaluated_and_awarded

    page = (
        TenderPage.objects.filter(reference=REFERENCE, locale__language_code="zh-hans")
        .select_related("tender")
        .first()
    )
    users = {user.username: user for user in get_user_model().objects.all()}
    if page is None or "bureau" not in users or "evaluator" not in users:
        return
    tender = page.tender
    if TenderBid.objects.filter(tender=tender).exists():
        return
    bureau, evaluator = users["bureau"], users["evaluator"]
    before = tender.deadline - timedelta(days=4)
    bids = [_bid(tender, name, price, before) for name, price, _marks in BIDS]
    award = evaluated_and_awarded(
        tender,
        bids,
        marks=[marks for _name, _price, marks in BIDS],
        comment="上门服务流程清楚，护理员配置合理。",
        evaluator=evaluator,
        bureau=bureau,
        after=tender.deadline + timedelta(days=3),
        rationale=RATIONALE,
        deliverables=DELIVERABLES,
    )
    contract = award_finalise(award=award)
    if contract is None:
        return
    decided_on = timezone.localdate(award.decided_at)
    signed_on = min(decided_on + timedelta(days=SIGNED_AFTER_DAYS), timezone.localdate())
    contract = contract_sign(contract=contract, signed_on=signed_on, by=bureau)
    published_on = min(add_working_days(signed_on, 1), timezone.localdate())
    contract_publish(contract=contract, by=bureau, now=min(_at_ten(published_on), timezone.now()))
    log.add(f"{REFERENCE} awarded to {PROVIDER}; contract signed and published")


@demo_step(order=89)
def seed_home_care_base(log: SeedLog) -> None:
    """The home-care provider's base in 松南社区 with its hours and voucher prices."""
    from tenders.models import Contract, ServiceSite, SiteKind

    contract = Contract.objects.filter(tender__reference=REFERENCE).first()
    if contract is None or contract.sites.exists():
        return
    base = ServiceSite.objects.create(contract=contract, kind=SiteKind.HOME_CARE_BASE, **BASE)
    _offer(base, BASE_OFFER, BASE_HOURS, BASE_PRICES)
    log.add(f"{base.name}: opening hours, {len(BASE_PRICES)} services")
