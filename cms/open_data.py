"""The public page about the bureau's open data: what is published where, in which standard,
how organisations are identified, and a dated change log of what changed in the data."""

from datetime import date

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

# Newest first. Each entry says what changed for a reader of the data, and since when.
CHANGE_LOG = [
    (
        date(2026, 12, 5),
        _(
            "New: care-voucher spending per service provider, type of service and month "
            "(/open-data/care-vouchers.json), with groups of fewer than 5 residents merged or "
            "left out so that no resident can be recognised."
        ),
    ),
    (
        date(2026, 12, 4),
        _(
            "The bulk packages (every tender in OCDS, every grant in 360Giving) come in pages "
            "of 5,000 releases or grants: each page is a complete package, and links.next and "
            "links.prev lead to the next and previous page. They are refreshed within ten "
            "minutes of a change and carry ETag and Last-Modified headers."
        ),
    ),
    (
        date(2026, 12, 3),
        _(
            "Organisations are identified by org-id.guide's list code for the unified social "
            "credit code, CN-USCI (it was CN-USCC, which is not on the register), in the OCDS "
            "parties and the 360Giving recipients; the bureau is identified as buyer and funder "
            "by its own credit code. Identifiers are computed afresh on every download: "
            "nothing published earlier needs converting."
        ),
    ),
]


def open_data(request):
    """What the bureau publishes as open data, and the change log."""
    return TemplateResponse(
        request,
        "cms/open_data.html",
        {"change_log": CHANGE_LOG, "ocds_prefix": settings.OCDS_PREFIX},
    )
