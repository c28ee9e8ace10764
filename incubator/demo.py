"""Demo data of the incubation domain: the demo users and the two Taicang hubs."""

from django.contrib.auth import get_user_model

from incubator.models import Hub, HubManagerAssignment, Organisation, ServiceArea
from incubator.roles import Role, role_group
from incubator.seeding import DEMO_PASSWORD, SeedLog, demo_step
from incubator.services.memberships import hub_manager_assign, membership_create
from incubator.validators import uscc_check_character


def demo_credit_code(legal_form_digit: str, organisation_code: str) -> str:
    """A well-formed credit code of a Taicang organisation registered with civil affairs."""
    first17 = f"5{legal_form_digit}320585{organisation_code}"
    return first17 + uscc_check_character(first17)


DEMO_USERS = [
    # username, first name, last name, email, superuser
    ("admin", "晓东", "周", "admin@demo.taicang.example", True),
    ("bureau", "敏", "王", "bureau@demo.taicang.example", False),
    ("hubmanager", "丽华", "陈", "hubmanager@demo.taicang.example", False),
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
    from incubator.services.letters import letter_issue, letter_reissue

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
