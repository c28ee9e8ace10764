"""Demo data of tenders: the 2026 working-day calendar confirmed against the State Council's
notice (2027 waits for an officer), and a tender
index with five tenders in both languages: open, upcoming, under evaluation and two awarded
(the day-care centre in 城厢镇 and home care in 沙溪镇, ``tools.demo.home_care``)."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Site

from cms.models import HomePage
from tenders.models import CalendarYear, TenderCriterion, TenderIndexPage, TenderPage
from tenders.services.calendar_years import calendar_year_confirm
from tenders.workflow import sync_tender_workflow
from tools.demo.contracts import challenge_answered
from tools.demo.seeding import SeedLog, demo_step

INDEX = {
    "slug": "tenders",
    "zh-hans": {"title": "政府购买服务", "intro": "<p>民政局公开招标的社会服务项目。</p>"},
    "en": {"title": "Service tenders", "intro": "<p>Public services the bureau buys.</p>"},
}
CRITERIA = {
    "zh-hans": [("服务方案", 45), ("团队与经验", 25), ("价格", 30)],
    "en": [("Service plan", 45), ("Team and experience", 25), ("Price", 30)],
}
# (slug, reference, category, ceiling, opens in days, deadline in days, zh, en)
TENDERS = [
    (
        "home-care-chengxiang-2027",
        "TCMZ-2026-011",
        "home_care",
        "360000.00",
        -10,
        20,
        (
            "城厢镇居家养老上门服务项目",
            "为城厢镇约二百名失能、半失能老人提供助餐、助洁、助浴等上门服务。",
        ),
        (
            "Home care in Chengxiang",
            "Meals, cleaning and bathing at home for about 200 frail elderly.",
        ),
    ),
    (
        "youth-mental-health-2027",
        "TCMZ-2026-012",
        "mental_health",
        "180000.00",
        15,
        45,
        ("青少年心理健康辅导项目", "在五所中学开展心理健康讲座与个案辅导。"),
        ("Youth mental health support", "Talks and counselling in five secondary schools."),
    ),
    (
        "day-care-chengxiang-2027",
        "TCMZ-2026-005",
        "elderly_day_care",
        "480000.00",
        # Awarded long enough ago for its contract to have six months of reports filed, a
        # seventh overdue whatever the day of the month.
        -320,
        -280,
        (
            "城厢镇日间照料中心运营服务项目",
            "运营城厢镇日间照料中心，为六十名老人提供日托、助餐、康复和文娱活动。",
        ),
        (
            "Running the Chengxiang day-care centre",
            "Day care, meals, rehabilitation and activities for sixty older people.",
        ),
    ),
    (
        "home-care-shaxi-2026",
        "TCMZ-2026-003",
        "home_care",
        "240000.00",
        # Awarded in the spring: its provider has served residents at home for months.
        -300,
        -270,
        (
            "沙溪镇居家养老上门服务项目",
            "为沙溪镇半泾村、松南社区的高龄和失能老人提供助洁、助浴、陪同就医等上门服务。",
        ),
        (
            "Home care in Shaxi",
            "Cleaning, bathing and escorts to the doctor at home for frail older people.",
        ),
    ),
    (
        "volunteer-hub-loujiang-2026",
        "TCMZ-2026-008",
        "volunteering",
        "120000.00",
        -60,
        -20,
        ("娄江社区志愿服务站运营项目", "运营娄江社区志愿服务站，组织常态化志愿服务。"),
        ("Loujiang volunteer centre", "Running the Loujiang volunteer centre all year round."),
    ),
]


@demo_step(order=80)
def seed_calendar_2026(log: SeedLog) -> None:
    """The 2026 calendar, confirmed by the demo bureau officer against the State Council
    General Office's notice of 4 November 2025; the ``holidays`` package matches it day by
    day, so the bureau needs no override."""
    from django.contrib.auth import get_user_model

    if CalendarYear.objects.filter(year=2026).exists():
        return
    officer = get_user_model().objects.filter(username="bureau").first()
    calendar_year_confirm(
        year=2026,
        notice_number="国务院办公厅关于2026年部分节假日安排的通知",
        notice_published_on=date(2025, 11, 4),
        note="演示数据：通知全文见中国政府网。",
        by=officer,
    )
    log.add("calendar year 2026 confirmed")


def _homes() -> dict:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or not isinstance(site.root_page.specific, HomePage):
        return {}
    home = site.root_page.specific
    homes = {home.locale.language_code: home}
    for translation in home.get_translations():
        homes[translation.locale.language_code] = translation.specific
    return homes


def _add(log: SeedLog, parent, page, source=None):
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    page.locale = parent.locale
    if source is not None:
        page.translation_key = source.translation_key
    parent.add_child(instance=page)
    page.save_revision().publish()
    log.add(f"{parent.locale.language_code} page {page.slug}")
    return page


@demo_step(order=81)
def seed_tenders(log: SeedLog) -> None:
    """A tender index under each home page, and the five tenders in both languages."""
    homes = _homes()
    if "zh-hans" not in homes:
        return
    now = timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0)
    indexes, source_index = {}, None
    for code in ("zh-hans", "en"):
        if code not in homes:
            continue
        page = TenderIndexPage(
            title=INDEX[code]["title"],
            slug=INDEX["slug"],
            intro=INDEX[code]["intro"],
            show_in_menus=True,
        )
        indexes[code] = _add(log, homes[code], page, source_index)
        source_index = source_index or indexes[code]
    sync_tender_workflow()
    for slug, reference, category, ceiling, opens, deadline, zh, en in TENDERS:
        source = None
        for code, (title, summary) in (("zh-hans", zh), ("en", en)):
            if code not in indexes:
                continue
            page = TenderPage(
                title=title,
                slug=slug,
                reference=reference,
                commissioning_body="太仓市民政局"
                if code == "zh-hans"
                else "Taicang Civil Affairs Bureau",
                category=category,
                summary=summary,
                budget_ceiling=Decimal(ceiling),
                contract_months=12,
                opens_at=now + timedelta(days=opens),
                deadline=now + timedelta(days=deadline),
                clarification_cutoff_hours=72,
                eligible_stages=["incubating", "graduated"],
                credit_code_required=True,
                min_months_incubated=3,
                required_documents="登记证书\n上年度财务报表"
                if code == "zh-hans"
                else "Registration certificate\nFinancial statements of the previous year",
            )
            page.criteria = [
                TenderCriterion(name=name, weight=weight, is_price=n == 2, sort_order=n)
                for n, (name, weight) in enumerate(CRITERIA[code])
            ]
            page = _add(log, indexes[code], page, source)
            source = source or page


def _bid(tender, name: str, price: str, now):
    from django.core.files.base import ContentFile

    from incubator.models import Organisation
    from tenders.services.bids import bid_submit
    from tools.demo.incubation_stages import demo_pdf

    organisation = Organisation.objects.get(name=name)
    admin = organisation.memberships.get(role="admin", ended_at__isnull=True).user
    return bid_submit(
        tender=tender,
        organisation=organisation,
        fields={
            "method_statement": "设立服务站点，配备社工督导，按月提交服务报告。",
            "staffing_plan": "社工督导一名、持证社工两名、护理员若干。",
            "price": Decimal(price),
            "declaration": True,
        },
        files=[ContentFile(demo_pdf(), name="服务方案.pdf")],
        by=admin,
        now=now,
    )


def evaluated_and_awarded(
    tender, bids, *, marks, comment, evaluator, bureau, after, rationale, deliverables
):
    """``evaluator`` assigned, no conflicts declared and ``marks`` given (per bid, one per
    criterion other than price) at ``after``; the tender then awarded at ``after`` to the
    first bid at its price, for twelve months from thirty days later."""
    from tenders.services.awards import tender_award
    from tenders.services.evaluation import bid_score, conflicts_declare, evaluator_assign

    evaluator_assign(tender=tender, user=evaluator, by=bureau)
    conflicts_declare(
        tender=tender, by=evaluator, lines={bid.pk: ("none", "") for bid in bids}, now=after
    )
    criteria = [c for c in tender.criteria.all() if not c.is_price]
    for bid, bid_marks in zip(bids, marks, strict=True):
        scores = {
            criterion.pk: (Decimal(mark), comment)
            for criterion, mark in zip(criteria, bid_marks, strict=True)
        }
        bid_score(bid=bid, by=evaluator, scores=scores, now=after)
    return tender_award(
        tender=tender,
        bid=bids[0],
        amount=bids[0].price,
        rationale=rationale,
        contract_starts_on=timezone.localdate(after) + timedelta(days=30),
        contract_months=12,
        deliverables=deliverables,
        by=bureau,
        now=after,
    )


@demo_step(order=85)
def seed_tender_process(log: SeedLog) -> None:
    """Bids, a clarification, an evaluation and an award, so every status has an example: the
    open tender has bids (one from orgadmin's organisation) and an answered question; the
    closed volunteer tender is under evaluation by ``evaluator``; the day-care tender was
    awarded two days after its deadline and, its challenge window over, has its contract."""
    from django.contrib.auth import get_user_model

    from incubator.models import Organisation
    from tenders.models import TenderBid
    from tenders.services.awards import award_finalise
    from tenders.services.clarifications import clarification_answer, clarification_ask
    from tenders.services.evaluation import evaluator_assign

    if TenderBid.objects.exists():
        return
    tenders = {
        page.reference: page.tender
        for page in TenderPage.objects.filter(locale__language_code="zh-hans").select_related(
            "tender"
        )
    }
    if "TCMZ-2026-005" not in tenders:
        return
    users = {user.username: user for user in get_user_model().objects.all()}
    bureau, evaluator = users["bureau"], users["evaluator"]

    home_care = tenders["TCMZ-2026-011"]
    _bid(home_care, "太仓市颐康居家养老服务中心", "338000.00", None)
    question = clarification_ask(
        tender=home_care,
        organisation=Organisation.objects.get(name="太仓市浮桥镇邻里志愿者协会"),
        question="上门服务是否需要覆盖周末和法定节假日？",
        by=users["otherorg"],
    )
    clarification_answer(
        clarification=question,
        answer="需要。周末和法定节假日按每日不少于四小时安排上门服务。",
        by=bureau,
    )
    log.add("bids and an answered question on TCMZ-2026-011")

    volunteer = tenders["TCMZ-2026-008"]
    before = volunteer.deadline - timedelta(days=3)
    _bid(volunteer, "太仓市浮桥镇邻里志愿者协会", "112000.00", before)
    _bid(volunteer, "太仓市浏河镇渔港志愿服务队", "98000.00", before)
    evaluator_assign(tender=volunteer, user=evaluator, by=bureau)
    log.add("TCMZ-2026-008 under evaluation")

    day_care = tenders["TCMZ-2026-005"]
    before = day_care.deadline - timedelta(days=2)
    bids = [
        _bid(day_care, "太仓市颐康居家养老服务中心", "452000.00", before),
        _bid(day_care, "太仓市科教新城青苗课后托管中心", "430000.00", before),
    ]
    award = evaluated_and_awarded(
        day_care,
        bids,
        marks=[(42, 23), (30, 15)],
        comment="方案具体，人员配置充分。",
        evaluator=evaluator,
        bureau=bureau,
        after=day_care.deadline + timedelta(days=2),
        rationale="综合得分最高：服务方案完整，持证社工配置充分，报价在预算以内。",
        deliverables="每月服务报告；每季度服务对象满意度调查；年度服务评估报告。",
    )
    log.add("TCMZ-2026-005 awarded")
    challenge_answered(log, award, by=bureau)
    if award_finalise(award=award) is not None:
        log.add("TCMZ-2026-005 contract signed after the challenge window")
