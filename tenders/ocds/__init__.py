"""Open data: the published tenders as Open Contracting Data Standard 1.1 release packages
(https://standard.open-contracting.org/1.1/), at stable URLs outside the language prefixes:
``/open-data/ocds/tenders.json`` (every published tender) and
``/open-data/ocds/tenders/<reference>.json`` (one tender).

One release per tender, a snapshot of what is public now: the tender, and once it is awarded
the award, the bidders and the winner, and once the award is final the contract. Sealed bids,
their prices and the evaluators' scores are never published, nor is who bid before the award;
no person is named (organisations only, no contact points).

Identifiers: the contracting process is ``<OCDS_PREFIX>-<reference>`` (``OCDS_PREFIX`` is the
bureau's OCDS prefix as the Open Contracting Partnership registers it: ``ocds-`` and six
characters); a release is ``<ocid>-<date of its last change, YYYYMMDDHHMMSS>``; an
organisation with a unified social credit code is ``CN-USCI-<code>`` (org-id.guide's list code
for 统一社会信用代码), one without ``<OCDS_PREFIX>-org-<id>``; the bureau itself is
``CN-USCI-<its code>`` when the site settings carry it, ``<OCDS_PREFIX>-org-bureau`` until then.

Only live, public pages of the default language tree are published (the bids, awards and
contracts belong to the page's ``Tender``, which every language page of it shares)."""

from tenders.ocds.codes import ocid, organisation_party
from tenders.ocds.releases import awards_by_group, published_tenders, release, release_package
from tenders.ocds.views import tender_view, tenders_view, urlpatterns

__all__ = [
    "awards_by_group",
    "ocid",
    "organisation_party",
    "published_tenders",
    "release",
    "release_package",
    "tender_view",
    "tenders_view",
    "urlpatterns",
]
