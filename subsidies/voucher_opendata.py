"""Open data: what care vouchers paid for, per provider, type of service and month, at
``/open-data/care-vouchers.json`` (then ``care-vouchers-2.json``... in pages of
``OPEN_DATA_PAGE_SIZE`` rows, linked by ``links.next`` and ``links.prev``), built in the
background (``incubator.kernel.publications``) so that a request only reads a file.

Never a person: no name, identity number, card, address, date of birth or single service is
published, only sums over residents.

What is counted: every service recorded as paid with a care voucher (a redemption), whether or
not its provider has claimed it yet, in the month it was served (China Standard Time). Only
months that have ended are published; services may be recorded up to
``VOUCHER_REDEMPTION_MAX_DAYS`` (31) days late, so the latest month can still grow in the month
after it; the file is rebuilt when they are recorded.

Schema: the package has ``title``, ``description``, ``publisher`` (``identifier``, ``name``),
``license``, ``issued`` (the day it was built), ``accessURL``, ``minimumResidents`` (the
small-cell threshold, 5), ``links`` when there are several pages, and ``rows``, each:

- ``month``: the month served, ``YYYY-MM``;
- ``providerId``: ``CN-USCI-<unified social credit code>`` (org-id.guide), or
  ``<OPEN_DATA_360G_PREFIX>-org-<id>`` for a provider without a code yet;
- ``providerName``: the organisation's registered name; ``providerCreditCode``: its unified
  social credit code (统一社会信用代码), ``null`` when it has none yet;
- ``serviceType``: the type of service (``day_care``, ``meals``, ``home_care``, ``bathing``,
  ``rehabilitation``, ``cleaning``, ``health_check``), or ``other`` for the merged small
  groups (below); ``serviceTypeName``: its name in Chinese;
- ``services``: how many services were paid; ``residents``: how many different residents
  they were paid for; ``amount``: the vouchers' amount in yuan (two decimals).

Small-cell protection: a provider's type of service in a month is published on its own row only
when at least 5 different residents used it. Smaller groups of the same provider and month are
merged into one ``other`` row (their services, residents counted once each, and amount); when
even that row counts fewer than 5 residents it is left out, so the rows of a provider and month
may add up to less than it was paid. Both counts come from one grouped query
(``voucher_spend_cells``)."""

import hashlib
from datetime import date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Count, DateField, F, Max
from django.db.models.functions import TruncMonth
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from incubator.kernel.letterhead import current_letterhead
from incubator.kernel.publications import Publication, page_links, publication_response
from incubator.models import Organisation
from subsidies.models import Redemption
from tenders.voucher_api import ServiceType

MINIMUM_RESIDENTS = 5
OTHER = "other"
USCI_SCHEME = "CN-USCI"


def closed_before(today: date | None = None) -> datetime:
    """The first moment of the month in progress (China Standard Time): services before it are
    in months that have ended."""
    first = (today or timezone.localdate()).replace(day=1)
    return timezone.make_aware(datetime.combine(first, time.min), timezone.get_current_timezone())


def _served_in_closed_months(today: date | None = None):
    return Redemption.objects.filter(served_at__lt=closed_before(today))


def voucher_spend_cells(today: date | None = None) -> list[tuple]:
    """``(month, provider id, service type or None, services, residents, amount)`` in one
    grouped statement: each provider's type of service and month with at least
    ``MINIMUM_RESIDENTS`` residents, and per provider and month one row (type ``None``) merging
    the smaller ones, its residents counted once each across them."""
    base = (
        _served_in_closed_months(today)
        .order_by()
        .annotate(
            m=TruncMonth(
                "served_at", output_field=DateField(), tzinfo=timezone.get_current_timezone()
            ),
            p=F("site__contract__organisation_id"),
            t=F("service_type"),
            who=F("resident_id"),
            yuan=F("amount"),
        )
        .values("m", "p", "t", "who", "yuan")
    )
    sql, params = base.query.sql_with_params()
    statement = f"""
        WITH r AS ({sql}),
        cells AS (
            SELECT m, p, t, COUNT(*) AS services, COUNT(DISTINCT who) AS residents,
                   SUM(yuan) AS amount
            FROM r GROUP BY m, p, t
        )
        SELECT m, p, t, services, residents, amount FROM cells WHERE residents >= %s
        UNION ALL
        SELECT r.m, r.p, NULL, COUNT(*), COUNT(DISTINCT r.who), SUM(r.yuan)
        FROM r JOIN cells ON cells.m = r.m AND cells.p = r.p AND cells.t = r.t
        WHERE cells.residents < %s
        GROUP BY r.m, r.p
    """
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, MINIMUM_RESIDENTS, MINIMUM_RESIDENTS])
        return [
            (_as_month(month), provider, kind, services, residents, _as_amount(amount))
            for month, provider, kind, services, residents, amount in cursor.fetchall()
        ]


def _as_month(value) -> date:
    """A month as the database returns it from raw SQL: a date, a datetime or (SQLite) text."""
    if isinstance(value, datetime):
        return value.date().replace(day=1)
    if isinstance(value, date):
        return value.replace(day=1)
    return date.fromisoformat(str(value)[:10]).replace(day=1)


def _as_amount(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _provider_id(organisation) -> str:
    if organisation.credit_code:
        return f"{USCI_SCHEME}-{organisation.credit_code}"
    return f"{settings.OPEN_DATA_360G_PREFIX}-org-{organisation.pk}"


def voucher_spend_rows(today: date | None = None) -> list[dict]:
    """The published rows (see the module's schema), by month, provider name and type, each
    provider's ``other`` row last: two queries (the cells and the providers' names)."""
    cells = [cell for cell in voucher_spend_cells(today) if cell[4] >= MINIMUM_RESIDENTS]
    providers = Organisation.objects.in_bulk({cell[1] for cell in cells})
    type_names = dict(ServiceType.choices)
    rows = []
    for month, provider, kind, services, residents, amount in cells:
        organisation = providers[provider]
        rows.append(
            {
                "month": f"{month:%Y-%m}",
                "providerId": _provider_id(organisation),
                "providerName": organisation.name,
                "providerCreditCode": organisation.credit_code or None,
                "serviceType": kind or OTHER,
                "serviceTypeName": str(
                    type_names.get(kind, kind)
                    if kind
                    else _("Other services (groups of fewer than 5 residents merged)")
                ),
                "services": services,
                "residents": residents,
                # JSON has one number type; two decimals far below 2**53 cents are exact.
                "amount": float(amount),
            }
        )
    rows.sort(key=lambda row: (row["month"], row["providerName"], row["serviceType"] == OTHER))
    return rows


def care_vouchers_url(number: int) -> str:
    """The address of page ``number`` of the care-voucher spending."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/open-data/care-vouchers"
    return f"{base}.json" if number == 1 else f"{base}-{number}.json"


def care_vouchers_package(*, rows: list[dict], links: dict | None = None) -> dict:
    """One page of the publication: the package's description and ``rows``."""
    letterhead = current_letterhead()
    name = letterhead.bureau_name_zh or _("Bureau of Civil Affairs")
    code = letterhead.credit_code
    package = {
        "title": _("Care-voucher spending per provider, type of service and month"),
        "description": _(
            "What care vouchers of %(bureau)s paid for, per service provider, type of service "
            "and month served (months that have ended). A group of fewer than %(minimum)s "
            "residents is merged into the provider's other services, or left out, so that no "
            "resident can be recognised."
        )
        % {"bureau": name, "minimum": MINIMUM_RESIDENTS},
        "publisher": {
            "identifier": f"{USCI_SCHEME}-{code}" if code else settings.OPEN_DATA_360G_PREFIX,
            "name": str(name),
        },
        "license": settings.OPEN_DATA_LICENSE,
        "issued": timezone.localdate().isoformat(),
        "accessURL": care_vouchers_url(1),
        "minimumResidents": MINIMUM_RESIDENTS,
        "rows": rows,
    }
    if links:
        package["links"] = links
    return package


def care_vouchers_fingerprint() -> str:
    """What the publication is built from, in two small queries and without a join: the
    services of the months that have ended (redemptions are never edited nor deleted, so how
    many and the newest tell a late one recorded), the organisations' last change (names and
    codes), and the letterhead, settings and day that shape the package."""
    redemptions = _served_in_closed_months().aggregate(count=Count("pk"), newest=Max("pk"))
    letterhead = current_letterhead()
    parts = [
        redemptions,
        Organisation.objects.aggregate(changed=Max("updated_at")),
        letterhead.bureau_name_zh,
        letterhead.credit_code,
        settings.OPEN_DATA_360G_PREFIX,
        settings.OPEN_DATA_LICENSE,
        settings.OPEN_DATA_PAGE_SIZE,
        settings.WAGTAILADMIN_BASE_URL,
        timezone.localdate(),  # "issued", and which months have ended
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def care_vouchers_pages(url_of, page_size: int):
    """The rows cut into pages of ``page_size``, each a package linked to the next and previous,
    in Chinese (the bureau's public record)."""
    with translation.override(settings.LANGUAGE_CODE):
        rows = voucher_spend_rows()
        pages = [rows[start : start + page_size] for start in range(0, len(rows), page_size)]
        pages = pages or [[]]
        for number, page in enumerate(pages, start=1):
            yield care_vouchers_package(rows=page, links=page_links(url_of, number, len(pages)))


PUBLICATION = Publication(
    name="care-vouchers",
    url_of=care_vouchers_url,
    fingerprint=care_vouchers_fingerprint,
    build=care_vouchers_pages,
)


@require_GET
def care_vouchers_view(request, number: int = 1):
    """A page of the care-voucher spending as JSON, for anyone: read from the file the last
    build wrote, with ETag and Last-Modified."""
    return publication_response(request, PUBLICATION.name, number)


urlpatterns = [
    path("care-vouchers.json", care_vouchers_view, name="open_data_care_vouchers"),
    path(
        "care-vouchers-<int:number>.json", care_vouchers_view, name="open_data_care_vouchers_page"
    ),
]
