"""Back-office screens of the evaluation: a bureau officer assigns evaluators; each declares
conflicts of interest against every bidder; cleared evaluators score the bids."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from incubator.kernel.actions import ActionView
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


class Assign(ActionView):
    """A bureau officer assigns an evaluator to a tender."""

    selector = staticmethod(tenders_user_may_assign_evaluators)
    form_class = AssignForm
    heading = gettext_lazy("Assign an evaluator")
    icon = "group"

    def act(self, tender, data):
        evaluator_assign(tender=tender, user=data["user"], by=self.request.user)
        return _("The evaluator is assigned.")

    def back_url(self, tender):
        return reverse("tenders_admin:tender", args=[tender.pk])

    def subtitle(self, tender):
        return f"{tender.reference} {tender.title}"

    def intro(self, tender):
        return _(
            "The evaluator sees the bids only after the deadline, and only after declaring "
            "no conflict of interest with any bidder."
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


class Declare(ActionView):
    """An assigned evaluator declares conflicts of interest against every bidder."""

    selector = staticmethod(tenders_user_may_declare)
    form_class = DeclarationForm
    heading = gettext_lazy("Declare conflicts of interest")
    icon = "warning"

    def get_form_kwargs(self, tender):
        return {"bids": list(sealed_bids(tender))}

    def get_form(self, tender):
        self.form = super().get_form(tender)
        return self.form

    def act(self, tender, data):
        declaration = conflicts_declare(
            tender=tender, lines=self.form.lines(), by=self.request.user
        )
        if declaration.recused:
            return _("You declared a conflict and are recused from this tender.")
        return _("Declaration recorded. You may now open the bids.")

    def back_url(self, tender):
        return reverse("tenders_admin:tender", args=[tender.pk])

    def subtitle(self, tender):
        return f"{tender.reference} {tender.title}"

    def intro(self, tender):
        return _(
            "Under Article 9 of the Implementing Regulation of the Government Procurement Law, "
            "declare any relationship with each bidder. Any conflict recuses you from the whole "
            "tender. A declaration cannot be changed."
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


class Score(ActionView):
    """A cleared evaluator scores a bid's judged criteria (price and past performance are
    computed)."""

    selector = staticmethod(lambda user: bids_user_may_open(user) & bids_user_may_score(user))
    select_related = ("tender", "organisation")
    form_class = ScoreForm
    heading = gettext_lazy("Score the bid")
    icon = "tasks"

    def get_form_kwargs(self, bid):
        existing = {s.criterion_id: s for s in bid.scores.filter(evaluator=self.request.user)}
        criteria = [c for c in bid.tender.criteria.all() if c.is_judged]
        return {"criteria": criteria, "existing": existing}

    def get_form(self, bid):
        self.form = super().get_form(bid)
        return self.form

    def act(self, bid, data):
        bid_score(bid=bid, scores=self.form.scores(), by=self.request.user)
        return _("Scores saved.")

    def back_url(self, bid):
        return reverse("tenders_admin:bid", args=[bid.pk])

    def success_url(self, bid):
        return reverse("tenders_admin:tender", args=[bid.tender_id])

    def subtitle(self, bid):
        return bid.organisation.name

    def intro(self, bid):
        price = _("The price criterion is scored by formula.")
        if bid.tender.criteria.filter(is_past_performance=True).exists():
            past = _(
                "Past performance is computed from the bidder's accepted performance grades; "
                "you do not score it."
            )
            return f"{price} {past}"
        return price
