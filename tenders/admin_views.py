"""Back-office screens of the tender process: the tenders with their bid counts, one tender's
questions, evaluators, evaluation and award, and a bid once it may be opened."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Case, Count, OuterRef, Subquery, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from incubator.incubation.admin.views import action_form
from incubator.incubation.selectors import get_visible_or_404
from incubator.kernel.roles import Role, user_has_role
from incubator.kernel.security import log_refused_access
from tenders.forms import TenderFilterForm
from tenders.models import (
    ConflictGround,
    EvaluatorDeclaration,
    TenderBid,
    TenderClarification,
    TenderPage,
)
from tenders.selectors import (
    bids_openable_by,
    is_tender_officer,
    standing_award,
    tenders_evaluated_by,
    tenders_managed_by,
)
from tenders.services.bids import bid_disqualify
from tenders.services.clarifications import clarification_answer
from tenders.services.evaluation import (
    bid_score,
    conflicts_declare,
    evaluation_results,
    evaluator_assign,
    evaluators_of,
    is_cleared,
    sealed_bids,
    users_who_may_evaluate,
)


def _officer_only(request):
    if not is_tender_officer(request.user):
        log_refused_access(request)
        raise Http404


TENDERS_PER_PAGE = 50


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
        tenders_managed_by(user)
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


def tender_detail(request, pk: int):
    """One tender's process as the user may see it."""
    tender = get_visible_or_404(request, tenders_managed_by(request.user), pk=pk).tender
    user = request.user
    now = timezone.now()
    officer = is_tender_officer(user)
    openable = bids_openable_by(user).filter(tender=tender).select_related("organisation")
    assigned = list(evaluators_of(tender).order_by("username"))
    declaration = EvaluatorDeclaration.objects.filter(tender=tender, evaluator=user).first()
    context = {
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
        "past_deadline": tender.is_past_deadline(now),
        "results": evaluation_results(tender=tender) if tender.is_past_deadline(now) else None,
        "award": standing_award(tender),
        "questions": tender.clarifications.select_related("organisation") if officer else [],
    }
    return TemplateResponse(request, "tenders/admin/tender.html", context)


def bid_detail(request, pk: int):
    """A bid's content, only once the user may open it (404 before the deadline for all)."""
    bid = get_visible_or_404(
        request, bids_openable_by(request.user).select_related("tender", "organisation"), pk=pk
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


class AssignForm(forms.Form):
    user = forms.ModelChoiceField(label=gettext_lazy("Evaluator"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users_who_may_evaluate()


def assign(request, pk: int):
    """A bureau officer assigns an evaluator to a tender."""
    _officer_only(request)
    tender = get_object_or_404(TenderPage, pk=pk).tender
    back = reverse("tenders_admin:tender", args=[tender.pk])

    def act(data):
        evaluator_assign(tender=tender, user=data["user"], by=request.user)
        return _("The evaluator is assigned."), back

    return action_form(
        request,
        form=AssignForm(request.POST or None),
        act=act,
        back=back,
        heading=_("Assign an evaluator"),
        subtitle=f"{tender.reference} {tender.title}",
        intro=_(
            "The evaluator sees the bids only after the deadline, and only after declaring "
            "no conflict of interest with any bidder."
        ),
        icon="group",
    )


class DeclarationForm(forms.Form):
    """One ground (or none) and details per bidder."""

    def __init__(self, *args, bids, **kwargs):
        super().__init__(*args, **kwargs)
        self.bids = bids
        for bid in bids:
            # No answer is preselected: the evaluator must choose one for every bidder.
            self.fields[f"ground_{bid.pk}"] = forms.ChoiceField(
                label=bid.organisation.name,
                choices=[("", _("Choose an answer")), *ConflictGround.choices],
                initial="",
            )
            self.fields[f"details_{bid.pk}"] = forms.CharField(
                label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def lines(self) -> dict:
        data = self.cleaned_data
        return {bid.pk: (data[f"ground_{bid.pk}"], data[f"details_{bid.pk}"]) for bid in self.bids}


def declare(request, pk: int):
    """An assigned evaluator declares conflicts of interest against every bidder."""
    tender = get_visible_or_404(request, tenders_evaluated_by(request.user), pk=pk)
    back = reverse("tenders_admin:tender", args=[tender.pk])
    form = DeclarationForm(request.POST or None, bids=list(sealed_bids(tender)))

    def act(data):
        declaration = conflicts_declare(tender=tender, evaluator=request.user, lines=form.lines())
        if declaration.recused:
            return _("You declared a conflict and are recused from this tender."), back
        return _("Declaration recorded. You may now open the bids."), back

    return action_form(
        request,
        form=form,
        act=act,
        back=back,
        heading=_("Declare conflicts of interest"),
        subtitle=f"{tender.reference} {tender.title}",
        intro=_(
            "Under Article 9 of the Implementing Regulation of the Government Procurement Law, "
            "declare any relationship with each bidder. Any conflict recuses you from the whole "
            "tender. A declaration cannot be changed."
        ),
        icon="warning",
    )


class ScoreForm(forms.Form):
    def __init__(self, *args, criteria, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            old = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=_("%(name)s (0 to %(weight)s)")
                % {"name": criterion.name, "weight": criterion.weight},
                min_value=0,
                max_value=criterion.weight,
                decimal_places=2,
                initial=old.score if old else None,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=pgettext_lazy("score", "Comment"),
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=old.comment if old else "",
            )

    def scores(self) -> dict:
        data = self.cleaned_data
        return {c.pk: (data[f"score_{c.pk}"], data[f"comment_{c.pk}"]) for c in self.criteria}


def score(request, pk: int):
    """A cleared evaluator scores a bid's non-price criteria."""
    bid = get_visible_or_404(
        request, bids_openable_by(request.user).select_related("tender", "organisation"), pk=pk
    )
    if not is_cleared(bid.tender, request.user):
        log_refused_access(request, model=bid, object_id=bid.pk)
        raise Http404
    criteria = [c for c in bid.tender.criteria.all() if not c.is_price]
    existing = {s.criterion_id: s for s in bid.scores.filter(evaluator=request.user)}
    form = ScoreForm(request.POST or None, criteria=criteria, existing=existing)
    back = reverse("tenders_admin:bid", args=[bid.pk])

    def act(data):
        bid_score(bid=bid, evaluator=request.user, scores=form.scores())
        return _("Scores saved."), reverse("tenders_admin:tender", args=[bid.tender_id])

    return action_form(
        request,
        form=form,
        act=act,
        back=back,
        heading=_("Score the bid"),
        subtitle=bid.organisation.name,
        intro=_("The price criterion is scored by formula."),
        icon="tasks",
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 4}))


def disqualify(request, pk: int):
    """A bureau officer disqualifies a submitted bid with a reason."""
    _officer_only(request)
    bid = get_visible_or_404(
        request, bids_openable_by(request.user).select_related("tender", "organisation"), pk=pk
    )
    back = reverse("tenders_admin:bid", args=[bid.pk])

    def act(data):
        bid_disqualify(bid=bid, reason=data["reason"], by=request.user)
        return _("The bid is disqualified."), back

    return action_form(
        request,
        form=ReasonForm(request.POST or None),
        act=act,
        back=back,
        heading=_("Disqualify the bid"),
        subtitle=bid.organisation.name,
        icon="cross",
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Published on the tender page at once, without the asker's name."),
    )


def answer(request, pk: int):
    """A bureau officer answers a clarification question."""
    _officer_only(request)
    question = get_object_or_404(
        TenderClarification.objects.filter(answered_at__isnull=True).select_related("tender"),
        pk=pk,
    )
    back = reverse("tenders_admin:tender", args=[question.tender_id])

    def act(data):
        clarification_answer(clarification=question, answer=data["answer"], by=request.user)
        return _("The answer is published."), back

    return action_form(
        request,
        form=AnswerForm(request.POST or None),
        act=act,
        back=back,
        heading=_("Answer the question"),
        subtitle=question.tender.reference,
        intro=question.question,
        icon="help",
    )
