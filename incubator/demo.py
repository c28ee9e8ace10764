"""Demo data of the incubation domain: the demo users and the two Taicang hubs."""

from django.contrib.auth import get_user_model

from incubator.models import Hub
from incubator.seeding import DEMO_PASSWORD, SeedLog, demo_step

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
