"""Demo data of tenders: the 2026 working-day calendar (State Council notice), and a tender
index with three tenders in both languages: one open, one upcoming and one closed."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Site

from cms.models import HomePage
from incubator.seeding import SeedLog, demo_step
from tenders.calendar_2026 import CALENDAR_2026
from tenders.models import CalendarDay, TenderCriterion, TenderIndexPage, TenderPage
from tenders.workflow import sync_tender_workflow

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
    """Public holidays and make-up working days of 2026."""
    for day, kind, name in CALENDAR_2026:
        _, created = CalendarDay.objects.get_or_create(
            date=day, defaults={"kind": kind, "name": name}
        )
        if created:
            log.add(f"calendar day {day:%Y-%m-%d}")


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
    """A tender index under each home page, and three tenders in both languages."""
    homes = _homes()
    if "zh-hans" not in homes:
        return
    now = timezone.now().replace(hour=17, minute=0, second=0, microsecond=0)
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
                required_documents="登记证书\n上年度财务报表" if code == "zh-hans" else "",
            )
            page.criteria = [
                TenderCriterion(name=name, weight=weight, is_price=n == 2, sort_order=n)
                for n, (name, weight) in enumerate(CRITERIA[code])
            ]
            page = _add(log, indexes[code], page, source)
            source = source or page
