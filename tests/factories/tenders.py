"""Tender pages and bids for tests, built like editors and organisations build them."""

import itertools
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Locale, Page

from tenders.models import TenderAward, TenderCriterion, TenderIndexPage, TenderPage
from tenders.services.awards import award_finalise
from tenders.services.bids import bid_submit

from .milestones import incubation_for
from .organisations import OrganisationFactory, member_of
from .pages import default_site

_references = itertools.count(1)

CRITERIA = [("服务方案", 50, False), ("团队与经验", 20, False), ("价格", 30, True)]


def tender_index(parent: Page | None = None, *, slug: str = "tenders") -> TenderIndexPage:
    """The tender index under ``parent`` (by default the default site's root page)."""
    parent = parent or default_site().root_page
    existing = TenderIndexPage.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    index = TenderIndexPage(title="政府购买服务项目", slug=slug, locale=parent.locale)
    parent.add_child(instance=index)
    index.save_revision().publish()
    return index


def tender_page(
    index: TenderIndexPage | None = None,
    *,
    opens_at=None,
    deadline=None,
    publish: bool = True,
    criteria=CRITERIA,
    source: TenderPage | None = None,
    **fields,
) -> TenderPage:
    """A published tender under ``index``, open now unless told otherwise; with ``source``,
    that tender's translation."""
    index = index or tender_index()
    now = timezone.now()
    number = next(_references)
    values = {
        "title": f"第{number}号居家养老服务项目",
        "slug": f"tender-{number}",
        "reference": f"TCMZ-2026-{number:03d}",
        "commissioning_body": "太仓市民政局",
        "category": "home_care",
        "summary": "为城厢镇老人提供居家养老服务。",
        "budget_ceiling": Decimal("300000.00"),
        "contract_months": 12,
        "opens_at": opens_at or now - timedelta(days=10),
        "deadline": deadline or now + timedelta(days=10),
        "clarification_cutoff_hours": 72,
        "credit_code_required": True,
        **fields,
    }
    if source is not None:
        values["reference"] = source.reference
        values["slug"] = source.slug
    page = TenderPage(locale=index.locale, live=publish, **values)
    if source is not None:
        page.translation_key = source.translation_key
    # (name, weight, is price[, is past performance])
    page.criteria = [
        TenderCriterion(
            name=name,
            weight=weight,
            is_price=is_price,
            is_past_performance=bool(past and past[0]),
            sort_order=n,
        )
        for n, (name, weight, is_price, *past) in enumerate(criteria)
    ]
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def en_locale() -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


def submitted_bid(tender, organisation, by, *, price="250000.00", files=(), now=None):
    """A submitted bid, made through the service while the tender is open."""
    return bid_submit(
        tender=tender,
        organisation=organisation,
        fields={
            "method_statement": "每周上门两次。",
            "staffing_plan": "社工三名。",
            "price": Decimal(price),
            "declaration": True,
        },
        files=list(files),
        by=by,
        now=now,
    )


def bidder(name: str | None = None, **fields):
    organisation = OrganisationFactory(**({"name": name} if name else {}), **fields)
    incubation_for(organisation)
    return organisation, member_of(organisation, "admin", first_name="小明", last_name="王")


def awarded(index, *, final: bool = True, prices=("234567.89", "250000.00")):
    """A tender that closed yesterday with two submitted bids, awarded to the first; with
    ``final``, the award is final and its contract made."""
    now = timezone.now()
    tender = tender_page(index, opens_at=now - timedelta(days=20), deadline=now - timedelta(days=1))
    bids = []
    for n, price in enumerate(prices):
        organisation, admin = bidder(f"太仓市投标机构{tender.pk}-{n}")
        bids.append(submitted_bid(tender, organisation, admin, price=price, now=now - timedelta(2)))
    today = timezone.localdate()
    award = TenderAward.objects.create(
        tender=tender.tender,
        bid=bids[0],
        amount=bids[0].price,
        rationale="综合得分最高。",
        contract_starts_on=today + timedelta(days=30),
        contract_months=12,
        deliverables="每月服务报告。",
        decided_at=now - timedelta(hours=1),
        notice_ends_on=today + timedelta(days=1),
        challenge_ends_on=today + timedelta(days=10),
    )
    if final:
        award_finalise(award=award, today=today + timedelta(days=11))
    return tender, bids
