"""Demo data of the incubation domain: the demo users and the two Taicang hubs, the first two
organisations with their admins, the staff's roles and authenticators. Their incubations,
seats, admission letters and the intake applications are in ``incubation_admissions``; the
capacity-building stages in ``milestone_framework`` and ``incubation_stages``."""

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
    ("communityworker", "雪梅", "沈", "communityworker@demo.taicang.example", False),
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
        ("communityworker", Role.COMMUNITY_WORKER),
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


DEMO_STAFF = ["admin", "bureau", "hubmanager", "basemanager", "evaluator", "communityworker"]


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
