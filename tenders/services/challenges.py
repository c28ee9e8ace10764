"""Challenges to an award: recorded within the challenge window (the award waits), then
resolved: upheld sets the award aside so that the tender may be awarded again; dismissed lets
the award wait for its window again."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.notifications import organisation_members
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.moves import locked_for_move
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.notifications import notifications_done, notify_on_commit
from tenders.models import AwardChallenge, TenderAward, TenderBid
from tenders.selectors import awards_user_may_record_challenge, awards_user_may_resolve_challenge
from tenders.services import NOT_ALLOWED
from tenders.services.awards import MOVE_REFUSED
from tenders.services.queues import challenge_queue

CHALLENGE_LATE = _("The challenge window closed on %(date)s.")
RESOLUTION_REQUIRED = _("Explain how the challenge was resolved.")
GROUNDS_REQUIRED = _("Give the challenger and the grounds of the challenge.")


@transaction.atomic
def award_challenge_record(
    *, award: TenderAward, challenger: str, grounds: str, received_on: date, by, now=None
) -> AwardChallenge:
    """Record a challenge received within the window; the award waits until it is resolved."""
    require_allowed(awards_user_may_record_challenge, by, award, message=NOT_ALLOWED)
    award = locked_for_move(award, TenderAward.Status.CHALLENGED, refused=MOVE_REFUSED)
    challenger, grounds = (challenger or "").strip(), (grounds or "").strip()
    if not challenger or not grounds:
        raise ServiceError(GROUNDS_REQUIRED, code="grounds")
    if received_on > award.challenge_ends_on:
        raise ServiceError(
            CHALLENGE_LATE % {"date": f"{award.challenge_ends_on:%Y-%m-%d}"}, code="late"
        )
    challenge = AwardChallenge.objects.create(
        award=award,
        challenger=challenger,
        grounds=grounds,
        received_on=received_on,
        recorded_at=now or timezone.now(),
        recorded_by=by,
    )
    award.status = TenderAward.Status.CHALLENGED
    award.save(update_fields=["status"])
    audit_log(
        instance=award.tender.source_page,
        action="tenders.award.challenge",
        user=by,
        reason=grounds,
        data={"challenger": challenger},
    )
    challenge_queue(challenge)
    return challenge


@transaction.atomic
def award_challenge_resolve(
    *, award: TenderAward, upheld: bool, note: str, by, now=None
) -> TenderAward:
    """Resolve the challenges to an award. Upheld: the award is set aside and the tender may
    be awarded again. Dismissed: the award waits for its window again (and becomes final
    once it has closed)."""
    require_allowed(awards_user_may_resolve_challenge, by, award, message=NOT_ALLOWED)
    to = TenderAward.Status.SET_ASIDE if upheld else TenderAward.Status.PENDING
    award = locked_for_move(award, to, refused=MOVE_REFUSED)
    note = (note or "").strip()
    if not note:
        raise ServiceError(RESOLUTION_REQUIRED, code="note_required")
    award.status = to
    award.save(update_fields=["status"])
    # The resolution answers every challenge still open (the 7-working-day duty is met today).
    answered_on = timezone.localdate(now or timezone.now())
    award.challenges.filter(answered_on__isnull=True).update(answered_on=answered_on)
    audit_log(
        instance=award.tender.source_page,
        action="tenders.award.resolve",
        user=by,
        reason=note,
        data={"upheld": upheld},
    )
    notifications_done(item=award)
    notify_on_commit(
        users=organisation_members(
            TenderBid.objects.filter(tender=award.tender, status__in=TenderBid.SEALED).values(
                "organisation"
            )
        ),
        template="tenders/email/challenge_resolved",
        context={"tender": award.tender, "upheld": upheld, "note": note},
        link=("tenders_portal:bid", [award.tender_id]),
    )
    return award
