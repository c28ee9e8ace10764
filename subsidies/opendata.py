"""Open data: the approved staff-cost subsidies as a public 360Giving data package
(https://standard.threesixtygiving.org/), at a stable URL outside the language prefixes.

One grant per approved application (approved, being paid or paid in full): the organisation,
the scheme, the amounts awarded and disbursed, the decision date and the scheme's covered
period. Nothing about the staff behind an application is published: no names, no salaries.

Identifiers: a grant is ``360G-<prefix>-<application id>`` with the bureau's 360Giving prefix
(``OPEN_DATA_360G_PREFIX``); a recipient with a unified social credit code is
``CN-USCI-<code>`` (org-id.guide's list code for 统一社会信用代码), one without (registration
pending) ``360G-<prefix>-org-<id>``; the bureau as funder is ``CN-USCI-<its code>`` when the
site settings carry it, ``360G-<prefix>`` until then.

The package is cut into pages of ``OPEN_DATA_PAGE_SIZE`` grants (``/open-data/360giving.json``,
then ``360giving-2.json``...), each a valid package with ``links.next`` and ``links.prev``, built
in the background (``incubator.kernel.publications``) so that a request only reads a file."""

import hashlib
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Max, Sum
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from incubator.kernel.letterhead import current_letterhead
from incubator.kernel.publications import Publication, page_links, pages_of, publication_response
from subsidies.models import Scheme, SubsidyApplication

STANDARD_VERSION = "1.4"


def _amount(value: Decimal | None) -> float:
    # JSON has one number type; amounts have two decimal places and stay far below 2**53
    # cents, so the shortest float representation is exactly the amount in yuan.
    return float(value or 0)


USCI_SCHEME = "CN-USCI"  # org-id.guide: the unified social credit code (统一社会信用代码)


def _recipient_id(organisation, prefix: str) -> str:
    if organisation.credit_code:
        return f"{USCI_SCHEME}-{organisation.credit_code}"
    return f"360G-{prefix}-org-{organisation.pk}"


def _funder() -> dict:
    letterhead = current_letterhead()
    code = letterhead.credit_code
    return {
        "id": f"{USCI_SCHEME}-{code}" if code else f"360G-{settings.OPEN_DATA_360G_PREFIX}",
        "name": letterhead.bureau_name_zh or str(_("Bureau of Civil Affairs")),
    }


def published_grants():
    """The applications published as grants: approved, being paid or paid in full, with the
    organisation and scheme in the same query."""
    return (
        SubsidyApplication.objects.filter(status__in=SubsidyApplication.COMMITTED)
        .select_related("organisation", "scheme")
        .order_by("pk")
    )


def grant(application: SubsidyApplication, *, funder: dict) -> dict:
    """One 360Giving grant for an approved application."""
    prefix = settings.OPEN_DATA_360G_PREFIX
    scheme, organisation = application.scheme, application.organisation
    start, end = scheme.period_starts_on, scheme.period_ends_on
    return {
        "id": f"360G-{prefix}-{application.pk}",
        "title": _("Staff-cost subsidy for %(organisation)s") % {"organisation": organisation.name},
        "description": _(
            "A subsidy of part of the staff salaries of %(organisation)s under the scheme "
            "%(scheme)s, for the period %(start)s to %(end)s."
        )
        % {
            "organisation": organisation.name,
            "scheme": scheme.name,
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
        "currency": "CNY",
        "amountAppliedFor": _amount(application.eligible_total),
        "amountAwarded": _amount(application.approved_amount),
        "amountDisbursed": _amount(application.disbursed_total),
        "awardDate": timezone.localdate(application.decided_at).isoformat(),
        "plannedDates": [
            {
                "startDate": start.isoformat(),
                "endDate": end.isoformat(),
                "duration": scheme.period_months,
            }
        ],
        "recipientOrganization": [
            {"id": _recipient_id(organisation, prefix), "name": organisation.name}
        ],
        "fundingOrganization": [funder],
        "grantProgramme": [{"code": f"{prefix}-scheme-{scheme.pk}", "title": scheme.name}],
        "fromOpenCall": "Yes",
        "dateModified": timezone.localtime(application.updated_at).isoformat(),
    }


def giving360_package(*, base_url: str, grants=None, links: dict | None = None) -> dict:
    """A 360Giving data package of ``grants`` (default: every published grant), with ``links``
    to the next and previous page when it is one page of several. Two queries whatever the
    number of grants: the applications with their organisations and schemes, and the
    letterhead."""
    funder = _funder()
    applications = published_grants() if grants is None else grants
    package = {
        "version": STANDARD_VERSION,
        "title": _("Staff-cost subsidies to social organisations"),
        "description": _(
            "Staff-cost subsidies approved by %(funder)s for social organisations in its "
            "incubators."
        )
        % {"funder": funder["name"]},
        "issued": timezone.localdate().isoformat(),
        "identifier": f"360G-{settings.OPEN_DATA_360G_PREFIX}-subsidies",
        "publisher": {"identifier": funder["id"], "name": funder["name"], "website": base_url},
        "license": settings.OPEN_DATA_LICENSE,
        "accessURL": giving360_url(1),
        "grants": [grant(application, funder=funder) for application in applications],
    }
    if links:
        package["links"] = links
    return package


def giving360_url(number: int) -> str:
    """The address of page ``number`` of the 360Giving package (the first keeps its old one)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/open-data/360giving"
    return f"{base}.json" if number == 1 else f"{base}-{number}.json"


def giving360_fingerprint() -> str:
    """What the package is built from, in three small queries: the published applications
    (how many, which, when last changed, and their organisations' last change), the schemes'
    names and periods, and the letterhead, with the settings that shape the package."""
    grants = published_grants().aggregate(
        count=Count("pk"),
        keys=Sum("pk"),
        changed=Max("updated_at"),
        organisations=Max("organisation__updated_at"),
    )
    schemes = list(Scheme.objects.order_by("pk").values_list("pk", "name", "period_starts_on"))
    parts = [
        grants,
        schemes,
        _funder(),
        settings.OPEN_DATA_360G_PREFIX,
        settings.OPEN_DATA_LICENSE,
        settings.OPEN_DATA_PAGE_SIZE,
        settings.WAGTAILADMIN_BASE_URL,
        timezone.localdate(),  # "issued"
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def giving360_pages(url_of, page_size: int):
    """The 360Giving package cut into pages of ``page_size`` grants, each a package on its own
    linked to the next and previous, in Chinese (the titles are the bureau's public record)."""
    pages = pages_of(published_grants(), page_size)
    for number, keys in enumerate(pages, start=1):
        with translation.override(settings.LANGUAGE_CODE):
            yield giving360_package(
                base_url=settings.WAGTAILADMIN_BASE_URL,
                grants=published_grants().filter(pk__in=keys),
                links=page_links(url_of, number, len(pages)),
            )


PUBLICATION = Publication(
    name="360giving", url_of=giving360_url, fingerprint=giving360_fingerprint, build=giving360_pages
)


@require_GET
def giving360_view(request, number: int = 1):
    """A page of the 360Giving package as JSON, for anyone: read from the file the last build
    wrote (``incubator.kernel.publications``), with ETag and Last-Modified."""
    return publication_response(request, PUBLICATION.name, number)


urlpatterns = [
    path("360giving.json", giving360_view, name="open_data_360giving"),
    path("360giving-<int:number>.json", giving360_view, name="open_data_360giving_page"),
]
