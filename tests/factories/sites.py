"""Service sites under a contract, what they offer, and residents' answers about them."""

from datetime import date, time
from decimal import Decimal

from tenders.models import (
    HandoverItem,
    ItemCondition,
    Premises,
    ServiceSite,
    ServiceType,
    ServiceUnit,
    SiteHandover,
    SiteKind,
    SiteOpeningHours,
    SiteService,
)


def service_site(contract, *, name="城厢镇日间照料中心", **fields) -> ServiceSite:
    """A day-care centre of ``contract`` in 城厢镇, taking feedback."""
    values = {
        "kind": SiteKind.DAY_CARE,
        "town": "城厢镇",
        "community": "东林村",
        "address": "太仓市城厢镇东林路18号",
    }
    values.update(fields)
    return ServiceSite.objects.create(contract=contract, name=name, **values)


def weekday_hours(site: ServiceSite, *, days=range(5), spans=((8, 0, 11, 30), (13, 30, 17, 0))):
    """Opening spans on ``days`` (Monday to Friday, morning and afternoon by default)."""
    return SiteOpeningHours.objects.bulk_create(
        SiteOpeningHours(site=site, weekday=day, opens=time(h1, m1), closes=time(h2, m2))
        for day in days
        for h1, m1, h2, m2 in spans
    )


def price(site: ServiceSite, name: str, amount: str, voucher: str | None = None, **fields):
    """One service of the site's price list."""
    values = {
        "service_type": ServiceType.DAY_CARE,
        "unit": ServiceUnit.DAY,
        "duration_minutes": 480,
    }
    values.update(fields)
    return SiteService.objects.create(
        site=site,
        name=name,
        price=Decimal(amount),
        voucher_price=Decimal(voucher) if voucher is not None else None,
        **values,
    )


def city_handover(site: ServiceSite, items=(("休息床", 12), ("轮椅", 4))) -> SiteHandover:
    """The site in the city's premises, handed over with ``items`` in good condition."""
    ServiceSite.objects.filter(pk=site.pk).update(premises=Premises.CITY)
    site.premises = Premises.CITY
    handover = SiteHandover.objects.create(
        site=site,
        handed_over_on=date(2026, 1, 5),
        handed_over_by="王建国",
        received_by="李秀英",
    )
    HandoverItem.objects.bulk_create(
        HandoverItem(handover=handover, name=name, quantity=quantity, condition=ItemCondition.GOOD)
        for name, quantity in items
    )
    return handover
