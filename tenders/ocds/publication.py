"""The OCDS release package of every published tender as an open-data publication
(``incubator.kernel.publications``): built in the background in pages of
``OPEN_DATA_PAGE_SIZE`` tenders linked by ``links.next`` and ``links.prev``, rebuilt when the
fingerprint of what it shows changes, and served from the files the build wrote."""

import hashlib

from django.conf import settings
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone, translation

from incubator.kernel.letterhead import current_letterhead
from incubator.kernel.publications import Publication, page_links, pages_of
from incubator.models import Organisation
from tenders.models import (
    Contract,
    ContractAcceptance,
    ContractAmendment,
    ContractKpi,
    ContractReport,
    ContractTranche,
    TenderAward,
    TenderBid,
    TenderPage,
)
from tenders.ocds.releases import published_tenders, release_package

NAME = "ocds-tenders"


def tenders_url(number: int) -> str:
    """The address of page ``number`` of the package (the first keeps its old one)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/open-data/ocds/tenders"
    return f"{base}.json" if number == 1 else f"{base}-{number}.json"


def tenders_fingerprint() -> str:
    """What the package shows, in a few aggregate queries: the published tenders per derived
    status now (how many, which, when last published), the awards, contracts and sealed bids
    behind them, the organisations' last change, the letterhead and the settings."""
    now = timezone.now()
    tenders = published_tenders().prefetch_related(None).order_by()
    by_status = tenders.aggregate(
        changed=Max("last_published_at"),
        cancelled=Max("cancelled_at"),
        **{
            f"{status}_{kind}": function("pk", filter=condition)
            for status, condition in TenderPage.objects.status_conditions(now).items()
            for kind, function in (("count", Count), ("keys", Sum))
        },
    )
    awards = TenderAward.objects.aggregate(
        count=Count("pk"),
        keys=Sum("pk"),
        decided=Max("decided_at"),
        final=Max("finalised_at"),
        **{
            f"status_{status}": Count("pk", filter=Q(status=status))
            for status in TenderAward.Status.values
        },
    )
    contracts = Contract.objects.aggregate(
        count=Count("pk"),
        changed=Max("created_at"),
        signed=Max("signed_on"),
        value=Sum("value"),
    )
    delivery = (
        ContractKpi.objects.aggregate(count=Count("pk"), keys=Sum("pk"), targets=Sum("target")),
        ContractReport.objects.aggregate(
            accepted=Count("pk", filter=Q(status=ContractReport.Status.ACCEPTED)),
            decided=Max("decided_at"),
            due=Max("due_on"),
            count=Count("pk"),
        ),
        ContractAmendment.objects.aggregate(count=Count("pk"), changed=Max("decided_at")),
        ContractAcceptance.objects.aggregate(published=Max("published_at"), count=Count("pk")),
        ContractTranche.objects.filter(paid_on__isnull=False).aggregate(
            count=Count("pk"), paid=Max("paid_on"), total=Sum("amount")
        ),
    )
    bids = TenderBid.objects.filter(status__in=TenderBid.SEALED).aggregate(
        count=Count("pk"), keys=Sum("pk")
    )
    organisations = Organisation.objects.aggregate(changed=Max("updated_at"))
    letterhead = current_letterhead()
    parts = [
        by_status,
        awards,
        contracts,
        delivery,
        bids,
        organisations,
        (letterhead.bureau_name_zh, letterhead.credit_code),
        settings.OCDS_PREFIX,
        settings.OPEN_DATA_LICENSE,
        settings.OPEN_DATA_PAGE_SIZE,
        settings.WAGTAILADMIN_BASE_URL,
        timezone.localdate(now),  # contracts' status: pending, active, terminated
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def tenders_pages(url_of, page_size: int):
    """The release package cut into pages of ``page_size`` tenders, in Chinese."""
    pages = pages_of(published_tenders(), page_size)
    for number, keys in enumerate(pages, start=1):
        with translation.override(settings.LANGUAGE_CODE):
            package = release_package(published_tenders().filter(pk__in=keys), uri=url_of(number))
        links = page_links(url_of, number, len(pages))
        if links:
            package["links"] = links
        yield package


PUBLICATION = Publication(
    name=NAME, url_of=tenders_url, fingerprint=tenders_fingerprint, build=tenders_pages
)
