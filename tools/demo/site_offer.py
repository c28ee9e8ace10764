"""Demo data of what the day-care contract's sites offer residents: the centre in 城厢镇
东林村 (the city's premises, handed over with an inventory) and its canteen (the operator's
own), each with believable opening hours, a price list with voucher prices, accessibility, a
phone number and directions by bus, so the services directory and the vouchers have real sites."""

from datetime import time
from decimal import Decimal

from tools.demo.seeding import SeedLog, demo_step

CENTRE = {
    "phone": "0512-5353 6218",
    "directions": (
        "乘102路、109路公交车到“东林村委会”站下车，往北步行约150米，村委会东侧的两层白楼，"
        "门口有“日间照料中心”蓝色招牌。"
    ),
    "step_free": True,
    "accessible_toilet": True,
    "lift": False,
    "accessibility_notes": "活动室、餐厅和康复室都在一楼，入口有坡道；前台可借用轮椅。",
    "accepts_vouchers": True,
    "closed_on_public_holidays": True,
    "premises": "city",
}
CANTEEN = {
    "phone": "0512-5353 6230",
    "directions": "乘102路公交车到“东林路”站下车，往东步行约80米，东林路20号一楼，药店隔壁。",
    "step_free": True,
    "accessible_toilet": False,
    "lift": False,
    "accessibility_notes": "门口平地，无台阶；不能到店的老人可以预约送餐上门。",
    "accepts_vouchers": True,
    "closed_on_public_holidays": False,
    "premises": "operator",
}
WEEKDAYS = range(5)
EVERY_DAY = range(7)
# (days, opens, closes)
CENTRE_HOURS = [(WEEKDAYS, time(8, 0), time(12, 30)), (WEEKDAYS, time(13, 30), time(17, 0))]
CANTEEN_HOURS = [(EVERY_DAY, time(10, 30), time(12, 30)), (EVERY_DAY, time(16, 30), time(18, 0))]
# (type, name, unit, price, voucher price or None, minutes)
CENTRE_PRICES = [
    ("day_care", "日间照料（全天）", "day", "30.00", "20.00", 480),
    ("day_care", "日间照料（半天）", "visit", "18.00", "12.00", 210),
    ("meals", "午餐", "meal", "12.00", "8.00", 30),
    ("bathing", "助浴", "visit", "40.00", "30.00", 60),
    ("rehabilitation", "康复理疗", "visit", "35.00", "25.00", 45),
    ("home_care", "上门照护", "hour", "45.00", "30.00", 60),
    ("health_check", "健康监测（血压、血糖）", "visit", "5.00", None, 15),
]
CANTEEN_PRICES = [
    ("meals", "午餐", "meal", "12.00", "8.00", 30),
    ("meals", "晚餐", "meal", "10.00", "6.00", 30),
    ("meals", "送餐上门", "meal", "15.00", "10.00", 20),
]
# (item, quantity, condition, notes)
INVENTORY = [
    ("午休床（带床垫）", 12, "good", ""),
    ("轮椅", 4, "good", ""),
    ("助行器", 6, "worn", "两个扶手套磨损"),
    ("洗澡椅", 2, "good", ""),
    ("上肢康复训练器", 1, "good", ""),
    ("电动理疗床", 2, "needs_repair", "一台升降电机异响，已报修"),
    ("商用燃气灶", 1, "good", ""),
    ("消毒柜", 2, "good", ""),
    ("餐桌椅（四人套）", 8, "worn", ""),
    ("电子血压计", 3, "good", ""),
]


def _offer(site, fields, hours, prices):
    from tenders.models import ServiceSite, SiteOpeningHours, SiteService

    ServiceSite.objects.filter(pk=site.pk).update(**fields)
    SiteOpeningHours.objects.bulk_create(
        SiteOpeningHours(site=site, weekday=day, opens=opens, closes=closes)
        for days, opens, closes in hours
        for day in days
    )
    SiteService.objects.bulk_create(
        SiteService(
            site=site,
            service_type=kind,
            name=name,
            unit=unit,
            price=Decimal(price),
            voucher_price=Decimal(voucher) if voucher else None,
            duration_minutes=minutes,
        )
        for kind, name, unit, price, voucher, minutes in prices
    )


@demo_step(order=89)
def seed_site_offer(log: SeedLog) -> None:
    """Hours, prices, accessibility and premises of the demo sites; the centre's handover."""
    from django.contrib.auth import get_user_model

    from tenders.models import Contract, ServiceSite
    from tenders.services.sites import site_handover_record

    contract = Contract.objects.filter(tender__reference="TCMZ-2026-005").first()
    if contract is None:
        return
    sites = {site.kind: site for site in contract.sites.all()}
    centre, canteen = sites.get("day_care"), sites.get("canteen")
    if centre is None or canteen is None or centre.services.exists():
        return
    _offer(centre, CENTRE, CENTRE_HOURS, CENTRE_PRICES)
    _offer(canteen, CANTEEN, CANTEEN_HOURS, CANTEEN_PRICES)
    site_handover_record(
        site=ServiceSite.objects.get(pk=centre.pk),
        handed_over_on=contract.starts_on,
        handed_over_by="王建国",
        received_by="李秀英",
        notes="场地位于东林村委会东侧，建筑面积约420平方米；水电表读数已拍照存档。",
        items=[
            {"name": name, "quantity": quantity, "condition": condition, "notes": notes}
            for name, quantity, condition, notes in INVENTORY
        ],
        by=get_user_model().objects.get(username="bureau"),
    )
    log.add(
        f"{centre.name}: opening hours, {len(CENTRE_PRICES)} services, "
        f"handover with {len(INVENTORY)} items; {canteen.name}: {len(CANTEEN_PRICES)} services"
    )
