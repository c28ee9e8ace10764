"""Demo data of care vouchers: the city's scheme (residents aged 80 and over receive ¥80 a
month, valid to the end of the year), seven communities in three towns, two hundred enrolled
residents and the credit runs of the last three months."""

import random
from datetime import date

from django.utils import timezone

from tools.demo.seeding import SeedLog, demo_step

COMMUNITIES = {
    "城厢镇": ["东林村", "永丰社区", "南门社区"],
    "沙溪镇": ["半泾村", "松南社区"],
    "浏河镇": ["新闸村", "东仓社区"],
}
FAMILY_NAMES = "王李张刘陈杨黄赵吴周徐孙朱马胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾顾陆钱沈".strip()
GIVEN_NAMES = [
    "秀英",
    "桂英",
    "玉兰",
    "秀珍",
    "凤英",
    "建国",
    "国平",
    "志刚",
    "金福",
    "阿大",
    "根宝",
    "美华",
    "惠芬",
    "雪珍",
    "林娣",
    "荣生",
    "德明",
    "福林",
    "月娥",
    "巧珍",
    "水根",
    "彩娣",
]
ROADS = ["朝阳东路", "县府街", "人民南路", "新华西路", "半泾路", "浏河大街", "东仓路"]
HOLDERS = 200


def _months_back(today: date, count: int) -> list[date]:
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return sorted(months)


@demo_step(order=91)
def seed_vouchers(log: SeedLog) -> None:
    """The scheme, communities, 200 voucher holders and three monthly credit runs."""
    from django.contrib.auth import get_user_model

    from incubator.kernel.validators import citizen_id_check_character
    from subsidies.models import AgeBand, Community, CommunityWorker, Resident, VoucherScheme
    from subsidies.services.vouchers import credit_run, resident_enrol

    if VoucherScheme.objects.exists():
        return
    bureau = get_user_model().objects.get(username="bureau")
    today = timezone.localdate()
    months = _months_back(today, 3)
    scheme = VoucherScheme.objects.create(
        name=f"太仓市高龄老人养老服务补贴（{months[0].year}年）",
        starts_on=date(months[0].year, 1, 1),
        eligible_service_types=["day_care", "meals", "home_care", "bathing", "cleaning"],
    )
    AgeBand.objects.create(scheme=scheme, min_age=80, monthly_amount="80.00")
    places = [
        Community.objects.get_or_create(town=town, name=name)[0]
        for town, names in COMMUNITIES.items()
        for name in names
    ]
    # The demo community worker serves 城厢镇东林村, the village of the demo day-care centre.
    CommunityWorker.objects.create(
        user=get_user_model().objects.get(username="communityworker"), community=places[0]
    )
    rng = random.Random(23)
    for index in range(HOLDERS):
        born = date(rng.randint(1926, today.year - 81), rng.randint(1, 12), rng.randint(1, 28))
        first17 = f"320585{born:%Y%m%d}{index:03d}"
        family, given = rng.choice(FAMILY_NAMES), rng.choice(GIVEN_NAMES)
        guardian = rng.random() < 0.6
        resident_enrol(
            by=bureau,
            community=places[index % len(places)],
            family_name=family,
            given_name=given,
            citizen_id=first17 + citizen_id_check_character(first17),
            pin=f"{rng.randint(0, 999999):06d}" if index else "258013",
            purpose_explained=True,
            address=f"{rng.choice(ROADS)}{rng.randint(1, 300)}号",
            phone=f"139{rng.randint(10000000, 99999999)}",
            guardian_name=(rng.choice(FAMILY_NAMES) + rng.choice(["强", "芳", "磊", "婷"]))
            if guardian
            else "",
            guardian_relation=rng.choice(["儿子", "女儿", "儿媳"]) if guardian else "",
            enrolled_on=date(months[0].year, 1, 1) if index < 180 else months[-1],
        )
    for month in months:
        credit_run(scheme=scheme, month=month, by=bureau)
    log.add(f"voucher scheme, {Resident.objects.count()} holders, {len(months)} credit runs")
