"""Back-office screens of the award: the decision (confirmed on a page of its own before it
is published), and the challenges to it."""

from django import forms
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incubator.kernel.actions import ActionView
from incubator.kernel.money import format_rmb
from tenders.models import TenderBid
from tenders.selectors import (
    awards_user_may_record_challenge,
    awards_user_may_resolve_challenge,
    tenders_user_may_award,
)
from tenders.services.awards import (
    OVER_BID,
    tender_award,
)
from tenders.services.challenges import award_challenge_record, award_challenge_resolve
from tenders.services.evaluation import sealed_bids


class BidChoiceField(forms.ModelChoiceField):
    """A bid named by its organisation and price, so the ceiling of the value is in view."""

    def label_from_instance(self, obj):
        return f"{obj.organisation.name} · {format_rmb(obj.price)}"


class AwardForm(forms.Form):
    """The award decision. The service holds the rules; the form says them and checks the
    value against the chosen bid's price so the officer sees the refusal on the field."""

    bid = BidChoiceField(label=gettext_lazy("Winning bid"), queryset=None)
    amount = forms.DecimalField(
        label=gettext_lazy("Contract value (RMB)"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        help_text=gettext_lazy("At most the winning bid's price."),
    )
    rationale = forms.CharField(
        label=gettext_lazy("Rationale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Published with the award notice."),
    )
    not_top_ranked_reason = forms.CharField(
        label=gettext_lazy("Reason for choosing a bid other than the top-ranked one"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Required when the winning bid is not ranked first; recorded in the award's history."
        ),
    )
    contract_starts_on = forms.DateField(
        label=gettext_lazy("Contract starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    contract_months = forms.IntegerField(
        label=gettext_lazy("Contract months"), min_value=1, max_value=36, initial=12
    )
    long_contract_reason = forms.CharField(
        label=gettext_lazy("Reason for a contract over 12 months"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deliverables = forms.CharField(
        label=gettext_lazy("Deliverables"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, tender, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].queryset = (
            sealed_bids(tender)
            .filter(status=TenderBid.Status.SUBMITTED)
            .select_related("organisation")
        )

    def clean(self):
        data = super().clean()
        bid, amount = data.get("bid"), data.get("amount")
        if bid is not None and amount is not None and amount > bid.price:
            self.add_error("amount", OVER_BID % {"price": format_rmb(bid.price)})
        return data


class Award(ActionView):
    """A bureau officer awards the tender once every evaluator has finished."""

    selector = staticmethod(tenders_user_may_award)
    form_class = AwardForm
    heading = gettext_lazy("Award the tender")
    icon = "success"

    def get_form_kwargs(self, tender):
        return {"tender": tender}

    def act(self, tender, data):
        tender_award(tender=tender, by=self.request.user, **data)
        return _("The award is published; letters and emails are on their way.")

    def confirmation(self, tender, data):
        """What the officer confirms: it is published at once and cannot be taken back."""
        form = AwardForm(tender=tender)
        rows = [
            (form.fields["bid"].label, form.fields["bid"].label_from_instance(data["bid"])),
            (form.fields["amount"].label, format_rmb(data["amount"])),
            (form.fields["rationale"].label, data["rationale"]),
            (
                _("Contract period"),
                _("%(months)s months from %(start)s")
                % {
                    "months": data["contract_months"],
                    "start": date_format(data["contract_starts_on"]),
                },
            ),
            (form.fields["deliverables"].label, data["deliverables"]),
        ]
        for name in ("not_top_ranked_reason", "long_contract_reason"):
            if data.get(name):
                rows.append((form.fields[name].label, data[name]))
        return rows

    def back_url(self, tender):
        return reverse("tenders_admin:tender", args=[tender.pk])

    def subtitle(self, tender):
        return f"{tender.reference} {tender.title}"

    def intro(self, tender):
        return _(
            "The notice is public at once: one working day of notice, then seven working days "
            "for challenges, after which the award becomes final and the contract is created."
        )


class ChallengeForm(forms.Form):
    challenger = forms.CharField(label=gettext_lazy("Challenger"), max_length=200)
    grounds = forms.CharField(
        label=gettext_lazy("Grounds"), widget=forms.Textarea(attrs={"rows": 4})
    )
    received_on = forms.DateField(
        label=gettext_lazy("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class _AwardAction(ActionView):
    """An action on an award, back on its tender's page."""

    select_related = ("tender",)
    icon = "warning"

    def back_url(self, award):
        return reverse("tenders_admin:tender", args=[award.tender_id])

    def subtitle(self, award):
        return award.tender.reference


class Challenge(_AwardAction):
    """A bureau officer records a challenge to an award."""

    selector = staticmethod(awards_user_may_record_challenge)
    form_class = ChallengeForm
    heading = gettext_lazy("Record a challenge")

    def act(self, award, data):
        award_challenge_record(award=award, by=self.request.user, **data)
        return _("The challenge is recorded; the award waits until it is resolved.")


class ResolveForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("0", gettext_lazy("Dismissed: the award stands")),
            ("1", gettext_lazy("Upheld: the award is set aside")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Resolution"), widget=forms.Textarea(attrs={"rows": 4})
    )


class Resolve(_AwardAction):
    """A bureau officer resolves the challenges to an award."""

    selector = staticmethod(awards_user_may_resolve_challenge)
    form_class = ResolveForm
    heading = gettext_lazy("Resolve the challenge")

    def act(self, award, data):
        award_challenge_resolve(award=award, by=self.request.user, **data)
        return _("The challenge is resolved.")
