"""Demo data of the incubation domain: the demo users and the two Taicang hubs."""

from datetime import date

from django.contrib.auth import get_user_model

from incubator.incubation.services.memberships import hub_manager_assign, membership_create
from incubator.kernel.roles import Role, role_group
from incubator.kernel.validators import uscc_check_character
from incubator.models import Hub, HubManagerAssignment, Organisation, ServiceArea
from tools.demo.seeding import DEMO_PASSWORD, SeedLog, demo_step


def demo_credit_code(legal_form_digit: str, organisation_code: str) -> str:
    """A well-formed credit code of a Taicang organisation registered with civil affairs."""
    first17 = f"5{legal_form_digit}320585{organisation_code}"
    return first17 + uscc_check_character(first17)


DEMO_USERS = [
    # username, first name, last name, email, superuser
    ("admin", "晓东", "周", "admin@demo.taicang.example", True),
    ("bureau", "敏", "王", "bureau@demo.taicang.example", False),
    ("hubmanager", "丽华", "陈", "hubmanager@demo.taicang.example", False),
    ("basemanager", "志明", "杨", "basemanager@demo.taicang.example", False),
    ("orgadmin", "静", "李", "orgadmin@demo.taicang.example", False),
    ("otherorg", "伟", "张", "otherorg@demo.taicang.example", False),
    ("evaluator", "建国", "顾", "evaluator@demo.taicang.example", False),
]

DEMO_HUBS = [
    {
        "slug": "ruian",
        "name": "瑞安社会工作服务中心",
        "name_en": "Ruian Social Work Centre",
        "district": "城厢镇",
        "operator": "太仓市城厢镇人民政府（区级财政资助）",
        "address": "江苏省太仓市城厢镇朝阳东路56号2楼",
        "phone": "0512-53536808",
    },
    {
        "slug": "city-base",
        "name": "太仓市社会组织孵化基地",
        "name_en": "Taicang Social Organisation Incubation Base",
        "district": "科教新城",
        "operator": "太仓市民政局",
        "address": "江苏省太仓市科教新城健雄路18号",
        "phone": "0512-53532266",
    },
]


@demo_step(order=10)
def seed_users(log: SeedLog) -> None:
    """Demo accounts, all with the documented demo password; existing accounts are left alone."""
    user_model = get_user_model()
    for username, first_name, last_name, email, superuser in DEMO_USERS:
        if user_model.objects.filter(username=username).exists():
            continue
        user = user_model(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            is_staff=superuser,
            is_superuser=superuser,
        )
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
        log.add(f"user {username}")


@demo_step(order=20)
def seed_hubs(log: SeedLog) -> None:
    """The district-funded social work centre and the city's own incubation base."""
    for data in DEMO_HUBS:
        if Hub.objects.filter(slug=data["slug"]).exists():
            continue
        hub = Hub(**data)
        hub.full_clean()
        hub.save()
        log.add(f"hub {hub.slug}")


DEMO_ORGANISATIONS = [
    {
        "admin": "orgadmin",
        "name": "太仓市颐康居家养老服务中心",
        "name_en": "Yikang Home and Day Care for the Elderly",
        "credit_code": demo_credit_code("2", "MJ5A0721X"),
        "legal_form": Organisation.LegalForm.SOCIAL_SERVICE,
        "registration_status": Organisation.RegistrationStatus.REGISTERED,
        "founded_on": date(2024, 11, 18),
        "contact_name": "李静",
        "contact_phone": "0512-53551826",
        "contact_email": "orgadmin@demo.taicang.example",
        "areas": ["elderly_care", "health"],
    },
    {
        "admin": "otherorg",
        "name": "太仓市浮桥镇邻里志愿者协会",
        "name_en": "Fuqiao Neighbourhood Volunteers Association",
        "credit_code": demo_credit_code("1", "MJ5B3308K"),
        "legal_form": Organisation.LegalForm.SOCIAL_GROUP,
        "registration_status": Organisation.RegistrationStatus.REGISTERED,
        "founded_on": date(2023, 6, 6),
        "contact_name": "张伟",
        "contact_phone": "0512-53572214",
        "contact_email": "otherorg@demo.taicang.example",
        "areas": ["volunteering", "community"],
    },
]


@demo_step(order=40)
def seed_roles_and_memberships(log: SeedLog) -> None:
    """Give the demo users their roles: officer, hub manager of the Ruian centre, evaluator,
    and the two organisation admins of two different organisations in that hub."""
    users = {user.username: user for user in get_user_model().objects.all()}
    for username, role in [
        ("admin", Role.SITE_ADMIN),
        ("bureau", Role.BUREAU_OFFICER),
        ("evaluator", Role.EVALUATOR),
    ]:
        group = role_group(role)
        if not users[username].groups.filter(pk=group.pk).exists():
            users[username].groups.add(group)
            log.add(f"role {role} for {username}")
    ruian = Hub.objects.get(slug="ruian")
    manager = users["hubmanager"]
    if not HubManagerAssignment.objects.filter(hub=ruian, user=manager, ended_at=None).exists():
        hub_manager_assign(hub=ruian, user=manager, by=users["admin"])
        log.add("hub manager hubmanager of ruian")
    city = Hub.objects.get(slug="city-base")
    if not HubManagerAssignment.objects.filter(
        hub=city, user=users["basemanager"], ended_at=None
    ).exists():
        hub_manager_assign(hub=city, user=users["basemanager"], by=users["admin"])
        log.add("hub manager basemanager of city-base")
    for data in DEMO_ORGANISATIONS:
        data = dict(data)
        admin = users[data.pop("admin")]
        areas = data.pop("areas")
        if Organisation.objects.filter(credit_code=data["credit_code"]).exists():
            continue
        organisation = Organisation(hub=ruian, stage=Organisation.Stage.INCUBATING, **data)
        organisation.full_clean()
        organisation.save()
        organisation.service_areas.set(ServiceArea.objects.filter(code__in=areas))
        membership_create(
            organisation=organisation, user=admin, role="admin", by=users["hubmanager"]
        )
        log.add(f"organisation {organisation.name} with admin {admin.username}")


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


DEMO_STAFF = ["admin", "bureau", "hubmanager", "basemanager", "evaluator"]


@demo_step(order=42)
def seed_authenticators(log: SeedLog) -> None:
    """An authenticator for each demo staff member, so the back office can be tried at once:
    ``manage.py totp_code <username>`` prints the code their app would show."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for username in DEMO_STAFF:
        user = get_user_model().objects.get(username=username)
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
            log.add(f"authenticator for {username}")


# The capacity-building demo builds on the steps above.
from tools.demo import incubation_stages as demo_incubation  # noqa: E402, F401
