"""One letter of each kind, issued by the service that issues it in real use."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from incubator.incubation.services.incubations import incubation_graduate
from incubator.incubation.services.intake import intake_admit
from incubator.kernel.roles import Role
from incubator.models import Letter, Milestone
from subsidies.services import (
    subsidy_application_approve,
    subsidy_application_recommend,
    subsidy_application_save_draft,
    subsidy_application_submit,
)
from tenders.services.awards import tender_award
from tenders.services.evaluation import bid_score, conflicts_declare, evaluator_assign
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    build_public_site,
    bureau_officer,
    incubation_for,
    intake_application,
    letterhead_settings,
    manager_of,
    member_of,
    milestone_for,
    payroll,
    scheme_factory,
    staff_with_role,
    submitted_bid,
    tender_index,
    tender_page,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
ORGANISATION = "太仓市颐康居家养老服务中心"
STAFF = [
    ("陈丽华", "项目主管", "social_worker", "6800.00"),
    ("杨帆", "社工", "assistant", "5600.00"),
    ("周婷", "护理员", "none", "4800.00"),
]


@pytest.fixture
def letterhead(db):
    return letterhead_settings()


@pytest.fixture
def admission_letter(letterhead):
    hub = HubFactory(name="太仓市瑞安社会工作服务中心孵化基地")
    application = intake_application(hub, name=ORGANISATION)
    organisation = intake_admit(
        application=application, started_on=date(2027, 1, 1), months=12, by=manager_of(hub)
    )
    return organisation.letters.get(kind="admission")


@pytest.fixture
def subsidy_award_letter(letterhead):
    organisation = OrganisationFactory(name=ORGANISATION)
    incubation_for(organisation, started_on=date(2025, 12, 1), planned_end_on=date(2027, 11, 30))
    admin = member_of(organisation, "admin")
    scheme = scheme_factory(
        name="2026年度社会组织专职人员岗位补贴",
        hubs=[organisation.hub],
        envelope=Decimal("500000.00"),
    )
    lines = [
        {
            "name": name,
            "title": title,
            "qualification": qualification,
            "employment_started_on": date(2025, 7, 1),
            "monthly_salary": Decimal(salary),
            "months": 12,
        }
        for name, title, qualification, salary in STAFF
    ]
    application = subsidy_application_save_draft(
        scheme=scheme, organisation=organisation, lines=lines, attachments=[payroll()], by=admin
    )
    application = subsidy_application_submit(application=application, by=admin)
    application = subsidy_application_recommend(
        application=application,
        note="人员在岗，材料齐全，建议批准。",
        by=manager_of(organisation.hub),
    )
    application = subsidy_application_approve(
        application=application,
        conditions="补贴资金专款专用；人员离职的，应在一个月内书面报告。",
        by=bureau_officer(),
    )
    return application.award_letter


@pytest.fixture
def tender_letters(letterhead):
    """The award and regret letters of a tender awarded on 30 April 2026."""
    site = build_public_site(guidance_count=0)
    tender = tender_page(
        tender_index(site.home_zh),
        title="2027年度城厢镇居家养老上门服务项目",
        opens_at=datetime(2026, 4, 1, 9, 0, tzinfo=SHANGHAI),
        deadline=datetime(2026, 4, 20, 17, 0, tzinfo=SHANGHAI),
    )
    officer = bureau_officer()
    evaluator = staff_with_role(Role.EVALUATOR)
    evaluator_assign(tender=tender, user=evaluator, by=officer)
    bids = []
    for n, price in enumerate(("200000.00", "250000.00")):
        organisation = OrganisationFactory(name=f"{ORGANISATION}{n or ''}")
        incubation_for(organisation)
        admin = member_of(organisation, "admin")
        bids.append(
            submitted_bid(
                tender, organisation, admin, price=price, now=tender.deadline - timedelta(hours=1)
            )
        )
    conflicts_declare(tender=tender, by=evaluator, lines={b.pk: ("none", "") for b in bids})
    for bid in bids:
        bid_score(
            bid=bid,
            by=evaluator,
            scores={
                c.pk: (Decimal(c.weight - 5), "评语")
                for c in tender.criteria.all()
                if not c.is_price
            },
        )
    award = tender_award(
        tender=tender,
        bid=bids[0],
        amount=Decimal("200000.00"),
        rationale="综合得分第一。",
        contract_starts_on=date(2027, 1, 1),
        contract_months=12,
        deliverables="每月上门服务不少于八次。",
        by=officer,
        now=datetime(2026, 4, 30, 10, 0, tzinfo=SHANGHAI),
    )
    letters = Letter.objects.filter(kind__in=["tender_award", "tender_regret"])
    return award, {letter.kind: letter for letter in letters}


@pytest.fixture
def graduation_letter(letterhead):
    organisation = OrganisationFactory(name=ORGANISATION)
    incubation_for(organisation, started_on=date(2026, 1, 1), planned_end_on=date(2026, 12, 31))
    for title in ("完成登记", "建立财务制度", "承接政府购买服务项目"):
        milestone_for(organisation, title=title, status=Milestone.Status.VERIFIED)
    incubation_graduate(
        organisation=organisation, on=date(2026, 12, 31), by=manager_of(organisation.hub)
    )
    return organisation.letters.get(kind="graduation")
