"""Who reads and answers residents' complaints. Bureau officers: every complaint; they answer
one only once it is late (unanswered past its due date: it has come to the bureau). Hub
managers: the complaints about their hubs' organisations' sites, to read. A provider's live
members: the complaints about their own organisation's sites, which they answer. Everyone
else: nothing (a resident follows a complaint with its tracking code, not an account)."""

from django.db.models import QuerySet
from django.utils import timezone

from incubator.incubation.selectors import live_membership
from tenders.feedback_selectors import sites_visible_to
from tenders.models import Complaint
from tenders.selectors import is_tender_officer


def complaints_visible_to(user) -> QuerySet[Complaint]:
    """The complaints about the sites the user sees (``sites_visible_to``)."""
    if user is None or not user.is_authenticated:
        return Complaint.objects.none()
    if is_tender_officer(user):
        return Complaint.objects.all()
    return Complaint.objects.filter(site__in=sites_visible_to(user).values("pk"))


def complaints_of_own_organisation(user) -> QuerySet[Complaint]:
    """The complaints about the sites of the user's organisation's contracts."""
    membership = live_membership(user) if user is not None else None
    if membership is None:
        return Complaint.objects.none()
    return Complaint.objects.filter(site__contract__organisation=membership.organisation_id)


def complaints_user_may_answer(user, *, today=None) -> QuerySet[Complaint]:
    """A provider's live members answer the complaints about their own sites; bureau officers
    those past their due date (the complaint has come to the bureau). Whether one is still
    unanswered is the service's check."""
    if user is None or not user.is_authenticated:
        return Complaint.objects.none()
    if is_tender_officer(user):
        return Complaint.objects.filter(answer_due_on__lt=today or timezone.localdate())
    return complaints_of_own_organisation(user)
