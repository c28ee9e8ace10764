"""What the public page of a tender shows besides its own fields: answered questions
(without names), the award notice, and for organisation members their eligibility, their bid
and the question form. The process read here is the tender's, the same in every language."""

from django.utils import timezone, translation

from cms.pagecache import cached
from incubator.incubation.selectors import live_membership
from tenders.duties import award_delivery
from tenders.forms import QuestionForm
from tenders.services.eligibility import tender_eligibility

from .bids import TenderBid, TenderClarification


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= character <= "\u9fff" for character in text or "")


def _translated_content(page, source) -> dict:
    """The criteria, documents and required documents the page shows: its own (a translation
    holds its own translated criteria, which its editor checks), and the source page's
    documents and required documents where the translation has none, with their language."""
    documents = list(page.documents.select_related("document")) or list(
        source.documents.select_related("document")
    )
    required = page.required_documents or source.required_documents
    return {
        "criteria": list(page.criteria.all()),
        "documents": documents,
        "required_documents": required,
        "required_documents_lang": source.locale.language_code
        if not page.required_documents and required
        else "",
    }


class AnsweredQuestion:
    """An answered question as published: in the language it was asked and answered in,
    which the page names when it is not the page's own."""

    def __init__(self, clarification: TenderClarification):
        self.question = clarification.question
        self.answer = clarification.answer
        self.answered_at = clarification.answered_at
        self.lang = "zh-Hans" if _is_chinese(self.question + self.answer) else "en"


def tender_page_context(page, request) -> dict:
    """What the public tender page shows: answered questions (without names), the award
    notice, the published contract and the bureau's duties after the award, and for
    organisation members their eligibility and their bid."""
    tender = page.tender
    now = timezone.now()
    # Nothing is awarded before the deadline (evaluation follows it): no query while open.
    award = tender.standing_award() if now >= tender.deadline else None
    context = {
        "tender": tender,
        "status": tender.status(now),
        # Page content, changed only by publishing: from the shared page cache. A translation
        # shows its own criteria, documents and required documents.
        **cached(
            f"content:{page.pk}",
            lambda: _translated_content(page, tender.source_page or page),
        ),
        "answered": [
            AnsweredQuestion(item)
            for item in TenderClarification.objects.filter(
                tender=tender, answered_at__isnull=False
            ).only("question", "answer", "answered_at")
        ],
        "award": award,
        "page_chinese": (translation.get_language() or "").startswith("zh"),
        # After the award: the published contract and the bureau's duties, met or not.
        **award_delivery(award, timezone.localdate(now)),
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
            question_form=QuestionForm() if tender.may_ask(now) else None,
        )
    return context
