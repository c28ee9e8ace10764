"""The bureau's KPI template for elderly day care, editable afterwards as KPI templates."""

from decimal import Decimal

from django.db import migrations

CATEGORY = "elderly_day_care"
# (name, unit, default target, method, frequency, weight, group, lower is better)
DAY_CARE = [
    (
        "日间照料服务时长",
        "小时",
        Decimal("1200"),
        "按服务对象每日签到、签退记录，统计本期日间照料服务累计小时数。",
        "monthly",
        25,
        "outputs",
        False,
    ),
    (
        "服务人数",
        "人",
        Decimal("60"),
        "本期至少接受一次服务的老人人数（按人计，不重复计算），以服务台账和签到表为准。",
        "monthly",
        20,
        "outputs",
        False,
    ),
    (
        "助餐服务人次",
        "人次",
        Decimal("1000"),
        "本期在中心用餐或送餐上门的人次，以助餐登记表为准。",
        "monthly",
        15,
        "outputs",
        False,
    ),
    (
        "服务对象满意度",
        "%",
        Decimal("90"),
        "每季度随机抽取不少于三成服务对象或其家属开展问卷调查，"
        "计算“满意”和“比较满意”所占比例。",
        "quarterly",
        20,
        "satisfaction",
        False,
    ),
    (
        "安全事故",
        "起",
        Decimal("0"),
        "本期服务过程中发生的跌倒、噎食、走失、烫伤等安全事故起数，以事故报告记录为准。",
        "monthly",
        10,
        "outcomes",
        True,
    ),
    (
        "预算执行率",
        "%",
        Decimal("90"),
        "本期实际支出占本期预算的比例，以财务账目和支出凭证为准。",
        "per_period",
        10,
        "budget_execution",
        False,
    ),
]


def seed(apps, schema_editor):
    KpiTemplate = apps.get_model("tenders", "KpiTemplate")
    if KpiTemplate.objects.filter(category=CATEGORY).exists():
        return
    KpiTemplate.objects.bulk_create(
        KpiTemplate(
            category=CATEGORY,
            name=name,
            unit=unit,
            default_target=target,
            method=method,
            frequency=frequency,
            weight=weight,
            group=group,
            lower_is_better=lower,
            position=position,
        )
        for position, (name, unit, target, method, frequency, weight, group, lower) in enumerate(
            DAY_CARE
        )
    )


def unseed(apps, schema_editor):
    KpiTemplate = apps.get_model("tenders", "KpiTemplate")
    names = [row[0] for row in DAY_CARE]
    KpiTemplate.objects.filter(category=CATEGORY, name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("tenders", "0010_contract_delivery")]

    operations = [migrations.RunPython(seed, unseed)]
