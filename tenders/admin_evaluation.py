"""Back-office screens of the evaluation: a bureau officer assigns evaluators; each declares
conflicts of interest against every bidder; cleared evaluators score the bids."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from incubator.kernel.actions import action_form
from incubator.incubation.selectors import get_visible_or_404
from tenders.models import ConflictGround
from tenders.selectors import (
    bids_user_may_open,
    bids_user_may_score,
    tenders_user_may_assign_evaluators,
    tenders_user_may_declare,
)
from tenders.services.evaluation import (
    bid_score,
    conflicts_declare,
    evaluator_assign,
    sealed_bids,
    users_who_may_evaluate,
)


class AssignForm(forms.Form):
    user = forms.ModelChoiceField(label=gettext_lazy("Evaluator"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users_who_may_evaluate()


def assign(request, pk: int):
    """A bureau officer assigns an evaluator to a tender."""
    tender = get_visible_or_404(
        request, tenders_user_may_assign_evaluators(request.user), pk=pk
    ).canonical
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
    tender = get_visible_or_404(request, tenders_user_may_declare(request.user), pk=pk)
    back = reverse("tenders_admin:tender", args=[tender.pk])
    form = DeclarationForm(request.POST or None, bids=list(sealed_bids(tender)))

    def act(data):
        declaration = conflicts_declare(tender=tender, lines=form.lines(), by=request.user)
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
    user = request.user
    bid = get_visible_or_404(
        request,
        (bids_user_may_open(user) & bids_user_may_score(user)).select_related(
            "tender", "organisation"
        ),
        pk=pk,
    )
    criteria = [c for c in bid.tender.criteria.all() if not c.is_price]
    existing = {s.criterion_id: s for s in bid.scores.filter(evaluator=request.user)}
    form = ScoreForm(request.POST or None, criteria=criteria, existing=existing)
    back = reverse("tenders_admin:bid", args=[bid.pk])

    def act(data):
        bid_score(bid=bid, scores=form.scores(), by=request.user)
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
