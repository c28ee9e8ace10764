"""Residents' complaints: filing one from a site's public page (no account; a tracking code
shown on screen), answering it (the provider within ``COMPLAINT_ANSWER_WORKING_DAYS`` working
days; the bureau once it is late), the resident's rating of the answer with the tracking
code, and erasing what a resident wrote when the retention period ends. Answers are audited."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import audit_log
from incubator.kernel.calendar import add_working_days
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.notifications import notifications_done
from tenders.complaint_selectors import complaints_user_may_answer
from tenders.models import Answerer, Complaint, ComplaintCategory, Respondent, ServiceSite
from tenders.models.complaints import (
    ANSWER_MAX,
    CONTACT_MAX,
    DESCRIPTION_MAX,
    new_tracking_code,
    normalise_tracking_code,
)
from tenders.models.feedback import RATING_MAX, RATING_MIN
from tenders.selectors import is_tender_officer
from tenders.services import NOT_ALLOWED

COMPLAINTS_CLOSED = _("This site is not taking complaints here at the moment.")
BAD_CATEGORY = _("Say what the complaint is about.")
DESCRIPTION_REQUIRED = _("Tell us what happened.")
DESCRIPTION_TOO_LONG = _("The description can be at most %(max)s characters.")
CONTACT_TOO_LONG = _("The contact can be at most %(max)s characters.")
BAD_RESPONDENT = _("Say who is filing the complaint.")
ANSWER_REQUIRED = _("Write the answer to the resident.")
ANSWER_TOO_LONG = _("The answer can be at most %(max)s characters.")
ALREADY_ANSWERED = _("This complaint has been answered already.")
NOT_ANSWERED = _("The complaint has no answer to rate yet.")
ALREADY_RATED = _("You have rated this answer already. Thank you.")
BAD_RATING = _("Choose a rating from 1 to 5.")


def answer_due_on(filed_at: datetime):
    """The day the provider must answer by: ``COMPLAINT_ANSWER_WORKING_DAYS`` working days
    after the day of filing (China Standard Time)."""
    return add_working_days(timezone.localdate(filed_at), settings.COMPLAINT_ANSWER_WORKING_DAYS)


def complaint_file(
    *,
    site: ServiceSite,
    category: str,
    description: str,
    contact: str = "",
    respondent: str = Respondent.RESIDENT,
    now: datetime | None = None,
) -> Complaint:
    """File a complaint about ``site`` (anyone, no account: a system service). Before: the
    site takes feedback. After: a complaint with a fresh tracking code and its due date."""
    now = now or timezone.now()
    description = (description or "").strip()
    contact = (contact or "").strip()
    if not site.feedback_open:
        raise ServiceError(COMPLAINTS_CLOSED, code="closed")
    if category not in ComplaintCategory.values:
        raise ServiceError(BAD_CATEGORY, code="bad_category")
    if not description:
        raise ServiceError(DESCRIPTION_REQUIRED, code="description_required")
    if len(description) > DESCRIPTION_MAX:
        raise ServiceError(DESCRIPTION_TOO_LONG % {"max": DESCRIPTION_MAX}, code="too_long")
    if len(contact) > CONTACT_MAX:
        raise ServiceError(CONTACT_TOO_LONG % {"max": CONTACT_MAX}, code="too_long")
    if respondent not in Respondent.values:
        raise ServiceError(BAD_RESPONDENT, code="bad_respondent")
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Complaint.objects.create(
                    site=site,
                    tracking_code=new_tracking_code(),
                    category=category,
                    description=description,
                    contact=contact,
                    respondent=respondent,
                    filed_at=now,
                    answer_due_on=answer_due_on(now),
                )
        except IntegrityError:  # the same code drawn twice (about one in 2^40): draw again
            continue
    raise ServiceError(_("Please try again."), code="code_clash")


def complaint_by_code(typed: str) -> Complaint | None:
    """The complaint whose tracking code was typed (any case, with or without the hyphen)."""
    code = normalise_tracking_code(typed)
    if not code:
        return None
    return (
        Complaint.objects.select_related("site__contract__organisation")
        .filter(tracking_code=code)
        .first()
    )


def complaint_answer(*, complaint: Complaint, answer: str, by, now: datetime | None = None):
    """Answer a complaint: a member of the provider's organisation, or a bureau officer once
    it is late. Before: unanswered. After: the answer, when and by whom, for whom."""
    now = now or timezone.now()
    require_allowed(
        lambda user: complaints_user_may_answer(user, today=timezone.localdate(now)),
        by,
        complaint,
        message=NOT_ALLOWED,
    )
    answer = (answer or "").strip()
    if not answer:
        raise ServiceError(ANSWER_REQUIRED, code="answer_required")
    if len(answer) > ANSWER_MAX:
        raise ServiceError(ANSWER_TOO_LONG % {"max": ANSWER_MAX}, code="too_long")
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if complaint.answered_at is not None:
            raise ServiceError(ALREADY_ANSWERED, code="answered")
        complaint.answer = answer
        complaint.answered_at = now
        complaint.answered_by = by
        complaint.answered_as = Answerer.BUREAU if is_tender_officer(by) else Answerer.PROVIDER
        complaint.save(update_fields=["answer", "answered_at", "answered_by", "answered_as"])
        notifications_done(item=complaint)
        audit_log(
            instance=complaint,
            action="tenders.complaint.answered",
            user=by,
            data={
                "site": complaint.site.name,
                "code": complaint.display_code,
                "on_time": complaint.answered_on_time(),
            },
        )
    return complaint


def complaint_rate(*, complaint: Complaint, rating, now: datetime | None = None) -> Complaint:
    """The resident rates the answer, 1 to 5 (whoever holds the tracking code: a system
    service). Before: answered, not rated. After: rated, once."""
    now = now or timezone.now()
    if not isinstance(rating, int) or not RATING_MIN <= rating <= RATING_MAX:
        raise ServiceError(BAD_RATING, code="bad_rating")
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if complaint.answered_at is None:
            raise ServiceError(NOT_ANSWERED, code="not_answered")
        if complaint.rating is not None:
            raise ServiceError(ALREADY_RATED, code="rated")
        complaint.rating, complaint.rated_at = rating, now
        complaint.save(update_fields=["rating", "rated_at"])
    return complaint


def complaints_anonymise(*, now: datetime | None = None) -> int:
    """Erase the description, contact and answer of complaints filed before the retention
    period (``FEEDBACK_RETENTION_DAYS``, the period the feedback page states); the site,
    category, dates and rating stay for the statistics. Returns how many were erased.
    Idempotent."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    return Complaint.objects.filter(filed_at__lt=cutoff, anonymised_at__isnull=True).update(
        description="", contact="", answer="", anonymised_at=now
    )
