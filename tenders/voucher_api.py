"""What tenders offers the care vouchers of ``subsidies`` (the only module of tenders that
subsidies may import; see the import-linter contracts in pyproject.toml): the service sites
and their approved price lists, whether a site is open at a moment, and which sites a user
records services for. Vouchers never reach into tenders' models or services otherwise."""

from tenders.models import ServiceSite, SiteService
from tenders.models.site_offer import ServiceType
from tenders.site_selectors import open_at, open_on, voucher_services, with_offer

__all__ = [
    "ServiceSite",
    "ServiceType",
    "SiteService",
    "open_at",
    "open_on",
    "voucher_services",
    "with_offer",
]
