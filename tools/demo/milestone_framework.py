"""Demo data of capacity building's framework: the milestones every incubated organisation
works towards (governance, finance, people, service, partnerships, monitoring), the same in
both hubs as the bureau's guidance recommends."""

from incubator.models import Hub, MilestoneArea, MilestoneTemplate
from tools.demo.seeding import SeedLog, demo_step

# area, title, description, required, due after months
DEMO_FRAMEWORK = [
    (
        MilestoneArea.GOVERNANCE,
        "完成登记或备案",
        "取得民政部门登记证书（或镇级社区社会组织备案），上传证书扫描件。",
        True,
        3,
    ),
    (
        MilestoneArea.GOVERNANCE,
        "理事会按章程召开会议",
        "理事会每半年至少召开一次会议，上传会议纪要和签到表。",
        True,
        6,
    ),
    (
        MilestoneArea.FINANCE,
        "建立财务管理制度",
        "制定财务管理、报销审批和票据管理制度，并经理事会通过。",
        True,
        4,
    ),
    (
        MilestoneArea.FINANCE,
        "完成首份年度财务报告",
        "由会计师事务所出具或经孵化基地财务顾问审阅的年度财务报告。",
        True,
        12,
    ),
    (
        MilestoneArea.PEOPLE,
        "签订劳动合同并缴纳社保",
        "专职人员签订劳动合同，按月缴纳社会保险，上传参保证明。",
        True,
        6,
    ),
    (
        MilestoneArea.PEOPLE,
        "一名员工取得社会工作者职业资格",
        "至少一名专职人员取得助理社会工作师或以上资格。",
        False,
        12,
    ),
    (
        MilestoneArea.SERVICE,
        "形成服务标准和服务记录",
        "制定主要服务的流程和标准，建立服务对象档案与服务记录。",
        True,
        6,
    ),
    (
        MilestoneArea.PARTNERSHIPS,
        "承接第一个政府购买服务项目",
        "与镇（街道）或部门签订服务合同，或作为合作方参与项目。",
        False,
        12,
    ),
    (
        MilestoneArea.MONITORING,
        "完成年度服务评估",
        "对照年度计划开展自评，形成服务对象满意度调查报告。",
        True,
        11,
    ),
]


@demo_step(order=70)
def seed_milestone_frameworks(log: SeedLog) -> None:
    """The same capacity framework in both hubs, as the bureau's guidance recommends."""
    for hub in Hub.objects.all():
        for area, title, description, required, months in DEMO_FRAMEWORK:
            _, created = MilestoneTemplate.objects.get_or_create(
                hub=hub,
                title=title,
                defaults={
                    "area": area,
                    "description": description,
                    "is_required": required,
                    "due_after_months": months,
                },
            )
            if created:
                log.add(f"framework milestone {title} of {hub.slug}")
