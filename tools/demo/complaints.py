"""Demo data of residents' complaints about the day-care centre: one answered by the provider
in time and rated by the resident, one left unanswered past its due date (it has come to the
bureau), and one filed yesterday, waiting for its answer."""

from datetime import timedelta

from django.utils import timezone

from tools.demo.seeding import SeedLog, demo_step

# (days ago, category, what happened, contact, respondent)
COMPLAINTS = [
    (
        20,
        "meals",
        "连续三天午饭送到餐桌时已经凉了，老人胃不好，吃了不舒服。希望改进保温。",
        "",
        "family",
    ),
    (
        14,
        "staff",
        "下午接送车晚到四十分钟，司机也没有提前打电话，老人在门口等了很久。",
        "13812345678",
        "family",
    ),
    (1, "safety", "活动室卫生间地面湿滑，没有防滑垫，担心老人摔倒。", "", "resident"),
]
ANSWER = (
    "您好，经核查，餐车出餐后在走廊等候时间过长。中心已添置保温餐箱，"
    "并调整为分批出餐，出餐后十分钟内送到餐桌。如仍有问题请致电中心：0512-53521234。"
)


@demo_step(order=89)
def seed_complaints(log: SeedLog) -> None:
    """Three complaints about the centre: answered and rated, late, waiting (once)."""
    from tenders.models import Complaint, ServiceSite
    from tenders.services.complaints import complaint_answer, complaint_file, complaint_rate

    centre = ServiceSite.objects.filter(name="城厢镇东林村日间照料中心").first()
    if centre is None or Complaint.objects.filter(site=centre).exists():
        return
    provider = (
        centre.contract.organisation.memberships.filter(role="admin", ended_at__isnull=True)
        .order_by("pk")
        .first()
    )
    now = timezone.now()
    filed = [
        complaint_file(
            site=centre,
            category=category,
            description=description,
            contact=contact,
            respondent=respondent,
            now=now - timedelta(days=days, hours=3),
        )
        for days, category, description, contact, respondent in COMPLAINTS
    ]
    if provider is not None:
        answered = complaint_answer(
            complaint=filed[0],
            answer=ANSWER,
            by=provider.user,
            now=now - timedelta(days=17),
        )
        complaint_rate(complaint=answered, rating=4, now=now - timedelta(days=16))
    codes = ", ".join(complaint.display_code for complaint in filed)
    log.add(f"{centre.name}: 3 complaints (answered and rated, late, waiting): {codes}")
