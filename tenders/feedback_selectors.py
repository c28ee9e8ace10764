"""Who reads and manages service sites and residents' feedback (beside ``tenders.selectors``).
Bureau officers: every site and response, and they manage sites and moderate. Hub managers:
the sites of their hubs' organisations' contracts. A provider's members: their own
organisation's sites and what residents said of them. Everyone else: nothing (the public sees
only the published, anonymised side on the sites' pages)."""

from datetime import datetime

from django.db.models import Avg, Count, Q, QuerySet

from tenders.models import FeedbackResponse, ServiceSite
from tenders.selectors import contracts_user_may_sign, contracts_visible_to, is_tender_officer


def sites_visible_to(user) -> QuerySet[ServiceSite]:
    """The sites of the contracts the user sees (``contracts_visible_to``)."""
    if user is None or not user.is_authenticated:
        return ServiceSite.objects.none()
    if is_tender_officer(user):
        return ServiceSite.objects.all()
    return ServiceSite.objects.filter(contract__in=contracts_visible_to(user).values("pk"))


def sites_user_may_manage(user) -> QuerySet[ServiceSite]:
    """Every site for bureau officers, who add sites to contracts and print their posters."""
    if user is None or not is_tender_officer(user):
        return ServiceSite.objects.none()
    return ServiceSite.objects.all()


def contracts_user_may_add_sites_to(user):
    """The contracts an officer may add a site to: those they sign."""
    return contracts_user_may_sign(user)


def feedback_visible_to(user) -> QuerySet[FeedbackResponse]:
    """The responses about the sites the user sees."""
    if user is None or not user.is_authenticated:
        return FeedbackResponse.objects.none()
    if is_tender_officer(user):
        return FeedbackResponse.objects.all()
    return FeedbackResponse.objects.filter(site__in=sites_visible_to(user).values("pk"))


def feedback_user_may_moderate(user) -> QuerySet[FeedbackResponse]:
    """Every response for bureau officers, who publish or hide comments."""
    if user is None or not is_tender_officer(user):
        return FeedbackResponse.objects.none()
    return FeedbackResponse.objects.all()


def feedback_figures(*, path: str = "", since: datetime | None = None) -> dict:
    """Aggregates of answers, for one query: how many and the mean rating of all of them
    (``answers``, ``mean_rating``), of the verified ones, which carried a card code
    (``verified_answers``, ``verified_mean``), and of the others (``unverified_answers``,
    ``unverified_mean``); answers since ``since`` only, if given. ``path`` leads from the
    queryset's model to the answers: ``"feedback__"`` to annotate sites, ``""`` to aggregate
    answers themselves."""
    window = Q(**{f"{path}submitted_at__gte": since}) if since else Q()
    verified = window & Q(**{f"{path}verified": True})
    unverified = window & Q(**{f"{path}verified": False})
    figures = {}
    for prefix, condition in (("", window), ("verified_", verified), ("unverified_", unverified)):
        condition = condition or None  # an empty Q is no filter
        figures[f"{prefix}answers"] = Count(f"{path}pk", filter=condition)
        mean = "mean_rating" if not prefix else f"{prefix}mean"
        figures[mean] = Avg(f"{path}rating", filter=condition)
    return figures
