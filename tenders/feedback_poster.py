"""The A4 poster at a service site's door: the site's name in large Chinese type, a QR code
to its feedback page with the address beside it for those who type, and what happens to an
answer. Rendered on request from what the site is now (nothing stored, nothing sent), with the
renderer that fetches nothing we did not ship."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

import segno

from incubator.kernel.letterhead import current_letterhead
from incubator.kernel.rendering import html_to_pdf
from tenders.models import ServiceSite


def feedback_url(site: ServiceSite) -> str:
    """The absolute address of the site's feedback page, in Chinese (the poster's language)."""
    with translation.override("zh-hans"):
        path = reverse("site_feedback", kwargs={"code": site.code})
    return settings.SITE_BASE_URL.rstrip("/") + path


def poster_pdf(site: ServiceSite) -> bytes:
    """The site's poster as PDF bytes."""
    url = feedback_url(site)
    with translation.override("zh-hans"):
        html = render_to_string(
            "tenders/feedback/poster.html",
            {
                "site": site,
                "url": url,
                "qr": segno.make(url, error="m").svg_data_uri(scale=10, border=0),
                "bureau": current_letterhead().bureau_name_zh,
                "retention_days": settings.FEEDBACK_RETENTION_DAYS,
            },
        )
    return html_to_pdf(html)


def poster_response(site: ServiceSite) -> HttpResponse:
    """The poster as a download named after the site's code."""
    response = HttpResponse(poster_pdf(site), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="feedback-poster-{site.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
