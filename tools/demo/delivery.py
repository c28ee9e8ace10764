"""Demo data of contract delivery: the awarded day-care contract gets the KPIs of the day-care
template, monthly reporting and six months of reports filed: the first accepted, the second
returned, filed again and accepted, the third to fifth accepted, the sixth waiting for the
bureau; the seventh is overdue (the contract started long enough ago whatever the day of the
month)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from tools.demo.seeding import SeedLog, demo_step

# Actuals per report, in the template's order: hours, people, meals, satisfaction (%),
# incidents, budget execution (%).
ACTUALS = {
    1: ("1260", "62", "1040", "96", "0", "92"),
    2: ("1080", "55", "930", "88", "1", "85"),
    3: ("1210", "60", "1005", "93", "0", "90"),
    4: ("1190", "61", "990", "94", "0", "91"),
    5: ("1150", "58", "960", "91", "1", "88"),
    6: ("1240", "63", "1030", "95", "0", "93"),
}
NARRATIVE = {
    1: "本月中心正常运营二十二天，开展康复训练、手工和健康讲座等活动十八场，无安全事故。",
    2: "本月受高温天气影响，部分老人减少到中心的次数；发生一起轻微跌倒，已及时处置并通知家属。",
    3: "本月新增服务对象五名，组织中秋主题活动两场，志愿者参与服务四十人次。",
    4: "本月开展重阳节敬老活动，邀请家属参加；完成消防演练一次，全体员工参加。",
    5: "本月两名老人因住院暂停日托，另有一名老人在活动中轻微擦伤，已处置并回访家属。",
    6: "本月新增服务对象三名，开展防诈骗讲座和冬季养生讲座各一场，助餐满意度回升。",
}
RETURN_REASON = "请补充本月签到表扫描件，并说明服务人数低于目标的原因及改进措施。"


def _at(day, hour: int):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@demo_step(order=86)
def seed_contract_delivery(log: SeedLog) -> None:
    """KPIs from the template and six months of reports on the day-care contract."""
    from django.contrib.auth import get_user_model

    from tenders.models import Contract, ContractReport
    from tenders.services.delivery import contract_kpis_set, kpis_from_template
    from tenders.services.reports import (
        contract_report_accept,
        contract_report_return,
        contract_report_submit,
    )
    from tools.demo.incubation_stages import demo_pdf

    contract = Contract.objects.filter(tender__reference="TCMZ-2026-005").first()
    if contract is None or contract.kpis.exists():
        return
    bureau = get_user_model().objects.get(username="bureau")
    provider = contract.organisation.memberships.filter(role="admin", ended_at__isnull=True)
    admin = provider.order_by("pk").first().user
    contract_kpis_set(
        contract=contract, kpis=kpis_from_template(contract), reporting="monthly", by=bureau
    )
    log.add("TCMZ-2026-005 KPIs and monthly reporting")
    kpis = list(contract.kpis.all())

    def submit(report, number: int):
        values = ACTUALS[number]
        return contract_report_submit(
            report=report,
            actuals={kpi.pk: Decimal(value) for kpi, value in zip(kpis, values, strict=False)},
            narrative=NARRATIVE[number],
            files=[ContentFile(demo_pdf(), name=f"第{number}期服务台账.pdf")],
            by=admin,
            today=report.period_ends_on,
        )

    def backdate(report, *, submitted_days: int, decided_days: int | None = None):
        fields = {"submitted_at": _at(report.period_ends_on + timedelta(submitted_days), 10)}
        if decided_days is not None:
            fields["decided_at"] = _at(report.period_ends_on + timedelta(decided_days), 15)
        ContractReport.objects.filter(pk=report.pk).update(**fields)

    today = timezone.localdate()
    reports = {r.number: r for r in contract.reports.filter(period_ends_on__lt=today)}
    if len(reports) < 6:
        return
    first = contract_report_accept(report=submit(reports[1], 1), by=bureau)
    backdate(first, submitted_days=5, decided_days=8)
    second = contract_report_return(report=submit(reports[2], 2), reason=RETURN_REASON, by=bureau)
    second = contract_report_accept(report=submit(second, 2), by=bureau)
    backdate(second, submitted_days=12, decided_days=14)
    for number in (3, 4, 5):
        accepted = contract_report_accept(report=submit(reports[number], number), by=bureau)
        backdate(accepted, submitted_days=4 + number % 3, decided_days=9 + number % 2)
    sixth = submit(reports[6], 6)
    backdate(sixth, submitted_days=6)
    log.add("TCMZ-2026-005 reports: six filed, one returned and filed again, one waiting, overdue")
