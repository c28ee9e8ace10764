"""Service sites under a contract, and residents' answers about them."""

from tenders.models import ServiceSite, SiteKind


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
