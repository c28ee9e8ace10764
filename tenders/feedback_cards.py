"""Verification cards of a service site: one card per unused one-time code of a batch, eight
to an A4 page to cut out, each with the site's name, the code in large type and a QR code that
opens the site's feedback page with the code filled in. Rendered on request from the stored
codes (nothing stored, nothing sent)."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

import segno

from incubator.kernel.rendering import html_to_pdf
from tenders.feedback_poster import feedback_url
from tenders.models import ServiceSite

PER_PAGE = 8


def cards_pdf(site: ServiceSite, batch: int) -> bytes:
    """The unused codes of ``batch`` as cards (PDF bytes)."""
    codes = list(site.feedback_codes.filter(batch=batch, used_at__isnull=True).order_by("pk"))
    url = feedback_url(site)
    cards = [
        {
            "code": code.display,
            "qr": segno.make(f"{url}?code={code.code}", error="m").svg_data_uri(scale=4, border=0),
        }
        for code in codes
    ]
    pages = [cards[start : start + PER_PAGE] for start in range(0, len(cards), PER_PAGE)]
    with translation.override("zh-hans"):
        html = render_to_string(
            "tenders/feedback/cards.html", {"site": site, "pages": pages, "batch": batch}
        )
    return html_to_pdf(html)


def cards_response(site: ServiceSite, batch: int) -> HttpResponse:
    """The cards as a download named after the site's code and the batch."""
    response = HttpResponse(cards_pdf(site, batch), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="feedback-cards-{site.code}-{batch}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
