"""Back-office screens of the tender process: the tenders with their bid counts, one tender's
questions, evaluators, evaluation and award, and a bid once it may be opened."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Case, Count, OuterRef, Subquery, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incubator.kernel.actions import ActionView
from incubator.kernel.forms import ReasonForm
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.roles import Role, user_has_role
from tenders.duties import open_duties
from tenders.forms import TenderFilterForm
from tenders.models import (
    EvaluatorDeclaration,
    TenderBid,
    TenderClarification,
)
from tenders.selectors import (
    bids_user_may_disqualify,
    bids_user_may_open,
    clarifications_user_may_answer,
    is_tender_officer,
    standing_award,
    tender_processes_visible_to,
)
from tenders.services.bids import bid_disqualify
from tenders.services.clarifications import clarification_answer
from tenders.services.evaluation import (
    evaluation_results,
    evaluators_of,
    is_cleared,
)

TENDERS_PER_PAGE = 50
DUTIES_PER_PAGE = 50


def _count_of(queryset) -> Subquery:
    """A correlated count, so two counts over two relations never multiply each other."""
    return Coalesce(
        Subquery(
            queryset.filter(tender=OuterRef("tender"))
            .order_by()
            .values("tender")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def tender_index(request):
    """Tenders with their open questions and, once the deadline has passed, the number of
    bids received (never before: who bid and how many is sealed), filtered by status,
    category and search words as on the public index, a page at a time."""
    user = request.user
    if not (is_tender_officer(user) or user_has_role(user, Role.EVALUATOR)):
        raise Http404
    now = timezone.now()
    tenders = (
        tender_processes_visible_to(user)
        .one_per_tender()
        .annotate(
            bid_count=Case(
                When(
                    deadline__lte=now,
                    then=_count_of(TenderBid.objects.filter(status__in=TenderBid.SEALED)),
                ),
                default=None,
            ),
            question_count=_count_of(TenderClarification.objects.filter(answered_at__isnull=True)),
        )
        .with_state()
        .order_by("-deadline", "-pk")
    )
    form = TenderFilterForm(request.GET or None)
    if form.is_valid():
        tenders = form.filter(tenders)
    paginator = Paginator(tenders, TENDERS_PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "tenders/admin/index.html",
        {
            "tenders": page,
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "filter_form": form,
        },
    )


def duties_index(request):
    """Our deadlines: every duty of the bureau after awards not done yet (sign, publish,
    answer a challenge, pay a tranche), by due date, so the late ones come first, a page at a
    time; for tender officers. Three queries for the duties, whatever their number."""
    if not is_tender_officer(request.user):
        raise Http404
    paginator = Paginator(open_duties(today=timezone.localdate()), DUTIES_PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "tenders/admin/duties.html",
        {"duties": page, "elided_page_range": paginator.get_elided_page_range(page.number)},
    )


def next_step(
    *, tender, officer, evaluators, is_evaluator, declaration, past_deadline, results, award
):
    """The one transition that moves this tender's process on for this user, as (label, url,
    note), or None; shown as the page's primary button. Officers assign, award and resolve;
    evaluators declare their conflicts."""
    if award is not None:
        if officer and award.status == "challenged":
            url = reverse("tenders_admin:resolve", args=[award.pk])
            return _("Resolve the challenge"), url, _("The award waits until it is resolved.")
        return None
    if officer and results is not None and results.finished:
        url = reverse("tenders_admin:award", args=[tender.pk])
        return _("Award the tender"), url, _("Every evaluator has finished: the ranking is ready.")
    if officer and past_deadline and evaluators:
        url = reverse("tenders_admin:award", args=[tender.pk])
        note = _("The evaluation is not finished: the award form shows what is missing.")
        return _("Award the tender"), url, note
    if officer and not evaluators:
        url = reverse("tenders_admin:assign", args=[tender.pk])
        return _("Assign evaluators"), url, _("Nobody can evaluate the bids until assigned.")
    if is_evaluator and past_deadline and declaration is None:
        url = reverse("tenders_admin:declare", args=[tender.pk])
        return (
            _("Declare conflicts of interest"),
            url,
            _("Declare before you open any bid."),
        )
    return None


def tender_detail(request, pk: int):
    """One tender's process as the user may see it."""
    tender = get_visible_or_404(request, tender_processes_visible_to(request.user), pk=pk).tender
    user = request.user
    now = timezone.now()
    officer = is_tender_officer(user)
    openable = bids_user_may_open(user).filter(tender=tender).select_related("organisation")
    assigned = list(evaluators_of(tender).order_by("username"))
    declaration = EvaluatorDeclaration.objects.filter(tender=tender, evaluator=user).first()
    past_deadline = tender.is_past_deadline(now)
    results = evaluation_results(tender=tender) if past_deadline else None
    award = standing_award(tender)
    context = {
        "next_step": next_step(
            tender=tender,
            officer=officer,
            evaluators=assigned,
            is_evaluator=user in assigned,
            declaration=declaration,
            past_deadline=past_deadline,
            results=results,
            award=award,
        ),
        "tender": tender,
        "status": tender.status(now),
        "officer": officer,
        # Who bid and how many is sealed until the deadline, for staff as for everyone.
        "bid_count": (
            tender.bids.filter(status__in=TenderBid.SEALED).count()
            if tender.is_past_deadline(now)
            else None
        ),
        "bids": list(openable),
        "evaluators": assigned,
        "is_evaluator": user in assigned,
        "declaration": declaration,
        "past_deadline": past_deadline,
        "results": results,
        "award": award,
        "questions": tender.clarifications.select_related("organisation") if officer else [],
    }
    return TemplateResponse(request, "tenders/admin/tender.html", context)


def bid_detail(request, pk: int):
    """A bid's content, only once the user may open it (404 before the deadline for all)."""
    bid = get_visible_or_404(
        request, bids_user_may_open(request.user).select_related("tender", "organisation"), pk=pk
    )
    return TemplateResponse(
        request,
        "tenders/admin/bid.html",
        {
            "bid": bid,
            "tender": bid.tender,
            "attachments": bid.attachments.all(),
            "officer": is_tender_officer(request.user),
            "may_score": is_cleared(bid.tender, request.user),
            "scores": bid.scores.filter(evaluator=request.user).select_related("criterion"),
        },
    )


class Disqualify(ActionView):
    """A bureau officer disqualifies a submitted bid with a reason."""

    selector = staticmethod(lambda user: bids_user_may_open(user) & bids_user_may_disqualify(user))
    select_related = ("tender", "organisation")
    form_class = ReasonForm
    heading = gettext_lazy("Disqualify the bid")
    icon = "cross"

    def act(self, bid, data):
        bid_disqualify(bid=bid, reason=data["reason"], by=self.request.user)
        return _("The bid is disqualified.")

    def back_url(self, bid):
        return reverse("tenders_admin:bid", args=[bid.pk])

    def subtitle(self, bid):
        return bid.organisation.name


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Published on the tender page at once, without the asker's name."),
    )


class Answer(ActionView):
    """A bureau officer answers a clarification question (once: an answered one is gone)."""

    selector = staticmethod(clarifications_user_may_answer)
    select_related = ("tender",)
    form_class = AnswerForm
    heading = gettext_lazy("Answer the question")
    icon = "help"

    def get_object(self):
        question = super().get_object()
        if question.answered_at is not None:
            raise Http404
        return question

    def act(self, question, data):
        clarification_answer(clarification=question, answer=data["answer"], by=self.request.user)
        return _("The answer is published.")

    def back_url(self, question):
        return reverse("tenders_admin:tender", args=[question.tender_id])

    def subtitle(self, question):
        return question.tender.reference

    def intro(self, question):
        return question.question
