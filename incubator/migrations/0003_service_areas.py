from django.db import migrations

AREAS = [
    ("elderly_care", "养老服务", "Elderly care"),
    ("children_youth", "儿童青少年", "Children and youth"),
    ("disability", "助残服务", "Disability support"),
    ("community", "社区服务", "Community services"),
    ("poverty_relief", "社会救助", "Poverty relief"),
    ("health", "健康服务", "Health"),
    ("education", "教育培训", "Education and training"),
    ("culture_sports", "文化体育", "Culture and sports"),
    ("environment", "环境保护", "Environment"),
    ("mediation", "矛盾调解", "Community mediation"),
    ("volunteering", "志愿服务", "Volunteering"),
]


def create_areas(apps, schema_editor):
    ServiceArea = apps.get_model("incubator", "ServiceArea")
    for order, (code, name, name_en) in enumerate(AREAS):
        ServiceArea.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("incubator", "0002_organisations_memberships_permissions")]

    operations = [migrations.RunPython(create_areas, migrations.RunPython.noop)]
