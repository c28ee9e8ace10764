"""The world every permission check runs in: two organisations in two hubs, and one person for
each role. Objects named in URLs belong to organisation A and hub A."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.models import Site

from incubator.incubation.selectors import live_membership
from incubator.incubation.services.documents import organisation_document_upload
from incubator.incubation.services.milestones import milestone_submit_evidence
from incubator.kernel.roles import Role
from incubator.models import (
    INVITATION_VALID_FOR,
    Incubation,
    Invitation,
    Notification,
    OutgoingEmail,
    Space,
    SpaceAllocation,
    WaitlistEntry,
)
from subsidies.services.vouchers import credit_run
from tenders.models import (
    CalendarDay,
    CalendarYear,
    Contract,
    ContractAcceptance,
    ContractEvaluatorGrant,
    ContractTranche,
    KpiTemplate,
    Survey,
    SurveyQuestion,
    TenderAward,
    TenderClarification,
)
from tenders.services.contract_evaluation import contract_evaluation_submit
from tests.factories import (
    HubFactory,
    MilestoneTemplateFactory,
    OrganisationFactory,
    draft_application,
    intake_application,
    issue_letter,
    manager_of,
    mark_rendered,
    member_of,
    milestone_for,
    scheme_factory,
    staff_with_role,
    submitted_application,
    submitted_bid,
    tender_page,
)
from tests.factories.delivery import file_report, with_kpis

ACTORS = [
    "anonymous",
    "org_a_admin",
    "org_a_member",
    "org_b_admin",
    "hub_a_manager",
    "hub_b_manager",
    "evaluator",
    "contract_evaluator",
    "bureau",
    "site_admin",
    "community_a_worker",
]
PDF = b"%PDF-1.7\n%%EOF\n"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)


def build_world() -> World:
    world = World()
    hub_a, hub_b = HubFactory(name="甲基地"), HubFactory(name="乙基地")
    org_a = OrganisationFactory(hub=hub_a, name="甲机构")
    org_b = OrganisationFactory(hub=hub_b, name="乙机构")
    users = world.users
    users["anonymous"] = None
    users["org_a_admin"] = member_of(org_a, "admin", username="org_a_admin")
    users["org_a_member"] = member_of(org_a, "member", username="org_a_member")
    users["org_b_admin"] = member_of(org_b, "admin", username="org_b_admin")
    users["hub_a_manager"] = manager_of(hub_a, username="hub_a_manager")
    users["hub_b_manager"] = manager_of(hub_b, username="hub_b_manager")
    users["evaluator"] = staff_with_role(Role.EVALUATOR, username="evaluator")
    users["contract_evaluator"] = staff_with_role(
        Role.CONTRACT_EVALUATOR, username="contract_evaluator"
    )
    users["bureau"] = staff_with_role(Role.BUREAU_OFFICER, username="bureau")
    users["site_admin"] = staff_with_role(Role.SITE_ADMIN, username="site_admin")
    now = timezone.now()
    world.objects = {
        "hub": hub_a,
        "organisation": org_a,
        "membership": live_membership(users["org_a_member"]),
        "invitation": Invitation.objects.create(
            organisation=org_a,
            email="new@example.org",
            invited_by=users["org_a_admin"],
            created_at=now,
            expires_at=now + INVITATION_VALID_FOR,
        ),
        "document": organisation_document_upload(
            organisation=org_a,
            title="登记证书",
            kind="registration_certificate",
            file=SimpleUploadedFile("c.pdf", PDF),
            by=users["org_a_admin"],
        ),
        "site": Site.objects.get(is_default_site=True),
    }
    world.objects["letter"] = mark_rendered(issue_letter(org_a))
    world.objects["intake"] = intake_application(hub_a)
    world.objects["space"] = Space.objects.create(
        hub=hub_a, code="A-201", kind="private_office", seats=4
    )
    today = timezone.localdate()
    incubation = Incubation.objects.create(
        organisation=org_a,
        hub=hub_a,
        # From the start of the subsidy schemes' period (2026), whose months it must cover.
        started_on=min(today - timedelta(days=30), date(2026, 1, 1)),
        planned_end_on=today + timedelta(days=365),
    )
    world.objects["allocation"] = SpaceAllocation.objects.create(
        space=world.objects["space"],
        organisation=org_a,
        incubation=incubation,
        seats=2,
        starts_on=today,
        ends_on=today + timedelta(days=90),
    )
    world.objects["waitlist_entry"] = WaitlistEntry.objects.create(
        hub=hub_a, organisation=org_a, seats_wanted=2, wanted_from=today
    )
    world.objects["milestone_template"] = MilestoneTemplateFactory(hub=hub_a)
    milestone = milestone_for(org_a)
    milestone_submit_evidence(
        milestone=milestone,
        note="会议纪要",
        files=[SimpleUploadedFile("minutes.pdf", PDF)],
        by=users["org_a_admin"],
    )
    world.objects["milestone"] = milestone
    world.objects["evidence"] = milestone.evidence.get()
    _add_subsidies(world, hub_a, org_a, org_b)
    _add_tender(world, users, org_a, now)
    world.objects["outgoing_email"] = OutgoingEmail.objects.create(
        recipient="gu.min@example.org",
        subject="邮箱确认",
        body="…",
        status=OutgoingEmail.Status.FAILED,
        attempts=5,
        failed_at=now,
    )
    world.objects["notification"] = Notification.objects.create(
        user=users["org_a_admin"], title_zh="通知", title_en="Notice", link_name="portal:dashboard"
    )
    users["community_a_worker"] = _add_voucher_holders(world, users)
    return world


def _add_subsidies(world: World, hub_a, org_a, org_b) -> None:
    """A scheme of hub A with a submitted application of organisation A (and its payroll), a
    draft of A under a scheme open to every hub, and a third open scheme nobody applied to."""
    scheme = scheme_factory(hubs=[hub_a])
    application = submitted_application(org_a, scheme)
    world.objects["scheme"] = scheme
    world.objects["subsidy_application"] = application
    world.objects["subsidy_attachment"] = application.attachments.get()
    world.objects["subsidy_draft"] = draft_application(org_a, scheme_factory())
    world.objects["open_scheme"] = scheme_factory()


def _add_contract_delivery(world: World, users: dict) -> None:
    """KPIs on A's contract, its first report submitted with a file, and a KPI template."""
    contract = with_kpis(world.objects["contract"], users["bureau"])
    report = file_report(contract.reports.get(number=1), users["org_a_admin"])
    world.objects["contract_report"] = report
    world.objects["report_evidence"] = report.evidence.get()
    world.objects["contract_tranche"] = ContractTranche.objects.create(
        contract=contract, number=1, amount=Decimal("1000.00"), report=report
    )
    world.objects["kpi_template"] = KpiTemplate.objects.order_by("pk").first()
    # A residents' survey of A's contract open now, asking a seeded question (stored as it
    # stands: the world's contract starts later, which scheduling would refuse).
    # (A test that flushed the database took the migration's questions away: one is made.)
    world.objects["survey_question"] = SurveyQuestion.objects.order_by(
        "pk"
    ).first() or SurveyQuestion.objects.create(
        category="elderly_day_care", text="您对照料服务满意吗？", position=1
    )
    survey = Survey.objects.create(
        contract=contract,
        opens_on=timezone.localdate() - timedelta(days=1),
        closes_on=timezone.localdate() + timedelta(days=7),
        created_by=users["bureau"],
    )
    survey.questions.set([world.objects["survey_question"]])
    world.objects["survey"] = survey
    # A draft acceptance of A's contract (stored as it stands, for the bureau's actions on it).
    world.objects["acceptance"] = ContractAcceptance.objects.create(
        contract=contract,
        number=1,
        kind="interim",
        held_on=contract.starts_on,
        period_starts_on=contract.starts_on,
        period_ends_on=contract.starts_on,
        participants_unnamed=2,
    )
    _add_contract_evaluation(world, users)
    _add_service_site(world, contract)
    _add_vouchers(world, users, contract)


def _add_service_site(world: World, contract) -> None:
    """A day-care centre run under A's contract (in the city's premises, with hours and
    prices), with a resident's comment waiting."""
    from tenders.models import FeedbackCode
    from tenders.services.complaints import complaint_file
    from tenders.services.feedback import feedback_submit
    from tests.factories.sites import city_handover, price, service_site, weekday_hours

    site = service_site(contract)
    world.objects["service_site"] = site
    # What it offers: weekday hours, a price list with a voucher price, the city's premises.
    weekday_hours(site)
    price(site, "日间照料（全天）", "30.00", "20.00")
    city_handover(site)
    FeedbackCode.objects.create(site=site, code="abcd2345", batch=1)
    world.objects["feedback_response"] = feedback_submit(
        site=site, rating=4, comment="饭菜可口。", device_token="world"
    )
    # A complaint left unanswered past its due date: it has come to the bureau.
    world.objects["complaint"] = complaint_file(
        site=site,
        category="meals",
        description="午饭送到时已经凉了。",
        now=timezone.now() - timedelta(days=30),
    )


def _add_contract_evaluation(world: World, users: dict) -> None:
    """The third-party evaluator's running access to A's contract, declared clear, and their
    evaluation report with its file."""
    today = timezone.localdate()
    grant = ContractEvaluatorGrant.objects.create(
        contract=world.objects["contract"],
        evaluator=users["contract_evaluator"],
        evaluating_organisation="苏州某评估中心",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=30),
        granted_at=timezone.now(),
        granted_by=users["bureau"],
        declared_at=timezone.now(),
        conflict="none",
    )
    world.objects["evaluator_grant"] = grant
    world.objects["evaluation_report"] = contract_evaluation_submit(
        grant=grant,
        findings="服务记录完整。",
        recommended_grade="good",
        score="85",
        file=SimpleUploadedFile("evaluation.pdf", PDF),
        by=users["contract_evaluator"],
    )


def _add_tender(world: World, users: dict, org_a, now) -> None:
    """A tender past its deadline with organisation A's bid, a question and an award."""
    tender = tender_page(opens_at=now - timedelta(days=20), deadline=now - timedelta(days=1))
    bid = submitted_bid(
        tender,
        org_a,
        users["org_a_admin"],
        files=[SimpleUploadedFile("plan.pdf", PDF)],
        now=now - timedelta(days=2),
    )
    world.objects["tender"] = tender
    world.objects["bid"] = bid
    world.objects["attachment"] = bid.attachments.get()
    world.objects["clarification"] = TenderClarification.objects.create(
        tender=tender.tender,
        organisation=org_a,
        question="是否接受联合体投标？",
        asked_at=now - timedelta(days=5),
        asked_by=users["org_a_member"],
    )
    today = timezone.localdate()
    world.objects["award"] = TenderAward.objects.create(
        tender=tender.tender,
        bid=bid,
        amount=bid.price,
        rationale="综合得分最高。",
        contract_starts_on=today + timedelta(days=30),
        contract_months=12,
        deliverables="每月服务报告。",
        decided_at=now,
        notice_ends_on=today + timedelta(days=1),
        challenge_ends_on=today + timedelta(days=10),
    )
    world.objects["contract"] = Contract.objects.create(
        award=world.objects["award"],
        tender=tender.tender,
        organisation=org_a,
        value=bid.price,
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=395),
        deliverables="每月服务报告。",
    )
    _add_contract_delivery(world, users)
    world.objects["calendar_day"] = CalendarDay.objects.create(
        date=today.replace(month=10, day=1), kind=CalendarDay.Kind.HOLIDAY, name="国庆节"
    )
    world.objects["calendar_year"] = CalendarYear.objects.create(
        year=today.year - 1,
        notice_number="国办发明电〔测试〕1号",
        notice_published_on=today.replace(year=today.year - 2, month=11, day=1),
        confirmed_at=timezone.now(),
    )


def _add_vouchers(world: World, users: dict, contract) -> None:
    """A site of A's contract taking care vouchers, the scheme in force, a holder with this
    month's credit, and a home visit to them recorded by A's member with a signed receipt."""
    from subsidies.services.redemptions import redemption_record
    from tests.factories.redemptions import (
        credited_holder,
        receipt_photo,
        service_of,
        voucher_site,
    )
    from tests.factories.vouchers import voucher_scheme

    site = voucher_site(contract, name="东林助餐点")
    holder = credited_holder(voucher_scheme(), months=[timezone.localdate()])
    world.objects["redemption"] = redemption_record(
        by=users["org_a_member"],
        site=site,
        service=service_of(site, "上门照护"),
        resident_card=holder.card_number,
        receipt_photo=receipt_photo(),
        served_at=timezone.now() - timedelta(hours=2),
        duration_minutes=60,
    )
    _add_claims(world, users, contract)


def _add_claims(world: World, users: dict, contract) -> None:
    """A claim of A for last month with its sample drawn (one sampled service waiting to be
    checked); this month's service is the month A's admin may claim."""
    from subsidies.models import Claim, ClaimSampleItem

    month = timezone.localdate().replace(day=1)
    last = (month - timedelta(days=1)).replace(day=1)
    claim = Claim.objects.create(
        organisation=contract.organisation,
        month=last,
        status=Claim.Status.SAMPLE_DRAWN,
        submitted_at=timezone.now(),
        submitted_by=users["org_a_admin"],
    )
    world.objects["voucher_claim"] = claim
    world.objects["claim_sample_item"] = ClaimSampleItem.objects.create(
        claim=claim, redemption=world.objects["redemption"]
    )
    _add_anomaly(world, contract)


def _add_anomaly(world: World, contract) -> None:
    """An open flag on A's home visit (the bureau's oversight)."""
    from subsidies.models import VoucherAnomaly

    redemption = world.objects["redemption"]
    world.objects["voucher_anomaly"] = VoucherAnomaly.objects.create(
        kind="after_closure",
        subject=f"world-{redemption.pk}",
        redemption=redemption,
        resident=redemption.resident,
        organisation=contract.organisation,
        month=timezone.localdate().replace(day=1),
        raised_at=timezone.now(),
    )


def _add_voucher_holders(world: World, users: dict):
    """Care vouchers: community A with its worker and a holder, community B with one, the
    scheme in force and a month's credit run. Returns community A's worker."""
    from subsidies.models import VoucherScheme
    from tests.factories.vouchers import community, community_worker, enrolled, voucher_scheme

    community_a, community_b = community("城厢镇", "甲社区"), community("沙溪镇", "乙社区")
    worker = community_worker(community_a, username="community_a_worker")
    bureau = users["bureau"]
    # The redemptions' part of the world may have put the scheme in force already.
    scheme = VoucherScheme.objects.filter(active=True).first() or voucher_scheme()
    world.objects["community"] = community_a
    world.objects["voucher_scheme"] = scheme
    world.objects["voucher_holder"] = enrolled(community_=community_a, by=bureau, given_name="甲")
    world.objects["voucher_holder_b"] = enrolled(community_=community_b, by=bureau, given_name="乙")
    world.objects["credit_run"] = credit_run(
        scheme=scheme, month=date(2026, 3, 1), by=bureau, now=date(2026, 12, 4)
    )
    return worker
