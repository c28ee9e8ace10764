"""Clarification questions: organisation members ask while the tender is open and before its
cut-off; a bureau officer answers; answers are public without the asker's name."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.notifications import organisation_members
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.notifications import (
    bureau_officers,
    notifications_done,
    notify_on_commit,
)
from tenders.models import Tender, TenderClarification, TenderPage
from tenders.selectors import clarifications_user_may_answer, organisations_user_may_ask_for
from tenders.services import NOT_ALLOWED

QUESTIONS_CLOSED = _("Questions about this tender closed at %(cutoff)s.")
ANSWER_REQUIRED = _("Write the answer; it is published on the tender page.")
ANSWERED_ALREADY = _("This question has been answered already.")
QUESTION_REQUIRED = _("Write your question.")


def may_ask(*, tender: TenderPage, now=None) -> bool:
    return Tender.of(tender).may_ask(now)


@transaction.atomic
def clarification_ask(
    *, tender: TenderPage, organisation, question: str, by, now=None
) -> TenderClarification:
    """A member asks a question. Before: the tender is open and the cut-off not reached."""
    require_allowed(organisations_user_may_ask_for, by, organisation, message=NOT_ALLOWED)
    now = now or timezone.now()
    tender = Tender.objects.get(pk=Tender.of(tender).pk)
    if not may_ask(tender=tender, now=now):
        cutoff = timezone.localtime(min(tender.clarification_cutoff, tender.deadline))
        raise ServiceError(QUESTIONS_CLOSED % {"cutoff": f"{cutoff:%Y-%m-%d %H:%M}"}, code="closed")
    question = (question or "").strip()
    if not question:
        raise ServiceError(QUESTION_REQUIRED, code="question_required")
    clarification = TenderClarification.objects.create(
        tender=tender, organisation=organisation, question=question, asked_at=now, asked_by=by
    )
    audit_log(
        instance=clarification,
        action="tenders.clarification.ask",
        user=by,
        data={"tender": tender.reference},
    )
    notify_on_commit(
        users=bureau_officers(),
        template="tenders/email/question_asked",
        context={"tender": tender},
        link=("tenders_admin:tender", [tender.pk]),
        item=clarification,
    )
    return clarification


@transaction.atomic
def clarification_answer(
    *, clarification: TenderClarification, answer: str, by, now=None
) -> TenderClarification:
    """A bureau officer answers a question once; the answer is public at once."""
    require_allowed(clarifications_user_may_answer, by, clarification, message=NOT_ALLOWED)
    clarification = TenderClarification.objects.select_for_update().get(pk=clarification.pk)
    if clarification.answered_at is not None:
        raise ServiceError(ANSWERED_ALREADY, code="answered")
    answer = (answer or "").strip()
    if not answer:
        raise ServiceError(ANSWER_REQUIRED, code="answer_required")
    clarification.answer = answer
    clarification.answered_at = now or timezone.now()
    clarification.answered_by = by
    clarification.save(update_fields=["answer", "answered_at", "answered_by"])
    audit_log(instance=clarification, action="tenders.clarification.answer", user=by, data={})
    notifications_done(item=clarification)
    # The organisation that asked hears of the answer; everybody else reads it on the page.
    notify_on_commit(
        users=organisation_members([clarification.organisation_id]),
        template="tenders/email/question_answered",
        context={"tender": clarification.tender, "clarification": clarification},
        link=("tenders_portal:bid", [clarification.tender_id]),
    )
    return clarification
