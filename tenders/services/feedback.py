"""Residents' feedback on service sites: taking a response from the public page (no account;
one response per browser, site and day, so one device cannot stuff a site's results), masking
personal details before a comment is published, moderating comments (publish, or hide with a
reason; audited), and erasing comments and device marks when the retention period ends."""

import hashlib
import hmac
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import require_allowed
from tenders.feedback_selectors import feedback_user_may_moderate, sites_user_may_manage
from tenders.models import CommentState, FeedbackCode, FeedbackResponse, Respondent, ServiceSite
from tenders.models.feedback import COMMENT_MAX, RATING_MAX, RATING_MIN, normalise_code
from tenders.models.sites import new_site_code
from tenders.services import NOT_ALLOWED

FEEDBACK_CLOSED = _("This site is not taking feedback at the moment.")
BAD_RATING = _("Choose one of the five faces.")
BAD_RESPONDENT = _("Say who is answering.")
COMMENT_TOO_LONG = _("The comment can be at most %(max)s characters.")
ALREADY_ANSWERED = _(
    "Thank you: an answer for this site was already given from this phone today. "
    "You can answer again tomorrow."
)
HIDE_REASON_REQUIRED = _("Give the reason for hiding the comment.")
BAD_CODE = _(
    "That card code is not valid for this site, or it was used already. Check the code on "
    "the card, or leave the box empty: your answer counts all the same."
)
BAD_CODE_COUNT = _("Issue between 1 and %(max)s cards at a time.")
CODES_MAX = 500
NOTHING_TO_MODERATE = _("This response has no comment waiting for a decision.")

# Personal details a resident may type into a comment: masked before publication.
_MASKS = [
    (re.compile(r"(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}\d{7}[0-9Xx](?![0-9])"), "[身份证号]"),
    (re.compile(r"(?<![0-9])1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9])"), "[手机号]"),
    (re.compile(r"(?<![0-9])0\d{2,3}-?\d{7,8}(?![0-9])"), "[电话]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[邮箱]"),
]


def mask_personal_details(text: str) -> str:
    """``text`` with citizen ID numbers, mobile and landline numbers and email addresses
    replaced by a bracketed word."""
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return text


def device_mark(token: str) -> str:
    """A keyed hash of the browser's random token: it tells one device from another and
    cannot be turned back into the token."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"feedback-device:{token}".encode(), hashlib.sha256).hexdigest()


def _day_bounds(now: datetime) -> tuple[datetime, datetime]:
    local = timezone.localtime(now)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1)


def feedback_submit(
    *,
    site: ServiceSite,
    rating: int,
    comment: str = "",
    respondent: str = Respondent.RESIDENT,
    device_token: str,
    code: str = "",
    now: datetime | None = None,
) -> FeedbackResponse:
    """Record one response. Before: the site takes feedback; a rating of one to five; the
    comment within its length; no response from this device for this site today (China
    Standard Time); a card code, if given, unused and of this site. After: the response,
    verified if it carried a code (the code then used); its comment (if any) waiting for
    moderation."""
    now = now or timezone.now()
    comment = (comment or "").strip()
    if not site.feedback_open:
        raise ServiceError(FEEDBACK_CLOSED, code="feedback_closed")
    if not isinstance(rating, int) or not RATING_MIN <= rating <= RATING_MAX:
        raise ServiceError(BAD_RATING, code="bad_rating")
    if respondent not in Respondent.values:
        raise ServiceError(BAD_RESPONDENT, code="bad_respondent")
    if len(comment) > COMMENT_MAX:
        raise ServiceError(COMMENT_TOO_LONG % {"max": COMMENT_MAX}, code="comment_too_long")
    mark = device_mark(device_token)
    start, end = _day_bounds(now)
    with transaction.atomic():
        # Serialise the site's answers so two quick taps from one phone count once.
        ServiceSite.objects.select_for_update().filter(pk=site.pk).first()
        answered = FeedbackResponse.objects.filter(
            site=site, device=mark, submitted_at__gte=start, submitted_at__lt=end
        ).exists()
        if answered:
            raise ServiceError(ALREADY_ANSWERED, code="already_answered")
        card = None
        if normalise_code(code):
            card = (
                FeedbackCode.objects.select_for_update()
                .filter(site=site, code=normalise_code(code), used_at__isnull=True)
                .first()
            )
            if card is None:
                raise ServiceError(BAD_CODE, code="bad_code")
            card.used_at = now
            card.save(update_fields=["used_at"])
        return FeedbackResponse.objects.create(
            site=site,
            code=card,
            verified=card is not None,
            rating=rating,
            comment=comment,
            respondent=respondent,
            device=mark,
            submitted_at=now,
            comment_state=CommentState.PENDING if comment else CommentState.NONE,
        )


def feedback_codes_issue(*, site: ServiceSite, count: int, by) -> int:
    """Issue ``count`` one-time card codes for ``site`` as a new batch (bureau officers); the
    cards are printed from the batch. Returns the batch number."""
    require_allowed(sites_user_may_manage, by, site, message=NOT_ALLOWED)
    if not isinstance(count, int) or not 1 <= count <= CODES_MAX:
        raise ServiceError(BAD_CODE_COUNT % {"max": CODES_MAX}, code="bad_count")
    with transaction.atomic():
        ServiceSite.objects.select_for_update().filter(pk=site.pk).first()
        batch = (site.feedback_codes.aggregate(last=Max("batch"))["last"] or 0) + 1
        codes = set()
        while len(codes) < count:
            codes.add(new_site_code())
        # A clash with a code of another batch (about one in 2^39 per code) is drawn again.
        taken = set(FeedbackCode.objects.filter(code__in=codes).values_list("code", flat=True))
        while taken:
            codes -= taken
            while len(codes) < count:
                codes.add(new_site_code())
            taken = set(FeedbackCode.objects.filter(code__in=codes).values_list("code", flat=True))
        FeedbackCode.objects.bulk_create(
            FeedbackCode(site=site, code=code, batch=batch, created_by=by) for code in codes
        )
        audit_log(
            instance=site,
            action="tenders.feedback.codes_issued",
            user=by,
            data={"count": count, "batch": batch},
        )
    return batch


# Codes printed on a voucher receipt, one at a time, belong to no printed batch of cards.
RECEIPT_BATCH = 0


def receipt_feedback_code(*, site: ServiceSite) -> FeedbackCode:
    """Issue one one-time code of ``site`` to print on a care-voucher receipt, so the resident
    served can give a verified answer about the service. A system function: called by the
    voucher redemption (through ``tenders.voucher_api``), which has checked who records the
    service, inside its transaction (the code commits or rolls back with the redemption).
    Receipt codes form no batch of printed cards (``RECEIPT_BATCH``)."""
    while True:
        code = new_site_code()
        if FeedbackCode.objects.filter(code=code).exists():
            continue  # about one in 2^39: draw again
        try:
            with transaction.atomic():
                return FeedbackCode.objects.create(site=site, code=code, batch=RECEIPT_BATCH)
        except IntegrityError:  # drawn at the same moment by another receipt
            continue


def feedback_moderate(
    *, response: FeedbackResponse, publish: bool, reason: str = "", by
) -> FeedbackResponse:
    """Publish a comment (personal details masked) or hide it with a reason. Bureau officers
    only; a comment already decided may be decided again (hiding a published one, say)."""
    require_allowed(feedback_user_may_moderate, by, response, message=NOT_ALLOWED)
    reason = (reason or "").strip()
    if not response.comment:
        raise ServiceError(NOTHING_TO_MODERATE, code="nothing_to_moderate")
    if not publish and not reason:
        raise ServiceError(HIDE_REASON_REQUIRED, code="reason_required")
    with transaction.atomic():
        response = FeedbackResponse.objects.select_for_update().get(pk=response.pk)
        before = response.comment_state
        if publish:
            response.comment_state = CommentState.PUBLISHED
            response.published_comment = mask_personal_details(response.comment)
            response.hidden_reason = ""
        else:
            response.comment_state = CommentState.HIDDEN
            response.published_comment = ""
            response.hidden_reason = reason
        response.moderated_at, response.moderated_by = timezone.now(), by
        response.save()
        audit_log(
            instance=response,
            action="tenders.feedback.published" if publish else "tenders.feedback.hidden",
            user=by,
            reason=reason,
            changes={"comment_state": (before, response.comment_state)},
            data={"site": response.site.name},
        )
    return response


def feedback_anonymise(*, now: datetime | None = None) -> int:
    """Erase the comments and device marks of responses older than the retention period
    (``settings.FEEDBACK_RETENTION_DAYS``); the rating, the day and the site stay for the
    statistics. Returns how many were erased. Idempotent: run it as often as you like."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    return FeedbackResponse.objects.filter(
        submitted_at__lt=cutoff, anonymised_at__isnull=True
    ).update(
        comment="",
        published_comment="",
        hidden_reason="",
        device="",
        comment_state=CommentState.NONE,
        anonymised_at=now,
    )
