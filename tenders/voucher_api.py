"""What tenders offers the care vouchers of ``subsidies`` (the only module of tenders that
subsidies may import; see the import-linter contracts in pyproject.toml): the service sites
and their approved price lists, whether a site is open at a moment, and which sites a user
records services for. Vouchers never reach into tenders' models or services otherwise."""

from django.db.models import QuerySet

from incubator.incubation.selectors import live_membership
from tenders.feedback_poster import feedback_url
from tenders.models import FeedbackCode, ServiceSite, SiteService
from tenders.models.site_offer import ServiceType, ServiceUnit
from tenders.services.feedback import receipt_feedback_code
from tenders.site_selectors import open_at, open_on, voucher_services, with_offer

__all__ = [
    "FeedbackCode",
    "ServiceSite",
    "ServiceType",
    "ServiceUnit",
    "SiteService",
    "feedback_url",
    "open_at",
    "open_on",
    "receipt_feedback_code",
    "sites_of_organisation",
    "sites_of_user_provider",
    "sites_user_records_vouchers_at",
    "voucher_services",
    "with_offer",
]


def sites_of_user_provider(user) -> QuerySet[ServiceSite]:
    """The sites run under the contracts of the organisation the user is a live member of
    (the provider's staff), whether or not they take vouchers now; none for anyone else."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ServiceSite.objects.none()
    membership = live_membership(user)
    if membership is None:
        return ServiceSite.objects.none()
    return ServiceSite.objects.filter(contract__organisation=membership.organisation_id)


def sites_user_records_vouchers_at(user) -> QuerySet[ServiceSite]:
    """The sites where the user records services paid with care vouchers: the provider's own
    sites (``sites_of_user_provider``) that take vouchers."""
    return sites_of_user_provider(user).filter(accepts_vouchers=True)


def sites_of_organisation(organisation) -> QuerySet[ServiceSite]:
    """The sites run under the contracts of ``organisation`` (a provider's claims cover the
    redemptions at these)."""
    return ServiceSite.objects.filter(contract__organisation=organisation)
