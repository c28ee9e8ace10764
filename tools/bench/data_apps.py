"""Bulk builder of tenders, bids and subsidy applications for the bench (see ``data``).

Tender pages are Wagtail pages in a treebeard tree, and Django's ``bulk_create`` refuses a
multi-table child: the ``Page`` rows go in with ``bulk_create`` (paths computed here, after the
index's last child), then each ``TenderPage`` row with a raw insert of its own table only
(``save_base(raw=True)``, which also skips the search and reference index signals)."""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.utils import timezone

from wagtail.models import Page

from incubator.models import Organisation
from subsidies.models import Scheme, StaffLine, SubsidyApplication
from tenders.models import (
    ServiceCategory,
    Tender,
    TenderBid,
    TenderCriterion,
    TenderIndexPage,
    TenderPage,
)
from tools.bench.data import BATCH

BENCH_SCHEMES = 4
CRITERIA = [("服务方案", 45, False), ("团队与经验", 25, False), ("价格", 30, True)]


def _tender_index() -> TenderIndexPage:
    """The Chinese tender index of the demo site (the default site's tree)."""
    return TenderIndexPage.objects.filter(locale__language_code="zh-hans").order_by("pk").first()


def tenders(target: int) -> None:
    """Published tender pages under the Chinese index: a tenth upcoming, four tenths open,
    half past their deadline."""
    needed = target - TenderPage.objects.count()
    index = _tender_index()
    if needed <= 0 or index is None:
        return
    now = timezone.now()
    last = index.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    first = TenderPage.objects.filter(reference__startswith="BENCH-").count()
    content_type = ContentType.objects.get_for_model(TenderPage)
    pages, details = [], []
    for offset in range(needed):
        n = first + offset
        slug = f"bench-tender-{n:04d}"
        # Tender 0 is closed, so that even a tiny city has one to award (``data_contracts``).
        phase = (n + 5) % 10
        if phase == 0:
            opens_at, deadline = now + timedelta(days=10), now + timedelta(days=40)
        elif phase < 5:
            opens_at, deadline = now - timedelta(days=10), now + timedelta(days=20 + n % 30)
        else:
            opens_at, deadline = now - timedelta(days=90), now - timedelta(days=1 + n % 60)
        title = f"基准政府购买服务项目{n:04d}"
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=opens_at - timedelta(days=5),
                last_published_at=opens_at - timedelta(days=5),
                url_path=f"{index.url_path}{slug}/",
                depth=index.depth + 1,
                path=Page._get_path(index.path, index.depth + 1, step + offset),
                numchild=0,
            )
        )
        details.append(
            {
                "reference": f"BENCH-{n:05d}",
                "commissioning_body": "太仓市民政局",
                "category": ServiceCategory.values[n % len(ServiceCategory.values)],
                "summary": "为辖区老人提供助餐、助洁、助浴等上门服务，按月报告服务情况。",
                "body": "[]",
                "budget_ceiling": Decimal("100000.00") + n * 100,
                "contract_months": 12,
                "opens_at": opens_at,
                "deadline": deadline,
                "eligible_stages": ["incubating", "graduated"],
            }
        )
    pages = Page.objects.bulk_create(pages, batch_size=BATCH)
    for page, extra in zip(pages, details, strict=True):
        tender = TenderPage(page_ptr_id=page.pk, **_page_values(page), **extra)
        # A raw save skips ``TenderPage.save``: the tender row is made here, with the page's id.
        tender.tender = Tender(id=page.pk, translation_key=page.translation_key)
        tender.tender.follow(tender, force=True)
        tender.save_base(raw=True, force_insert=True)
    TenderCriterion.objects.bulk_create(
        (
            TenderCriterion(page_id=page.pk, name=name, weight=weight, is_price=price, sort_order=n)
            for page in pages
            for n, (name, weight, price) in enumerate(CRITERIA)
        ),
        batch_size=BATCH,
    )
    Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())


def _page_values(page: Page) -> dict:
    return {
        field.attname: getattr(page, field.attname)
        for field in Page._meta.concrete_fields
        if not field.primary_key
    }


def bids(target: int) -> None:
    """Submitted bids spread evenly over the bench tenders that have opened, each from a
    different organisation."""
    needed = target - TenderBid.objects.count()
    if needed <= 0:
        return
    now = timezone.now()
    tender_ids = list(
        TenderPage.objects.filter(reference__startswith="BENCH-", opens_at__lte=now)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    organisations = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    if not tender_ids or not organisations:
        return
    taken = set(TenderBid.objects.values_list("tender_id", "organisation_id"))
    rows, n = [], 0
    while len(rows) < needed and n < needed * 3:
        tender_id = tender_ids[n % len(tender_ids)]
        round_ = n // len(tender_ids)
        organisation_id = organisations[(tender_id * 37 + round_) % len(organisations)]
        n += 1
        if (tender_id, organisation_id) in taken:
            continue
        taken.add((tender_id, organisation_id))
        rows.append(
            TenderBid(
                tender_id=tender_id,
                organisation_id=organisation_id,
                status=TenderBid.Status.SUBMITTED,
                method_statement="设立服务站点，配备社工督导，按月提交服务报告。",
                staffing_plan="社工督导一名、持证社工两名。",
                price=Decimal("90000.00") + (n % 500) * 10,
                declaration=True,
                submitted_at=now - timedelta(days=2),
            )
        )
    TenderBid.objects.bulk_create(rows, batch_size=BATCH)


def _schemes() -> list[Scheme]:
    schemes = list(Scheme.objects.filter(name__startswith="基准").order_by("pk"))
    now = timezone.now()
    for n in range(len(schemes), BENCH_SCHEMES):
        year = now.year - BENCH_SCHEMES + 1 + n
        opens_at = now.replace(year=year, month=1, day=5)
        schemes.append(
            Scheme.objects.create(
                name=f"基准{year}年度社工岗位补贴",
                year=year,
                envelope=Decimal("900000000.00"),
                opens_at=opens_at,
                closes_at=opens_at + timedelta(days=60),
                period_starts_on=opens_at.date().replace(day=1),
                period_months=12,
            )
        )
    return schemes


def subsidy_applications(target: int) -> None:
    """Applications in every status over the bench schemes, two staff lines each; the schemes'
    approved totals are the sum of their approvals, as the services keep them."""
    needed = target - SubsidyApplication.objects.count()
    if needed <= 0:
        return
    schemes = _schemes()
    organisations = Organisation.objects.order_by("pk").values_list("pk", flat=True)
    taken = set(SubsidyApplication.objects.values_list("scheme_id", "organisation_id"))
    statuses = SubsidyApplication.Status
    cycle = [statuses.DRAFT, statuses.SUBMITTED, statuses.SUBMITTED, statuses.RECOMMENDED]
    cycle += [statuses.APPROVED] * 3 + [statuses.COMPLETED, statuses.REJECTED, statuses.WITHDRAWN]
    now = timezone.now()
    eligible = Decimal("72000.00")
    rows = []
    for organisation_id in organisations.iterator():
        for scheme in schemes:
            if len(rows) >= needed:
                break
            if (scheme.pk, organisation_id) in taken:
                continue
            status = cycle[(organisation_id + scheme.pk) % len(cycle)]
            decided = status in (*SubsidyApplication.COMMITTED, statuses.REJECTED)
            committed = status in SubsidyApplication.COMMITTED
            rows.append(
                SubsidyApplication(
                    scheme=scheme,
                    organisation_id=organisation_id,
                    status=status,
                    eligible_total=eligible,
                    approved_amount=eligible if committed else None,
                    disbursed_total=eligible if status == statuses.COMPLETED else Decimal(0),
                    rejection_reason="不符合条件。" if status == statuses.REJECTED else "",
                    submitted_at=now if status != statuses.DRAFT else None,
                    decided_at=now if decided else None,
                    completed_at=now if status == statuses.COMPLETED else None,
                    withdrawn_at=now if status == statuses.WITHDRAWN else None,
                )
            )
        if len(rows) >= needed:
            break
    rows = SubsidyApplication.objects.bulk_create(rows, batch_size=BATCH)
    StaffLine.objects.bulk_create(
        (
            StaffLine(
                application_id=application.pk,
                position=position,
                name=f"员工{position + 1}",
                title="社工",
                employment_started_on=scheme_start,
                monthly_salary=Decimal("6000.00"),
                months=12,
                eligible_amount=eligible / 2,
            )
            for application in rows
            for scheme_start in [application.scheme.period_starts_on]
            for position in range(2)
        ),
        batch_size=BATCH,
    )
    for scheme in schemes:
        totals = scheme.applications.filter(status__in=SubsidyApplication.COMMITTED).aggregate(
            approved=Sum("approved_amount"), disbursed=Sum("disbursed_total")
        )
        approved = totals["approved"] or Decimal(0)
        Scheme.objects.filter(pk=scheme.pk).update(
            # At ten times the city the approvals outgrow the bench's envelope: it grows too.
            envelope=max(scheme.envelope, approved),
            approved_total=approved,
            disbursed_total=totals["disbursed"] or 0,
        )
