"""Back-office screens of the award: the decision (confirmed on a page of its own before it
is published), and the challenges to it."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incubator.incubation.admin.views import action_form
from incubator.kernel.money import format_rmb
from tenders.admin_views import _officer_only
from tenders.models import TenderAward, TenderBid, TenderPage
from tenders.services.awards import (
    OVER_BID,
    award_challenge_record,
    award_challenge_resolve,
    tender_award,
)
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


def award(request, pk: int):
    """A bureau officer awards the tender once every evaluator has finished."""
    _officer_only(request)
    tender = get_object_or_404(TenderPage, pk=pk).tender
    back = reverse("tenders_admin:tender", args=[tender.pk])

    def act(data):
        tender_award(tender=tender, by=request.user, **data)
        return _("The award is published; letters and emails are on their way."), back

    def confirm(data):
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

    return action_form(
        request,
        form=AwardForm(request.POST or None, tender=tender),
        act=act,
        confirm=confirm,
        back=back,
        heading=_("Award the tender"),
        subtitle=f"{tender.reference} {tender.title}",
        intro=_(
            "The notice is public at once: one working day of notice, then seven working days "
            "for challenges, after which the award becomes final and the contract is created."
        ),
        icon="success",
    )


class ChallengeForm(forms.Form):
    challenger = forms.CharField(label=gettext_lazy("Challenger"), max_length=200)
    grounds = forms.CharField(
        label=gettext_lazy("Grounds"), widget=forms.Textarea(attrs={"rows": 4})
    )
    received_on = forms.DateField(
        label=gettext_lazy("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )


def challenge(request, pk: int):
    """A bureau officer records a challenge to an award."""
    _officer_only(request)
    item = get_object_or_404(TenderAward.objects.select_related("tender"), pk=pk)
    back = reverse("tenders_admin:tender", args=[item.tender_id])

    def act(data):
        award_challenge_record(award=item, by=request.user, **data)
        return _("The challenge is recorded; the award waits until it is resolved."), back

    return action_form(
        request,
        form=ChallengeForm(request.POST or None),
        act=act,
        back=back,
        heading=_("Record a challenge"),
        subtitle=item.tender.reference,
        icon="warning",
    )


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


def resolve(request, pk: int):
    """A bureau officer resolves the challenges to an award."""
    _officer_only(request)
    item = get_object_or_404(TenderAward.objects.select_related("tender"), pk=pk)
    back = reverse("tenders_admin:tender", args=[item.tender_id])

    def act(data):
        award_challenge_resolve(award=item, by=request.user, **data)
        return _("The challenge is resolved."), back

    return action_form(
        request,
        form=ResolveForm(request.POST or None),
        act=act,
        back=back,
        heading=_("Resolve the challenge"),
        subtitle=item.tender.reference,
        icon="warning",
    )
