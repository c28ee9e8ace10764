"""Demo data of staff-cost subsidies: the 2026 scheme with a ¥400,000 envelope, its rules as the
published guidance states them, and applications in every status, through the services. What is
left of the envelope does not cover the application waiting for the bureau's decision."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from incubator.models import Organisation
from tools.demo.seeding import SeedLog, demo_step

SHANGHAI = ZoneInfo("Asia/Shanghai")
SCHEME_NAME = "2026年度社会组织社工岗位补贴"

# qualification, monthly salary: employed since mid-2025, for the months of 2026 in incubation.
SENIOR, WORKER, ASSISTANT, NONE = "senior", "social_worker", "assistant", "none"
STAFF = {
    "太仓市颐康居家养老服务中心": [
        ("周海燕", "中心主任", SENIOR, "9500"),
        ("吴婷", "社工督导", WORKER, "8200"),
        ("孙磊", "个案社工", ASSISTANT, "7200"),
        ("陈晓", "护理员", NONE, "5600"),
        ("钱芳", "助餐服务员", NONE, "5000"),
    ],
    "太仓市科教新城青苗课后托管中心": [
        ("孙悦", "负责人", WORKER, "8500"),
        ("刘洋", "儿童社工", ASSISTANT, "7000"),
        ("王丽", "托管老师", NONE, "6000"),
        ("蒋涛", "托管老师", NONE, "6400"),
    ],
    "太仓市心语老年心理关爱中心": [
        ("何静怡", "主任", SENIOR, "10000"),
        ("许诺", "心理社工", WORKER, "8000"),
        ("冯洁", "热线社工", ASSISTANT, "7000"),
        ("韩冰", "行政", NONE, "5000"),
    ],
    "太仓市浮桥镇邻里志愿者协会": [
        ("张伟", "秘书长", WORKER, "8000"),
        ("马琳", "志愿者管理专员", ASSISTANT, "7000"),
    ],
    "太仓市城厢镇乐享助餐服务社": [
        ("沈红", "负责人", ASSISTANT, "6800"),
        ("杨帆", "助餐配送员", NONE, "4800"),
    ],
    "太仓市璜泾镇星光残障人士互助会": [
        ("钱磊", "负责人", WORKER, "7600"),
    ],
    "太仓市双凤镇邻里调解工作室": [
        ("朱晓燕", "调解员", ASSISTANT, "6500"),
    ],
    "太仓市浏河镇渔港志愿服务队": [
        ("陆海峰", "队长", NONE, "5200"),
    ],
}

# organisation, what happens: each status of the workflow at least once.
STORIES = [
    ("太仓市颐康居家养老服务中心", "disbursing"),
    ("太仓市科教新城青苗课后托管中心", "completed"),
    ("太仓市心语老年心理关爱中心", "approved"),
    ("太仓市浮桥镇邻里志愿者协会", "recommended"),  # more than is left in the envelope
    ("太仓市城厢镇乐享助餐服务社", "returned"),
    ("太仓市璜泾镇星光残障人士互助会", "submitted"),
    ("太仓市双凤镇邻里调解工作室", "draft"),
    ("太仓市浏河镇渔港志愿服务队", "withdrawn"),
    ("太仓市浏河镇渔港志愿服务队", "rejected"),
]


def _scheme(log: SeedLog):
    from subsidies.models import Scheme

    scheme = Scheme.objects.filter(name=SCHEME_NAME).first()
    if scheme:
        return scheme
    scheme = Scheme(
        name=SCHEME_NAME,
        year=2026,
        envelope=Decimal("400000.00"),
        opens_at=datetime(2026, 11, 1, 9, 0, tzinfo=SHANGHAI),
        closes_at=datetime(2027, 1, 31, 17, 0, tzinfo=SHANGHAI),
        period_starts_on=date(2026, 1, 1),
        period_months=12,
        share=Decimal("0.50"),
        monthly_cap=Decimal("3000.00"),
        cap_assistant_social_worker=Decimal("3500.00"),
        cap_social_worker=Decimal("4000.00"),
        cap_senior_social_worker=Decimal("4500.00"),
        max_months=12,
        max_lines=5,
    )
    scheme.full_clean()
    scheme.save()
    log.add(f"scheme {SCHEME_NAME}")
    return scheme


def _lines(name: str, scheme, organisation) -> list[dict]:
    from subsidies.services.common import incubation_of, months_available

    # The months of the period inside the organisation's incubation, at most twelve.
    months = min(12, months_available(scheme, date(2025, 7, 1), incubation_of(organisation)))
    return [
        {
            "name": person,
            "title": title,
            "qualification": qualification,
            "employment_started_on": date(2025, 7, 1),
            "monthly_salary": Decimal(salary),
            "months": months,
        }
        for person, title, qualification, salary in STAFF[name]
    ]


def _attachments() -> list[tuple[str, ContentFile]]:
    from tools.demo.incubation_stages import demo_pdf

    return [
        ("payroll", ContentFile(demo_pdf(), name="2025年12月工资表.pdf")),
        ("social_insurance", ContentFile(demo_pdf(), name="社保缴纳记录.pdf")),
    ]


@demo_step(order=90)
@transaction.atomic
def seed_subsidies(log: SeedLog) -> None:
    """The 2026 scheme and one application per story, moved along by the people who would."""
    from subsidies import services
    from subsidies.models import SubsidyApplication

    scheme = _scheme(log)
    if SubsidyApplication.objects.filter(scheme=scheme).exists():
        return
    users = {user.username: user for user in get_user_model().objects.all()}
    bureau = users["bureau"]
    managers = {"ruian": users["hubmanager"], "city-base": users["basemanager"]}
    for name, story in STORIES:
        organisation = Organisation.objects.get(name=name)
        admin = organisation.memberships.get(role="admin", ended_at__isnull=True).user
        manager = managers[organisation.hub.slug]
        application = services.subsidy_application_save_draft(
            scheme=scheme,
            organisation=organisation,
            lines=_lines(name, scheme, organisation),
            attachments=_attachments(),
            by=admin,
        )
        log.add(f"subsidy application of {name}: {story}")
        if story == "draft":
            continue
        application = services.subsidy_application_submit(application=application, by=admin)
        if story == "withdrawn":
            services.subsidy_application_withdraw(application=application, by=admin)
            continue
        if story == "submitted":
            continue
        if story == "returned":
            services.subsidy_application_return(
                application=application,
                reason="工资表缺少杨帆2025年12月的工资记录，请补充后重新提交。",
                by=manager,
            )
            continue
        application = services.subsidy_application_recommend(
            application=application, note="人员在岗，材料齐全，建议批准。", by=manager
        )
        if story == "recommended":
            continue
        if story == "rejected":
            services.subsidy_application_reject(
                application=application,
                reason="申报人员未签订劳动合同，不符合本项目补贴条件。",
                by=bureau,
            )
            continue
        application = services.subsidy_application_approve(
            application=application,
            conditions="补贴资金专款专用；人员离职的，应在一个月内书面报告。",
            by=bureau,
        )
        half = (application.approved_amount / 2).quantize(Decimal("0.01"))
        if story in ("disbursing", "completed"):
            services.subsidy_application_disburse(
                application=application,
                amount=half,
                paid_on=timezone.localdate(),
                payment_reference="TCMZ-2026-A-" + str(application.pk).zfill(3),
                by=bureau,
            )
        if story == "completed":
            services.subsidy_application_disburse(
                application=application,
                amount=application.approved_amount - half,
                paid_on=timezone.localdate(),
                payment_reference="TCMZ-2026-B-" + str(application.pk).zfill(3),
                by=bureau,
            )
