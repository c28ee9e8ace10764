"""The provider's service sites in the organisation portal: each site with what residents said
of it in the last 90 days (how many answers and the mean rating, in all and apart for the
verified answers, which carried a card code, and the others; the comments, phone and ID
numbers masked; comments the bureau hid are counted, not shown), the site's poster to print, and,
read-only, what the bureau set for it: opening hours, price list and the handover inventory of
the city's premises. Another organisation's site answers 404."""

from datetime import timedelta

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone

from incubator.incubation.portal.views import _context, member_required
from incubator.kernel.permissions import get_visible_or_404
from tenders.feedback_poster import feedback_url, poster_response
from tenders.feedback_selectors import feedback_figures, sites_visible_to
from tenders.models import CommentState, Premises
from tenders.services.feedback import mask_personal_details
from tenders.site_selectors import weekly_hours, with_offer

RECENT_DAYS = 90
COMMENTS_PER_PAGE = 20


def _sites(request):
    return sites_visible_to(request.user).filter(
        contract__organisation=request.membership.organisation
    )


def _since():
    return timezone.now() - timedelta(days=RECENT_DAYS)


def _with_recent_figures(sites):
    # All answers, the verified ones (with a card code) and the others: one query.
    return sites.annotate(**feedback_figures(path="feedback__", since=_since()))


@member_required
def sites(request):
    """The organisation's service sites, each with its last 90 days' answers."""
    rows = _with_recent_figures(_sites(request).select_related("contract__tender"))
    return TemplateResponse(
        request,
        "tenders/portal/sites.html",
        _context(request, sites=rows.order_by("town", "name"), recent_days=RECENT_DAYS),
    )


@member_required
def site(request, pk: int):
    """One site: its figures, its residents' comments (newest first, masked), its poster,
    and its opening hours, price list and premises handover as the bureau recorded them."""
    sites = with_offer(_sites(request).select_related("contract__tender", "handover"))
    site = get_visible_or_404(request, _with_recent_figures(sites), pk=pk)
    answers = site.feedback.filter(submitted_at__gte=_since())
    hidden = answers.filter(comment_state=CommentState.HIDDEN).count()
    comments = answers.filter(
        comment_state__in=[CommentState.PENDING, CommentState.PUBLISHED]
    ).order_by("-submitted_at")
    page = Paginator(comments, COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    for answer in page:
        answer.masked = mask_personal_details(answer.comment)
    return TemplateResponse(
        request,
        "tenders/portal/site.html",
        _context(
            request,
            site=site,
            page=page,
            hidden=hidden,
            recent_days=RECENT_DAYS,
            feedback_url=feedback_url(site),
            week=weekly_hours(site),
            services=site.services.all(),
            handover=getattr(site, "handover", None) if site.premises == Premises.CITY else None,
        ),
    )


@member_required
def poster(request, pk: int):
    """The site's A4 feedback poster (PDF)."""
    return poster_response(get_visible_or_404(request, _sites(request), pk=pk))
