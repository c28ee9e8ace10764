"""Demo data of residents' voice: the day-care contract's centre in 城厢镇 and its canteen,
with residents' answers of the last weeks (some comments published, one hidden, two waiting
for moderation), so the feedback page, the back office and moderation have something real."""

from datetime import timedelta

from django.utils import timezone

from tools.demo.seeding import SeedLog, demo_step

# (days ago, rating, comment, respondent)
ANSWERS = [
    (26, 5, "护理员很耐心，每天陪我父亲做康复操。", "family"),
    (22, 4, "午饭清淡可口，希望多一些鱼。", "resident"),
    (19, 5, "", "resident"),
    (15, 3, "下午活动有点少，一个人坐着看电视。", "resident"),
    (12, 4, "", "worker"),
    (9, 2, "接送车迟到了半小时，电话13912345678没人接。", "family"),
    (6, 5, "老人说在这里交了朋友，很开心。", "family"),
    (3, 4, "", "resident"),
    (1, 1, "某某工作人员态度恶劣！！！", "resident"),
]


@demo_step(order=88)
def seed_service_sites(log: SeedLog) -> None:
    """Two sites on the day-care contract and a month of residents' answers."""
    from django.contrib.auth import get_user_model

    from tenders.models import Contract, ServiceSite, SiteKind
    from tenders.services.feedback import (
        feedback_codes_issue,
        feedback_moderate,
        feedback_submit,
    )

    contract = Contract.objects.filter(tender__reference="TCMZ-2026-005").first()
    if contract is None or contract.sites.exists():
        return
    centre = ServiceSite.objects.create(
        contract=contract,
        name="城厢镇东林村日间照料中心",
        kind=SiteKind.DAY_CARE,
        town="城厢镇",
        community="东林村",
        address="太仓市城厢镇东林路18号",
    )
    ServiceSite.objects.create(
        contract=contract,
        name="城厢镇东林村老年助餐点",
        kind=SiteKind.CANTEEN,
        town="城厢镇",
        community="东林村",
        address="太仓市城厢镇东林路20号",
    )
    bureau = get_user_model().objects.get(username="bureau")
    feedback_codes_issue(site=centre, count=24, by=bureau)
    cards = iter(centre.feedback_codes.order_by("pk"))
    now = timezone.now()
    for n, (days, rating, comment, respondent) in enumerate(ANSWERS):
        answer = feedback_submit(
            code=next(cards).code if n % 3 == 0 else "",  # a third with their cards
            site=centre,
            rating=rating,
            comment=comment,
            respondent=respondent,
            device_token=f"demo-phone-{n}",
            now=now - timedelta(days=days, hours=n),
        )
        if comment and days > 10:
            feedback_moderate(response=answer, publish=True, by=bureau)
        elif comment and rating == 1:
            feedback_moderate(
                response=answer, publish=False, reason="点名指责个人，未经核实。", by=bureau
            )
    log.add(f"{centre.name}: {len(ANSWERS)} answers; /zh-hans/feedback/{centre.code}/")
