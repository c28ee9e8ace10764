"""Who may read what in tenders. Bids are sealed: before the deadline only the bidding
organisation reads its bid; afterwards bureau officers and assigned evaluators who declared
no conflict. Everyone else gets 404, superusers and site administrators included."""

from django.db.models import QuerySet
from django.utils import timezone, translation

from guardian.shortcuts import get_objects_for_user

from cms.pagecache import cached
from incubator.incubation.selectors import hubs_user_may_manage, live_membership
from tenders.models import (
    Contract,
    EvaluatorDeclaration,
    TenderAward,
    TenderBid,
    TenderClarification,
    TenderPage,
)

BUREAU_BID_PERMISSION = "tenders.view_tenderbid"
BUREAU_TENDER_PERMISSION = "tenders.change_tenderbid"


def _global(user, perm: str) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(perm))


def is_tender_officer(user) -> bool:
    """Bureau officers (and superusers): they run evaluations and awards."""
    return user.is_authenticated and _global(user, BUREAU_TENDER_PERMISSION)


def tenders_evaluated_by(user) -> QuerySet[TenderPage]:
    """Tenders the user is assigned to evaluate (object permission), never globally."""
    if not user.is_authenticated:
        return TenderPage.objects.none()
    return get_objects_for_user(
        user,
        "tenders.evaluate_tender",
        klass=TenderPage,
        accept_global_perms=False,
        with_superuser=False,
    )


def tenders_managed_by(user) -> QuerySet[TenderPage]:
    """Tenders whose process (bids count, questions, evaluation, award) the user sees in the
    back office: every tender for bureau officers; their assigned tenders for evaluators."""
    if not user.is_authenticated:
        return TenderPage.objects.none()
    if is_tender_officer(user):
        return TenderPage.objects.all()
    return tenders_evaluated_by(user)


def tenders_cleared_for(user) -> QuerySet[TenderPage]:
    """Assigned tenders past their deadline for which the evaluator declared no conflict."""
    clear = EvaluatorDeclaration.objects.filter(evaluator=user, recused=False)
    return tenders_evaluated_by(user).filter(
        pk__in=clear.values("tender"), deadline__lte=timezone.now()
    )


def bids_openable_by(user, *, now=None) -> QuerySet[TenderBid]:
    """Bids whose content the user may read in the back office: none before the deadline;
    afterwards every bid that reached it for bureau officers, and the bids of their cleared
    tenders for evaluators."""
    if not user.is_authenticated:
        return TenderBid.objects.none()
    now = now or timezone.now()
    recused = EvaluatorDeclaration.objects.filter(evaluator=user, recused=True)
    sealed_over = TenderBid.objects.filter(
        status__in=TenderBid.SEALED, tender__deadline__lte=now
    ).exclude(tender__in=recused.values("tender"))
    if _global(user, BUREAU_BID_PERMISSION):
        # A bureau officer recused as an evaluator of a tender does not read its bids either.
        return sealed_over
    clear = EvaluatorDeclaration.objects.filter(evaluator=user, recused=False)
    return sealed_over.filter(
        tender__in=tenders_evaluated_by(user).values("pk"),
    ).filter(tender__in=clear.values("tender"))


def bids_of_own_organisation(user) -> QuerySet[TenderBid]:
    """The bids of the user's organisation, at any time."""
    membership = live_membership(user)
    if membership is None:
        return TenderBid.objects.none()
    return TenderBid.objects.filter(organisation=membership.organisation_id)


def contracts_visible_to(user) -> QuerySet[Contract]:
    """Contracts in the back office: every one for bureau officers; those of their hubs'
    organisations for hub managers (contracts are public once signed, but the back office
    shows each manager their own part)."""
    if not user.is_authenticated:
        return Contract.objects.none()
    if is_tender_officer(user):
        return Contract.objects.all()
    return Contract.objects.filter(organisation__hub__in=hubs_user_may_manage(user))


def standing_award(tender: TenderPage) -> TenderAward | None:
    return (
        TenderAward.objects.filter(tender=tender.canonical)
        .exclude(status=TenderAward.Status.SET_ASIDE)
        .select_related("bid__organisation")
        .first()
    )


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= character <= "\u9fff" for character in text or "")


def _translated_content(page: TenderPage, tender: TenderPage) -> dict:
    """The criteria, documents and required documents the page shows: its own (a translation
    holds its own translated criteria, which its editor checks), and the original tender's
    documents and required documents where the translation has none, with their language."""
    documents = list(page.documents.select_related("document")) or list(
        tender.documents.select_related("document")
    )
    required = page.required_documents or tender.required_documents
    return {
        "criteria": list(page.criteria.all()),
        "documents": documents,
        "required_documents": required,
        "required_documents_lang": tender.locale.language_code
        if not page.required_documents and required
        else "",
    }


class _AnsweredQuestion:
    """An answered question as published: in the language it was asked and answered in,
    which the page names when it is not the page's own."""

    def __init__(self, clarification: TenderClarification):
        self.question = clarification.question
        self.answer = clarification.answer
        self.answered_at = clarification.answered_at
        self.lang = "zh-Hans" if _is_chinese(self.question + self.answer) else "en"


def tender_page_context(page: TenderPage, request) -> dict:
    """What the public tender page shows: answered questions (without names), the award
    notice, and for organisation members their eligibility and their bid."""
    from tenders.forms import QuestionForm
    from tenders.services.clarifications import may_ask
    from tenders.services.eligibility import tender_eligibility

    tender = page.canonical
    now = timezone.now()
    context = {
        "tender": tender,
        "status": tender.status(now),
        # Page content, changed only by publishing: from the shared page cache. A translation
        # shows its own criteria, documents and required documents.
        **cached(f"content:{page.pk}", lambda: _translated_content(page, tender)),
        "answered": [
            _AnsweredQuestion(item)
            for item in TenderClarification.objects.filter(
                tender=tender, answered_at__isnull=False
            ).only("question", "answer", "answered_at")
        ],
        "award": standing_award(tender),
        "page_chinese": (translation.get_language() or "").startswith("zh"),
    }
    membership = live_membership(request.user) if request.user.is_authenticated else None
    if membership is not None:
        organisation = membership.organisation
        context.update(
            membership=membership,
            ineligible_reasons=tender_eligibility(tender=tender, organisation=organisation),
            own_bid=TenderBid.objects.filter(
                tender=tender, organisation=organisation, status__in=TenderBid.LIVE
            ).first(),
            question_form=QuestionForm() if may_ask(tender=tender, now=now) else None,
        )
    return context
