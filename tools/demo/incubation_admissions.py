"""Demo data of admission: the first two demo organisations' incubations and seats in the
Ruian centre's spaces, their admission letters (one reissued, so that a valid and a revoked
letter can be verified), and two intake applications waiting for review."""

from django.contrib.auth import get_user_model

from incubator.models import Hub, Organisation
from tools.demo.incubation import DEMO_ORGANISATIONS
from tools.demo.seeding import DEMO_PASSWORD, SeedLog, demo_step

DEMO_SPACES = [
    ("A-201", "private_office", 4, "2", "28.5"),
    ("A-203", "private_office", 3, "2", "22.0"),
    ("B-101", "dedicated_desks", 8, "1", "46.0"),
    ("C-001", "shared_area", 20, "1", "120.0"),
]


@demo_step(order=45)
def seed_incubations_and_spaces(log: SeedLog) -> None:
    """The demo organisations' incubations, the Ruian centre's spaces and who sits where."""
    from datetime import date

    from incubator.incubation.services.spaces import space_allocate
    from incubator.models import Incubation, Space, SpaceAllocation

    ruian = Hub.objects.get(slug="ruian")
    for code, kind, seats, floor, area in DEMO_SPACES:
        _, created = Space.objects.get_or_create(
            hub=ruian,
            code=code,
            defaults={"kind": kind, "seats": seats, "floor": floor, "area_m2": area},
        )
        if created:
            log.add(f"space {code}")
    manager = get_user_model().objects.get(username="hubmanager")
    for data, (space_code, seats) in zip(
        DEMO_ORGANISATIONS, [("A-201", 3), ("B-101", 2)], strict=True
    ):
        organisation = Organisation.objects.get(credit_code=data["credit_code"])
        incubation, created = Incubation.objects.get_or_create(
            organisation=organisation,
            ended_on=None,
            defaults={
                "hub": ruian,
                "started_on": date(2026, 3, 1),
                "planned_end_on": date(2027, 8, 31),
            },
        )
        if created:
            log.add(f"incubation of {organisation.name}")
        if not SpaceAllocation.objects.filter(organisation=organisation).exists():
            space_allocate(
                space=Space.objects.get(hub=ruian, code=space_code),
                organisation=organisation,
                seats=seats,
                starts_on=date(2026, 3, 1),
                ends_on=date(2027, 2, 28),
                by=manager,
            )
            log.add(f"{seats} seats of {space_code} for {organisation.name}")


@demo_step(order=50)
def seed_letters(log: SeedLog) -> None:
    """An admission letter for each demo organisation; the second one was reissued once (its
    first letter had the wrong dates), so both a valid and a revoked letter can be verified."""
    from incubator.kernel.services.letters import letter_issue, letter_reissue

    bureau = get_user_model().objects.get(username="bureau")
    for index, data in enumerate(DEMO_ORGANISATIONS):
        organisation = Organisation.objects.get(credit_code=data["credit_code"])
        if organisation.letters.exists():
            continue
        letter = letter_issue(
            kind="admission",
            recipient=organisation,
            subject=organisation,
            title="关于同意入驻瑞安社会工作服务中心的通知",
            details={
                "hub_name": organisation.hub.name,
                "start_date": "2026年3月1日",
                "planned_end_date": "2027年2月28日",
            },
            by=bureau,
        )
        log.add(f"letter {letter.reference}")
        if index == 1:
            replacement = letter_reissue(
                letter=letter,
                reason="孵化期限填写有误，重新发文",
                by=bureau,
                details={
                    "hub_name": organisation.hub.name,
                    "start_date": "2026年3月1日",
                    "planned_end_date": "2027年8月31日",
                },
            )
            log.add(f"letter {replacement.reference} replacing {letter.reference}")


DEMO_INTAKE = [
    {
        "name": "太仓市沙溪镇乐龄日间照料中心",
        "name_en": "Shaxi Day Care for Older People",
        "legal_form": "social_service",
        "registration_status": "preparing",
        "mission": "为沙溪镇七十岁以上老人提供日间照料、助餐和康复活动。",
        "incubation_plan": (
            "一年内完成民办非企业单位登记，建立财务和志愿者管理制度，"
            "承接沙溪镇日间照料中心运营项目。"
        ),
        "contact_name": "顾敏",
        "contact_phone": "13962600001",
        "contact_email": "gu.min@demo.taicang.example",
        "confirmed": True,
    },
    {
        "name": "太仓市浏河镇青少年成长驿站",
        "name_en": "Liuhe Youth Growth Station",
        "legal_form": "social_group",
        "registration_status": "community_filed",
        "mission": "为浏河镇外来务工人员子女提供课后托管和成长陪伴。",
        "incubation_plan": "完善理事会治理，培养两名持证社工，申请岗位补贴。",
        "contact_name": "陆佳",
        "contact_phone": "13962600002",
        "contact_email": "lu.jia@demo.taicang.example",
        "confirmed": False,
    },
]


@demo_step(order=60)
def seed_intake(log: SeedLog) -> None:
    """Two applications waiting for the Ruian centre's review, one with its email confirmed."""
    from django.utils import timezone

    from incubator.incubation.services.intake import intake_submit
    from incubator.models import IntakeApplication

    ruian = Hub.objects.get(slug="ruian")
    for data in DEMO_INTAKE:
        data = dict(data)
        confirmed = data.pop("confirmed")
        if IntakeApplication.objects.filter(contact_email=data["contact_email"]).exists():
            continue
        application = intake_submit(
            fields={**data, "hub": ruian},
            service_areas=[],
            password=DEMO_PASSWORD,
            base_url="http://127.0.0.1:8000",
        )
        if confirmed:
            IntakeApplication.objects.filter(pk=application.pk).update(
                email_confirmed_at=timezone.now()
            )
            get_user_model().objects.filter(pk=application.applicant_id).update(is_active=True)
        log.add(f"intake application {application.name}")
